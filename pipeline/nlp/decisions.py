"""Decisions: the `minutes_decisions` component. Keyword lines ("Ställningstagande:", "Beslut:") or, in minutes that
have none, sentences that state a decision ("Mötet beslutar att ...", "X valdes till ...").

A keyword decision's text runs over wrapped and soft-broken lines (and over blank lines
while a sentence is unfinished) and ends at the next item, decision, label, heading,
signature or closing line, or at a new paragraph once its last sentence is complete.
Decisions in a closing summary that repeat earlier ones are marked as recaps.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from ..records import Decision, Item, Line, Span, span_of, stable_id
from ..settings import SETTINGS
from . import doc as docs
from .attendance import attendees, list_lines
from .deciding import Deciding, Paragraph, decision_headings, electing_verbs, nonspace
from .layout import Region, regions
from .linemodel import line_mode, line_probs, prob
from .lines import SUB_ITEM, Lines, decision_keyword, is_signature, signature_rule, unfinished
from .names import NameFinder
from .sections import sections
from .vocab import load, words
from .votes import parse_votes

TERMINAL = re.compile(r"[.!?]\s*$")
ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z](?:\.\)|[.)])|[ivx]{1,5}\.|[-–•−])\s+")
BLOCK_MARK = re.compile(r"^\s*[-–•−▪●◦]\s*")
ENUMERATOR_OR_NUMBER = re.compile(r"^\s*(?:§\s*)?\d{1,3}\s*[.):/]?\s+")
MIN_MARGIN_LINES = SETTINGS.decisions.min_margin_lines
RUN_ON_SENTENCES = SETTINGS.decisions.run_on_sentences
BARE_OUTCOME_WORDS = SETTINGS.decisions.bare_outcome_words
LAID_OUT_SHARE = SETTINGS.decisions.laid_out_share
MODEL_SURE = SETTINGS.decisions.model_sure
BOTH_ADD = SETTINGS.decisions.both_add
ANSWER_WORDS = SETTINGS.decisions.answer_words
ANSWER_LEFTOVER_WORDS = SETTINGS.decisions.answer_leftover_words
LABEL_PREFIX = re.compile(r"^\s*[\wåäöÅÄÖ /-]{2,30}:\s*(?:\d+\.\s*)?")
RECAP_SIMILARITY = SETTINGS.decisions.recap_similarity
RECAP_MIN_CHARS = SETTINGS.decisions.recap_min_chars
SUMMARY_SIMILARITY = SETTINGS.decisions.summary_similarity


def _item_at(items: list[Item], index: int, starts: list[int] | None = None) -> Item | None:
    """The item (in document order) whose lines hold line `index`; `starts` are the items'
    first lines, when the caller has them."""
    if starts is None:
        starts = [span_of(item).line_start for item in items]
    k = bisect_right(starts, index) - 1
    if k >= 0 and span_of(items[k]).line_start <= index <= span_of(items[k]).line_end:
        return items[k]
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Context:
    def __init__(self, lines: Lines, doc_id: str, fmt: str, items: list[Item], finder: NameFinder,
                 skip: set[int], region: Region, deciding: Deciding):
        self.lines, self.items, self.vocab, self.finder, self.skip = lines, items, lines.vocab, finder, skip
        self.doc = lines
        self.doc_id = doc_id
        self.deciding = deciding
        self.electing = electing_verbs()
        att = self.vocab.words_pattern("complementizer")
        self.list_opener = re.compile(rf"(?::|\b(?:{att}))\s*$")
        self.list_item = re.compile(rf"^(?:(?:{att})|-|\d+[.)]|[a-z][/.)])\s", re.I)
        self.election_heads = frozenset(w.casefold() for w in self.vocab.election_titles)
        self.decision_heads = decision_headings()
        self.region = region
        self.item_starts = {span_of(item).line_start for item in items}
        self.starts = [span_of(item).line_start for item in items]
        self.wrapped_source = fmt in ("pdf", "txt", "md")
        self.statement_lines = fmt in ("txt", "md") and lines.unwrapped   # each line says one thing
        self.blank_is_artefact = fmt == "pdf"      # a text author's blank line ends the paragraph
        self.end = region.body_end
        self.margin = self._margin_pattern()
        words = "|".join(re.escape(k) for k in self.vocab.decision_keywords if " " not in k)
        self.heading = re.compile(rf"^(?:[\wåäöÅÄÖ-]+s\s+)?(?P<kw>{words})(?P<rest>)\s*$", re.I)

    def _margin_pattern(self) -> re.Pattern | None:
        """Documents that mark decisions with the keyword in the margin ("… till handlingarna.
        Beslut"): the pattern of such lines, when at least two lines have it."""
        words = "|".join(re.escape(k) for k in sorted(self.vocab.decision_keywords, key=len, reverse=True)
                         if " " not in k)
        pattern = re.compile(rf"^(?P<rest>\S.*?\S)(?:\t|\s+)(?P<kw>{words})\s*$")
        hits = [line for line in self.doc.lines
                if (m := pattern.match(line.text.strip())) and len(m.group("rest").split()) >= 2]
        return pattern if len(hits) >= MIN_MARGIN_LINES else None

    def heading_match(self, line: Line) -> re.Match | None:
        """A decision heading standing alone ("Beslut", "Kommunstyrelsens beslut") over the
        paragraphs that state the decision, or over a list of decisions ("## Beslut")."""
        m = self.heading.match(line.text.strip(" *:\t"))
        if not m or m.group("kw")[0].islower() and not line.text.strip()[0].isupper():
            return None
        following = next((ln for ln in self.doc.lines[line.index + 1:line.index + 4] if ln.text.strip()), None)
        if following is None or self.stops(following) or re.match(r"^\*?[\wåäö ]+:", following.text):
            return None
        item = self.item_at(line.index)
        if item is None:
            return m if following.bullet else None  # "## Beslut" over a list, in minutes without items
        before = [ln for ln in self.doc.lines[span_of(item).line_start:line.index] if ln.text.strip()]
        return m if len(before) >= 2 or following.bullet else None

    def margin_match(self, text: str) -> re.Match | None:
        return self.margin.match(text.strip()) if self.margin else None

    def item_at(self, index: int) -> Item | None:
        """The item whose lines hold line `index`."""
        return _item_at(self.items, index, self.starts)

    def is_signature(self, text: str) -> bool:
        return is_signature(text, self.finder.find(text, list_mode=True))

    def stops(self, line: Line) -> bool:
        shape = self.lines[line.index]
        text = line.text.strip(" *")
        return (line.index in self.item_starts or shape.keyword is not None
                or bool(self.margin_match(text))
                or line.heading > 0 or line.table is not None or line.index in self.skip
                or shape.heading_role is not None or shape.label is not None
                or shape.sub_item or shape.type_label or shape.closing or self.is_signature(text))


def _keyword_text(ctx: _Context, start: Line, rest: str) -> tuple[str, list[Line]]:
    """Collect a keyword decision's text from its line onwards."""
    parts = [rest] if rest.strip() else []
    used = [start]
    blank = False
    for line in ctx.doc.lines[start.index + 1:]:
        if not line.text.strip():
            blank = True
            continue
        if ctx.stops(line):
            break
        so_far = " ".join(parts)
        new_paragraph = blank or not line.continues
        lower = line.text.strip(" *-•")[:1].islower()
        if so_far and not ctx.list_opener.search(so_far) and not lower and not TERMINAL.search(so_far) \
                and not unfinished(used[-1], ctx.lines.wrap_width):
            break                                   # a short line with no stop before a capital: a statement
                                                    # of its own ("Beslut: Godkändes" / "Protokollen ...")
        if new_paragraph and so_far and not ctx.list_opener.search(so_far):
            if TERMINAL.search(so_far) or ((blank or not ctx.wrapped_source) and not lower):
                break
        parts.append(line.text.strip())
        used.append(line)
        blank = False
    return _clean(" ".join(parts)), used


def _decision_columns(ctx: _Context) -> dict[tuple[int, int], int]:
    """(table, column) of each table column headed by a decision keyword ("Beslut"), with
    the row of its heading cell."""
    out = {}
    for shape in ctx.lines.shapes[ctx.region.start:ctx.region.stop]:
        table = shape.line.table
        text = shape.text.strip(" *:")
        if table is not None and text and (table[0], table[2]) not in out and \
                text.casefold() in {k.casefold() for k in ctx.vocab.decision_keywords if " " not in k}:
            out[(table[0], table[2])] = table[1]
    return out


def column_decisions(ctx: _Context) -> list[Decision]:
    """The cells of a table column headed "Beslut": each row's cell is that item's decision."""
    columns = _decision_columns(ctx)
    cells: dict[tuple[int, int, int], list[Line]] = {}
    for shape in ctx.lines.shapes[ctx.region.start:ctx.region.stop]:
        table = shape.line.table
        if table is None or shape.blank or shape.index in ctx.skip:
            continue
        head_row = columns.get((table[0], table[2]))
        if head_row is not None and table[1] > head_row:
            cells.setdefault(table, []).append(shape.line)
    out = []
    for lines_ in cells.values():
        text = _clean(" ".join(ln.text for ln in lines_))
        if not re.search(r"\w", text):
            continue
        item = ctx.item_at(lines_[0].index)
        out.append(Decision(id=stable_id(ctx.doc_id, "decision", lines_[0].index, "column"),
                            item=item.number if item else None, label="Beslut", text=text,
                            votes=parse_votes(text, ctx.vocab), meeting=ctx.region.meeting,
                            span=Span.of_lines(lines_)))
    return out


def _entries_under(ctx: _Context, head: Line) -> list[tuple[str, list[Line]]]:
    """Under a keyword standing alone ("## Beslut", "Beslut:"), a list whose entries are one
    decision each (with the lines that continue them), up to the first line that is neither;
    [] when no list follows."""
    out: list[tuple[str, list[Line]]] = []
    for line in ctx.doc.lines[head.index + 1:ctx.end]:
        if not line.text.strip():
            continue
        if line.bullet:
            out.append((line.text.strip(), [line]))
        elif out and line.continues and not ctx.stops(line):
            out[-1] = (out[-1][0] + " " + line.text.strip(), out[-1][1] + [line])
        else:
            break
    return [(_clean(text), used) for text, used in out]


def keyword_decisions(ctx: _Context) -> list[Decision]:
    out = column_decisions(ctx)
    taken = {i for d in out for i in range(span_of(d).line_start, span_of(d).line_end + 1)}
    for shape in ctx.lines.shapes[ctx.region.start:ctx.region.stop]:
        line = shape.line
        if line.index in ctx.skip or line.index in taken:
            continue
        if shape.keyword is not None:
            label, rest = shape.keyword.label, shape.keyword.rest
        else:
            m = ctx.heading_match(line)
            rest = ""
            if not m:
                m = ctx.margin_match(line.text)
                if not m:
                    continue
                rest = ENUMERATOR.sub("", m.group("rest"))
            label = ctx.vocab.decision_keywords[ctx.vocab.keyword_entry(" ".join(m.group("kw").split()).casefold())]
        entries = _entries_under(ctx, line) if not rest.strip() else []
        blocks = entries or [_keyword_text(ctx, line, rest)]
        for k, (text, used) in enumerate(blocks):
            if not re.search(r"\w", text):
                continue                            # "Beslut: -": the form's field left empty
            item = ctx.item_at(line.index)
            out.append(Decision(id=stable_id(ctx.doc_id, "decision", line.index, *([k] if entries else [])),
                                item=item.number if item else None,
                                label="Ställningstagande" if label == "Ställningstagande" else "Beslut",
                                text=text, votes=parse_votes(text, ctx.vocab), meeting=ctx.region.meeting,
                                span=Span.of_lines(used)))
            taken.update(ln.index for ln in used)
    return out


def _paragraphs(ctx: _Context) -> list[list[Line]]:
    """Paragraphs of running text; a sub-item heading ("a. Mötesordförande") stands alone,
    a keyword line ("Beslut: ...") and a list entry open a paragraph, a full-width line of a
    PDF that stops mid-sentence carries on over a blank line, and a paragraph that is only a
    parenthesis is an aside to the unfinished sentence before it ("(nästa möte 1 mars)")."""
    paras: list[list[Line]] = []
    width = ctx.lines.wrap_width
    for line in ctx.doc.lines:
        if not line.text.strip() or line.index in ctx.skip:
            if paras and paras[-1] and not (line.text.strip() == "" and unfinished(paras[-1][-1], width)
                                            and not paras[-1][-1].heading and ctx.blank_is_artefact):
                paras.append([])
            continue
        if len(paras) > 1 and not paras[-1] and paras[-2] and _aside(line, paras[-2][-1]):
            paras.pop()
        previous = paras[-1][-1] if paras and paras[-1] else None
        joins = (previous is not None and (line.continues or line.index - previous.index > 1)
                 and (line.table is None or line.table == previous.table)
                 and not line.heading and not previous.heading)
        if paras and paras[-1] and joins and line.index not in ctx.item_starts \
                and not _sub_heading(paras[-1][-1]) and not SUB_ITEM.match(line.text) \
                and ctx.lines[line.index].keyword is None and not line.bullet:
            paras[-1].append(line)
        else:
            paras.append([line])
    return [p for p in paras if p]


def _captions(ctx: _Context, para: list[Line]) -> bool:
    """True when the next text line under the paragraph is a rule to sign on: the paragraph
    is signature captions ("Protokollet skrivet av:  Godkännes av ordförande:")."""
    after = next((line for line in ctx.doc.lines[para[-1].index + 1:] if line.text.strip()), None)
    return after is not None and signature_rule(after.text)


def _aside(line: Line, previous: Line) -> bool:
    """True for a line in parentheses after a text line that ends with no full stop."""
    text = line.text.strip()
    return (text.startswith("(") and text.endswith(")") and not previous.heading
            and not TERMINAL.search(previous.text) and not previous.text.rstrip().endswith(":"))


def _sub_heading(line: Line) -> bool:
    """A short lettered line with no sentence in it: the heading of a sub-item."""
    text = line.text.strip()
    return bool(SUB_ITEM.match(text)) and len(text.split()) <= 6 and not TERMINAL.search(text)


def _decision_sentences(ctx: _Context, sentences: list[Sentence]) -> list[tuple[str, str]]:
    """Group sentences (each with the deciding word it holds, if any, and whether it opens a
    line) into decisions, each with its deciding word. Deciding sentences that run on in one
    line of text stay one decision ("Mötet godtog inte förslaget ... Vid röstning ... antogs"),
    while one that opens a line of its own opens a decision (list lines each decide); a bare
    tally ("12 för (12 röstlängd)") joins the decision before it; in a short paragraph (a
    decision with its condition or note) the other sentences after a decision join it too,
    while in a long one (a table cell of notes) they are left out, as they are when they
    open a line of a text whose lines are statements ("Gunilla tar kontakt med ..."). A
    bare outcome ("Godkänd", "Beviljades") says what it decides only with the sentences
    before it that no decision took ("Fastställande av Dagordning. Godkänd"), so it takes
    them."""
    out: list[list[str]] = []
    pending: list[str] = []                         # sentences before, taken by no decision
    short = len(sentences) <= RUN_ON_SENTENCES
    for sentence, decides, opens_line, bare in sentences:
        bare_tally = parse_votes(sentence, ctx.vocab) is not None and not decides
        if out and out[-1][0] and (bare_tally or (decides and not opens_line)):
            out[-1][0] += " " + sentence
        elif decides:
            out.append([" ".join([*pending, sentence]) if bare else sentence, decides])
            pending = []
        elif out and out[-1][0] and short and not (opens_line and ctx.statement_lines):
            out[-1][0] += " " + sentence
        else:
            if out:
                out.append(["", ""])
            pending.append(sentence)
    return [(text, word) for text, word in out if text]


def phrase_decisions(ctx: _Context) -> list[Decision]:
    """Decisions stated in sentences, for minutes without keyword lines."""
    out = []
    paras = _paragraphs(ctx)
    taken: set[int] = set()                         # list lines already joined to a decision above them
    for k, para in enumerate(paras):
        if para[0].heading or para[0].index in taken \
                or ctx.lines[para[0].index].keyword is not None:
            continue                                # a keyword line is read by keyword_decisions alone
        if _captions(ctx, para):
            continue
        text = _clean(" ".join(line.text for line in para))
        body = text
        if para[0].index in ctx.item_starts:
            number = ctx.lines[para[0].index].number
            body = ENUMERATOR_OR_NUMBER.sub("", text, count=1)
            item = ctx.item_at(para[0].index)
            whole = body
            if number and number.title.strip() and item and body.startswith(item.title):
                body = body[len(item.title):].lstrip(" .:;–-")
                if _title_decides(ctx, para, text, whole, item.title):
                    body = whole                    # the title is the item's deciding sentence
                                                    # ("§6 Dagordningen fastställdes.")
            elif number and number.title.strip() and item and item.title.startswith(body.rstrip(" .:")):
                body = ""                           # the line holds only the start of a wrapped title
        body = ENUMERATOR.sub("", body)
        sentences = _sentences(ctx.deciding.paragraph(para, ctx.lines.wrap_width, ctx.statement_lines), text, body)
        item = ctx.item_at(para[0].index)
        for n, (decision_text, word) in enumerate(_decision_sentences(ctx, sentences)):
            used = list(para)
            if word in ctx.electing:
                names, lines_used = _elected_names(ctx, para[-1].index + 1)
                decision_text, used = " ".join([decision_text, *names]), used + lines_used
            elif ctx.list_opener.search(decision_text) or (n == 0 and _att_list_follows(ctx, paras[k + 1:k + 2])):
                colon = decision_text.rstrip().endswith(":")
                for nxt in paras[k + 1:k + 12]:
                    nxt_text = _clean(" ".join(line.text for line in nxt))
                    laid_out = colon and all(len(ln.text) <= ctx.lines.wrap_width * LAID_OUT_SHARE
                                             and not TERMINAL.search(ln.text) for ln in nxt)
                    if nxt[0].index in ctx.item_starts or not (nxt[0].bullet or ctx.list_item.match(nxt_text)
                                                               or laid_out):
                        break                       # the next item's "3. Övrigt" is no point of the list
                    decision_text += " " + nxt_text
                    used += nxt
                    taken.add(nxt[0].index)
            label = "Beslut"
            keyword = decision_keyword(decision_text, ctx.vocab)
            if keyword is not None and keyword.rest:   # "... diskuterades. Beslut: budgeten godkändes."
                label = "Ställningstagande" if keyword.label == "Ställningstagande" else "Beslut"
                decision_text = keyword.rest
            out.append(Decision(id=stable_id(ctx.doc_id, "decision", para[0].index, n),
                                item=item.number if item else None, label=label, meeting=ctx.region.meeting,
                                text=_clean(decision_text), votes=parse_votes(decision_text, ctx.vocab),
                                span=Span.of_lines(used)))
    used_lines = {i for d in out for i in range(span_of(d).line_start, span_of(d).line_end + 1)}
    found = out + [d for d in election_lines(ctx) if span_of(d).line_start not in used_lines]
    return sorted(found + answer_decisions(ctx, paras, found), key=lambda d: span_of(d).line_start)


def _att_list_follows(ctx: _Context, following: list[list[Line]]) -> bool:
    """True when the next paragraph is a list line opening with the complementizer ("- att
    välja ..."): the att-satser of a decision whose sentence ends at its verb ("Mötet beslutar")."""
    if not following:
        return False
    first = following[0]
    text = _clean(" ".join(line.text for line in first))
    att = ctx.vocab.words_pattern("complementizer")
    return (first[0].bullet or bool(ctx.list_item.match(text))) and bool(
        re.match(rf"^(?:[-•*]\s*|\d+[.)]\s*)?(?:{att})\s", text, re.I))


def _heading_kind(ctx: _Context, text: str) -> str | None:
    """'election' for a heading that elects ("Val av kassör"), 'decision' for one that asks
    for a decision ("Beslut om mandatperiod"), else None."""
    low = ENUMERATOR_OR_NUMBER.sub("", text).strip(" *").casefold()
    first = low.split(" ", 1)[0] if low else ""
    if first in ctx.election_heads:
        return "election"
    if any(low == w or low.startswith(w + " ") for w in ctx.decision_heads):
        return "decision"
    return None


def _is_heading(ctx: _Context, para: list[Line]) -> bool:
    first = para[0]
    return first.index in ctx.item_starts or first.heading > 0 or (
        first.bold and len(para) == 1 and not TERMINAL.search(first.text))


def _names_line(ctx: _Context, text: str) -> bool:
    """A line naming people and little else (masked ID numbers, a role, years beside them)."""
    text = re.sub(r"[\dX]*\d[\dX-]*|\bX{2,}\S*|[()–\-:,]", " ", text.replace("\t", " "))
    names = ctx.finder.find(text, list_mode=True)
    if not names:
        return False
    rest = text
    for name in reversed(names):
        rest = rest[:name.start] + " " + rest[name.end:]
    leftover = [w for w in rest.split() if w.casefold() not in ctx.vocab.grammar("conjunction")]
    return len(leftover) <= ANSWER_LEFTOVER_WORDS


def answer_decisions(ctx: _Context, paras: list[list[Line]], found: list[Decision]) -> list[Decision]:
    """Decisions answered without a verb under an agenda point that asks for one: the people
    named under "Val av ..." (a line each), or a short answer under "Beslut om ...",
    "Fastställande av ..." ("1 år."). Only in sections where nothing else decided."""
    decided = {line for d in found for line in range(span_of(d).line_start, span_of(d).line_end + 1)}
    out: list[Decision] = []
    k = 0
    while k < len(paras):
        para = paras[k]
        if not _is_heading(ctx, para):
            k += 1
            continue
        item = ctx.item_at(para[0].index)
        heading = item.title if item and para[0].index in ctx.item_starts else " ".join(ln.text for ln in para)
        kind = _heading_kind(ctx, heading)
        body = []
        k += 1
        while k < len(paras) and not _is_heading(ctx, paras[k]):
            body.append(paras[k])
            k += 1
        if kind is None or not body or any(ln.index in decided for p in body for ln in p):
            continue
        if kind == "election":
            lines = [ln for p in body for ln in p]
            answers = []
            for ln in lines:
                if not _names_line(ctx, ln.text):
                    break
                answers.append(ln)
            out += [_answer(ctx, [ln], item) for ln in answers]
        else:
            text = _clean(" ".join(ln.text for ln in body[0]))
            if len(text.split()) <= ANSWER_WORDS and not _names_line(ctx, text):
                out.append(_answer(ctx, body[0], item))
    return out


def _answer(ctx: _Context, lines: list[Line], item: Item | None) -> Decision:
    text = _clean(ENUMERATOR.sub("", " ".join(ln.text for ln in lines)))
    return Decision(id=stable_id(ctx.doc_id, "decision", lines[0].index, "answer"),
                    item=item.number if item else None, label="Beslut", meeting=ctx.region.meeting,
                    text=text, votes=parse_votes(text, ctx.vocab), span=Span.of_lines(lines))


def _elected_names(ctx: _Context, start: int) -> tuple[list[str], list[Line]]:
    """The list of those elected printed under an election sentence ("Ordförande: Ove Jönsson",
    "Lars Hallgren", "Suppleant: Annika Loeb"): the lines from `start` that are names, with
    a role label or years beside them, up to the first line that is not."""
    texts: list[str] = []
    used: list[Line] = []
    for shape in ctx.lines.shapes[start:ctx.end]:
        line = shape.line
        if shape.blank:
            if used and ctx.lines[line.index - 1].blank:
                break
            continue
        if line.index in ctx.item_starts or shape.keyword or shape.closing or line.heading:
            break
        if shape.label is not None and not shape.label.rest and not line.text.rstrip().endswith(":"):
            break                                   # a caption over a signature
        value = re.sub(r"\([^)]*\)?", " ", LABEL_PREFIX.sub("", line.text).replace("\t", " "))
        if value.strip() and not ctx.is_signature(re.sub(r"[\d()–\-.:/,]+", " ", value)):
            break
        texts.append(line.text.strip())
        used.append(line)
    return texts, used


def _title_decides(ctx: _Context, para: list[Line], text: str, whole: str, title: str) -> bool:
    """True when an item's title, read as the opening words of its paragraph, states a
    decision by itself: a numbered paragraph whose heading is its deciding sentence, or holds
    one after its background ("§ 4 Vid föregående ... bordlades en ansökan. Styrelsen beslutade")."""
    paragraph = ctx.deciding.paragraph(para)
    budget = nonspace(title)
    for sentence in paragraph.sentences(nonspace(text) - nonspace(whole)):
        tokens = []
        for token in sentence:
            budget -= nonspace(token.text)
            if budget < 0:
                break
            tokens.append(token)
        if ctx.deciding.decides(tokens) is not None:
            return True
        if budget <= 0:
            return False
    return False


Sentence = tuple[str, str | None, bool, bool]   # text, deciding lemma, opens a line, a bare outcome


def _sentences(paragraph: Paragraph, text: str, body: str) -> list[Sentence]:
    """The sentences of `body` (the end of the paragraph's `text`, cut from the Doc's tokens),
    each with whether it states a decision, whether it opens a line, and whether it is a bare
    outcome: the deciding word first, with no subject but a pronoun for what came before and
    at most an adverb ("Godkänd", "Beviljades enhälligt", "Det godkännes")."""
    out = []
    for tokens in paragraph.sentences(nonspace(text) - nonspace(body)):
        decides = paragraph.deciding.decides(tokens)
        words_ = [t for t in tokens if t.is_alpha]
        if len(words_) > 1 and words_[0].lower_ in load().grammar("anaphor"):
            words_ = words_[1:]                     # "Det godkännes": the subject is what came before
        bare = decides is not None and bool(words_) and words_[0].lemma_ == decides \
            and len(words_) <= BARE_OUTCOME_WORDS
        out.append((paragraph.text_of(tokens), decides, paragraph.opens_line(tokens[0]), bare))
    return out


def election_lines(ctx: _Context) -> list[Decision]:
    """Elections written without a verb: a role line followed by a name ("Mötesordförande" /
    "i. Olav Övrebö"), or both on one line ("Justerare: Anna Berg"), also the item's own line
    ("4. Val till justerare: Victor Jacobsson")."""
    roles = "|".join(re.escape(r) for r in sorted(ctx.vocab.election_roles, key=len, reverse=True))
    role_line = re.compile(rf"^(?P<role>(?:{roles})\b[\wåäö ]{{0,40}}?)\s*(?::|\t|\s)\s*(?P<rest>.*)$", re.I)
    first_item = span_of(ctx.items[0]).line_start if ctx.items else len(ctx.doc.lines)
    lines = ctx.doc.lines
    out = []
    title_words = re.compile(rf"(?<![\wåäö])(?:{'|'.join(map(re.escape, ctx.vocab.election_titles))})(?![\wåäö])", re.I)
    for line in lines[first_item:ctx.end]:
        item = ctx.item_at(line.index)
        if item is None or not title_words.search(item.title):
            continue
        text = ENUMERATOR_OR_NUMBER.sub("", line.text.strip(" *"), count=1).strip()
        if line.index in ctx.item_starts:
            rest = text[len(item.title):].lstrip(" :–-") if text.startswith(item.title) else ""
            if rest and ctx.is_signature(rest):     # "4. Val till justerare: Victor Jacobsson"
                out.append(Decision(id=stable_id(ctx.doc_id, "decision", line.index, "election"),
                                    item=item.number, label="Beslut", meeting=ctx.region.meeting,
                                    text=_clean(text), span=Span.of_lines([line])))
            continue
        text = ENUMERATOR.sub("", line.text.strip(" *")).strip()
        m = role_line.match(text + " ")
        if not m:
            continue
        role, rest, used = m.group("role"), m.group("rest").strip(), [line]
        if not ctx.is_signature(rest) and not ctx.finder.find(text) and len(text.split()) <= 6:
            role, rest = text.rstrip(":"), ""
        if not rest:
            nxt = next((ln for ln in lines[line.index + 1:line.index + 3] if ln.text.strip()), None)
            if nxt is None:
                continue
            rest, used = ENUMERATOR.sub("", nxt.text.strip(" *")).strip(), [line, nxt]
        if not ctx.is_signature(rest) or ctx.is_signature(role):
            continue
        item = ctx.item_at(line.index)
        out.append(Decision(id=stable_id(ctx.doc_id, "decision", line.index, "election"),
                            item=item.number if item else None, label="Beslut", meeting=ctx.region.meeting,
                            text=_clean(f"{role} {rest}"), span=Span.of_lines(used)))
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def mark_recaps(ctx: _Context, decisions: list[Decision]) -> list[Decision]:
    """Mark decisions that repeat an earlier one (in another item) as recaps, and let a
    recap run as far as the decision it repeats when blank lines split it."""
    summary_items = {item.number for item in ctx.items
                     if any(w in item.title.casefold() for w in ctx.vocab.summary_titles)}
    out: list[Decision] = []
    originals: list[tuple[str, Decision]] = []      # (normalised text, decision) of those not recaps
    for d in decisions:
        in_summary = d.item in summary_items
        if in_summary or len(d.text) >= RECAP_MIN_CHARS:
            choices = [norm for norm, e in originals if e.item != d.item]
            owners = [e for _, e in originals if e.item != d.item]
            found = process.extractOne(_norm(d.text), choices,
                                       scorer=fuzz.token_set_ratio if in_summary else fuzz.ratio,
                                       score_cutoff=SUMMARY_SIMILARITY if in_summary else RECAP_SIMILARITY)
            if found is not None:
                best = owners[found[2]]
                d = _extend_recap(ctx, d, best).model_copy(update={"recap": True, "recap_of": best.id})
        if not d.recap:
            originals.append((_norm(d.text), d))
        out.append(d)
    return out


def _extend_recap(ctx: _Context, recap: Decision, original: Decision) -> Decision:
    remaining = _norm(original.text)
    text = recap.text
    if len(_norm(text)) >= len(remaining) * 0.9:
        return recap
    last = span_of(recap).line_end
    for line in ctx.doc.lines[last + 1:]:
        if not line.text.strip():
            continue
        if ctx.stops(line) or fuzz.partial_ratio(_norm(line.text), remaining) < 90:
            break
        text = f"{text} {line.text.strip()}"
        last = line.index
    if last == span_of(recap).line_end:
        return recap
    lines = ctx.doc.lines[span_of(recap).line_start:last + 1]
    return recap.model_copy(update={"text": _clean(text), "span": Span.of_lines(lines)})


def extract_decisions(lines: Lines, doc_id: str, fmt: str, items: list[Item], finder: NameFinder,
                      skip: set[int], region: Region, deciding: Deciding) -> list[Decision]:
    """Return the decisions of one meeting (before its appendices), in document order."""
    ctx = _Context(lines, doc_id, fmt, items, finder, skip, region, deciding)
    decisions = keyword_decisions(ctx)
    if not decisions:
        decisions = phrase_decisions(ctx)
    return mark_recaps(ctx, decisions)


@Language.factory("minutes_decisions", assigns=["doc.spans"], requires=["doc._.lines", "doc.spans"])
def make_decisions(nlp: Language, name: str) -> DecisionsComponent:
    return DecisionsComponent()


class DecisionsComponent:
    """Given a Doc with its lines, regions, items and attendance, write each decision to
    `doc.spans["decisions"]` with its `Decision` record."""

    def __call__(self, doc: Doc) -> Doc:
        source = doc._.source
        items = docs.payloads(doc, "items")
        inside = {i for item in items for i in range(item.span.line_start, item.span.line_end + 1)}
        labels = {span[0]._.line for span, shape in docs.found(doc, "labels")
                  if span.label_ == "FIELD" and span[0]._.line not in inside}
        title_lines = {i for first, last in docs.payloads(doc, "item_titles") for i in range(first + 1, last + 1)}
        findings = []
        deciding = Deciding.of(doc)
        for region in regions(doc):
            lines = doc._.lines if region.whole else doc._.lines.section(region.start, region.stop)
            known = {a.name.split()[0] for a in attendees(doc, region.meeting)}
            finder = lines.finder_knowing(known)
            skip = (list_lines(doc, region.meeting) | labels | set(range(region.body_end, len(lines)))
                    | title_lines)
            own = [i for i in items if i.meeting == region.meeting]
            parts = sections(doc, region.meeting)
            if any(s.kind == "decision" for s in parts):    # minutes that mark their decisions by part
                skip |= {i for s in parts for i in range(s.head, s.last + 1)}
            skip |= {s.head for s in parts if s.kind == "proposal" and s.inline}   # "Förslag till beslut: ..."
            found = block_decisions(lines, source.id, own, parts, region) + \
                extract_decisions(lines, source.id, source.format, own, finder, skip, region, deciding)
            found = _with_line_model(doc, lines, source.id, own, skip, region, found)
            found = mark_immediate(lines, own, sorted(found, key=lambda d: span_of(d).line_start))
            found = with_vote_results(lines, parts, found)
            for d in found:
                findings.append((docs.line_span(doc, span_of(d).line_start, span_of(d).line_end, label=d.label), d))
        docs.put(doc, "decisions", findings)
        return doc


def with_vote_results(lines: Lines, parts: list, decisions: list[Decision]) -> list[Decision]:
    """A decision whose text states no tally takes the one its item's vote part states
    ("Omröstning ... 25 ja-röster, 20 nej-röster och 4 avstår"); where the item has several
    decisions, the first after the vote."""
    out = list(decisions)
    for part in parts:
        if part.kind != "vote":
            continue
        text = " ".join([part.inline] + [lines[i].text for i in range(part.first, part.last + 1)])
        tally = parse_votes(text, lines.vocab)
        if tally is None:
            continue
        same = [k for k, d in enumerate(out) if d.item == part.item and d.votes is None]
        after = [k for k in same if (span := out[k].span) and span.line_start > part.head] or same
        if after:
            out[after[0]] = out[after[0]].model_copy(update={"votes": tally})
    return out


def _with_line_model(doc: Doc, lines: Lines, doc_id: str, items: list[Item], skip: set[int], region: Region,
                     found: list[Decision]) -> list[Decision]:
    """The rules' decisions as the line classifier's mode has them: in "model" mode the runs
    of lines it calls decisions instead; in "both" the rules', and lines it is sure open a
    decision the rules missed. (Letting it also drop rule decisions it found unlikely lost
    0.16 decisions F1 leave-one-organisation-out.)"""
    probs, mode = line_probs(doc), line_mode(doc)
    if probs is None or mode == "rules":
        return found
    model = _model_decisions(lines, doc_id, items, skip, region, probs, MODEL_SURE)
    if mode == "model":
        return model
    kept = found
    covered = {i for d in kept for i in range(span_of(d).line_start, span_of(d).line_end + 1)}
    extra = [d for d in _model_decisions(lines, doc_id, items, skip, region, probs, BOTH_ADD)
             if not covered & set(range(span_of(d).line_start, span_of(d).line_end + 1))]
    return kept + extra


def _model_decisions(lines: Lines, doc_id: str, items: list[Item], skip: set[int], region: Region,
                     probs, sure: float) -> list[Decision]:
    """Decisions as the line classifier reads them: a line it calls a decision's first (at
    least `sure`) and the lines after it it calls continuations."""
    starts = [span_of(item).line_start for item in items]
    out = []
    shapes = lines.shapes
    i = region.start
    while i < region.body_end:
        if shapes[i].blank or i in skip or prob(probs, i, "DECISION") < sure:
            i += 1
            continue
        used = [shapes[i].line]
        j = i + 1
        while j < region.body_end and (shapes[j].blank or prob(probs, j, "DECCONT") >= MODEL_SURE) \
                and j not in starts:
            if not shapes[j].blank:
                used.append(shapes[j].line)
            j += 1
        first = shapes[i]
        label = first.keyword.label if first.keyword else "Beslut"
        texts = [first.keyword.rest if first.keyword else first.text] + [ln.text for ln in used[1:]]
        text = _clean(ENUMERATOR.sub("", " ".join(texts)))
        item = _item_at(items, i, starts)
        if text:
            out.append(Decision(id=stable_id(doc_id, "decision", i, "model"), item=item.number if item else None,
                                label="Ställningstagande" if label == "Ställningstagande" else "Beslut",
                                text=text, votes=parse_votes(text, lines.vocab), meeting=region.meeting,
                                span=Span.of_lines(used)))
        i = j
    return out


def _immediate(text: str) -> bool:
    low = " ".join(text.casefold().split())
    return any(p in low for p in immediate_phrases())


@lru_cache(maxsize=1)
def immediate_phrases() -> tuple[str, ...]:
    return tuple(w.casefold() for w in words("immediate_adjustment.txt"))


def block_decisions(lines: Lines, doc_id: str, items: list[Item], parts: list, region: Region) -> list[Decision]:
    """The decision parts of items ("Barn- och utbildningsnämndens beslut" and what follows
    it), one decision each, whole, with its att-satser; a sentence saying the paragraph was
    adjusted at once is left out of the text."""
    out = []
    for part in parts:
        if part.kind != "decision":
            continue
        used = _block_lines(lines, part)
        texts = [part.inline] if part.inline else []
        texts += [BLOCK_MARK.sub("", line.text).strip() for line in used if line.index != part.head]
        kept = []
        for text in texts:
            sentences = [t for t in re.split(r"(?<=[.!?])\s+", text) if t and not _immediate(t)]
            if sentences:
                kept.append(" ".join(sentences))
        text = _clean(" ".join(kept))
        if not text or not used:
            continue
        out.append(Decision(id=stable_id(doc_id, "decision", part.head, "block"), item=part.item, label="Beslut",
                            text=text, votes=parse_votes(text, lines.vocab), meeting=region.meeting,
                            span=Span.of_lines(used)))
    return out


def _block_lines(lines: Lines, part) -> list[Line]:
    """The lines of a decision part: its first paragraph, and after it only the paragraphs
    that go on its list (bullets, "att ...", numbered points); a plain paragraph after the
    first is a note on the decision, not the decision."""
    out: list[Line] = []
    gap = False
    for shape in lines.shapes[part.first:part.last + 1]:
        if shape.blank:
            gap = bool(out)
            continue
        line = shape.line
        if out and (gap or not line.continues) and not (line.bullet or line.list_label or ENUMERATOR.match(line.text)
                                                        or re.match(
                                                            rf"^\s*(?:{lines.vocab.words_pattern('complementizer')})\b",
                                                            line.text, re.I)
                                                        or BLOCK_MARK.match(line.text)):
            if gap or not out[-1].text.rstrip().endswith((",", ":")):
                break
        out.append(line)
        gap = False
    return out


def mark_immediate(lines: Lines, items: list[Item], decisions: list[Decision]) -> list[Decision]:
    """Decisions of an item that says it was adjusted at once get `adjusted_immediately`; a
    sentence naming another § ("Dagordningen godkänns med tillägg att § 13 direktjusteras")
    marks that one."""
    at_once = set()
    for item in items:
        for s in lines.shapes[span_of(item).line_start:span_of(item).line_end + 1]:
            for sentence in re.split(r"(?<=[.!?])\s+", s.text):
                if _immediate(sentence):
                    named = re.findall(r"§\s*(\d{1,4})", sentence)
                    at_once.update(named or [item.number])
    return [d.model_copy(update={"adjusted_immediately": True}) if d.item in at_once else d for d in decisions]
