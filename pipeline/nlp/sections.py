"""The parts of an item: the `minutes_sections` component.

Municipal protokoll, and many association minutes, divide each paragraph (§) into parts
opened by headings a reader knows: the decision ("Barn- och utbildningsnämndens beslut",
"Beslut"), the summary ("Sammanfattning"), the documents it rests on ("Beslutsunderlag"),
the proposal ("Förslag till beslut"), the motions ("Yrkanden"), the order of proposals
("Beslutsgång", "Propositionsordning"), a roll call ("Omröstning"), reservations, notes to
the protokoll, conflicts of interest ("Jäv") and whom the decision goes to ("Expedieras
till") (`resources/sv/section_headings.txt`). A heading is a heading or bold line, a short
line, or a heading run in before its text ("Beslutet expedieras till: Kommunstyrelsen",
"BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING Protokollsanteckning ..."). Each part runs to the
next heading or the end of its item; later components read which part a line is in
instead of asking the line again: only the decision part decides, motions are read from
the motions part, and so on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from ..settings import SETTINGS
from . import doc as docs
from .lines import Lines
from .vocab import rows

HEADING_WORDS = SETTINGS.sections.heading_words
TYPO_SIMILARITY = SETTINGS.sections.typo_similarity
TREATMENT = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ\- ]+S BEHANDLING\b(?:\s+\d{4}-\d{2}-\d{2})?\s*", re.U)
GENITIVE = re.compile(r"^(?:[\wåäöÅÄÖ-]+\s+){0,5}[\wåäöÅÄÖ-]+s\s+(?P<noun>[\wåäöÅÄÖ]+)$", re.I)
DECISION = re.compile(r"^(?:(?:[\wåäöÅÄÖ-]+\s+){0,5}[\wåäöÅÄÖ-]+s\s+)?beslut(?:\s+i\s+[\wåäöÅÄÖ -]{2,40})?$", re.I)


@dataclass(frozen=True)
class Section:
    """One part of an item: its kind, the item and meeting it is in, and its lines (the
    heading line `head`, the content `first`..`last`); `inline` is text run in after the
    heading on its own line."""

    kind: str
    item: str | None
    meeting: int
    head: int
    first: int
    last: int
    inline: str = ""


@lru_cache(maxsize=1)
def headings() -> list[tuple[str, str]]:
    """(kind, heading) pairs, longest heading first."""
    return sorted(((kind, h.casefold()) for kind, h in rows("section_headings.txt")), key=lambda p: -len(p[1]))


@lru_cache(maxsize=1)
def _heading_index() -> tuple[dict[int, dict[str, list[int]]], list[tuple[int, str]], dict[str, str]]:
    """The headings by word count and text (-> their places in `headings()`), the one-word
    headings a typo may match (place, heading), and one-word heading -> kind."""
    exact: dict[int, dict[str, list[int]]] = {}
    for place, (_, heading) in enumerate(headings()):
        exact.setdefault(heading.count(" ") + 1, {}).setdefault(heading, []).append(place)
    typos = [(place, h) for place, (_, h) in enumerate(headings()) if " " not in h and len(h) > 5]
    return exact, typos, dict((h, k) for k, h in headings() if " " not in h)


@lru_cache(maxsize=SETTINGS.doc.form_cache)
def _typo_of(word: str) -> tuple[int, ...]:
    """The places of the one-word headings `word` is a typo of (or equal to)."""
    return tuple(place for place, h in _heading_index()[1] if fuzz.ratio(word, h) >= TYPO_SIMILARITY)


def _matching(low: list[str]) -> list[int]:
    """The places in `headings()`, in order, of the headings the words `low` start with."""
    exact, _, _ = _heading_index()
    found = set(_typo_of(low[0]))
    for n, texts in exact.items():
        if len(low) >= n:
            found.update(texts.get(" ".join(low[:n]), ()))
    return sorted(found)


def section_heading(text: str, styled: bool) -> tuple[str, str] | None:
    """(kind, the text after the heading) when `text` opens a part of an item, else None.
    `styled` says the line is a heading or bold, so it may be longer than a bare heading."""
    text = re.sub(r"[*_#]+", " ", text).strip()
    m = TREATMENT.match(text)
    treated = bool(m)
    if m:
        text = text[m.end():].strip()
        if not text:
            return "other", ""
    head, sep, rest = text.partition(":")
    candidate = head.strip() if sep else text
    words = candidate.split()
    if not words:
        return None
    if DECISION.match(candidate) and len(words) <= HEADING_WORDS:
        return "decision", rest.strip() if sep else ""
    owned = GENITIVE.match(candidate)
    if owned and len(words) <= HEADING_WORDS:        # "Kommunstyrelsens förslag": whose part it is
        kind = _heading_index()[2].get(owned.group("noun").casefold())
        if kind:
            return kind, rest.strip() if sep else ""
    low = [w.casefold() for w in words]
    listed = headings()
    for place in _matching(low):
        kind, heading = listed[place]
        n = heading.count(" ") + 1
        tail = " ".join(words[n:])
        if sep and kind != "decision":
            return kind, (tail + " " + rest).strip()
        if not tail and (styled or treated or len(words) <= HEADING_WORDS):
            return kind, ""
        if treated:
            return kind, tail
        if kind == "decision" and tail and len(words) <= HEADING_WORDS and styled:
            return kind, ""
    return None


def find_sections(lines: Lines, items, meeting: int) -> list[Section]:
    """The parts of each item of one meeting."""
    out: list[Section] = []
    for item in items:
        start, end = item.span.line_start, item.span.line_end
        heads = []
        for shape in lines.shapes[start + 1:end + 1]:
            if shape.keyword is not None:
                heads.append((shape.index, ("keyword", "")))   # a "Beslut:" line ends the part before it
                continue
            if shape.blank:
                continue
            line = shape.line
            found = section_heading(shape.text, line.heading > 0 or line.bold)
            if found is None:
                continue
            if found[1] and not (line.heading or line.bold) and len(shape.text.split()) > HEADING_WORDS and \
                    not TREATMENT.match(re.sub(r"[*_#]+", " ", shape.text).strip()) and ":" not in shape.text:
                continue
            heads.append((shape.index, found))
        for k, (index, (kind, inline)) in enumerate(heads):
            if kind == "keyword":
                continue
            last = heads[k + 1][0] - 1 if k + 1 < len(heads) else end
            out.append(Section(kind, item.number, meeting, index, index if inline else index + 1, last, inline))
    return out


@Language.factory("minutes_sections", assigns=["doc.spans"], requires=["doc._.lines", "doc.spans"])
def make_sections(nlp: Language, name: str) -> SectionsComponent:
    return SectionsComponent()


class SectionsComponent:
    """Given a Doc with its lines and items, write each part of each item to
    `doc.spans["sections"]` (label: its kind; payload: its `Section`)."""

    def __call__(self, doc: Doc) -> Doc:
        items = docs.payloads(doc, "items")
        findings = []
        meetings = sorted({i.meeting for i in items})
        for meeting in meetings:
            for section in find_sections(doc._.lines, [i for i in items if i.meeting == meeting], meeting):
                span = docs.line_span(doc, section.head, max(section.head, section.last), label=section.kind)
                findings.append((span, section))
        docs.put(doc, "sections", findings)
        return doc


def sections(doc: Doc, meeting: int | None = None) -> list[Section]:
    """The parts the component found (of one meeting, or all)."""
    return [s for s in docs.payloads(doc, "sections") if meeting is None or s.meeting == meeting]
