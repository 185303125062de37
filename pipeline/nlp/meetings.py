"""Cumulative files: one document holding the minutes of several meetings, one after the
other ("Mötesprotokoll 1 / Datum: 31-08-2020 ... Mötesprotokoll 2 / Datum: ...").

A meeting starts at a title line (a heading, bold line or first line of a paragraph naming
the document type) with a date on it or within the next few lines. Running page headers
repeat the same title and date on every page; they are recognised by that repetition and
never split a document.
"""
from __future__ import annotations

import re

from .dates import parse_date
from ..records import Document, Line
from .vocab import Vocabulary

DATE_WINDOW = 4
MIN_LINES = 5


def _title_line(line: Line, previous: Line | None, vocab: Vocabulary) -> bool:
    text = line.text.strip(" *#").casefold()
    if not text or len(text) > 80:
        return False
    starts_paragraph = previous is None or not previous.text.strip()
    short_title = starts_paragraph and len(text.split()) <= 6 and not text.endswith(".")
    if not (line.heading or line.bold or short_title):
        return False
    return any(re.match(rf"{re.escape(w)}\b", text) for w in vocab.document_titles)


def _date_near(doc: Document, index: int, vocab: Vocabulary) -> str | None:
    for line in doc.lines[index:index + DATE_WINDOW]:
        date = parse_date(line.text, vocab)
        if date:
            return date
    return None


def meeting_starts(doc: Document, vocab: Vocabulary, end: int) -> list[int]:
    """Line indices where each meeting of the document starts; [0] for a single meeting."""
    found: list[tuple[int, str, str]] = []
    for line in doc.lines[:end]:
        previous = doc.lines[line.index - 1] if line.index else None
        if not _title_line(line, previous, vocab):
            continue
        date = _date_near(doc, line.index, vocab)
        if date:
            found.append((line.index, " ".join(line.text.split()).casefold(), date))
    keys = [(title, date) for _, title, date in found]
    starts = [i for i, title, date in found if keys.count((title, date)) == 1]
    starts = [s for k, s in enumerate(starts) if k == 0 or s - starts[k - 1] >= MIN_LINES]
    if len(starts) < 2:
        return [0]
    return [0] + starts[1:]


def section(doc: Document, start: int, stop: int) -> Document:
    """The document with every line outside [start, stop) blanked, so that line indices and
    offsets stay those of the whole file."""
    lines = [line if start <= line.index < stop else line.model_copy(update={"text": ""})
             for line in doc.lines]
    return doc.model_copy(update={"lines": lines})
