"""Checking an upload before it is stored (security target 10): the name is a plain file name,
the size within the limit, and the content one of the kind's types. Every refusal says why, in
words the uploader can act on, and nothing is stored."""

import re
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

from files.registry import FileKind, registry
from files.types import FILE_TYPES, FileType

HEAD_BYTES = 8192
CHUNK = 1024 * 1024
MAX_NAME = 255
# Control characters, NUL included, and the two path separators.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")
# Active content a PDF reader would run; a charter or meeting paper never needs it.
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


@dataclass(frozen=True)
class CheckedUpload:
    type: FileType
    size: int


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def max_bytes(kind: FileKind) -> int:
    limit = settings.FILES_MAX_UPLOAD_BYTES
    return min(limit, kind.max_bytes) if kind.max_bytes else limit


def _check_name(name: str) -> str:
    """The client's name is never used to store the file; a name with a path or control
    characters is refused all the same, since it can only come from a crafted request."""
    name = "" if name is None else str(name)
    if _UNSAFE_NAME.search(name) or name.strip(" .") == "":
        raise ValidationError(
            "The file name contains a folder path or characters a file name cannot have; "
            "upload the file itself under a plain name such as charter.pdf.",
            code="file_name",
        )
    if len(name) > MAX_NAME:
        raise ValidationError(
            f"The file name is longer than {MAX_NAME} characters; shorten it and try again.",
            code="file_name",
        )
    return name


def _read_all(upload):
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        yield chunk
    upload.seek(0)


def _detect(upload, kind: FileKind) -> FileType:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    allowed = [FILE_TYPES[key] for key in kind.types]
    accepted = " or ".join(t.label for t in allowed)
    found = next((t for t in allowed if guess and guess.extension in t.detected_as), None)
    if found is None:
        what = f"a {guess.mime} file" if guess else "not a file type the portal recognises"
        raise ValidationError(
            f"This file's content is {what}, so it cannot be kept as a {kind.label}: "
            f"only a {accepted} is accepted. (The content decides, not the file's name.)",
            code="file_type",
        )
    return found


def _check_pdf(upload, kind: FileKind) -> None:
    tail = b""
    for chunk in _read_all(upload):
        window = tail + chunk
        if any(marker in window for marker in PDF_ACTIVE):
            raise ValidationError(
                f"This PDF contains scripts, launch actions or embedded files, which a "
                f"{kind.label} never needs; save it again as a plain PDF and upload that.",
                code="file_active_content",
            )
        tail = window[-32:]
    if b"%%EOF" not in tail:
        raise ValidationError(
            "This PDF is incomplete or damaged (it has no end-of-file marker); export it again.",
            code="file_damaged",
        )


def upload_check(*, upload, kind_key: str, name: str | None = None) -> CheckedUpload:
    """Check an uploaded file (any file-like object with ``size``) for the kind ``kind_key``:
    plain name, size within the limit, content of an accepted type. Raises ValidationError."""
    kind = registry.get(kind_key)
    if kind is None:
        raise ValidationError(f"Files of kind {kind_key!r} are not accepted here.")
    name = _check_name(getattr(upload, "name", "") if name is None else name)
    size = upload.size
    limit = max_bytes(kind)
    if not size:
        raise ValidationError("The file is empty; choose the file again.", code="file_empty")
    if size > limit:
        raise ValidationError(
            f"The file is {_megabytes(size)}; a {kind.label} may be at most {_megabytes(limit)}.",
            code="file_size",
        )
    found = _detect(upload, kind)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension and extension not in found.names:
        raise ValidationError(
            f"The file is named .{extension} but its content is a {found.label}; "
            f"rename it to .{found.extension} if that is what you meant to upload.",
            code="file_extension",
        )
    if found.key == "pdf":
        _check_pdf(upload, kind)
    return CheckedUpload(type=found, size=size)
