"""The Swedish vocabulary of minutes, loaded once from `resources/sv/`.

Every keyword, role heading, label, month name and title word the rules use lives in
those data files; this module only reads them into one immutable object, with the
patterns built from them compiled once. A plain dataclass rather than a pydantic model:
its attributes are read on every line of every document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "sv"


def rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a vocabulary file, without comments and blank lines."""
    out = []
    for raw in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append([part.strip() for part in raw.split("\t")])
    return out


def words(name: str) -> list[str]:
    """The first column of a vocabulary file."""
    return [r[0] for r in rows(name)]


def alternation(items) -> str:
    """Regex alternation of words, longest first, with spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(items), key=len, reverse=True))


def _fold(mapping: dict[str, str]) -> dict[str, str]:
    return {" ".join(k.split()).casefold(): k for k in mapping}


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Word lists and the compiled patterns built from them."""

    attendance_headings: dict[str, str]
    metadata_labels: dict[str, str]
    decision_keywords: dict[str, str]
    item_type_labels: list[str]
    months: dict[str, int]
    document_titles: list[str]
    other_titles: list[str]
    chair_words: list[str]
    secretary_words: list[str]
    adjuster_words: list[str]
    vice_words: list[str]
    presenter_labels: dict[str, str]
    closing_phrases: tuple[str, ...]
    closing_words: tuple[str, ...]
    summary_titles: list[str]
    appendix_headings: list[str]
    roster_headings: dict[str, str]
    meeting_clock: dict[str, re.Pattern]
    election_roles: list[str]
    election_titles: list[str]
    meeting_nouns: list[str]
    reference_labels: list[str]
    vote_words: dict[str, str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    street_suffixes: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    grammar_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _compiled: dict = field(default_factory=dict, repr=False)

    def grammar(self, kind: str) -> tuple[str, ...]:
        """The function words of one kind (`grammar_words.txt`): "conjunction", "clock", ..."""
        return self.grammar_words.get(kind, ())

    def words_pattern(self, kind: str) -> str:
        """A regex alternation of the function words of one kind."""
        return self._once(f"grammar_{kind}", lambda: alternation(self.grammar(kind)))

    def _once(self, key: str, build):
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = build()
        return found

    def attendance_role(self, folded_heading: str) -> str:
        """The role of an attendance heading, given it case- and space-folded."""
        table = self._once("attendance_fold", lambda: {k: self.attendance_headings[v]
                                                         for k, v in _fold(self.attendance_headings).items()})
        return table[folded_heading]

    def label_field(self, folded_label: str) -> str:
        """The metadata field of a label, given it case- and space-folded."""
        table = self._once("label_fold", lambda: {k: self.metadata_labels[v]
                                                    for k, v in _fold(self.metadata_labels).items()})
        return table[folded_label]

    def keyword_entry(self, folded_keyword: str) -> str:
        """The decision keyword as the vocabulary lists it, given it case- and space-folded."""
        return self._once("keyword_fold", lambda: _fold(self.decision_keywords))[folded_keyword]

    def heading_pattern(self) -> re.Pattern:
        """Matches an attendance heading at the start of a line; group 'rest' is what follows."""
        return self._once("heading_pattern", lambda: re.compile(
            rf"^\s*(?P<head>{alternation(self.attendance_headings)})\b\s*"
            rf"(?:\([^)]*\))?\s*(?P<sep>[:.\-–]|$|\t)\s*(?P<rest>.*)$", re.I | re.S))

    def extended_heading_pattern(self) -> re.Pattern:
        """An attendance heading with a few more words before its colon ("Närvarande
        medlemmar:", "Frånvarande med anmält förhinder:", "Närvarande via Teams:")."""
        return self._once("extended_heading_pattern", lambda: re.compile(
            rf"^\s*(?P<head>{alternation(self.attendance_headings)})(?P<more>(?:\s+[\wåäöÅÄÖ()]+){{1,4}}?)\s*"
            rf"(?P<sep>:)\s*(?P<rest>.*)$", re.I | re.S))

    def bare_heading_pattern(self) -> re.Pattern:
        """An attendance heading followed by capitalised text with no separator."""
        return self._once("bare_heading_pattern", lambda: re.compile(
            rf"^\s*(?P<head>{alternation(self.attendance_headings)})\s+(?P<sep>)(?P<rest>[A-ZÅÄÖ].*)$", re.I | re.S))

    def label_pattern(self) -> re.Pattern:
        """Matches a metadata label at the start of a line; group 'rest' is the value."""
        return self._once("label_pattern", lambda: re.compile(
            rf"^\s*(?P<label>{alternation(self.metadata_labels)})\s*"
            rf"(?P<sep>:|\t|$|\s(?=\d))\s*(?P<rest>.*)$", re.I | re.S))

    def bare_label_pattern(self) -> re.Pattern:
        """A label of several words followed by its value with no separator."""
        return self._once("bare_label_pattern", lambda: re.compile(
            rf"^\s*(?P<label>{alternation(k for k in self.metadata_labels if ' ' in k.strip())})"
            rf"(?P<sep>\s+)(?P<rest>[A-ZÅÄÖ0-9].*)$", re.S))

    def decision_pattern(self) -> re.Pattern:
        """Matches a decision keyword line ("Beslut:", "Ställningstagande:")."""
        return self._once("decision_pattern", lambda: re.compile(
            rf"^\s*(?:[-•*]\s*)?(?P<kw>{alternation(self.decision_keywords)})\s*:\s*(?P<rest>.*)$", re.I | re.S))

    def type_label_pattern(self) -> re.Pattern:
        """Matches a line (or line tail) that is only an item-type label."""
        return self._once("type_label_pattern", lambda: re.compile(
            rf"(?:^|\s)(?:{alternation(self.item_type_labels)})\s*[.:]?\s*$", re.I))


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    """Read all vocabulary files once."""
    return Vocabulary(
        attendance_headings={head: role for role, head in rows("attendance_headings.txt")},
        metadata_labels={label: fld for fld, label in rows("metadata_labels.txt")},
        decision_keywords={kw: label for label, kw in rows("decision_keywords.txt")},
        item_type_labels=words("item_type_labels.txt"),
        months={name: int(num) for num, name in rows("months.txt")},
        document_titles=words("document_titles.txt"),
        other_titles=words("other_titles.txt"),
        chair_words=words("chair_words.txt"),
        secretary_words=words("secretary_words.txt"),
        adjuster_words=words("adjuster_words.txt"),
        vice_words=words("vice_words.txt"),
        presenter_labels={label: kind for kind, label in rows("presenter_labels.txt")},
        closing_phrases=tuple(words("closing_phrases.txt")),
        closing_words=tuple(words("closing_words.txt")),
        summary_titles=words("summary_titles.txt"),
        appendix_headings=words("appendix_headings.txt"),
        meeting_clock={fld: re.compile(rx, re.I) for fld, rx in rows("meeting_clock.txt")},
        vote_words={word.casefold(): kind for kind, word in rows("vote_words.txt")},
        reference_labels=words("reference_labels.txt"),
        meeting_nouns=words("meeting_nouns.txt"),
        election_titles=words("election_titles.txt"),
        election_roles=words("election_roles.txt"),
        roster_headings={head.casefold(): kind for kind, head in rows("roster_headings.txt")},
        name_particles=frozenset(words("name_particles.txt")),
        not_names=frozenset(words("not_names.txt")),
        street_suffixes=tuple(words("street_suffixes.txt")),
        title_suffixes=tuple(words("title_suffixes.txt")),
        grammar_words=_grouped("grammar_words.txt"),
    )


def _grouped(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for kind, word in rows(name):
        out.setdefault(kind, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Swedish abbreviations that end in a full stop ("ev.", "bl.a.", "resp."), from spaCy's
    Swedish tokenizer exceptions, casefolded: a line ending in one has not ended its sentence."""
    from spacy.lang.sv.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    return frozenset(k.casefold() for k in TOKENIZER_EXCEPTIONS if k.endswith(".") and len(k) > 2)
