"""Swedish full-text search: a stemmed copy of the text for the index, and queries stemmed the same way.

SQLite's FTS5 cannot stem Swedish, and Python cannot give it a tokenizer, so the search
tables of the SQLite mirror (`store/sqlite.py`) index a *stemmed copy* of each text: every
word replaced by its Snowball stem ("beslutade" -> "beslut"), everything between words kept.
The FTS table reads its content (the original text) from the mirror's table, so FTS5's own
`highlight()` and `snippet()` mark the original words: the copy has the same words in the
same places, so word N of the copy is word N of the original.

A query goes through `fts_query`, which stems its words the same way and keeps what an
analyst writes in a search box: `"a phrase"`, `OR`, `NOT`, `AND`, parentheses and
`prefix*` (a prefix is not stemmed). Anything else is a separator, so no query is an FTS5
syntax error.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[^\W_]+")      # letters and digits: FTS5's unicode61 tokens
OPERATORS = frozenset({"AND", "OR", "NOT"})
QUERY_PART = re.compile(r'"(?P<phrase>[^"]*)"?(?P<phrase_prefix>\*?)|(?P<paren>[()])|(?P<bare>[^\s()"]+)')
NOTHING = '""'                     # a query that matches no row (an empty MATCH is an error)
TOKENIZE = "unicode61 remove_diacritics 0"   # å, ä and ö are letters of their own in Swedish


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Given one word, return its Swedish Snowball stem, lower-cased ("Besluten" -> "beslut").
    (Remembered per word: the mirror stems every word of every decision and title.)"""
    return _stemmer().stemWord(unicodedata.normalize("NFC", word).lower()) or word.lower()


def stem_text(text: str | None) -> str | None:
    """Given a text, return it with every word replaced by its stem and all else kept."""
    if text is None:
        return None
    return WORD.sub(lambda m: stem(m.group()), text)


def fts_query(query: str | None) -> str:
    """Given what an analyst typed, return an FTS5 query over the stemmed index.

    Words are stemmed and quoted; "phrases" keep their order; `OR`, `AND`, `NOT` (in
    capitals) and parentheses are operators; `word*` is a prefix. Operators without two
    sides and unmatched parentheses are dropped. A query with no word matches nothing."""
    parts: list[str] = []
    for m in QUERY_PART.finditer(query or ""):
        if m["paren"]:
            parts.append(m["paren"])
        elif m["phrase"] is not None:
            words = WORD.findall(m["phrase"])
            if words:
                parts.append(_phrase(words, prefix=bool(m["phrase_prefix"])))
        elif m["bare"] in OPERATORS:
            parts.append(m["bare"])
        else:
            bare = m["bare"]
            prefix = bare.endswith("*")
            words = WORD.findall(bare)
            if words:
                parts.append(_phrase(words, prefix=prefix))
    parts = _well_formed(parts)
    return " ".join(parts) if parts else NOTHING


def _phrase(words: list[str], prefix: bool) -> str:
    """Quoted stems; with `prefix` the last word is kept whole (lower-cased) and starred."""
    if prefix:
        return '"' + " ".join([stem(w) for w in words[:-1]] + [words[-1].lower()]) + '"*'
    return '"' + " ".join(stem(w) for w in words) + '"'


def _well_formed(parts: list[str]) -> list[str]:
    """Given terms, operators and parentheses, drop what FTS5 would reject (unmatched
    parentheses, empty ones, operators that lack a term on either side) and write out the
    AND between neighbours."""
    depth, kept = 0, []
    for p in parts:
        if p == ")":
            if depth == 0:
                continue
            depth -= 1
        elif p == "(":
            depth += 1
        kept.append(p)
    kept += [")"] * depth
    joined: list[str] = []
    for p in kept:   # FTS5 joins two terms without AND, but not a term and a parenthesis
        if joined and joined[-1] not in OPERATORS and joined[-1] != "(" and p not in OPERATORS and p != ")":
            joined.append("AND")
        joined.append(p)
    kept = joined
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(kept):
            before = kept[i - 1] if i > 0 else None
            after = kept[i + 1] if i + 1 < len(kept) else None
            lone_operator = p in OPERATORS and (before in (None, "(") or before in OPERATORS
                                                or after in (None, ")") or after in OPERATORS)
            empty = p == "(" and after == ")"
            if lone_operator or empty:
                del kept[i:i + (2 if empty else 1)]
                changed = True
                break
    return kept
