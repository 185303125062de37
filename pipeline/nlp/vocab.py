"""The Swedish vocabulary of minutes, loaded once from `resources/sv/`.

Every keyword, role heading, label, month name and title word the rules use lives in
those data files; this module only reads them into one typed, immutable object.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "sv"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for raw in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            rows.append([part.strip() for part in raw.split("\t")])
    return rows


def _alternation(words) -> str:
    """Regex alternation of words, longest first, with spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class Vocabulary(BaseModel):
    """Word lists and the compiled patterns built from them."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    attendance_headings: dict[str, str]
    metadata_labels: dict[str, str]
    decision_keywords: dict[str, str]
    decision_phrases: list[re.Pattern]
    item_type_labels: list[str]
    months: dict[str, int]
    document_titles: list[str]
    chair_words: list[str]
    secretary_words: list[str]
    vice_words: list[str]
    presenter_labels: dict[str, str]
    closing_phrases: list[str]
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
    _compiled: dict = PrivateAttr(default_factory=dict)

    def _once(self, key: str, build) -> re.Pattern:
        if key not in self._compiled:
            self._compiled[key] = build()
        return self._compiled[key]

    def heading_pattern(self) -> re.Pattern:
        """Matches an attendance heading at the start of a line; group 'rest' is what follows."""
        return self._once("heading_pattern", lambda: re.compile(rf"^\s*(?P<head>{_alternation(self.attendance_headings)})\b\s*"
                          rf"(?:\([^)]*\))?\s*(?P<sep>[:.\-–]|$|\t)\s*(?P<rest>.*)$", re.I | re.S))

    def label_pattern(self) -> re.Pattern:
        """Matches a metadata label at the start of a line; group 'rest' is the value."""
        return self._once("label_pattern", lambda: re.compile(rf"^\s*(?P<label>{_alternation(self.metadata_labels)})\s*"
                          rf"(?P<sep>:|\t|$|\s(?=\d))\s*(?P<rest>.*)$", re.I | re.S))

    def decision_pattern(self) -> re.Pattern:
        """Matches a decision keyword line ("Beslut:", "Ställningstagande:")."""
        return self._once("decision_pattern", lambda: re.compile(rf"^\s*(?:[-•*]\s*)?(?P<kw>{_alternation(self.decision_keywords)})"
                          rf"\s*:\s*(?P<rest>.*)$", re.I | re.S))

    def type_label_pattern(self) -> re.Pattern:
        """Matches a line (or line tail) that is only an item-type label."""
        return self._once("type_label_pattern", lambda: re.compile(rf"(?:^|\s)(?:{_alternation(self.item_type_labels)})\s*[.:]?\s*$", re.I))


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    """Read all vocabulary files once."""
    return Vocabulary(
        attendance_headings={head: role for role, head in _rows("attendance_headings.txt")},
        metadata_labels={label: field for field, label in _rows("metadata_labels.txt")},
        decision_keywords={kw: label for label, kw in _rows("decision_keywords.txt")},
        decision_phrases=[re.compile(r[0], re.I) for r in _rows("decision_phrases.txt")],
        item_type_labels=[r[0] for r in _rows("item_type_labels.txt")],
        months={name: int(num) for num, name in _rows("months.txt")},
        document_titles=[r[0] for r in _rows("document_titles.txt")],
        chair_words=[r[0] for r in _rows("chair_words.txt")],
        secretary_words=[r[0] for r in _rows("secretary_words.txt")],
        vice_words=[r[0] for r in _rows("vice_words.txt")],
        presenter_labels={label: kind for kind, label in _rows("presenter_labels.txt")},
        closing_phrases=[r[0] for r in _rows("closing_phrases.txt")],
        summary_titles=[r[0] for r in _rows("summary_titles.txt")],
        appendix_headings=[r[0] for r in _rows("appendix_headings.txt")],
        meeting_clock={field: re.compile(rx, re.I) for field, rx in _rows("meeting_clock.txt")},
        vote_words={word.casefold(): kind for kind, word in _rows("vote_words.txt")},
        reference_labels=[r[0] for r in _rows("reference_labels.txt")],
        meeting_nouns=[r[0] for r in _rows("meeting_nouns.txt")],
        election_titles=[r[0] for r in _rows("election_titles.txt")],
        election_roles=[r[0] for r in _rows("election_roles.txt")],
        roster_headings={head.casefold(): kind for kind, head in _rows("roster_headings.txt")},
        name_particles=frozenset(r[0] for r in _rows("name_particles.txt")),
        not_names=frozenset(r[0] for r in _rows("not_names.txt")),
        street_suffixes=tuple(r[0] for r in _rows("street_suffixes.txt")),
        title_suffixes=tuple(r[0] for r in _rows("title_suffixes.txt")),
    )
