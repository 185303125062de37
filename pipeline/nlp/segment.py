"""Agenda items: find the numbered lines that open items and give each its title.

Numbered lines are everywhere in minutes (inner lists, schedules, dates), so candidates
are collected first and the item sequence is chosen as the best increasing chain, where
headings and lines followed by content weigh more. This picks the body's items over an
agenda list with the same numbers and ignores lists restarting inside an item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import is_type_label_line, numbered, row_cells, unfinished, wrap_width
from .names import NameFinder
from ..records import Document, Item, Line, Span
from .vocab import Vocabulary

TIMING = re.compile(r"\s*[–—-]?\s*\(\s*\d+\s*(?:min|minuter|h|tim)\b[^)]*\)|"
                    r"\s*[–—-]+\s*\d+\s*(?:min|minuter|h|tim)\b\.?", re.I)
CLOCK_TAIL = re.compile(r"\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s*$")
DATE_TAIL = re.compile(r"\s+(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?\s*$")
LEADING_LABEL = re.compile(r"^([A-ZÅÄÖ][^.:!?]{2,40})[.:]\s+\S")
TABLE_NUMBER = re.compile(r"^\s*(?:§|punkt|p\.)?\s*(\d{1,3})\s*[.):]?\s*$", re.I)
TERMINAL_END = re.compile(r"[.!?]\s*$")
SENTENCE_END = re.compile(r"(?<=[a-zåäöé0-9)])[.!?]\s+(?=[A-ZÅÄÖ])")
MAX_GAP = 4


@dataclass
class Candidate:
    line: int
    number: int
    title: str
    weight: float


def _content_follows(lines: list[Line], i: int) -> bool:
    for line in lines[i + 1:i + 4]:
        if not line.text.strip():
            continue
        return numbered(line) is None
    return False


def _without_reference(title: str, vocab: Vocabulary) -> str:
    """The title without a case number ("Dnr KS 2023/123") printed beside the item number,
    and without side columns after a wide gap (Ansvar "BG", a page number, a time)."""
    head, *side = title.split("\t")
    if side and head.strip() and all(len(c.split()) <= 3 for c in side):
        title = head
    return _reference_pattern(vocab).sub(" ", title).strip()


def _reference_pattern(vocab: Vocabulary) -> re.Pattern:
    def build() -> re.Pattern:
        labels = "|".join(re.escape(r) for r in sorted(vocab.reference_labels, key=len, reverse=True))
        return re.compile(rf"(?i)(?:^|\s)(?:{labels})\s*:?\s*(?:[A-ZÅÄÖ]{{1,5}}\s+)?[\w.-]*\d[\w/.:-]*")
    return vocab._once("reference_pattern", build)


def candidates(doc: Document, vocab: Vocabulary, end: int | None = None) -> list[Candidate]:
    """Every line before `end` that could open an agenda item, with a weight for the chain search."""
    out = []
    for line in doc.lines[:end]:
        if line.table is not None:
            cand = _table_candidate(doc, line)
            if cand:
                out.append(cand)
            continue
        m = numbered(line)
        if m is None:
            continue
        number = int(m.group("para") or m.group("punkt") or m.group("num"))
        weight = 1.0 + 0.5 * (line.heading > 0 or line.bold or line.list_label is not None)
        weight += 0.3 * _content_follows(doc.lines, line.index)
        out.append(Candidate(line.index, number, _without_reference(m.group("title"), vocab), weight))
    return out


def _table_candidate(doc: Document, line: Line) -> Candidate | None:
    """A table row whose first cell is only an item number ("§ 3", "3.") and whose next cell
    holds the title: agendas and minutes laid out as Punkt | Vad | Ansvar tables."""
    t, r, c = line.table
    m = TABLE_NUMBER.match(line.text)
    if c != 0 or not m:
        return None
    cols = row_cells(doc, line)
    title = next((ln.text.strip() for col in sorted(cols) if col > c for ln in cols[col] if ln.text.strip()), "")
    if not title or not title[0].isupper():
        return None
    return Candidate(line.index, int(m.group(1)), title, 1.5)


def best_chain(cands: list[Candidate]) -> list[Candidate]:
    """Given candidates in document order, return the heaviest chain of rising numbers."""
    if not cands:
        return []
    score = [c.weight - (0.4 if c.number > 1 else 0.0) for c in cands]
    back = [-1] * len(cands)
    for j, cj in enumerate(cands):
        for i in range(j):
            ci = cands[i]
            if 0 < cj.number - ci.number <= MAX_GAP and score[i] + cj.weight > score[j]:
                score[j], back[j] = score[i] + cj.weight, i
    j = max(range(len(cands)), key=lambda k: (score[k], k))
    chain = []
    while j >= 0:
        chain.append(cands[j])
        j = back[j]
    return chain[::-1]


def clean_title(title: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """Strip timing notes, clock times, type labels and trailing punctuation from a title."""
    title = TIMING.sub("", title)
    type_label = None
    m = vocab.type_label_pattern().search(title)
    if m and m.start() > 0:
        type_label = title[m.start():].strip(" .:")
        title = title[:m.start()]
    title = CLOCK_TAIL.sub("", title)
    title = DATE_TAIL.sub("", title)
    title = re.sub(r"\s*\((?:\s*\d+\s*(?:min\w*)?)?[^)]*$", "", title)
    title = re.sub(r"\s+", " ", title).strip(" \t.,:;–-")
    return title, type_label


def segment(doc: Document, vocab: Vocabulary, finder: NameFinder, end: int | None = None) -> list[Item]:
    """Return the document's top-level agenda items (before line `end`, where appendices
    start) with titles, labels and presenters."""
    end_of_body = len(doc.lines) if end is None else end
    chain = best_chain(candidates(doc, vocab, end_of_body))
    if len(chain) < 2:
        return []
    lines = doc.lines
    width = wrap_width(lines)
    decision = vocab.decision_pattern()
    items = []
    for k, cand in enumerate(chain):
        end = chain[k + 1].line if k + 1 < len(chain) else end_of_body
        if cand.title:
            title_parts, i = _heading_title(lines, cand, end, width, vocab)
            raw_title = " ".join(title_parts)
            if not lines[cand.line].heading and len(SENTENCE_END.split(raw_title, 1)) > 1:
                raw_title = SENTENCE_END.split(raw_title, 1)[0]
        else:
            title_parts, i = _paragraph_title(lines, cand.line + 1, end, vocab, width)
            raw_title = " ".join(title_parts)
            label = LEADING_LABEL.match(raw_title)
            if label and len(label.group(1).split()) <= 4:
                raw_title = label.group(1)
        title, type_label = clean_title(raw_title, vocab)
        presenters, attachments, type_label = _item_head(lines[i:end], vocab, finder, type_label)
        items.append(Item(number=str(cand.number), title=title, type_label=type_label,
                          presenters=presenters, attachments=attachments,
                          span=Span.of_lines(lines[cand.line:end])))
    return items


def _stops_title(line: Line, vocab: Vocabulary) -> bool:
    text = line.text.strip()
    return bool(is_type_label_line(text, vocab) or vocab.decision_pattern().match(text)
                or _label_kind(text, vocab))


def _heading_title(lines: list[Line], cand: Candidate, end: int, width: int,
                   vocab: Vocabulary) -> tuple[list[str], int]:
    """The title on a numbered line, with its wrapped continuation; returns the parts and
    the index of the first line after the title."""
    title_parts = [cand.title]
    i = cand.line + 1
    last_len = len(lines[cand.line].text)
    while i < end and last_len >= 0.75 * width and not re.search(r"[.:!?]\s*$", title_parts[-1]):
        if not lines[i].text.strip():
            i += 1
            continue
        nxt = lines[i].text.strip()
        if _stops_title(lines[i], vocab) or lines[i].heading or (nxt[:1].isupper() and TERMINAL_END.search(nxt)):
            break
        title_parts.append(nxt)
        last_len = len(lines[i].text)
        i += 1
    return title_parts, i


def _paragraph_title(lines: list[Line], i: int, end: int, vocab: Vocabulary,
                     width: int) -> tuple[list[str], int]:
    """For a number standing alone ("1/", "§ 3"), the next paragraph is the title: a heading
    line alone, or the whole paragraph, running on over a blank line while a sentence is
    unfinished."""
    while i < end and not lines[i].text.strip():
        i += 1
    if i >= end or _stops_title(lines[i], vocab):
        return [], i
    parts = [lines[i].text.strip()]
    heading = lines[i].heading > 0 or lines[i].bold
    i += 1
    while i < end and not heading:
        line = lines[i]
        text = line.text.strip()
        if not text:
            nxt = next((ln for ln in lines[i + 1:end] if ln.text.strip()), None)
            if nxt is None or re.search(r"[.:!?]\s*$", parts[-1]) or not (
                    nxt.text.strip()[:1].islower() or unfinished(lines[i - 1], width)):
                break
            i += 1
            continue
        if _stops_title(line, vocab) or line.heading or numbered(line) or line.table is not None:
            break
        parts.append(text)
        i += 1
    return parts, i


def _label_kind(text: str, vocab: Vocabulary) -> str | None:
    m = re.match(r"^\*?\s*([\wåäöÅÄÖ ]+?)\s*:", text)
    if m:
        return vocab.presenter_labels.get(m.group(1).strip().capitalize())
    return None


def _item_head(lines: list[Line], vocab: Vocabulary, finder: NameFinder,
               type_label: str | None) -> tuple[list[str], list[str], str | None]:
    """Read the lines right after an item title: type label, presenters, attachments."""
    presenters: list[str] = []
    attachments: list[str] = []
    seen = 0
    for line in lines:
        text = line.text.strip(" *")
        if not text:
            continue
        seen += 1
        if seen > 5:
            break
        if is_type_label_line(text, vocab):
            label = TIMING.sub("", text).strip(" ()")
            if label and not re.fullmatch(r"\d+\s*min.*", label, re.I):
                type_label = type_label or label
            continue
        kind = _label_kind(text, vocab)
        if kind == "presenter":
            presenters += [n.text for n in finder.find(text.split(":", 1)[1], list_mode=True)]
            continue
        if kind == "attachment":
            attachments.append(text.split(":", 1)[1].strip())
            continue
        names = finder.find(text, list_mode=True)
        covered = sum(n.end - n.start for n in names)
        if names and covered >= 0.6 * len(re.sub(r"[\s,]|\boch\b|-?via\b.*", "", text)):
            presenters += [n.text for n in names]
            continue
        break
    return presenters, attachments, type_label
