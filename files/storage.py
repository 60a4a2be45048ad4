"""The private store: a folder outside every public URL (settings.FILES_ROOT)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files have no URL: a page links to ``files:download``, which checks access first."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.FILES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(
            "Private files have no public URL; link to the files:download view instead."
        )


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
