"""Attachments: checked like every upload (files.services.upload_check), images re-encoded
without their metadata (EXIF location, camera serial, author), then encrypted and written to the
private store under a random name. Nothing of the reporter's file name is kept."""

import io
import os
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from complaints.crypto import decrypt_bytes, encrypt_bytes
from complaints.file_kinds import ATTACHMENT
from files.services import upload_check
from files.storage import private_storage

FOLDER = "complaints/attachment"
# Decompression bombs: a small file that decodes to a huge image is refused.
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class PreparedFile:
    data: bytes
    file_type: str
    metadata_removed: bool


def _without_metadata(data: bytes, file_type: str) -> bytes:
    """The image drawn again from its pixels: EXIF, XMP, text chunks and comments are gone."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)  # keep it upright once orientation is gone
            if file_type == "jpeg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            # Only the pixels cross over: a new image carries no info, EXIF or ICC profile.
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P":
                clean.putpalette(image.getpalette())
            out = io.BytesIO()
            if file_type == "jpeg":
                clean.save(out, "JPEG", quality=90)
            else:
                clean.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(
            _("This image could not be read, so it cannot be attached; save it again and retry."),
            code="file_damaged",
        ) from error


def attachment_prepare(upload) -> PreparedFile:
    """Check ``upload`` (an UploadedFile) and return its bytes ready to encrypt."""
    checked = upload_check(upload=upload, kind_key=ATTACHMENT, name=upload.name)
    upload.seek(0)
    data = upload.read()
    if checked.type.key in ("jpeg", "png"):
        return PreparedFile(_without_metadata(data, checked.type.key), checked.type.key, True)
    return PreparedFile(data, checked.type.key, False)


def attachment_store(data: bytes) -> str:
    """Encrypt ``data`` and write it to the private store; the stored name is returned."""
    name = f"{FOLDER}/{secrets.token_hex(16)}.enc"
    return private_storage().save(name, ContentFile(encrypt_bytes(data)))


def attachment_read(stored_name: str) -> bytes:
    with private_storage().open(stored_name, "rb") as handle:
        return decrypt_bytes(handle.read())


def attachment_rewrite(stored_name: str) -> None:
    """Re-encrypt a stored file under the current key (key rotation), in place."""
    path = private_storage().path(stored_name)
    token = encrypt_bytes(attachment_read(stored_name))
    # Written beside it and renamed over it, so a crash leaves the old or the new file whole.
    temporary = f"{path}.rotating"
    with open(temporary, "wb") as handle:
        handle.write(token)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def attachment_delete(stored_name: str) -> None:
    private_storage().delete(stored_name)
