"""One spaCy `Doc` per document: the object every extraction component reads and writes.

The Doc's text is the document's lines joined with newlines, so a line's `start`/`end`
offsets (set by the ingestor) are character offsets in the Doc. The ingested `Document`
rides along as `doc._.source`, its layout hints (heading level, bold, bullet, list label,
table cell, page, OCR) stay on its `Line` records, and `Token._.line` says which line a
token stands on.

Components record what they decide in span groups (`doc.spans["items"]`,
`doc.spans["decisions"]`, ...), one span per finding, labelled with its kind. What a
finding carries beyond its label (an item's number and title, a decision's text and
tally) is its payload, kept beside the span by `add` and read back by `found`:
spaCy's own `Span._` extensions are keyed by character offsets only, so two findings on
the same tokens would share one.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.tokens import Doc, Span, Token

from ..records import Document, Line
from ..settings import SETTINGS

PAYLOAD = "minutes.payload"
LONG_CHUNK = SETTINGS.doc.long_chunk
LONG = re.compile(rf"\S{{{LONG_CHUNK},}}")
LINE_STARTS = "minutes.line_starts"
TOKEN_LINES = "minutes.token_lines"


def _token_line(token: Token) -> int:
    return token_lines(token.doc)[token.i]


def token_lines(doc: Doc) -> list[int]:
    """The line of every token, by token index: what `Token._.line` gives one token at a
    time, for components that walk the whole Doc (worked out once per Doc)."""
    known = doc.user_data.get(TOKEN_LINES)
    if known is None or len(known) != len(doc):
        starts = numpy.asarray(doc.user_data[LINE_STARTS], dtype=numpy.int64)
        offsets = doc.to_array("IDX").astype(numpy.int64) if len(doc) else numpy.zeros(0, dtype=numpy.int64)
        known = doc.user_data[TOKEN_LINES] = (numpy.searchsorted(starts, offsets, side="right") - 1).tolist()
    return known


def words_by_line(doc: Doc) -> dict[int, list[Token]]:
    """Line index -> the tokens on it that are not whitespace, in order (made once for the
    Doc the pipeline is on; kept beside it, not in it: a Doc holding tokens cannot be copied
    or pickled)."""
    if _WORDS[0] is not doc:
        found: dict[int, list[Token]] = {}
        if len(doc):
            # walking the Doc makes its tokens several times faster than indexing it
            for token, space, line in zip(doc, doc.to_array("IS_SPACE").tolist(), token_lines(doc)):
                if not space:
                    found.setdefault(line, []).append(token)
        _WORDS[:] = [doc, found]
    return _WORDS[1]


_WORDS: list = [None, {}]


def register_extensions() -> None:
    """Declare the Doc and Token attributes the components use (idempotent)."""
    if not Doc.has_extension("source"):
        Doc.set_extension("source", default=None)
    if not Doc.has_extension("lines"):
        Doc.set_extension("lines", default=None)
    if not Doc.has_extension("meeting"):
        Doc.set_extension("meeting", default=None)
    if not Token.has_extension("line"):
        Token.set_extension("line", getter=_token_line)


register_extensions()


def tokenize(nlp, text: str) -> Doc:
    """The tokenised text. spaCy's tokenizer peels punctuation off a chunk one character at a
    time, which takes time quadratic in a chunk's length; a chunk of `LONG_CHUNK` or more
    characters without a space (16 kB of dashes in a title) is cut into pieces of that size
    instead. The Doc's text stays the text, character for character. (The tokenizer is not
    run through `nlp.make_doc`, which refuses texts over a million characters for the sake
    of parsers this pipeline does not have, and a 500-page protokoll is longer.)"""
    long_chunks = list(LONG.finditer(text))
    if not long_chunks:
        return _by_chunk(nlp, text)
    parts, at = [], 0
    for m in long_chunks:
        if m.start() > at:
            parts.append(_by_chunk(nlp, text[at:m.start()]))
        pieces = [m.group(0)[k:k + LONG_CHUNK] for k in range(0, len(m.group(0)), LONG_CHUNK)]
        parts.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        at = m.end()
    if at < len(text):
        parts.append(_by_chunk(nlp, text[at:]))
    return Doc.from_docs(parts, ensure_whitespace=False)


RUNS = re.compile(r"\s+|\S+")
Chunk = tuple[tuple[str, ...], tuple[tuple[int, str], ...]]
_CHUNKS: dict[int, tuple[Any, dict[str, Chunk]]] = {}


def _by_chunk(nlp, text: str) -> Doc:
    """What `nlp.tokenizer(text)` makes, each distinct chunk tokenised once per process.

    spaCy's tokenizer splits the text at single spaces into chunks and tokenises each on its
    own (a space after a chunk is that chunk's last token's trailing space; other whitespace
    is a token of its own). It caches a chunk's tokens, but after the first special case of
    a text (a newline is one) no further chunk of that text, so every text is tokenised
    afresh. Here a chunk's tokens (and the norms its special cases set) are kept by chunk."""
    tokenizer = nlp.tokenizer
    entry = _CHUNKS.get(id(tokenizer))
    if entry is None or entry[0] is not tokenizer:
        entry = _CHUNKS[id(tokenizer)] = (tokenizer, {})
    known = entry[1]
    if len(known) >= SETTINGS.doc.form_cache:
        known.clear()
    words: list[str] = []
    spaced: list[int] = []
    norms: list[tuple[int, str]] = []
    for run in RUNS.findall(text):
        if run[0] == " " and words:
            spaced.append(len(words) - 1)
            run = run[1:]
            if not run:
                continue
        chunk = known.get(run)
        if chunk is None:
            tokens = tokenizer(run)
            chunk = known[run] = (tuple(t.text for t in tokens),
                                  tuple((t.i, t.norm_) for t in tokens if t.norm != t.lex.norm))
        if chunk[1]:
            norms.extend((len(words) + i, norm) for i, norm in chunk[1])
        words += chunk[0]
    spaces = [False] * len(words)
    for i in spaced:
        spaces[i] = True
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for i, norm in norms:
        doc[i].norm_ = norm
    return doc


