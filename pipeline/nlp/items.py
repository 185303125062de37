"""Agenda items: the `minutes_items` component.

Numbered lines are everywhere in minutes (inner lists, schedules, dates), so candidates
are collected first and the item sequence is chosen as the best increasing chain, where
headings and lines followed by content weigh more. This picks the body's items over an
agenda list with the same numbers and ignores lists restarting inside an item. Each item
gets its title (the rest of its line, or the paragraph after a number standing alone),
its case number ("Dnr BUN 2020/123") kept apart from the title, and the presenters and
attachments listed right under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Item, Line, Span, span_of
from ..settings import SETTINGS
from . import doc as docs
from .deciding import Deciding, nonspace
from .layout import Region, regions
from .linemodel import line_mode, line_probs, prob
from .lines import SUB_ITEM, Lines, ends_sentence, is_signature, unfinished
from .vocab import Vocabulary

PRESENTER_TAIL = re.compile(r"^(.*\w.*?)\s*(?:,|\s[–-])\s*([^,–]*?)$")


SAME_NUMBER_ITEMS = SETTINGS.items.same_number_items
FINITE_ENDINGS = ("r", "de", "te", "dde", "tte", "s")


def timing_pattern(vocab: Vocabulary) -> re.Pattern:
    """A timing note in a title ("(10 min)", "– 15 min"), by the vocabulary's duration units."""
    return vocab._once("timing_pattern", lambda: re.compile(
        rf"\s*[–—-]?\s*\(\s*\d+\s*(?:{vocab.words_pattern('duration')})\b[^)]*\)|"
        rf"\s*[–—-]+\s*\d+\s*(?:{vocab.words_pattern('duration')})\b\.?", re.I))


def clock_tails(vocab: Vocabulary) -> tuple[re.Pattern, re.Pattern]:
    """A clock time, or a date and time, ending a title ("Budget kl. 10.30")."""
    def build():
        clock = vocab.words_pattern("clock")
        return (re.compile(rf"\s*(?:(?:{clock})\.?\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*[-–]\s*\d{{1,2}}[:.]\d{{2}})?\s*$", re.I),  # noqa: E501
                re.compile(rf"\s+(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?:\s+(?:(?:{clock})\.?\s*)?\d{{1,2}}[:.]\d{{2}})?\s*$", re.I))  # noqa: E501
    return vocab._once("clock_tails", build)
LEADING_LABEL = re.compile(r"^([A-ZÅÄÖ][^.:!?;–—]{2,50}?)(?:([.:;])|\s+[–—-])(?=\s+\S)")
TERMINAL_END = re.compile(r"[.!?]\s*$")
SENTENCE_END = re.compile(r"(?<=[a-zåäöé0-9)])[.!?]\s+(?=[A-ZÅÄÖ])")
SIDE_CELL = re.compile(r"[\dA-ZÅÄÖ/.,:()\-– ]{0,12}")   # a side column: initials, a page, a time
MAX_GAP = SETTINGS.items.max_gap
LABEL_TITLE_WORDS = SETTINGS.items.label_title_words
SENTENCE_WORDS = SETTINGS.items.sentence_words
FULL_LINE = SETTINGS.items.full_line
# "Bun/2015:648 624" ending a title
CASE_TAIL = re.compile(r"\s+(?P<ref>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}\s*/\s*(?:19|20)\d{2}\s*[:/]\s*\d{1,6}"
                      r"|[A-ZÅÄÖ]{1,6}\s+(?:19|20)\d{2}\s*/\s*\d{1,6})(?:\s+\d{1,6})?\s*$")
CASE_LINES = SETTINGS.items.case_lines
MODEL_SURE = SETTINGS.items.model_sure
HEAD_LINES = SETTINGS.items.head_lines


@dataclass
class Candidate:
    line: int
    number: int
    title: str
    weight: float


