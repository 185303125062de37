"""Wire the extraction stages: one `Document` in, one `Minutes` out.

A cumulative file (several meetings' minutes one after another) is cut into its meetings;
each is extracted on its own and the rows say which meeting they belong to.
"""
from __future__ import annotations

import re

from .attendance import read_attendance
from .decisions import extract_decisions
from .kind import classify
from .labels import body_end, metadata_label, numbered
from .meetings import meeting_starts, section
from .mentions import find_mentions
from .metadata import read_metadata
from .names import NameFinder
from ..records import Document, Meeting, Minutes
from .segment import segment
from .vocab import Vocabulary, load


def extract(doc: Document, vocab: Vocabulary | None = None) -> Minutes:
    """Extract items, decisions, attendance, metadata and mentions from one document."""
    vocab = vocab or load()
    end = _body_end(doc, vocab)
    starts = meeting_starts(doc, vocab, end)
    if len(starts) == 1:
        return _extract_meeting(doc, vocab, end)
    parts = [_extract_meeting(section(doc, start, stop), vocab)
             for start, stop in zip(starts, starts[1:] + [len(doc.lines)])]
    return _combine(doc, parts)


def _body_end(doc: Document, vocab: Vocabulary) -> int:
    first = next((line.index for line in doc.lines if numbered(line)), 0)
    return body_end(doc, vocab, first)


def _extract_meeting(doc: Document, vocab: Vocabulary, end: int | None = None) -> Minutes:
    finder = NameFinder(vocab=vocab)
    end = _body_end(doc, vocab) if end is None else end
    appendix = set(range(end, len(doc.lines)))
    items = segment(doc, vocab, finder, end)
    header_end = items[0].span.line_start if items else min(len(doc.lines), 60)
    attendance = read_attendance(doc, vocab, finder, header_end, end)
    finder = NameFinder({a.name.split()[0] for a in attendance.attendees}, vocab)
    labels = {line.index for line in doc.lines if metadata_label(line, vocab)}
    decisions = extract_decisions(doc, items, vocab, finder, skip=attendance.lines | labels | appendix, end=end)
    meta = read_metadata(doc, vocab, finder, items, attendance, decisions, end)
    skip = attendance.lines | meta.lines | labels | appendix | name_table_rows(doc, finder)
    mentions = find_mentions(doc, finder, attendance.attendees, skip)
    kind = classify(doc, items, decisions, attendance.attendees, meta.meeting, vocab)
    if kind == "other":
        return Minutes(document_id=doc.id, file=_name(doc), kind=kind, meeting=Meeting(),
                       mentions=mentions)
    return Minutes(document_id=doc.id, file=_name(doc), kind=kind, meeting=meta.meeting,
                   attendance=attendance.attendees, items=items, decisions=decisions,
                   mentions=mentions)


def name_table_rows(doc: Document, finder: NameFinder) -> set[int]:
    """Rows of tables that list people (members with shares, addresses, amounts): a cell that
    is only a full name beside short cells. Such rows are not running text, so the people
    in them are not "mentioned"."""
    rows = set()
    for line in doc.lines:
        cells = [c.strip() for c in line.text.split("\t") if c.strip()]
        if len(cells) < 2 or any(len(c.split()) > 8 for c in cells):
            continue
        for cell in cells:
            names = finder.find(cell, list_mode=True)
            letters = len(re.sub(r"[\W\d_]", "", cell))
            if len(names) == 1 and len(re.sub(r"[\W\d_]", "", names[0].text)) >= 0.9 * letters:
                rows.add(line.index)
                break
    return rows


def _combine(doc: Document, parts: list[Minutes]) -> Minutes:
    """One record for a cumulative file: the first meeting's metadata, later meetings in
    `later_meetings`, and every row tagged with its meeting."""
    meetings = [p for p in parts if p.kind == "minutes"]
    if not meetings:
        return parts[0].model_copy(update={"mentions": [m for p in parts for m in p.mentions]})

    def tagged(rows, k):
        return [r.model_copy(update={"meeting": k}) for r in rows]

    return Minutes(document_id=doc.id, file=_name(doc), kind="minutes", meeting=meetings[0].meeting,
                   later_meetings=[p.meeting for p in meetings[1:]],
                   attendance=[a for k, p in enumerate(meetings) for a in tagged(p.attendance, k)],
                   items=[i for k, p in enumerate(meetings) for i in tagged(p.items, k)],
                   decisions=[d for k, p in enumerate(meetings) for d in tagged(p.decisions, k)],
                   mentions=[m for k, p in enumerate(meetings) for m in tagged(p.mentions, k)])


def _name(doc: Document) -> str:
    return doc.path.replace("\\", "/").rsplit("/", 1)[-1]
