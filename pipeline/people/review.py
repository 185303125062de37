"""The review loop: names the link stage would not guess, and what accepting one does.

Given the rows of the `link_review` table, `review_items` groups them by name (folded
spelling) with how often and where each occurs and the best candidates over all rows.
`accept` writes the name into the registry as an alias of the chosen person, so the next
run links it exactly; `add_new` makes the name a person of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..nlp.names import normalize_name
from .normalize import fold, name_key
from .registry import PersonEntry, Registry, RegistryError


@dataclass
class ReviewItem:
    """One name to review: how often, where, why, and the candidates with their scores."""

    name: str
    count: int = 0
    reasons: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    candidates: dict[str, tuple[str, float]] = field(default_factory=dict)  # person_id -> (name, score)

    @property
    def ranked(self) -> list[tuple[str, str, float]]:
        return sorted(((pid, n, s) for pid, (n, s) in self.candidates.items()), key=lambda c: (-c[2], c[0]))

    @property
    def reason(self) -> str:
        for r in ("ambiguous", "weak", "unknown"):
            if r in self.reasons:
                return r
        return ""


def review_items(rows: list[dict], with_unknown: bool = True) -> list[ReviewItem]:
    """Group review rows by name; names with candidates first (most frequent first)."""
    items: dict[str, ReviewItem] = {}
    for row in rows:
        key = name_key(row["name"]).exact
        item = items.setdefault(key, ReviewItem(normalize_name(row["name"])))
        item.count += 1
        item.reasons.add(row["reason"])
        item.sources.add(row["source"])
        if row.get("body") or row.get("meeting_date"):
            item.places.add(f"{row.get('body') or '?'} {row.get('meeting_date') or ''}".strip())
        for c in row.get("candidates") or []:
            old = item.candidates.get(c["person_id"])
            if old is None or c["score"] > old[1]:
                item.candidates[c["person_id"]] = (c["name"], c["score"])
    out = [i for i in items.values() if with_unknown or i.candidates]
    return sorted(out, key=lambda i: (not i.candidates, -i.count, fold(i.name)))


def parse_accept(text: str) -> tuple[str, str]:
    """"Ami Svensson=anne-marie-svensson" -> ("Ami Svensson", "anne-marie-svensson")."""
    name, sep, person_id = text.rpartition("=")
    if not sep or not name.strip() or not person_id.strip():
        raise RegistryError([f"expected NAME=PERSON_ID, got {text!r}"])
    return name.strip(), person_id.strip()


def accept(registry: Registry, name: str, person_id: str) -> bool:
    """Record that `name` is the person `person_id` (an alias); False if already so."""
    return registry.add_alias(person_id, normalize_name(name))


def add_new(registry: Registry, name: str) -> PersonEntry:
    """Make `name` a person of its own, unless a person already has that exact spelling."""
    key = name_key(name).exact
    for entry in registry:
        if any(name_key(n).exact == key for n in entry.names):
            raise RegistryError([f"{name!r} is already a name of {entry.person_id}"])
    return registry.add_person(normalize_name(name), note="added in review")
