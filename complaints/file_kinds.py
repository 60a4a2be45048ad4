"""The complaints app's private files (discovered by files.apps at start-up).

Attachments are checked by the store's own upload_check (type from content, size, name), then
encrypted before they are written, so the generic files:download view never serves one: it would
hand out ciphertext. complaints.views.attachment decrypts, logs the read and serves it.
"""

from files.registry import FileKind, register

ATTACHMENT = "complaints.attachment"
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def never_through_the_generic_view(user, attachment, as_of) -> bool:
    return False


register(
    FileKind(
        key=ATTACHMENT,
        label="complaint attachment",
        model="complaints.CaseAttachment",
        field="stored_name",
        types=("pdf", "png", "jpeg", "docx", "xlsx"),
        can_download=never_through_the_generic_view,
        download_name=lambda attachment: f"case-{attachment.case.number}-{attachment.pk}",
        max_bytes=MAX_ATTACHMENT_BYTES,
    )
)
