"""Where the minutes proper are: the `minutes_layout` component.

It finds the regions later components keep to:
- MEETING: one per meeting; a cumulative file (several meetings' minutes one after the
  other, "Mötesprotokoll 1 / Datum: ... Mötesprotokoll 2 / Datum: ...") has several. A
  meeting starts at a title line naming the document type with a date on it or within the
  next lines; running page headers repeat the same title and date on every page and are
  recognised by that repetition, so they never split a document.
- APPENDIX: from the heading that opens the appendices ("Bilagor", "Bilaga 2") or a
  repeated list of decisions ("Lista över beslut") to the end of the meeting; items,
  decisions and mentions there are not the meeting's.
- FURNITURE: what repeats on every page and is no text of the minutes: page headers and
  footers (a block of lines repeated at least three times with a page number among them, or
  repeated at the edges of PDF pages: "Justerandes sign", "SAMMANTRÄDESPROTOKOLL
  2016-03-22", "5 (19)"; the first time such a line is printed it stays, since a letterhead
  names the body), continuation marks ("Forts. § 29"), electronic-signature stamps (BankID,
  transaction ids) and a table of contents listing the § with their pages. The components
  after this one see these lines as blank.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..settings import SETTINGS
from . import doc as docs
from .dates import parse_date
from .lines import Lines
from .vocab import Vocabulary, rows

FURNITURE_REPEATS = SETTINGS.layout.furniture_repeats
FURNITURE_CHARS = SETTINGS.layout.furniture_chars
PAGE_NUMBER = re.compile(r"\d{1,3}(?:\s*\(\s*\d{1,3}\s*\))?|(?:sida|sid\.?|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?|\d+\s*/\s*\d+", re.I)  # noqa: E501
PAGE_OF = re.compile(r"\b\d{1,3}\s*\(\s*\d{1,3}\s*\)|\b(?:sida|sid\.?|page)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?", re.I)
CAPTION_SPLIT = re.compile(r"[\s/,]+")
DIGIT = re.compile(r"\d")
SPACES = re.compile(r"\s+")
TOC_ENTRY = re.compile(r"(?:\.{2,}|\s|\t)\d{1,3}\s*$")
DATE_WINDOW = SETTINGS.layout.date_window
MIN_MEETING_LINES = SETTINGS.layout.min_meeting_lines
APPENDIX_HEADING_CHARS = SETTINGS.layout.appendix_heading_chars
HEAD_SHARE = SETTINGS.layout.head_share
APPENDIX_CAPITALS = SETTINGS.layout.appendix_capitals
APPENDIX_MIN_LINES = SETTINGS.layout.appendix_min_lines


@dataclass(frozen=True)
class Region:
    """One meeting's lines [start, stop); its minutes proper end at `body_end` (where the
    appendices start). `whole` is True when the document holds one meeting."""

    meeting: int
    start: int
    stop: int
    body_end: int
    whole: bool = True


def _appendix_pattern(vocab: Vocabulary) -> re.Pattern:
    def build() -> re.Pattern:
        words = "|".join(re.escape(w) for w in sorted(vocab.appendix_headings, key=len, reverse=True))
        return re.compile(rf"^\s*(?:{words})(?:\s+(?:nr\.?\s*)?[\dA-Z]{{1,3}}\b)?(?!\s*:\s*$)(?:[\s:.–—-].*)?$", re.I)
    return vocab._once("appendix_pattern", build)


def body_end(lines: Lines, start: int, stop: int) -> int:
    """Index of the first line in [start, stop), past the head of the minutes, that opens the
    appendices, or `stop` when there is none. It must stand out: a heading, a bold line or
    the first line of a page. The head (the first item number, or the first tenth of the
    text lines) is skipped: an "Bilagor" list there names attachments, it does not open them."""
    numbered = next((s.index for s in lines.shapes[start:stop] if s.number is not None), stop)
    text_lines = [s.index for s in lines.shapes[start:stop] if not s.blank]
    first = min(numbered, text_lines[len(text_lines) // HEAD_SHARE] if text_lines else start)
    pattern = _appendix_pattern(lines.vocab)
    previous_page = None
    for shape in lines.shapes[first + 1:stop]:
        line = shape.line
        text = line.text.strip(" *\t")
        if not text:
            continue
        first_on_page = line.page is not None and line.page != previous_page
        previous_page = line.page
        if len(text) > APPENDIX_HEADING_CHARS or line.table is not None or not pattern.match(text):
            continue
        if re.match(r"^\s*bilagor?\s*:", text, re.I):
            continue
        if line.heading or line.bold or first_on_page:
            return line.index
    return _after_signatures(lines, numbered, stop)


def _caption(text: str, vocab: Vocabulary) -> bool:
    """A line of signature captions only: "Sekreterare    Ordförande", "Justerare"."""
    roles = vocab._once("caption_roles", lambda: frozenset(
        w.casefold() for w in (*vocab.chair_words, *vocab.secretary_words, *vocab.adjuster_words)))
    words = CAPTION_SPLIT.split(text.strip(" *\t"))
    return bool(words[0]) and all(w.casefold() in roles for w in words)


def _signed_above(lines: Lines, i: int) -> bool:
    """True when the text line above line i holds only names: the signatures a caption is under."""
    above = next((s for s in reversed(lines.shapes[max(0, i - 3):i]) if not s.blank), None)
    return above is not None and not above.line.bullet and lines.signature(above.index)


def _after_signatures(lines: Lines, first_item: int, stop: int) -> int:
    """Where a text appended after the signatures starts ("STADGAR" under the captions
    "Sekreterare  Ordförande"), or `stop`. Past the first item, a line of signature captions
    (not a list item) right under a line of names ends the minutes; the first standout line
    after it that is neither a caption nor a name (a heading, a bold line, a line in capitals
    or the first line of a page) opens what is appended, when text follows it and it carries
    no item number (numbering that goes on is still the minutes)."""
    vocab = lines.vocab
    caption = next((s.index for s in lines.shapes[first_item + 1:stop]
                    if _caption(s.text, vocab) and not s.line.bullet and _signed_above(lines, s.index)), None)
    if caption is None:
        return stop
    previous_page = lines[caption].line.page
    for shape in lines.shapes[caption + 1:stop]:
        line, text = shape.line, shape.text.strip(" *#\t")
        if not text:
            continue
        first_on_page = line.page is not None and line.page != previous_page
        previous_page = line.page
        capitals = sum(ch.isupper() for ch in text) >= APPENDIX_CAPITALS and text.upper() == text
        if _caption(text, vocab) or lines.signature(shape.index) or len(text) > APPENDIX_HEADING_CHARS:
            continue
        if shape.number is not None:
            return stop                             # the numbering goes on: still the minutes
        if (line.heading or line.bold or capitals or first_on_page) and \
                sum(not s.blank for s in lines.shapes[shape.index + 1:stop]) >= APPENDIX_MIN_LINES:
            return shape.index
    return stop


def _title_line(lines: Lines, i: int) -> bool:
    shape = lines[i]
    text = shape.text.strip(" *#").casefold()
    if not text or len(text) > 80:
        return False
    starts_paragraph = i == 0 or lines[i - 1].blank
    short_title = starts_paragraph and len(text.split()) <= 6 and not text.endswith(".")
    if not (shape.line.heading or shape.line.bold or short_title):
        return False
    return bool(_title_pattern(lines.vocab).match(text))


def _title_pattern(vocab: Vocabulary) -> re.Pattern:
    """A document title opening a line ("protokoll", "minnesanteckningar"), as a whole word."""
    return vocab._once("title_pattern", lambda: re.compile(
        "(?:" + "|".join(re.escape(w) for w in vocab.document_titles) + r")\b" if vocab.document_titles else "(?!)"))


def meeting_starts(lines: Lines, end: int) -> list[int]:
    """Line indices where each meeting of the document starts; [0] for a single meeting."""
    found: list[tuple[int, str, str]] = []
    for shape in lines.shapes[:end]:
        if not _title_line(lines, shape.index):
            continue
        date = next((d for s in lines.shapes[shape.index:shape.index + DATE_WINDOW]
                     if (d := parse_date(s.text, lines.vocab))), None)
        if date:
            found.append((shape.index, " ".join(PAGE_OF.sub(" ", shape.text).split()).casefold(), date))
    keys = [(title, date) for _, title, date in found]
    starts = [i for i, title, date in found if keys.count((title, date)) == 1]
    starts = [s for k, s in enumerate(starts) if k == 0 or s - starts[k - 1] >= MIN_MEETING_LINES]
    if len(starts) < 2:
        return [0]
    return [0] + starts[1:]


def find_regions(lines: Lines) -> list[Region]:
    """The meetings of a document, each with the line where its appendices start."""
    n = len(lines)
    end = body_end(lines, 0, n)
    starts = meeting_starts(lines, end)
    if len(starts) == 1:
        return [Region(0, 0, n, end, whole=True)]
    bounds = list(zip(starts, starts[1:] + [n]))
    return [Region(k, a, b, body_end(lines.section(a, b), a, b), whole=False) for k, (a, b) in enumerate(bounds)]


@lru_cache(maxsize=1)
def furniture_words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for kind, word in rows("page_furniture.txt"):
        out.setdefault(kind, []).append(word.casefold())
    return {k: tuple(v) for k, v in out.items()}


def _key(text: str) -> str:
    return SPACES.sub(" ", DIGIT.sub("#", text.casefold())).strip(" *.,:;|")


def furniture(lines: Lines) -> set[int]:
    """Lines that are page furniture (see the module docstring)."""
    words = furniture_words()
    text_lines = [s.index for s in lines.shapes if not s.blank and s.number is None and s.table_number is None
                  and s.line.table is None and s.keyword is None]
    keys = {i: _key(lines[i].text) for i in text_lines}
    counts = Counter(keys.values())
    out: set[int] = set()
    blocks: list[list[int]] = []
    for pos, i in enumerate(text_lines):
        if counts[keys[i]] < FURNITURE_REPEATS or len(keys[i]) > FURNITURE_CHARS:
            continue
        if blocks and pos > 0 and text_lines[pos - 1] == blocks[-1][-1] and _adjacent(lines, blocks[-1][-1], i):
            blocks[-1].append(i)
        else:
            blocks.append([i])
        line = lines[i].line
        prev = lines[text_lines[pos - 1]].line if pos else None
        nxt = lines[text_lines[pos + 1]].line if pos + 1 < len(text_lines) else None
        if line.page is not None and (prev is None or prev.page != line.page or nxt is None or nxt.page != line.page):
            out.add(i)
    for block in blocks:
        if any(PAGE_NUMBER.fullmatch(lines[i].text.strip()) for i in block):
            out.update(block)
    first: dict[str, int] = {}
    for i in sorted(out):
        first.setdefault(keys[i], i)
    out -= set(first.values())
    for i in text_lines:
        low = lines[i].text.strip(" *_").casefold()
        if low.startswith(words.get("continued", ())) and ("§" in low or len(low.split()) <= 4):
            out.add(i)
        elif any(w in low for w in words.get("esign", ())):
            out.add(i)
    return out | table_of_contents(lines, words.get("toc", ()))


def _adjacent(lines: Lines, a: int, b: int) -> bool:
    """True when only blank lines stand between lines a and b."""
    return all(lines[k].blank for k in range(a + 1, b))


def table_of_contents(lines: Lines, headings: tuple[str, ...]) -> set[int]:
    """A heading "Innehåll"/"Ärendelista" and the lines under it that end in a page number."""
    out: set[int] = set()
    for shape in lines.shapes:
        text = shape.text.strip(" *#").casefold()
        if shape.blank or text not in headings:
            continue
        taken = [shape.index]
        for nxt in lines.shapes[shape.index + 1:]:
            if nxt.blank:
                continue
            if TOC_ENTRY.search(nxt.text.strip()) or (nxt.line.table is not None and nxt.text.strip().isdigit()) \
                    or _key(nxt.text) in ("sida", "page", "sid"):
                taken.append(nxt.index)
                continue
            break
        if len(taken) > 1:
            out.update(taken)
    return out


def regions(doc: Doc) -> list[Region]:
    """The meeting regions the layout component found."""
    return [r for r in docs.payloads(doc, "regions") if isinstance(r, Region)]


@Language.factory("minutes_layout", assigns=["doc.spans"], requires=["doc._.lines"])
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    return LayoutComponent()


class LayoutComponent:
    """Given a Doc with its lines, write MEETING and APPENDIX spans to `doc.spans["regions"]`
    (a MEETING span's payload is its `Region`)."""

    def __call__(self, doc: Doc) -> Doc:
        furnished = furniture(doc._.lines)
        doc._.lines = lines = doc._.lines.blank_out(furnished)
        findings: list[tuple[Span | None, Region | None]] = [(docs.line_span(doc, i, label="FURNITURE"), None)
                                                             for i in sorted(furnished)]
        last = len(lines) - 1
        for region in find_regions(lines):
            span = docs.line_span(doc, region.start, max(region.start, region.stop - 1), label="MEETING")
            if span is None:
                span = doc[0:len(doc)] if len(doc) else None
            findings.append((span, region))
            if region.body_end < region.stop:
                findings.append((docs.line_span(doc, region.body_end, min(last, region.stop - 1), label="APPENDIX"),
                                 None))
        docs.put(doc, "regions", findings)
        return doc
