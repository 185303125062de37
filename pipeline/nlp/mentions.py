"""People named in the running text: the `minutes_mentions` component.

A name in running text opens with a known given name and goes on with surname tokens
(`names.NameFinder`); lines already read as something else (attendance lists, labelled
metadata, signatures, tables of members, the appendices) are not running text. A bare first
name counts only when exactly one attendee of the meeting has it, and is then recorded under
that attendee's full name.

The trained person NER the project once shipped is gone: it only tied these rules on the
documents its silver data came from, and trained without the realdocs it scored 0.74-0.79
on them against the rules' 0.94, so it did not carry over to organisations it had not seen.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Attendee, Mention, Span, span_of
from ..settings import SETTINGS
from . import doc as docs
from .attendance import attendees, list_lines
from .layout import regions
from .lines import Lines
from .names import NameFinder

NAME_CELL_SHARE = SETTINGS.mentions.name_cell_share
MAX_CELL_WORDS = SETTINGS.mentions.max_cell_words


def name_table_rows(lines: Lines, finder: NameFinder) -> set[int]:
    """Rows of tables that list people (members with shares, addresses, amounts): a cell that
    is only a full name beside short cells. Such rows are not running text."""
    rows = set()
    for line in lines.lines:
        cells = [c.strip() for c in line.text.split("\t") if c.strip()]
        if len(cells) < 2 or any(len(c.split()) > MAX_CELL_WORDS for c in cells):
            continue
        for cell in cells:
            names = finder.find(cell, list_mode=True)
            letters = len(re.sub(r"[\W\d_]", "", cell))
            if len(names) == 1 and len(re.sub(r"[\W\d_]", "", names[0].text)) >= NAME_CELL_SHARE * letters:
                rows.add(line.index)
                break
    return rows


def find_mentions(lines: Lines, finder: NameFinder, people: list[Attendee], skip: set[int],
                  meeting: int = 0) -> list[Mention]:
    """Return person mentions in document order, outside the lines in `skip`."""
    by_first: dict[str, set[str]] = {}
    for a in people:
        by_first.setdefault(a.name.split()[0].casefold(), set()).add(a.name)
    out = []
    for line in lines.lines:
        if line.index in skip or not line.text.strip():
            continue
        whole = Span.of_lines([line])
        for name in finder.find(line.text) + finder.bare_first_names(line.text):
            span = whole.model_copy(update={"char_start": line.start + name.start, "char_end": line.start + name.end})
            if len(name.text.split()) >= 2:
                out.append(Mention(name=name.text, surface=line.text[name.start:name.end], meeting=meeting, span=span))
                continue
            known = by_first.get(name.text.casefold(), set())
            if len(known) == 1:
                out.append(Mention(name=next(iter(known)), surface=name.text, meeting=meeting, span=span))
    return out


@Language.factory("minutes_mentions", assigns=["doc.spans"], requires=["doc._.lines", "doc.spans"])
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()


class MentionsComponent:
    """Given a Doc with its lines, regions, attendance and metadata, write each person named
    in running text to `doc.spans["mentions"]` with its `Mention` record."""

    def __call__(self, doc: Doc) -> Doc:
        labels = {span[0]._.line for span, _ in docs.found(doc, "labels") if span.label_ == "FIELD"}
        read = {span[0]._.line: m for span, m in docs.found(doc, "metadata")}
        findings = []
        for region in regions(doc):
            lines = doc._.lines if region.whole else doc._.lines.section(region.start, region.stop)
            people = [a for a in attendees(doc, region.meeting)   # full names: not a nickname alone, nor "Lars N"
                      if len(a.name.split()) > 1 and len(a.name.split()[-1].rstrip(".")) > 1]
            finder = lines.finder_knowing(a.name.split()[0] for a in people)
            skip = (list_lines(doc, region.meeting) | {i for i, m in read.items() if m == region.meeting}
                    | labels | set(range(region.body_end, len(lines))) | name_table_rows(lines, finder))
            for m in find_mentions(lines, finder, people, skip, region.meeting):
                named = doc.char_span(span_of(m).char_start, span_of(m).char_end, label="PER", alignment_mode="expand")
                findings.append((named if named is not None
                                 else docs.line_span(doc, span_of(m).line_start, label="PER"), m))
        docs.put(doc, "mentions", findings)
        return doc
