"""spaCy components of the minutes pipeline, registered by name.

Importing this module registers every factory `models/config.cfg` names: the two token
components here (`minutes_lemmatizer` sets `token.lemma_`; `minutes_matcher` adds DATE,
TIME and DECISION-verb spans, by lemma, to `doc.spans["minutes"]`) and the extraction
components in their own modules (`minutes_lines`, `minutes_layout`, `minutes_items`,
`minutes_attendance`, `minutes_decisions`, `minutes_metadata`, `minutes_mentions`,
`minutes_kind`). Each reads the Doc and writes only what it declares.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy
import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from ..settings import SETTINGS

if TYPE_CHECKING:
    from spacy.vocab import Vocab

    from ..wordset import WordMap

DEFAULT_SPANS_KEY = "minutes"


@registry.readers("minutes.jsonl_files.v1")
def read_jsonl_files(directory: str, names: list[str]) -> list[dict]:
    """Given a folder and file names, return the rows of those JSONL files in order."""
    rows: list[dict] = []
    for name in names:
        rows.extend(srsly.read_jsonl(Path(directory) / name))
    return rows


# --- lemmas -----------------------------------------------------------------------------

@Language.factory("minutes_lemmatizer", assigns=["token.lemma"],
                  default_config={"package": "spacy_lookups_data", "table": "data/sv_lemma_lookup.json.gz"})
def make_lemmatizer(nlp: Language, name: str, package: str, table: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, name, package, table)


class LookupLemmatizer:
    """Given a Doc, set each token's lemma from spacy-lookups-data's Swedish lookup table.

    The table (660,000 forms) is read from the installed package on first use, not stored
    in the pipeline folder, so loading the pipeline stays fast and the model small. Forms
    the table gets wrong ("har" -> "hare", "togs" -> "toga") are corrected from
    `resources/sv/lemma_overrides.txt`. A form missing from the table is looked up
    lower-cased, then kept as it is.
    """

    def __init__(self, vocab: Vocab, name: str, package: str, table: str):
        self.vocab, self.name, self.package, self.table_path = vocab, name, package, table
        self._table: WordMap | None = None
        self._lemmas: dict[int, int] = {}

    @property
    def table(self) -> WordMap:
        """The table as a `wordset.WordMap`: built once into the cache folder and
        memory-mapped, so a process opens it in microseconds and all share one copy."""
        if self._table is None:
            from .. import wordset
            from .vocab import RESOURCES, rows

            source = resources.files(self.package).joinpath(self.table_path)

            def pairs():
                yield from json.loads(gzip.decompress(source.read_bytes())).items()
                yield from ((form, lemma) for form, lemma in rows("lemma_overrides.txt"))

            self._table = wordset.mapped_map("sv-lemmas", [str(source), RESOURCES / "lemma_overrides.txt",
                                                           Path(__file__)], pairs)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        forms, where = numpy.unique(doc.to_array("ORTH"), return_inverse=True)
        lemmas = numpy.fromiter((self.lemma_of(form) for form in forms.tolist()), dtype=numpy.uint64,
                                count=len(forms))
        doc.from_array(["LEMMA"], lemmas[where].reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def lemma_of(self, form: int) -> int:
        """The lemma's string id of a form's string id, looked up once per form and process
        (a document repeats its words; the table's hashing is the cost)."""
        lemma = self._lemmas.get(form)
        if lemma is None:
            if len(self._lemmas) >= SETTINGS.doc.form_cache:
                self._lemmas.clear()
            strings, table = self.vocab.strings, self.table
            text = strings[form]
            lemma = self._lemmas[form] = strings.add(table.get(text) or table.get(text.lower()) or text)
        return lemma


# --- token patterns: dates, times, decision verbs ----------------------------------------

@Language.factory("minutes_matcher", assigns=["doc.spans"], requires=["token.lemma"],
                  default_config={"spans_key": DEFAULT_SPANS_KEY})
def make_matcher(nlp: Language, name: str, spans_key: str) -> TokenMatcher:
    return TokenMatcher(nlp, name, spans_key)


class TokenMatcher:
    """Given a Doc, add the spans a spaCy `Matcher` finds (DATE, TIME, DECISION by lemma).

    Token patterns ({"label", "pattern"} rows like the span ruler's) come from
    `models/patterns/dates.jsonl` and `decision_verbs.jsonl` at initialisation and are
    saved with the pipeline. It runs after the lemmatizer, the span ruler before it (the
    ruler's phrase patterns are tokenised by the components before it; lemmas there
    would load the lemma table when the pipeline loads).

    The Matcher walks every token with every pattern's states, and most of a document
    holds no date and no deciding verb. So each pattern has an anchor, a token it cannot
    match without (`Anchor`), found for the whole Doc at once from its token arrays, and the
    Matcher runs only over the windows around anchors, as long as the pattern on either
    side. It finds the same spans: every match holds its pattern's anchor, so it lies
    inside that anchor's window.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str):
        self.name, self.spans_key = name, spans_key
        self.vocab = nlp.vocab
        self.patterns: list[dict] = []
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.anchors: list[Anchor] | None = []
        self._regex_hits: dict[str, dict[int, bool]] = {}

    def initialize(self, get_examples=None, *, nlp=None, patterns: Iterable[dict] | None = None) -> None:
        self.set_patterns(list(patterns or []))

    def set_patterns(self, patterns: list[dict]) -> None:
        self.patterns = patterns
        self.matcher = Matcher(self.vocab, validate=True)
        for row in patterns:
            self.matcher.add(row["label"], [row["pattern"]])
        shared: dict = {}
        anchors = [Anchor.of(row["pattern"], self.vocab, shared) for row in patterns]
        self.anchors = None if any(a is None for a in anchors) else [a for a in anchors if a is not None]

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """The token ranges the patterns can match in, merged, in order."""
        if self.anchors is None:
            return [(0, len(doc))]
        forms = Forms(doc, self._regex_hits)
        ranges = [window for anchor in self.anchors for window in anchor.windows(forms)]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        have = {(s.start, s.end, s.label) for s in existing}
        found = [Span(doc, first + start, first + end, label=key)
                 for first, last in self.windows(doc) for key, start, end in self.matcher(doc[first:last])
                 if (first + start, first + end, key) not in have]
        doc.spans[self.spans_key] = existing + filter_spans(found)
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path, exclude=()) -> TokenMatcher:
        self.set_patterns(list(srsly.read_jsonl(Path(path) / "patterns.jsonl")))
        return self


ANCHOR_ATTRS: list[int | str] = ["ORTH", "LOWER", "LEMMA", "ENT_TYPE", "MORPH"]
FORM_ATTRS = {"TEXT": "ORTH", **{str(name): name for name in ANCHOR_ATTRS}}
Test = tuple[int, "numpy.ndarray | re.Pattern | frozenset[str]"]


class Anchor:
    """The tokens a Matcher pattern cannot match without, told from a Doc's token arrays.

    Each required token of the pattern is a candidate anchor with its conditions on form,
    lower case, lemma and entity type (a value, IN, or a REGEX on the form) and morphology
    (IS_SUPERSET); in a Doc, the
    candidate with the fewest tokens meeting them is the anchor, and a match reaches at most
    the pattern's length before and after it. Other conditions (MORPH, IS_PUNCT, NOT_IN ...)
    are left to the Matcher: an anchor only has to hold wherever the pattern matches.
    """

    def __init__(self, candidates: list[tuple[list[Test], int]], length: int):
        self.candidates, self.length = candidates, length

    @classmethod
    def of(cls, pattern: list[dict], vocab, shared: dict) -> Anchor | None:
        """The pattern's anchors; None when it has none (a "*" or "+" makes its reach
        unbounded, or no required token has a condition read here). Equal tests are one
        object in `shared`, so a Doc works each out once."""
        if any(spec.get("OP", "1") not in ("1", "?", "!") for spec in pattern):
            return None
        candidates = []
        for k, spec in enumerate(pattern):
            if spec.get("OP", "1") != "1":
                continue
            tests: list[Test] = []
            for key, value in spec.items():
                if key not in FORM_ATTRS:
                    continue
                column = ANCHOR_ATTRS.index(FORM_ATTRS[key])
                test: numpy.ndarray | re.Pattern | frozenset[str]
                if isinstance(value, str):
                    test = numpy.array([vocab.strings.add(value)], dtype=numpy.uint64)
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    test = numpy.array(sorted({vocab.strings.add(v) for v in value["IN"]}), dtype=numpy.uint64)
                elif isinstance(value, dict) and set(value) == {"REGEX"} and column == 0:
                    test = re.compile(value["REGEX"])
                elif isinstance(value, dict) and set(value) == {"IS_SUPERSET"} and key == "MORPH":
                    test = frozenset(value["IS_SUPERSET"])
                else:
                    continue
                same = (column, test.tobytes() if isinstance(test, numpy.ndarray) else test)
                tests.append((column, shared.setdefault(same, test)))
            if tests:
                candidates.append((tests, k))
        return cls(candidates, len(pattern)) if candidates else None

    def windows(self, forms: Forms) -> list[tuple[int, int]]:
        """The token ranges a match of the pattern can lie in."""
        best = None
        for tests, at in self.candidates:
            keep = numpy.ones(len(forms.table), dtype=bool)
            for column, test in tests:
                keep &= forms.mask(column, test)
            hits = numpy.flatnonzero(keep)
            if best is None or len(hits) < len(best[0]):
                best = (hits, at)
        hits, at = best                                          # type: ignore[misc]
        n = len(forms.table)
        return [(max(0, i - at), min(n, i + self.length - at)) for i in hits.tolist()]


class Forms:
    """A Doc's token arrays for the anchors. Each test is worked out once per Doc on the
    distinct values of its column (patterns share tests), a REGEX once per form and process."""

    def __init__(self, doc: Doc, memory: dict[str, dict[int, bool]]):
        self.table = doc.to_array(ANCHOR_ATTRS)
        self.strings, self.memory = doc.vocab.strings, memory
        self._columns: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}
        self._tests: dict[int, numpy.ndarray] = {}

    def mask(self, column: int, test: numpy.ndarray | re.Pattern | frozenset[str]) -> numpy.ndarray:
        """Which tokens pass the test on the column."""
        known = self._tests.get(id(test))
        if known is not None:
            return known
        if column not in self._columns:
            self._columns[column] = numpy.unique(self.table[:, column], return_inverse=True)
        values, where = self._columns[column]
        if isinstance(test, numpy.ndarray):
            hits = numpy.isin(values, test)
        elif isinstance(test, frozenset):
            hits = numpy.array([bool(v) and test <= set(self.strings[v].split("|")) for v in values.tolist()],
                               dtype=bool)
        else:
            hits = self._search(test, values)
        self._tests[id(test)] = hits[where]
        return self._tests[id(test)]

    def _search(self, regex: re.Pattern, forms: numpy.ndarray) -> numpy.ndarray:
        known = self.memory.setdefault(regex.pattern, {})
        if len(known) >= SETTINGS.doc.form_cache:
            known.clear()
        strings = self.strings
        return numpy.fromiter((known[f] if f in known else known.setdefault(f, bool(regex.search(strings[f])))
                               for f in forms.tolist()), dtype=bool, count=len(forms))


from . import (  # noqa: E402,F401  (their factories)
    attendance,
    decisions,
    items,
    kind,
    layout,
    linemodel,
    lines,
    mentions,
    metadata,
    morphology,
    proceedings,
    sections,
)
