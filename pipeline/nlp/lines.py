"""What each line of a document is, answered once: the `minutes_lines` component.

For every line it reads the shapes later components ask about: an item number opening it
("§ 12", "3.", "Punkt 4"), an attendance heading ("Närvarande:"), a metadata label
("Datum:", "Justerare"), a decision keyword ("Beslut:", "Ställningstagande:"), a sub-item
marker ("a)", "2.3"), an item-type label alone ("Informationsärende"), a closing line
("Mötet avslutas"). Names in list mode and whether a line is a signature are computed on
first use and kept. The answers are a `LineShape` per line in `doc._.lines` (a `Lines`),
and the labelled ones are also spans in `doc.spans["labels"]`, so nothing later asks a
line the same question twice.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Line
from ..settings import SETTINGS
from . import doc as docs
from .names import Name, NameFinder, swedish_words
from .vocab import Vocabulary, abbreviations, load


# "§ 12", "§§ 3", "Punkt 4", "p. 4", "12.", "3)", "1/", "12 |": the number an item opens
# with. § numbers run to four digits (municipal protokoll); a bare number of four digits
# is a year far more often than an item, so bare numbers stop at three.
def item_number_pattern(vocab: Vocabulary) -> re.Pattern:
    """A line's opening item number; "Punkt 4" by the vocabulary's item markers."""
    return vocab._once("item_number_pattern", lambda: re.compile(
        rf"^\s*(?:§§?\s*(?P<para>\d{{1,4}})(?![\d.,]\d)|(?P<legal>\d{{1,4}})\s?§(?!§)"
        rf"|(?:{vocab.words_pattern('item_marker')})\s*(?P<punkt>\d{{1,4}})(?!\d|[/-]\d)"
        r"|(?P<num>\d{1,3})(?![\d,-]|[./]\d))"
        r"\s*(?P<punct>[.):/]?)(?P<sep>\s*(?:[|–—-]\s+)?)(?P<title>.*)$", re.I | re.S))


def table_number_pattern(vocab: Vocabulary) -> re.Pattern:
    """A table cell that is only an item number ("§ 3", "3.")."""
    return vocab._once("table_number_pattern", lambda: re.compile(
        rf"^\s*(?:§|{vocab.words_pattern('item_marker')})?\s*(\d{{1,4}})\s*[.):]?\s*$", re.I))
SUB_ITEM = re.compile(r"^\s*(?:(?:[a-zA-Z]|[ivx]{1,4}|\d{1,2}\.\d{1,2})[.)]|§\s*\d{1,4}\.\d{1,2}(?:\.\d{1,2})?[.)]?|\d{1,2}\.\d{1,2}(?=\s+[A-ZÅÄÖ]))\s+\S")  # noqa: E501
TIMING_ONLY = re.compile(r"\(?\s*\d+\s*min\b.*", re.I)
TERMINAL = re.compile(r"[.!?]\s*$")
YEAR_TITLE = re.compile(r"(?:19|20)\d{2}\s+[^\W\d]|\d+-[^\W\d]")   # "2026 års", "100-års jubileum"
SIGNATURE_COVER = SETTINGS.lines.signature_cover
MIN_BREAK_PAIRS = SETTINGS.lines.min_break_pairs
MAX_WRAPPED_SHARE = SETTINGS.lines.max_wrapped_share


@dataclass(frozen=True)
class Labelled:
    """A line opening with a known label: its kind (a role or a field), the label as
    written and the text after it."""

    kind: str
    label: str
    rest: str


@dataclass(frozen=True)
class ItemNumber:
    """An item number opening a line: the number, how it was marked, and the text after it."""

    number: int
    marker: str          # "§", "punkt" or "" (a bare number)
    punct: str
    title: str


@dataclass(frozen=True)
class Keyword:
    """A decision keyword line ("Beslut: ...", "Ställningstagande: ...")."""

    keyword: str         # as the vocabulary lists it
    label: str           # "Beslut" or "Ställningstagande"
    rest: str


@dataclass
class LineShape:
    """What one line is, as far as its own text and layout tell."""

    line: Line
    number: ItemNumber | None = None
    table_number: int | None = None
    heading_role: Labelled | None = None        # "Närvarande: ..." with a separator
    bare_heading_role: Labelled | None = None   # "Närvarande Anna Berg" (table cells flattened)
    label: Labelled | None = None
    keyword: Keyword | None = None
    sub_item: bool = False
    type_label: bool = False
    closing: bool = False

    @property
    def index(self) -> int:
        return self.line.index

    @property
    def text(self) -> str:
        return self.line.text

    @cached_property
    def blank(self) -> bool:
        return not self.line.text.strip()


@dataclass
class Lines:
    """The shapes of all lines of a document, with cached name look-ups."""

    shapes: list[LineShape]
    vocab: Vocabulary
    finder: NameFinder
    _names: dict[int, list[Name]] = field(default_factory=dict)
    _rows: dict[tuple[int, int], dict[int, list[Line]]] | None = None
    _blanks: dict[int, LineShape] = field(default_factory=dict)   # shared by the Lines made from these
    _finders: dict[frozenset[str], NameFinder] = field(default_factory=dict)   # likewise

    def __getitem__(self, i: int) -> LineShape:
        return self.shapes[i]

    def __len__(self) -> int:
        return len(self.shapes)

    @cached_property
    def lines(self) -> list[Line]:
        """The `Line` records, in order."""
        return [s.line for s in self.shapes]

    def names(self, i: int) -> list[Name]:
        """Person names on line `i`, read as a list (any capitalised pair after a separator
        may be a name), with the document-independent name lists."""
        if i not in self._names:
            self._names[i] = self.finder.find(self.shapes[i].text, list_mode=True)
        return self._names[i]

    def signature(self, i: int) -> bool:
        """True for a line that is (almost) only names: a signature or a name list."""
        return is_signature(self.shapes[i].text, self.names(i))

    def row_cells(self, line: Line) -> dict[int, list[Line]]:
        """The lines of the table row `line` stands in, by column."""
        if line.table is None:
            return {}
        if self._rows is None:
            rows: dict[tuple[int, int], dict[int, list[Line]]] = {}
            for s in self.shapes:
                if s.line.table is not None:
                    t, r, c = s.line.table
                    rows.setdefault((t, r), {}).setdefault(c, []).append(s.line)
            self._rows = rows
        return self._rows.get(line.table[:2], {})

    @cached_property
    def unwrapped(self) -> bool:
        """True when the text's line breaks end statements rather than wrap sentences: of the
        lines that follow a text line in one paragraph, hardly any opens in lower case (web
        pages and notes saved as text: "Ordföranden förklarar mötet öppnat" / "Föregående
        mötes protokoll godkändes")."""
        pairs = lower = 0
        for prev, shape in zip(self.shapes, self.shapes[1:]):
            line = shape.line
            if shape.blank or prev.blank or not line.continues or line.table is not None:
                continue
            first = line.text.lstrip(" \t\"'(“”-–•*")[:1]
            if first.isalpha():
                pairs += 1
                lower += first.islower()
        return pairs >= MIN_BREAK_PAIRS and lower < MAX_WRAPPED_SHARE * pairs

    @cached_property
    def wrap_width(self) -> int:
        """The width (in characters) at which the document's running text wraps."""
        lengths = sorted(len(s.text) for s in self.shapes if not s.blank)
        return lengths[int(len(lengths) * 0.95) - 1] if lengths else 80

    def blank_out(self, indices: set[int]) -> Lines:
        """The same lines with those in `indices` blank (page furniture), offsets kept."""
        if not indices:
            return self
        shapes = [self._blank(s) if s.index in indices else s for s in self.shapes]
        return Lines(shapes, self.vocab, self.finder, {i: n for i, n in self._names.items() if i not in indices},
                     _blanks=self._blanks, _finders=self._finders)

    def section(self, start: int, stop: int) -> Lines:
        """The same lines with those outside [start, stop) blank: one meeting of a
        cumulative file, keeping indices and offsets of the whole file."""
        blank = [s if start <= s.index < stop else self._blank(s) for s in self.shapes]
        return Lines(blank, self.vocab, self.finder, {i: n for i, n in self._names.items() if start <= i < stop},
                     _blanks=self._blanks, _finders=self._finders)

    def finder_knowing(self, first_names: Iterable[str]) -> NameFinder:
        """A name finder that also takes these given names (the meeting's attendees') for
        given names: one per set and document, so the components that read the same lines
        with the same attendees share what it found."""
        key = frozenset(first_names)
        if key not in self._finders:
            self._finders[key] = NameFinder(set(key), self.vocab, self.finder.plain_tokens)
        return self._finders[key]

    def _blank(self, shape: LineShape) -> LineShape:
        """The shape of the line with its text taken out (made once per line)."""
        known = self._blanks.get(shape.index)
        if known is None:
            known = self._blanks[shape.index] = LineShape(line=shape.line.model_copy(update={"text": ""}))
        return known


def is_signature(text: str, names: list[Name]) -> bool:
    """True when the names cover nearly all letters of `text`."""
    letters = len(re.sub(r"[\W\d_]", "", text))
    covered = sum(len(re.sub(r"[\W\d_]", "", n.text)) for n in names)
    return bool(names) and covered >= SIGNATURE_COVER * letters


SIGNATURE_RULE = re.compile(r"\s*(?:[_.…]{5,}\s*)+")


def signature_rule(text: str) -> bool:
    """True for a line of rules to sign on ("______   ______", "……………"): what stands above
    it is a signature caption, not text of the minutes."""
    return bool(SIGNATURE_RULE.fullmatch(text))


def unfinished(line: Line, width: int) -> bool:
    """True for a full-width line that stops mid-sentence: the paragraph goes on after it,
    even across a blank line (scans and OCR layers often put one there)."""
    text = line.text.rstrip()
    return len(text) >= 0.6 * width and bool(re.search(r"(?:[a-zåäö]|[,–-])$", text))


# --- the questions asked of one line ------------------------------------------------------

def item_number(line: Line, vocab: Vocabulary | None = None) -> ItemNumber | None:
    """The item number a line opens with, in a form items use ("§ 3", "3 §", "3.", "3)",
    "3 – Titel", "3 Titel" as a heading), or None. A bare number needs punctuation or a strong line (heading,
    bold, Word list, a bullet) and a capitalised title; dates, amounts and ranges are not numbers."""
    if line.table is not None or not line.text.strip():
        return None
    m = item_number_pattern(vocab or load()).match(line.text)
    if not m:
        return None
    title = m.group("title").strip()
    strong = line.heading > 0 or line.bold or line.list_label is not None or line.bullet   # "• 1 Ekonomi"
    if m.group("num") is not None:
        dashed = bool(m.group("sep").strip())        # "3 – Ekonomi"
        if not m.group("punct") and not dashed and not (strong and title and title[0].isupper()):
            return None
        if m.group("punct") and not m.group("sep") and title:
            return None
        if title and not (title[0].isupper() or title[0] in "§\"”'«("
                          or (m.group("punct") and YEAR_TITLE.match(title))):
            return None                             # a title may open with a year or a number compound:
                                                    # "16. 2026 års årsmöte", "3. 100-års jubileum"
        if not title and not m.group("punct"):
            return None
    if m.group("legal") is not None and not (title and title[0].isupper()):
        return None                                 # "6 § kommunallagen" wrapped in running text
    marker = "§" if m.group("para") or m.group("legal") else "punkt" if m.group("punkt") else ""
    number = int(m.group("para") or m.group("legal") or m.group("punkt") or m.group("num"))
    return ItemNumber(number, marker, m.group("punct"), m.group("title"))


def attendance_heading(text: str, vocab: Vocabulary, allow_bare: bool = False) -> Labelled | None:
    """If the text opens an attendance list, its role and the text after the heading.

    With `allow_bare`, a heading followed by text with no separator ("Närvarande Anna Berg",
    as table cells often come out of PDFs) is returned too; the caller checks the text."""
    return attendance_headings(text, vocab)[allow_bare]


def attendance_headings(text: str, vocab: Vocabulary) -> tuple[Labelled | None, Labelled | None]:
    """`attendance_heading` of the text without and with `allow_bare`, read once."""
    text = text.strip(" *")
    if text[:1].islower():
        return None, None                           # "deltagare på lunch": a sentence going on, not a heading
    m = vocab.heading_pattern().match(text) or vocab.extended_heading_pattern().match(text)
    bare = False
    if not m:
        compound = _compound_heading(text, vocab)
        if compound:
            return compound, compound
        m, bare = vocab.bare_heading_pattern().match(text), True
        if not m:
            return None, None
    elif m.group("sep") == "" and m.group("rest").strip():
        return None, None
    head = " ".join(m.group("head").split()).casefold()
    found = Labelled(vocab.attendance_role(head), m.group("head"), m.group("rest").strip())
    return (None, found) if bare else (found, found)


MIN_MODIFIER = 3                                    # "mötes-", "gäst-": the shortest first part of a compound
COMPOUND_HEADING = re.compile(r"^(?P<head>[A-ZÅÄÖ][a-zåäö]{7,})\s*:\s*(?P<rest>.*)$", re.S)


def _compound_heading(text: str, vocab: Vocabulary) -> Labelled | None:
    """A one-word heading with a colon that is a compound of a listed heading word: as its
    head ("Mötesdeltagare:", "Styrelsedeltagare:") or as its first part before a noun
    ("Närvarolista:", "Deltagarförteckning:" with "deltagar-" read as "deltagare")."""
    m = COMPOUND_HEADING.match(text)
    if not m:
        return None
    word = m.group("head").casefold()
    for heading, role in vocab.attendance_headings.items():
        listed = heading.casefold()
        if " " in listed or len(listed) < 5 or listed == word:
            continue
        stem = listed.rstrip("e")
        if word.endswith(listed) and len(word) - len(listed) >= MIN_MODIFIER:
            return Labelled(role, m.group("head"), m.group("rest").strip())
        if word.startswith(stem) and word[len(stem):] in swedish_words():
            return Labelled(role, m.group("head"), m.group("rest").strip())
    return None


def metadata_label(text: str, vocab: Vocabulary) -> Labelled | None:
    """If the text opens with a metadata label, its field and the value text. A label of
    several words may stand before its value with no colon ("Plats och tid Rumlaborg"), as
    forms exported to text often leave them."""
    m = vocab.label_pattern().match(text.strip(" *")) or vocab.bare_label_pattern().match(text.strip(" *"))
    if not m:
        return None
    return Labelled(vocab.label_field(" ".join(m.group("label").split()).casefold()),
                    m.group("label"), m.group("rest").strip())


def decision_keyword(text: str, vocab: Vocabulary) -> Keyword | None:
    """A decision keyword opening the text with a colon ("Beslut: ...")."""
    m = vocab.decision_pattern().match(text.strip(" *"))
    if not m:
        return None
    kw = vocab.keyword_entry(" ".join(m.group("kw").split()).casefold())
    return Keyword(kw, vocab.decision_keywords[kw], m.group("rest").strip(" *"))


def type_label_only(text: str, vocab: Vocabulary) -> bool:
    """True for a line that is only an item-type label or a timing note ("(10 min)")."""
    return bool(vocab.type_label_pattern().fullmatch(" " + text.strip(" *")) or TIMING_ONLY.fullmatch(text.strip()))


def closing(text: str, vocab: Vocabulary) -> bool:
    """True for a line that closes the meeting or points away from it ("Mötet avslutas",
    "Nästa möte", "Se bilaga")."""
    low = text.casefold().lstrip("-•* ")
    if low.startswith(vocab.closing_phrases):
        return True
    padded = f" {low} "
    return any(f" {w} " in padded for w in vocab.closing_words)


def shape_of(line: Line, vocab: Vocabulary) -> LineShape:
    """Given a line, answer every question about its own text and layout."""
    text = line.text
    if not text.strip():
        return LineShape(line=line)
    table_number = None
    if line.table is not None and line.table[2] == 0:
        m = table_number_pattern(vocab).match(text)
        table_number = int(m.group(1)) if m else None
    stripped = text.strip()
    heading_role, bare_heading_role = attendance_headings(text, vocab)
    return LineShape(
        line=line, number=item_number(line, vocab), table_number=table_number,
        heading_role=heading_role, bare_heading_role=bare_heading_role,
        label=metadata_label(text, vocab), keyword=decision_keyword(text, vocab),
        sub_item=bool(SUB_ITEM.match(stripped)), type_label=type_label_only(text, vocab),
        closing=closing(text, vocab))


def analyse(lines: list[Line], vocab: Vocabulary | None = None) -> Lines:
    """Given a document's lines, return their shapes."""
    vocab = vocab or load()
    return Lines([shape_of(line, vocab) for line in lines], vocab, NameFinder(vocab=vocab))


LABELS = (("NUMBER", lambda s: s.number is not None or s.table_number is not None),
          ("ATTENDANCE", lambda s: s.heading_role is not None),
          ("FIELD", lambda s: s.label is not None),
          ("KEYWORD", lambda s: s.keyword is not None),
          ("SUBITEM", lambda s: s.sub_item),
          ("TYPE", lambda s: s.type_label),
          ("CLOSING", lambda s: s.closing))


@Language.factory("minutes_lines", assigns=["doc._.lines", "doc.spans"])
def make_lines(nlp: Language, name: str) -> LinesComponent:
    return LinesComponent()


class LinesComponent:
    """Given a Doc made by `doc.make_doc`, set `doc._.lines` and label the lines whose shape
    later components ask about in `doc.spans["labels"]`."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.source is None:
            docs.attach_text(doc)
        lines = analyse(doc._.source.lines)
        doc._.lines = lines
        findings = []
        for shape in lines.shapes:
            if shape.blank:
                continue
            for label, test in LABELS:
                if test(shape):
                    findings.append((docs.line_span(doc, shape.index, label=label), shape))
        docs.put(doc, "labels", findings)
        return doc


def ends_sentence(text: str) -> bool:
    """True when `text` ends a sentence or a label: a final ".", ":", "!" or "?" that is not
    the stop of an abbreviation."""
    text = text.rstrip()
    if not text or text[-1] not in ".:!?":
        return False
    return text[-1] != "." or text.split()[-1].casefold() not in abbreviations()