def reference_pattern(vocab: Vocabulary) -> re.Pattern:
    """A case number with its label ("Dnr KS 2023/123", "Dnr: Bun/2015:592")."""
    def build() -> re.Pattern:
        labels = "|".join(re.escape(r) for r in sorted(vocab.reference_labels, key=len, reverse=True))
        return re.compile(rf"(?i)(?:^|\s)(?P<label>{labels})\s*:?\s*(?P<ref>(?:[A-ZÅÄÖ]{{1,5}}\s+)?[\w.-]*\d[\w/.:-]*)")
    return vocab._once("reference_pattern", build)


def split_reference(title: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """The title without a case number printed beside the item number, and the case
    number; side columns after a wide gap (Ansvar "BG", a page number) are dropped."""
    head, *side = title.split("\t")
    if side and head.strip() and all(SIDE_CELL.fullmatch(c.strip()) for c in side):
        title = head
    m = reference_pattern(vocab).search(title)
    ref = m.group("ref").strip(" .,") if m else None
    title = reference_pattern(vocab).sub(" ", title).strip()
    if ref is None:
        tail = CASE_TAIL.search(title)
        if tail:
            ref, title = " ".join(tail.group("ref").split()), title[:tail.start()].strip()
    return title, ref


def _content_follows(lines: Lines, i: int) -> bool:
    for shape in lines.shapes[i + 1:i + 4]:
        if shape.blank:
            continue
        return shape.number is None
    return False


def candidates(lines: Lines, start: int, end: int, weigh=None) -> list[Candidate]:
    """Every line in [start, end) that could open an agenda item, weighted for the chain;
    `weigh(line, weight)` may change a weight or drop the candidate (None): the line
    classifier's say, in its "model" and "both" modes."""
    out = []
    found = _candidates(lines, start, end)
    if weigh is None:
        return found
    for cand in found:
        weight = weigh(cand.line, cand.weight)
        if weight is not None:
            out.append(Candidate(cand.line, cand.number, cand.title, weight))
    return out


def _candidates(lines: Lines, start: int, end: int) -> list[Candidate]:
    out = []
    for shape in lines.shapes[start:end]:
        line = shape.line
        if line.table is not None:
            cand = _table_candidate(lines, line, shape.table_number)
            if cand:
                out.append(cand)
            continue
        if shape.number is None:
            continue
        weight = 1.0 + 0.5 * (line.heading > 0 or line.bold or line.list_label is not None)
        weight += 0.3 * _content_follows(lines, line.index)
        out.append(Candidate(line.index, shape.number.number, shape.number.title, weight))
    return out


def _table_candidate(lines: Lines, line: Line, number: int | None) -> Candidate | None:
    """A table row whose first cell is only an item number ("§ 3", "3.") and whose next cell
    holds the title: agendas and minutes laid out as Punkt | Vad | Ansvar tables."""
    if number is None:
        return None
    assert line.table is not None   # a table row
    cols = lines.row_cells(line)
    title = next((ln.text.strip() for col in sorted(cols) if col > line.table[2] for ln in cols[col]
                  if ln.text.strip()), "")
    if not title or not title[0].isupper():
        return None
    return Candidate(line.index, number, title, 1.5)


def best_chain(cands: list[Candidate]) -> list[Candidate]:
    """Given candidates in document order, return the heaviest chain of rising numbers."""
    if not cands:
        return []
    score = [c.weight - (0.4 if c.number > 1 else 0.0) for c in cands]
    back = [-1] * len(cands)
    seen: dict[int, list[int]] = {}                 # number -> indices of the candidates so far
    for j, cj in enumerate(cands):
        before = sorted(i for n in range(cj.number - MAX_GAP, cj.number) for i in seen.get(n, ()))
        for i in before:
            if score[i] + cj.weight > score[j]:
                score[j], back[j] = score[i] + cj.weight, i
        seen.setdefault(cj.number, []).append(j)
    j = max(range(len(cands)), key=lambda k: (score[k], k))
    chain = []
    while j >= 0:
        chain.append(cands[j])
        j = back[j]
    return chain[::-1]


def clean_title(title: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """Strip timing notes, clock times, type labels and trailing punctuation from a title."""
    title = timing_pattern(vocab).sub("", title)
    type_label = None
    m = vocab.type_label_pattern().search(title)
    if m and m.start() > 0:
        type_label = title[m.start():].strip(" .:")
        title = title[:m.start()]
    clock_tail, date_tail = clock_tails(vocab)
    title = clock_tail.sub("", title)
    title = date_tail.sub("", title)
    title = re.sub(r"\s*\((?:\s*\d+\s*(?:min\w*)?)?[^)]*$", "", title)
    title = re.sub(r"\s+", " ", title).strip(" \t.,:;–-")
    return title, type_label


def find_items(lines: Lines, region: Region, weigh=None,
               deciding: Deciding | None = None) -> tuple[list[Item], list[tuple[int, int]]]:
    """The top-level agenda items of one meeting (lines region.start..region.body_end), and
    for each the lines its heading takes (first, last)."""
    vocab = lines.vocab
    found = candidates(lines, region.start, region.body_end, weigh)
    ones = len(found) >= SAME_NUMBER_ITEMS and all(c.number == 1 for c in found)
    chain = found if ones else best_chain(found)    # "1." on every point: a list numbered by its renderer
    if len(chain) < 2 and not (chain and (number := lines[chain[0].line].number) and number.marker == "§"):
        return [], []                               # one number alone is an item only as a § (an extract)
    items, heads = [], []
    for k, cand in enumerate(chain):
        end = chain[k + 1].line if k + 1 < len(chain) else region.body_end
        title, case_number = split_reference(cand.title, vocab)
        own_line = bool((number := lines[cand.line].number) and number.title.strip())
        if title:
            title_parts, i = _heading_title(lines, cand.line, title, end)
            raw_title = whole = " ".join(title_parts)
            sentences = SENTENCE_END.split(raw_title, 1)
            clause = len(sentences) > 1 and _opens_with_clause(deciding, cand.line, sentences[0])
            stop = ""
            if not lines[cand.line].line.heading and len(sentences) > 1 and not clause:
                raw_title, stop = sentences[0], "."     # the stop the split took off
                own_line = len(title_parts) == 1        # the sentences after the first are the item's text
            label = None if clause else _leading_label(raw_title)
            if label and len(label.group(1).split()) <= LABEL_TITLE_WORDS and (
                    label.group(2) == ";" or _names_only(lines, raw_title[label.end():])
                    or (_sentence_after(lines, deciding, cand.line, raw_title + stop, title_parts[0], label.end())
                        and (not stop or _clause(lines, deciding, cand.line, raw_title[label.end():])))):
                raw_title = label.group(1)              # "3. Val av ordförande: Till ordförande valdes X"
                own_line = False                        # the rest is the item's text, not its title
            elif _decides_after(lines, deciding, cand.line, title_parts[0], 0):
                raw_title, own_line = whole, False      # "§6 Dagordningen fastställdes.": a deciding paragraph
                                                        # is title and text
        else:
            title_parts, i, own_line = _paragraph_title(lines, cand.line + 1, end)
            raw_title = " ".join(title_parts)
            label = _leading_label(raw_title)
            if label and len(label.group(1).split()) <= LABEL_TITLE_WORDS:
                raw_title = label.group(1)
        raw_title, ref = split_reference(raw_title, vocab)
        title, type_label = clean_title(raw_title, vocab)
        case_line = _case_line(lines, i, end)
        if case_line is not None:
            ref = ref or case_line[1]
            i = case_line[0] + 1
        presenters, attachments, type_label = _item_head(lines, i, end, type_label)
        if cand.title:
            title, named = presenter_tail(title, lines)
            presenters = named + [p for p in presenters if p not in named]
        title_end = i - 1 if title else cand.line
        items.append(Item(number=str(cand.number), title=title, type_label=type_label,
                          case_number=case_number or ref, presenters=presenters, attachments=attachments,
                          meeting=region.meeting, span=Span.of_lines(lines.lines[cand.line:end])))
        heads.append((cand.line, max(cand.line, title_end) if own_line else cand.line))
    return items, heads


def presenter_tail(title: str, lines: Lines) -> tuple[str, list[str]]:
    """A heading's title without the presenters named after its last comma or dash
    ("Ekonomisk uppföljning, Anna Berg", "Budget – Per Ek och Eva Ny"), and those presenters."""
    m = PRESENTER_TAIL.match(title)
    if not m:
        return title, []
    tail = m.group(2)
    if lines.finder.find(m.group(1), list_mode=True):
        return title, []                            # the tail ends a list of names, it names no presenter
    names = lines.finder.find(tail, list_mode=True)
    rest = re.sub(rf"[\s,&]|\b(?:{lines.vocab.words_pattern('conjunction')})\b", "", tail)
    if not names or sum(len(n.text.replace(" ", "")) for n in names) < len(rest) - 1:
        return title, []
    return m.group(1).strip(), [n.text for n in names]


def _case_line(lines: Lines, start: int, end: int) -> tuple[int, str] | None:
    """A case number standing on its own line right under an item's title ("Bun/2015:592
    610", "Dnr KS 2023/123"): its line and the number, without an archive code after it."""
    pattern = lines.vocab._once("case_line_pattern", lambda: re.compile(
        rf"^\s*(?:(?:{'|'.join(re.escape(r) for r in lines.vocab.reference_labels)})\s*:?\s*)?"
        r"(?P<ref>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}\s*[/ ]?\s*(?:19|20)\d{2}\s*[:/.-]\s*\d{1,6})"
        r"(?:\s+\d{1,6})?\s*$", re.I))
    seen = 0
    for shape in lines.shapes[start:end]:
        if shape.blank:
            continue
        seen += 1
        m = pattern.match(shape.text.replace("\t", " "))
        if m:
            return shape.index, " ".join(m.group("ref").split())
        if seen >= CASE_LINES:
            break
    return None


def _stops_title(lines: Lines, i: int) -> bool:
    shape = lines[i]
    return bool(shape.type_label or shape.keyword or _label_kind(shape.text.strip(), lines.vocab))


def _heading_title(lines: Lines, head: int, title: str, end: int) -> tuple[list[str], int]:
    """The title on a numbered line, with its wrapped continuation; returns the parts and
    the index of the first line after the title."""
    width = lines.wrap_width
    title_parts = [title]
    i = head + 1
    last_len = len(lines[head].text)
    styled = lines[head].line.bold or lines[head].line.heading > 0
    while i < end and not ends_sentence(title_parts[-1]):
        shape = lines[i]
        wrapped = styled and shape.line.continues and (shape.line.bold or shape.line.heading > 0)
        if not (last_len >= 0.75 * width or wrapped):
            break
        if shape.blank:
            i += 1
            continue
        nxt = shape.text.strip()
        if styled and not wrapped:
            break                                   # a bold or heading title does not go on in plain text
        unfinished_phrase = (title_parts[-1].rstrip().endswith((",", "-"))
                             or _ends_in_preposition(title_parts[-1], lines.vocab))
        carries_on = unfinished_phrase or (last_len >= FULL_LINE * width and not TERMINAL_END.search(nxt))
        if not wrapped and (_stops_title(lines, i) or shape.line.heading or shape.number or shape.line.bullet
                            or SUB_ITEM.match(nxt) or (nxt[:1].isupper() and not carries_on)):
            break                                   # a sub-item or list line opens the item's body
        title_parts.append(nxt)
        last_len = len(shape.text)
        i += 1
    return title_parts, i


def _ends_in_preposition(text: str, vocab: Vocabulary) -> bool:
    """True when a line stops on a preposition or conjunction: its phrase goes on."""
    words = text.split()
    return bool(words) and words[-1].casefold() in vocab._once(
        "prepositions", lambda: frozenset(vocab.grammar("preposition")))


def _paragraph_title(lines: Lines, i: int, end: int) -> tuple[list[str], int, bool]:
    """For a number standing alone ("1/", "§ 3"), the next paragraph is the title: a heading
    line alone, or the whole paragraph, running on over a blank line while a sentence is
    unfinished."""
    width = lines.wrap_width
    while i < end and lines[i].blank:
        i += 1
    if i >= end or _stops_title(lines, i):
        return [], i, False
    parts = [lines[i].text.strip()]
    heading = lines[i].line.heading > 0 or lines[i].line.bold or _heading_like(lines, i, end)
    i += 1
    while i < end and not heading:
        shape = lines[i]
        if shape.blank:
            nxt = next((s for s in lines.shapes[i + 1:end] if not s.blank), None)
            if nxt is None or re.search(r"[.:!?]\s*$", parts[-1]) or not (
                    nxt.text.strip()[:1].islower() or unfinished(lines[i - 1].line, width)):
                break
            i += 1
            continue
        if _stops_title(lines, i) or shape.line.heading or shape.number or shape.line.table is not None:
            break
        parts.append(shape.text.strip())
        i += 1
    return parts, i, heading


def _opens_with_clause(deciding: Deciding | None, line: int, first: str) -> bool:
    """True when the first sentence after an item number is a clause, not a heading: a word
    of it is a finite verb form ("Björn kommer att lämna styrelsen. Ett varmt tack ..."), so
    the number opens a paragraph with no heading and the paragraph is the title (SCHEMA). A
    finite form is read from the morphology ("har", "tar"), or from the lemma: a verb's lemma
    ends in -a and its present or past form adds -r, -de, -te or -s ("kommer"/"komma",
    "bifogades"/"bifoga"), a deponent's ends in -as ("finns"/"finnas"); plural nouns in -or
    ("flickor"/"flicka"), genitives in -ans ("stämmans"), participles in -nde ("öppnande")
    and short words ("för") are not."""
    if deciding is None or ":" in first:
        return False                                # "Dialogfrågor: ...": a label, read by _leading_label
    words = {w.casefold() for w in re.findall(r"[\wåäöÅÄÖ]+", first)}
    for token in deciding.by_line.get(line, []):
        low, lemma = token.lower_, token.lemma_.casefold()
        if low in words and "Fin" in token.morph.get("VerbForm", []) and not low.endswith("nde"):
            return True                             # "Swing-IT har ansökt ...", "Marie tar jouren ..."
        if low in words and token.is_alpha and len(low) > 3 and lemma != low and lemma.endswith("a") \
                and low.endswith(FINITE_ENDINGS) and not low.endswith(("or", "nde", "ans")):
            return True
        if low in words and lemma.endswith("as") and low.endswith("s") and low != lemma:
            return True                             # a deponent verb: "finns", "fanns" of "finnas"
    return False


def _names_only(lines: Lines, text: str) -> bool:
    """True when what follows a label is only names: "Val till justerare: Victor Jacobsson"
    is titled by its label, the names are who was elected."""
    return bool(text.strip()) and is_signature(text, lines.finder.find(text, list_mode=True))


def _clause(lines: Lines, deciding: Deciding | None, line: int, text: str) -> bool:
    """True when `text`, a sentence after a label, is a clause: it opens with a subject
    pronoun ("Vi tog in alla frågor") or in lower case, or holds a finite verb before any relative "som"
    ("Denna gång ägnades ..."); "Utmaningar och problem som kan ... hanteras" is a heading's
    subtitle."""
    words = text.split()
    if words and (words[0].casefold() in lines.vocab.grammar("subject_pronoun") or words[0][:1].islower()):
        return True
    main = re.split(r"\bsom\b|,", text, maxsplit=1)[0]
    return _opens_with_clause(deciding, line, main)


def _leading_label(title: str) -> re.Match | None:
    """A short label opening a title ("Övriga frågor: ...", "Kassarapport. ..."), not the
    stop of an abbreviation ("Frågan om ev. utdebitering ...")."""
    label = LEADING_LABEL.match(title)
    if label and label.group(2) == "." and not ends_sentence(title[:label.end(2)]):
        return None
    return label


def _sentence_after(lines: Lines, deciding: Deciding | None, head: int, title: str, first: str, start: int) -> bool:
    """True when what follows a heading's leading label (from character `start` of the
    title; `first` is the part of it on line `head`) is a sentence of the minutes, not the rest of a heading: it ends a
    sentence ("Kassarapport: Kurt redogjorde för ekonomin.") or states a decision ("Val av
    sekreterare: Till sekreterare valdes Anna")."""
    rest = title[start:].strip()
    if len(rest.split()) >= SENTENCE_WORDS and TERMINAL_END.search(rest):
        return True
    return _decides_after(lines, deciding, head, first, start)


def _decides_after(lines: Lines, deciding: Deciding | None, head: int, first: str, start: int) -> bool:
    """True when the sentence of line `head` that opens at character `start` of its title
    part `first` states a decision."""
    if deciding is None or start >= len(first):
        return False
    paragraph = deciding.paragraph([lines[head].line])
    sentences = paragraph.sentences(paragraph.length - nonspace(first[start:]))
    return bool(sentences) and deciding.decides(sentences[0]) is not None


def _heading_like(lines: Lines, i: int, end: int) -> bool:
    """A short line without closing punctuation with a capitalised line right under it: a
    heading in plain text ("§ 46" / "Nedläggning av Byskolan" / "Sammanfattning ..."), not the
    first line of a numbered paragraph."""
    text = lines[i].text.strip()
    if (i + 1 >= end or lines[i + 1].blank or re.search(r"[.:;,!?–-]$", text)
            or unfinished(lines[i].line, lines.wrap_width)):
        return False
    return lines[i + 1].text.strip()[:1].isupper()


def _label_kind(text: str, vocab: Vocabulary) -> str | None:
    m = re.match(r"^\*?\s*([\wåäöÅÄÖ ]+?)\s*:", text)
    if m:
        return vocab.presenter_labels.get(m.group(1).strip().capitalize())
    return None


def _item_head(lines: Lines, start: int, end: int,
               type_label: str | None) -> tuple[list[str], list[str], str | None]:
    """Read the lines right after an item title: type label, presenters, attachments."""
    vocab, finder = lines.vocab, lines.finder
    presenters: list[str] = []
    attachments: list[str] = []
    seen = 0
    for shape in lines.shapes[start:end]:
        text = shape.text.strip(" *")
        if not text:
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        if shape.type_label:
            label = timing_pattern(vocab).sub("", text).strip(" ()")
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
        names = lines.names(shape.index)
        covered = sum(n.end - n.start for n in names)
        joiners = f"{vocab.words_pattern('conjunction')}"
        if names and covered >= 0.6 * len(re.sub(rf"[\s,]|\b(?:{joiners})\b|-?\b(?:{vocab.words_pattern('via')})\b.*",
                                                 "", text)):
            presenters += [n.text for n in names]
            continue
        break
    return presenters, attachments, type_label


def _weigher(probs, mode: str):
    """How the line classifier weighs item candidates: in "model" mode only the lines it
    calls item heads are candidates; in "both" it adds its confidence to their weights."""
    if probs is None or mode == "rules":
        return None

    def weigh(line: int, weight: float) -> float | None:
        p = prob(probs, line, "ITEM")
        if mode == "model":
            return 1.0 + p if p >= MODEL_SURE else None
        return weight + p
    return weigh


@Language.factory("minutes_items", assigns=["doc.spans"], requires=["doc._.lines"])
def make_items(nlp: Language, name: str) -> ItemsComponent:
    return ItemsComponent()


class ItemsComponent:
    """Given a Doc with its lines and regions, write one span per agenda item (from its
    number to the next item) to `doc.spans["items"]`, with its `Item` record, and the lines
    each item's heading takes to `doc.spans["item_titles"]`."""

    def __call__(self, doc: Doc) -> Doc:
        findings, titles = [], []
        weigh = _weigher(line_probs(doc), line_mode(doc))
        deciding = Deciding.of(doc)
        for region in regions(doc):
            lines = doc._.lines if region.whole else doc._.lines.section(region.start, region.stop)
            items, heads = find_items(lines, region, weigh, deciding)
            for item, (first, last) in zip(items, heads):
                span = span_of(item)
                findings.append((docs.line_span(doc, span.line_start, span.line_end, label="ITEM"), item))
                titles.append((docs.line_span(doc, first, last, label="TITLE"), (first, last)))
        docs.put(doc, "items", findings)
        docs.put(doc, "item_titles", titles)
        return doc
