"""Linking scored against ../shared/gold/people_seeds.json, on the real pipeline's output.

The seed texts are run twice: with no registry, then with the registry the bootstrap
proposes from that first run (no hand review), so the test measures the algorithm, not
the shipped registry. Then: every 'same' pair is linked to one person, every 'distinct'
pair is kept apart, every 'probable' pair is linked or sent to review with the right
candidate (never linked to a third person), and no two other gold names share a person.
The shipped, hand-reviewed registry must pass the same checks, with 'probable' linked.
"""
from __future__ import annotations

import json
from itertools import combinations

import pytest

from pipeline.store import db as load
from pipeline.run.batch import run_batch
from pipeline.people import People, load_registry
from pipeline.people.bootstrap import Sighting, bootstrap
from pipeline.people.normalize import name_key

from .conftest import REPO, SHARED

ROWS = """
SELECT name, person_id, link_method FROM attendance
UNION ALL SELECT name, person_id, link_method FROM officials
UNION ALL SELECT name, person_id, link_method FROM presenters
UNION ALL SELECT name, person_id, link_method FROM mentions
UNION ALL SELECT surface, person_id, link_method FROM mentions
"""


def _key(name: str) -> str:
    return name_key(name).exact


def _run(people: People, con=None):
    con = con or load.connect(":memory:")
    run_batch(sorted((SHARED / "seeds").glob("*.txt")), con, progress=False, people=people)
    return con


class Links:
    """Person ids given to each spelling, and the review candidates of unlinked ones."""

    def __init__(self, con):
        self.ids: dict[str, set[str | None]] = {}
        for name, pid, _ in con.execute(ROWS).fetchall():
            self.ids.setdefault(_key(name), set()).add(pid)
        self.review: dict[str, set[str]] = {}
        for name, candidates in con.execute("SELECT name, candidates FROM link_review").fetchall():
            self.review.setdefault(_key(name), set()).update(c["person_id"] for c in candidates)

    def of(self, name: str) -> set[str | None]:
        ids = self.ids.get(_key(name))
        assert ids, f"{name!r} is not in the pipeline's output"
        return ids


@pytest.fixture(scope="module")
def seeds_gold(shared):
    return json.loads((shared / "gold" / "people_seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bootstrapped(shared):
    con = _run(People())
    assert con.execute("SELECT count(*) FROM attendance WHERE person_id IS NOT NULL").fetchone()[0] == 0
    registry, _ = bootstrap([Sighting(**row) for row in load.person_sightings(con)])
    _run(People(registry=registry), con)   # a new registry relinks every document
    return Links(con)


@pytest.fixture(scope="module")
def shipped(shared):
    registry = load_registry(REPO / "data" / "registry" / "persons.csv")
    assert len(registry) > 50
    return Links(_run(People(registry=registry)))


def _check_same(links: Links, pairs):
    for a, b in pairs:
        ids = links.of(a) | links.of(b)
        assert len(ids) == 1 and None not in ids, f"same person {a!r} / {b!r} got {ids}"


def _check_distinct(links: Links, pairs):
    for a, b in pairs:
        shared_ids = (links.of(a) & links.of(b)) - {None}
        assert not shared_ids, f"different persons {a!r} / {b!r} both linked to {shared_ids}"


def _check_probable(links: Links, pairs, must_link: bool):
    for a, b in pairs:
        ida, idb = links.of(a) - {None}, links.of(b) - {None}
        assert len(ida | idb) <= 1, f"{a!r} / {b!r} linked to different persons {ida | idb}"
        if ida and idb:
            continue
        assert not must_link, f"{a!r} / {b!r} not both linked"
        known, unlinked = (ida, b) if ida else (idb, a)
        assert known, f"neither {a!r} nor {b!r} linked"
        assert known <= links.review.get(_key(unlinked), set()), \
            f"{unlinked!r} is not in review with candidate {known}"


def _gold_names(shared) -> set[str]:
    names = set()
    for path in (shared / "gold" / "seeds").glob("*.json"):
        g = json.loads(path.read_text(encoding="utf-8"))
        names.update(a["name"] for a in g.get("attendance", []))
        names.update(g.get("persons_mentioned", []))
        names.update(n for n in [g.get("chair"), g.get("secretary"), *g.get("adjusters", [])] if n)
        for item in g.get("items", []):
            names.update(item.get("presenters", []))
    return names


def _check_no_other_merges(links: Links, gold: dict, shared):
    together = {frozenset(map(_key, p)) for p in gold["same"] + gold["probable"]}
    names = sorted({_key(n) for n in _gold_names(shared)} & set(links.ids))
    for a, b in combinations(names, 2):
        if frozenset((a, b)) in together:
            continue
        both = (links.ids[a] & links.ids[b]) - {None}
        assert not both, f"{a!r} and {b!r} are different people but share {both}"


def test_bootstrapped_registry_links_same_pairs(bootstrapped, seeds_gold):
    _check_same(bootstrapped, seeds_gold["same"])


def test_bootstrapped_registry_keeps_distinct_pairs_apart(bootstrapped, seeds_gold, shared):
    _check_distinct(bootstrapped, seeds_gold["distinct"])
    _check_no_other_merges(bootstrapped, seeds_gold, shared)


def test_bootstrapped_registry_links_or_reviews_probable_pairs(bootstrapped, seeds_gold):
    _check_probable(bootstrapped, seeds_gold["probable"], must_link=False)


def test_bare_first_names_resolve_to_the_one_attendee(bootstrapped):
    for surface, full in [("Ingemar", "Ingemar Blomqvist"), ("Camilla", "Camilla Lundqvist"),
                          ("Carl-Peter", "Carl-Peter Anderberg")]:
        assert bootstrapped.of(surface) == bootstrapped.of(full) and None not in bootstrapped.of(full)


def test_shipped_registry_passes_the_same_checks(shipped, seeds_gold, shared):
    _check_same(shipped, seeds_gold["same"])
    _check_distinct(shipped, seeds_gold["distinct"])
    _check_probable(shipped, seeds_gold["probable"], must_link=True)
    _check_no_other_merges(shipped, seeds_gold, shared)
