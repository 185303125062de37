"""Plain-text and Markdown exports of minutes (as produced by PDF/DOCX-to-text tools).

Markdown structure becomes layout hints: `#` headings set `heading`, a fully `**bold**`
line sets `bold`, bullets set `bullet`, and pipe or tab-separated rows become table cells,
so later stages see the same hints they get from DOCX and PDF.
"""
from __future__ import annotations

import re

from ..records import Line, PageInfo
from .encoding import decode
from .spacing import drop_invisible, normalize_spacing

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
BULLET = re.compile(r"^\s*(?:[-*+•▪●◦❖➢]|o(?=\s))\s+(?:[❖•▪➢]\s*)?")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"</?(?:p|i|b|u|em|strong|span|div|br)\b[^>]*>", re.I)
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


def _plain(text: str) -> tuple[str, bool]:
    """Strip inline Markdown/HTML; return the text and whether it was bold throughout."""
    text = TAG.sub(" ", text)
    text = LINK.sub(r"\1", text)
    core = text.strip()
    bold = bool(re.fullmatch(r"(\*\*|__)(.+)\1:?", core))
    text = EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = ESCAPE.sub(r"\1", text)
    return normalize_spacing(text), bold


def _table_cells(raw: str) -> list[str] | None:
    """Return the cells of a pipe or tab row, or None for an ordinary line."""
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [c for c in stripped.strip("|").split("|")]
    if "\t" in raw and raw.strip("\t ").count("\t") >= 1:
        return raw.strip("\n").split("\t")
    return None


def read(data: bytes):
    """Given the bytes of a text export, return (lines, pages, page_info, warnings)."""
    text = decode(data).text.replace("\r\n", "\n").replace("\r", "\n")
    text = drop_invisible(text)
    lines: list[Line] = []
    table_no, row_no, in_table = -1, 0, False
    for raw in text.split("\n"):
        cells = _table_cells(raw)
        if cells is not None:
            if TABLE_RULE.match(raw.strip()) and set(raw.strip()) <= set("|-: "):
                continue
            if not in_table:
                table_no, row_no, in_table = table_no + 1, 0, True
            for col, cell in enumerate(cells):
                cell_text, bold = _plain(cell)
                if cell_text:
                    lines.append(Line(index=0, text=cell_text, bold=bold,
                                      table=(table_no, row_no, col)))
            row_no += 1
            continue
        in_table = False
        heading = 0
        m = HEADING.match(raw.strip())
        if m:
            heading, raw = len(m.group(1)), m.group(2)
        bullet = bool(BULLET.match(raw)) and not heading
        if bullet:
            raw = BULLET.sub("", raw, count=1)
        line_text, bold = _plain(raw)
        if not line_text and lines and not lines[-1].text:
            continue
        prev = lines[-1] if lines else None
        continues = bool(line_text and prev is not None and prev.text and not heading and not bullet
                         and not prev.heading and prev.table is None)
        lines.append(Line(index=0, text=line_text, heading=heading, bold=bold, bullet=bullet,
                          continues=continues))
    pages = 1
    return lines, pages, [PageInfo(number=1, chars=len(text), has_text_layer=True)], []
