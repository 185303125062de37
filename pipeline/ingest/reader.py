"""Dispatch a file to its format reader, repair its text and wrap it in a `Document`."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..records import Document, Line
from . import docx as docx_reader
from . import markdown as markdown_reader
from . import ocr
from . import pdf as pdf_reader
from . import text as text_reader
from .encoding import decode
from .errors import IngestError
from .limits import IngestLimits, check_archive, check_file_size
from .repair import repair

SUPPORTED_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".md": "md",
                      ".markdown": "md"}
DEFAULT_LIMITS = IngestLimits()


def sniff_format(path: Path, data: bytes) -> str:
    """Given a file's name and bytes, return its format or raise `IngestError`."""
    suffix = path.suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None:
        raise IngestError("unsupported", f"unsupported file type {suffix or '(none)'!r}; "
                          f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if not data.strip():
        raise IngestError("empty", "file is empty")
    if fmt == "pdf" and not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not-a-pdf", "file has a .pdf name but is not a PDF (no %PDF header)")
    if fmt == "docx" and not data[:2] == b"PK":
        raise IngestError("not-a-docx", "file has a .docx name but is not a DOCX (zip) file")
    return fmt


NUMBERED = frozenset(("index", "start", "end"))


def _number_lines(lines: list[Line]) -> list[Line]:
    """Give each line its index and character offsets in the joined document text, in
    place: the lines are this reading's own, and a pydantic copy of every line cost more
    than the rest of numbering them."""
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line.text)
        line.__dict__.update(index=i, start=offset, end=end)
        line.__pydantic_fields_set__.update(NUMBERED)
        offset = end + 1
    return lines


def ingest(path: str | Path, limits: IngestLimits = DEFAULT_LIMITS) -> Document:
    """Read one file into a `Document`; raise `IngestError` with a clear message on bad
    input, and `too-large` before reading a file or archive over `limits`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise IngestError("unreadable", f"cannot read file: {e.strerror or e}") from e
    if path.is_dir():
        raise IngestError("unreadable", "is a folder, not a file")
    check_file_size(size, limits)
    data = path.read_bytes()
    fmt = sniff_format(path, data)
    if fmt == "docx":
        check_archive(data, limits)
    reader = {"pdf": pdf_reader, "docx": docx_reader, "txt": text_reader, "md": markdown_reader}[fmt]
    lines, pages, page_info, warnings, *more = reader.read(data)
    hints = more[0] if more else {}
    encoding = None
    if fmt in ("txt", "md"):
        decoded = decode(data)   # the detection the reader just made (cached)
        encoding = decoded.encoding
        warnings = ([decoded.warning] if decoded.warning else []) + list(warnings)
    lines = _number_lines(repair(lines))
    if not any(line.text.strip() for line in lines):
        if page_info and not any(p.has_text_layer for p in page_info):
            why = ocr.missing() or "OCR found no text"
            raise IngestError("no-text-layer", f"none of the {pages} page(s) has a text layer "
                              f"(scanned image) and it could not be read: {why}")
        raise IngestError("empty", "file contains no text")
    return Document(id=hashlib.sha256(data).hexdigest(), path=str(path), format=fmt, encoding=encoding,
                    pages=pages, lines=lines, page_info=page_info, warnings=warnings, hints=hints)
