"""Wire the extraction stages: one `Document` in, one `Minutes` out."""
from __future__ import annotations

from .attendance import read_attendance
from .decisions import extract_decisions
from .kind import classify
from .labels import body_end, metadata_label, numbered
from .mentions import find_mentions
from .metadata import read_metadata
from .names import NameFinder
from .records import Document, Meeting, Minutes
from .segment import segment
from .vocab import Vocabulary, load


def extract(doc: Document, vocab: Vocabulary | None = None) -> Minutes:
    """Extract items, decisions, attendance, metadata and mentions from one document."""
    vocab = vocab or load()
    finder = NameFinder(vocab=vocab)
    first = next((line.index for line in doc.lines if numbered(line)), 0)
    end = body_end(doc, vocab, first)
    appendix = set(range(end, len(doc.lines)))
    items = segment(doc, vocab, finder, end)
    header_end = items[0].span.line_start if items else min(len(doc.lines), 60)
    attendance = read_attendance(doc, vocab, finder, header_end, end)
    finder = NameFinder({a.name.split()[0] for a in attendance.attendees}, vocab)
    labels = {line.index for line in doc.lines if metadata_label(line, vocab)}
    decisions = extract_decisions(doc, items, vocab, finder, skip=attendance.lines | labels | appendix, end=end)
    meta = read_metadata(doc, vocab, finder, items, attendance, decisions, end)
    skip = attendance.lines | meta.lines | labels | appendix
    mentions = find_mentions(doc, finder, attendance.attendees, skip)
    kind = classify(doc, items, decisions, attendance.attendees, meta.meeting, vocab)
    if kind == "other":
        return Minutes(document_id=doc.id, file=_name(doc), kind=kind, meeting=Meeting(),
                       mentions=mentions)
    return Minutes(document_id=doc.id, file=_name(doc), kind=kind, meeting=meta.meeting,
                   attendance=attendance.attendees, items=items, decisions=decisions,
                   mentions=mentions)


def _name(doc: Document) -> str:
    return doc.path.replace("\\", "/").rsplit("/", 1)[-1]
