"""One private file store for every app (security target 10).

An app declares each kind of file it keeps in its own ``file_kinds.py`` (discovered at start-up,
the way the admin discovers ``admin.py``): which model field holds it, which types it accepts, its
size limit, who may download it and under which name. Its model uses ``PrivateFileField(kind=...)``.
Uploads are checked from their content, stored under a random name chosen by the server in
``settings.FILES_ROOT`` (never under a public URL), and downloaded only through ``files:download``,
which asks the owning app's permission check and serves an attachment that a browser cannot run.
"""
