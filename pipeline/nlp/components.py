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
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

if TYPE_CHECKING:
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
    return LookupLemmatizer(name, package, table)


class LookupLemmatizer:
    """Given a Doc, set each token's lemma from spacy-lookups-data's Swedish lookup table.

    The table (660,000 forms) is read from the installed package on first use, not stored
    in the pipeline folder, so loading the pipeline stays fast and the model small. Forms
    the table gets wrong ("har" -> "hare", "togs" -> "toga") are corrected from
    `resources/sv/lemma_overrides.txt`. A form missing from the table is looked up
    lower-cased, then kept as it is.
    """

    def __init__(self, name: str, package: str, table: str):
        self.name, self.package, self.table_path = name, package, table
        self._table: WordMap | None = None

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
        table = self.table
        for token in doc:
            text = token.text
            token.lemma_ = table.get(text) or table.get(text.lower()) or text
        return doc


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
    """

    def __init__(self, nlp: Language, name: str, spans_key: str):
        self.name, self.spans_key = name, spans_key
        self.vocab = nlp.vocab
        self.patterns: list[dict] = []
        self.matcher = Matcher(nlp.vocab, validate=True)

    def initialize(self, get_examples=None, *, nlp=None, patterns: Iterable[dict] | None = None) -> None:
        self.set_patterns(list(patterns or []))

    def set_patterns(self, patterns: list[dict]) -> None:
        self.patterns = patterns
        self.matcher = Matcher(self.vocab, validate=True)
        for row in patterns:
            self.matcher.add(row["label"], [row["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        have = {(s.start, s.end, s.label) for s in existing}
        found = [Span(doc, start, end, label=key) for key, start, end in self.matcher(doc)
                 if (start, end, key) not in have]
        doc.spans[self.spans_key] = existing + filter_spans(found)
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path, exclude=()) -> TokenMatcher:
        self.set_patterns(list(srsly.read_jsonl(Path(path) / "patterns.jsonl")))
        return self


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
