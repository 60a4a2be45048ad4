"""PDF pages written by hand (Helvetica text, no dependency) and the board book: the agenda
and every PDF paper of a meeting that the reader may read, merged with pypdf, each page marked
with the reader's name. Built on demand, never stored."""

import datetime
import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

LETTER = (612, 792)


def _escape(text: str) -> str:
    text = str(text).encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_page(lines, *, size=LETTER, first_size=18, at=(72, 720), leading=18) -> bytes:
    """One page holding ``lines`` (the first larger, as a title), from ``at`` downwards."""
    width, height = size
    x, y = at
    body = [f"BT /F1 {first_size} Tf {x} {y} Td"]
    for index, line in enumerate(lines):
        if index == 1:
            body.append("/F1 11 Tf")
        if index:
            body.append(f"0 -{leading} Td")
        body.append(f"({_escape(line)}) Tj")
    body.append("ET")
    return _document("\n".join(body).encode("latin-1"), width, height)


def _document(stream: bytes, width: float, height: float) -> bytes:
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]" % (width, height)
        + b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _mark(width: float, height: float, words: str):
    """A transparent page of the given size with ``words`` along its foot."""
    stream = f"BT /F1 8 Tf 36 18 Td ({_escape(words)}) Tj ET".encode("latin-1")
    return PdfReader(io.BytesIO(_document(stream, width, height))).pages[0]


def board_book(*, meeting, sections, reader_name: str, now: datetime.datetime) -> bytes:
    """The agenda page, then each section's PDF papers, every page marked "Prepared for
    <reader>". ``sections`` is [(heading, [(title, file or None)])]; a paper that is not a PDF
    (or cannot be read) is listed on the agenda page as left out."""
    writer = PdfWriter()
    left_out = []
    papers = []
    for heading, files in sections:
        for title, stored in files:
            if stored is None or not stored.name.lower().endswith(".pdf"):
                left_out.append(f"{heading}: {title}")
                continue
            try:
                with stored.storage.open(stored.name, "rb") as handle:
                    papers.append((heading, title, PdfReader(io.BytesIO(handle.read()))))
            except (OSError, PdfReadError, ValueError):
                left_out.append(f"{heading}: {title}")
    agenda = [
        f"{meeting.committee}: {meeting.display_title}",
        f"{meeting.local_start:%A %-d %B %Y, %H:%M} ({meeting.time_zone})",
        meeting.location or meeting.video_link or "",
        "",
        "Agenda and papers",
    ]
    agenda += [f"{heading}: {title}" for heading, title, _ in papers] or ["No PDF papers yet."]
    if left_out:
        agenda += ["", "Not in this book (download them from the meeting page):", *left_out]
    for page in PdfReader(io.BytesIO(text_page(agenda))).pages:
        writer.add_page(page)
    for _, _, reader in papers:
        for page in reader.pages:
            writer.add_page(page)
    words = (
        f"Prepared for {reader_name} on {now:%-d %B %Y %H:%M} UTC. Confidential to the "
        f"{meeting.committee}; do not forward."
    )
    for page in writer.pages:
        box = page.mediabox
        page.merge_page(_mark(float(box.width), float(box.height), words), over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
