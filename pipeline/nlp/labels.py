"""Recognise labelled lines ("Datum: ...", "Närvarande: ...") and read their values.

Labels and their values arrive in three shapes: on one line ("Plats: Digitalt"), as a
label line followed by value lines, and as table cells (label cell, value cell). Stages
ask this module instead of re-implementing the three shapes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Document, Line
from .vocab import Vocabulary


ITEM_NUMBER = re.compile(
    r"^\s*(?:§\s*(?P<para>\d{1,3})|(?:punkt|p\.)\s*(?P<punkt>\d{1,3})|(?P<num>\d{1,3})(?![\d,-]|[./]\d))"
    r"\s*(?P<punct>[.):/]?)(?P<sep>\s*(?:[|–—-]\s+)?)(?P<title>.*)$", re.I | re.S)


@dataclass(frozen=True)
class Labelled:
    kind: str
    label: str
    rest: str


def _patterns(vocab: Vocabulary):
    return vocab.heading_pattern(), vocab.label_pattern()


def _bare_heading(vocab: Vocabulary) -> re.Pattern:
    """An attendance heading followed by capitalised text with no separator (compiled once)."""
    return vocab._once("bare_heading_pattern", lambda: re.compile(
        rf"^\s*(?P<head>{'|'.join(re.escape(h) for h in sorted(vocab.attendance_headings, key=len, reverse=True))})"
        r"\s+(?P<sep>)(?P<rest>[A-ZÅÄÖ].*)$", re.I | re.S))


def attendance_heading(line: Line, vocab: Vocabulary, allow_bare: bool = False) -> Labelled | None:
    """If the line opens an attendance list, return its role and the text after the heading.

    With `allow_bare`, a heading followed by text with no separator ("Närvarande Anna Berg",
    as table cells often come out of PDFs) is returned too; the caller checks the text."""
    heading, _ = _patterns(vocab)
    text = line.text.strip(" *")
    m = heading.match(text)
    if not m:
        m = _bare_heading(vocab).match(text) if allow_bare else None
        if not m:
            return None
    elif m.group("sep") == "" and m.group("rest").strip():
        return None
    key = next(k for k in vocab.attendance_headings if k.casefold() == " ".join(m.group("head").split()).casefold())
    return Labelled(vocab.attendance_headings[key], m.group("head"), m.group("rest").strip())


def metadata_label(line: Line, vocab: Vocabulary) -> Labelled | None:
    """If the line opens with a metadata label, return its field and the value text."""
    _, label = _patterns(vocab)
    text = line.text.strip(" *")
    m = label.match(text)
    if not m:
        return None
    key = next(k for k in vocab.metadata_labels if k.casefold() == " ".join(m.group("label").split()).casefold())
    return Labelled(vocab.metadata_labels[key], m.group("label"), m.group("rest").strip())


def row_cells(doc: Document, line: Line) -> dict[int, list[Line]]:
    """The lines of the table row `line` stands in, by column."""
    if line.table is None:
        return {}
    t, r, _ = line.table
    cols: dict[int, list[Line]] = {}
    for other in doc.lines:
        if other.table is not None and other.table[0] == t and other.table[1] == r:
            cols.setdefault(other.table[2], []).append(other)
    return cols


def value_lines(doc: Document, line: Line, rest: str, max_lines: int = 3) -> list[str]:
    """The value of a label: its inline rest, else the cells after it, else the next lines."""
    if rest:
        return [rest]
    if line.table is not None:
        cols = row_cells(doc, line)
        return [ln.text for c in sorted(cols) if c > line.table[2] for ln in cols[c]]
    out = []
    for nxt in doc.lines[line.index + 1:line.index + 1 + max_lines + 2]:
        if not nxt.text.strip():
            if out:
                break
            continue
        out.append(nxt.text)
        if len(out) >= max_lines:
            break
    return out


def numbered(line: Line) -> re.Match | None:
    """Match a line that opens with an item number in a form items use."""
    if line.table is not None or not line.text.strip():
        return None
    m = ITEM_NUMBER.match(line.text)
    if not m:
        return None
    title = m.group("title").strip()
    strong = line.heading > 0 or line.bold or line.list_label is not None
    if m.group("num") is not None:
        if not m.group("punct") and not (strong and title and title[0].isupper()):
            return None
        if m.group("punct") and not m.group("sep") and title:
            return None
        if title and not (title[0].isupper() or title[0] in "§\"”'«(") :
            return None
        if not title and not m.group("punct"):
            return None
    return m


def is_type_label_line(text: str, vocab: Vocabulary) -> bool:
    """True for a line that is only an item-type label or a timing note ("(10 min)")."""
    return bool(vocab.type_label_pattern().fullmatch(" " + text.strip(" *")) or
                re.fullmatch(r"\(?\s*\d+\s*min\b.*", text.strip(), re.I))


def body_end(doc: Document, vocab: Vocabulary, start: int = 0) -> int:
    """Index of the first line after `start` that opens the appendices (or a repeated list
    of decisions), or the number of lines when there is none."""
    words = "|".join(re.escape(w) for w in sorted(vocab.appendix_headings, key=len, reverse=True))
    pattern = re.compile(rf"^\s*(?:{words})(?:\s+(?:nr\.?\s*)?[\dA-Z]{{1,3}}\b)?(?!\s*:\s*$)(?:[\s:.–—-].*)?$", re.I)
    previous_page = None
    for line in doc.lines[start + 1:]:
        text = line.text.strip(" *\t")
        if not text:
            continue
        first_on_page = line.page is not None and line.page != previous_page
        previous_page = line.page
        if len(text) > 60 or line.table is not None or not pattern.match(text):
            continue
        if re.match(r"^\s*bilagor?\s*:", text, re.I):
            continue
        if line.heading or line.bold or first_on_page:
            return line.index
    return len(doc.lines)


def wrap_width(lines: list[Line]) -> int:
    """The width (in characters) at which the document's running text wraps."""
    lengths = sorted(len(line.text) for line in lines if line.text.strip())
    return lengths[int(len(lengths) * 0.95) - 1] if lengths else 80


def unfinished(line: Line, width: int) -> bool:
    """True for a full-width line that stops mid-sentence: the paragraph goes on after it,
    even across a blank line (scans and OCR layers often put one there)."""
    text = line.text.rstrip()
    return len(text) >= 0.6 * width and bool(re.search(r"(?:[a-zåäö]|[,–-])$", text))
