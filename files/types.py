"""The file types the store can accept, each recognised from its content (its magic number,
read by the ``filetype`` library), never from the name or the browser's Content-Type."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    key: str
    extension: str  # the stored file's extension, chosen by the server
    mime: str  # sent as the download's Content-Type
    label: str
    detected_as: tuple[str, ...]  # filetype's extensions that mean this type
    names: tuple[str, ...]  # extensions a client's file name may carry for it


FILE_TYPES = {
    "pdf": FileType("pdf", "pdf", "application/pdf", "PDF document", ("pdf",), ("pdf",)),
    "png": FileType("png", "png", "image/png", "PNG image", ("png",), ("png",)),
    "jpeg": FileType("jpeg", "jpg", "image/jpeg", "JPEG image", ("jpg",), ("jpg", "jpeg")),
    "docx": FileType(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
        ("docx",),
        ("docx",),
    ),
    "xlsx": FileType(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel workbook",
        ("xlsx",),
        ("xlsx",),
    ),
}


def by_extension(extension: str) -> FileType | None:
    extension = extension.lower().lstrip(".")
    return next((t for t in FILE_TYPES.values() if extension == t.extension), None)