def make_doc(nlp, document: Document) -> Doc:
    """Given the pipeline and an ingested document, return its tokenised Doc."""
    doc = tokenize(nlp, "\n".join(line.text for line in document.lines))
    doc._.source = document
    doc.user_data[LINE_STARTS] = [line.start for line in document.lines]
    doc.user_data[PAYLOAD] = {}
    return doc


def attach_text(doc: Doc) -> None:
    """Give a Doc made from plain text (`nlp("...")`) the source the components read: one
    line per newline-separated line of its text."""
    lines, offset = [], 0
    for i, text in enumerate(doc.text.split("\n")):
        lines.append(Line(index=i, text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    doc._.source = Document(id=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), path="text",
                            format="txt", pages=1, lines=lines)
    doc.user_data[LINE_STARTS] = [line.start for line in lines]
    doc.user_data.setdefault(PAYLOAD, {})


def line_span(doc: Doc, first: int, last: int | None = None, label: str = "") -> Span | None:
    """The tokens of lines `first`..`last` (inclusive) as a span, None when they hold no text."""
    lines = doc._.source.lines
    last = first if last is None else last
    span = doc.char_span(lines[first].start, lines[last].end, label=label, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span


def add(doc: Doc, group: str, span: Span | None, payload: Any = None) -> None:
    """Append a finding (a span and what it carries) to span group `group`."""
    if span is None:
        return
    spans = list(doc.spans[group]) if group in doc.spans else []
    spans.append(span)
    doc.spans[group] = spans
    doc.user_data[PAYLOAD].setdefault(group, []).append(payload)


def put(doc: Doc, group: str, findings: Iterable[tuple[Span | None, Any]]) -> None:
    """Set span group `group` to `findings` (span, payload) in one go, replacing it; a
    finding without a span (`line_span` found no text) is left out."""
    kept = [(s, p) for s, p in findings if s is not None]
    doc.spans[group] = [s for s, _ in kept]
    doc.user_data[PAYLOAD][group] = [p for _, p in kept]


def found(doc: Doc, group: str) -> Iterator[tuple[Span, Any]]:
    """The findings of span group `group`: (span, payload) pairs in the order written."""
    if group not in doc.spans:
        return iter(())
    return zip(doc.spans[group], doc.user_data[PAYLOAD].get(group, [None] * len(doc.spans[group])))


def payloads(doc: Doc, group: str) -> list:
    """Just the payloads of span group `group`."""
    return [p for _, p in found(doc, group)]
