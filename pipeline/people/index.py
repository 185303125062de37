"""Blocking index over registry names, and the score of a name against a candidate.

A name is never compared with the whole registry. Exact and order-free keys are dict
look-ups; otherwise candidates come from two blocks: (surname, first initial) and
(first name, surname initial), where each surname or first name also stands under every
form with one letter deleted, so two spellings one typo apart (Meuller/Mueller,
Blomgren/Blomgten) meet in a block. rapidfuzz ranks a large block (`process.extract`) by
the part the block leaves open, and only the best few get the structured score of
`score_names`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .normalize import NameKey, compact, deletions, name_key, surname_forms

PREFILTER_LIMIT = 8       # members of the blocks that get the structured score ...
PREFILTER_CUTOFF = 30.0   # ... ranked by rapidfuzz ratio of the part the block leaves open
SWAP_PENALTY = 3.0        # surname written first without a comma ("Forsberg Anna")
EXTRA_MIDDLE_PENALTY = 6.0    # a middle word the candidate does not have
MISSING_MIDDLE_PENALTY = 2.0  # a middle word of the candidate's that the name leaves out
MIDDLE_AS_SURNAME_PENALTY = 20.0  # one of a double surname ("Maria Terra" / "Maria Terra Froberg"):
#                                  alone it only reaches review; context can make it a link
SURNAME_WEIGHT = 0.6
INITIALS_SCORE = 90.0     # "A-S" for "Ann-Sofie"
INITIAL_SCORE = 85.0      # "A." for "Anna" or "Ann-Sofie"
PART_PREFIX_SCORE = 88.0  # "Ann" for "Ann-Sofie"
PART_SCORE = 82.0         # "Sofie" for "Ann-Sofie"
ABBREVIATION_SCORE = 60.0  # "Ami" for "Anne-Marie": weak, review unless context helps
FIRST_FUZZY_MIN = 70.0    # first names less alike than this are different names ...
MAX_EDITS = 1             # ... and so are names (first or surname) more than one edit apart


def similarity(a: str, b: str) -> float:
    """Given two folded words, return 0-100: 100 less the share of letters changed, where a
    swap of two neighbours counts as one change (optimal string alignment)."""
    a, b = compact(a), compact(b)
    if a == b:
        return 100.0
    return OSA.normalized_similarity(a, b) * 100.0


def _subsequence(short: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in short)


def _is_abbreviation(short: str, parts: list[str]) -> bool:
    """True when `short` splits into one piece per part, in order, each piece opening with
    that part's first letter and made of its letters in order ("ami": "a" + "mi" from
    "anne" + "marie")."""
    if len(parts) < 2:
        return False

    def walk(rest: str, k: int) -> bool:
        if k == len(parts):
            return not rest
        return any(rest[:n][0] == parts[k][0] and _subsequence(rest[:n], parts[k]) and walk(rest[n:], k + 1)
                   for n in range(1, len(rest) + 1))

    return walk(short, 0)


@lru_cache(maxsize=262_144)
def first_name_score(q: str, c: str) -> float:
    """Given two folded first names, return how well `q` can stand for `c` (0 = a different
    name): equal 100, initials 85-90, one part of a compound 82-88, a close spelling its
    similarity, an abbreviation of a compound ("Ami"/"Anne-Marie") 60."""
    if compact(q) == compact(c):
        return 100.0
    qp, cp = [p for p in q.split("-") if p], [p for p in c.split("-") if p]
    if all(len(p) == 1 for p in qp) or all(len(p) == 1 for p in cp):
        short, full = (qp, cp) if all(len(p) == 1 for p in qp) else (cp, qp)
        if [p[0] for p in full] == [p[0] for p in short]:
            return INITIALS_SCORE
        if len(short) == 1 and short[0] == full[0][0]:
            return INITIAL_SCORE
        return 0.0
    if len(qp) != len(cp):
        short, full = (qp, cp) if len(qp) < len(cp) else (cp, qp)
        if full[:len(short)] == short:
            return PART_PREFIX_SCORE
        if all(p in full for p in short):
            return PART_SCORE
    s = similarity(q, c)
    if s >= FIRST_FUZZY_MIN and OSA.distance(compact(q), compact(c), score_cutoff=MAX_EDITS) <= MAX_EDITS:
        return s
    short, full = (q, c) if len(compact(q)) < len(compact(c)) else (c, q)
    if len(compact(short)) <= 4 and _is_abbreviation(compact(short), [p for p in full.split("-") if p]):
        return ABBREVIATION_SCORE
    return 0.0


def _middle_penalty(q_middle: tuple[str, ...], c_middle: tuple[str, ...]) -> float:
    unmatched_c = list(c_middle)
    penalty = 0.0
    for w in q_middle:
        best = max(unmatched_c, key=lambda m: _middle_match(w, m), default=None)
        if best is not None and _middle_match(w, best) >= 80.0:
            unmatched_c.remove(best)
        else:
            penalty += EXTRA_MIDDLE_PENALTY
    return penalty + MISSING_MIDDLE_PENALTY * len(unmatched_c)


def _middle_match(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:
        return 100.0 if a[0] == b[0] else 0.0
    return similarity(a, b)


@lru_cache(maxsize=262_144)
def _surname_similarity(q_forms: tuple[str, ...], c_forms: tuple[str, ...], surname_min: float) -> float:
    """Best 0-1 similarity of two surnames' forms; 0 below `surname_min` (0-100)."""
    best = 0.0
    for c in c_forms:
        for q in q_forms:
            if OSA.distance(c, q, score_cutoff=MAX_EDITS) <= MAX_EDITS:
                best = max(best, OSA.normalized_similarity(c, q))
    return best if best * 100.0 >= surname_min - 1e-9 else 0.0


def score_names(q: NameKey, c: NameKey, surname_min: float) -> float:
    """Given a name and a candidate's name, return 0-100: surname and first name weighed
    60/40, less penalties for middle words that differ. 0 when the surnames are further
    apart than `surname_min` or the first names are different names."""
    if len(q.words) < 2 or len(c.words) < 2:
        return 0.0
    sur = _surname_similarity(q.surname_forms, c.surname_forms, surname_min)
    q_middle, c_middle = q.middle, c.middle
    if not sur and (q.middle or c.middle):
        # one of a double surname: "Anneli Asmundsson" / "Anneli Asmundsson Bjerde" either way round
        alt_c = max((_surname_similarity(q.surname_forms, (m,), surname_min) for m in c.compact_middle), default=0.0)
        alt_q = max((_surname_similarity((m,), c.surname_forms, surname_min) for m in q.compact_middle), default=0.0)
        alt = max(alt_c, alt_q) - MIDDLE_AS_SURNAME_PENALTY / 100.0
        if alt * 100.0 >= surname_min:
            sur = alt
            if alt_c >= alt_q:
                q_middle, c_middle = q.middle, ()
            else:
                q_middle, c_middle = (), c.middle
    if not sur:
        return 0.0
    first = 100.0 if q.compact_first == c.compact_first else first_name_score(q.first, c.first)
    if first <= 0:
        return 0.0
    penalty = _middle_penalty(q_middle, c_middle) if (q_middle or c_middle) else 0.0
    score = SURNAME_WEIGHT * 100.0 * sur + (1 - SURNAME_WEIGHT) * first - penalty
    return round(max(score, 0.0), 1)


@dataclass
class _Block:
    keys: list[str] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """One registry spelling: whose it is, as written, its key, and canonical or alias."""

    person_id: str
    name: str
    key: NameKey
    alias: bool


@dataclass(frozen=True)
class Hit:
    """A candidate person for a name: best entry and score, and whether it was exact."""

    person_id: str
    name: str
    score: float
    method: str  # exact | alias | fuzzy


class PersonIndex:
    """All spellings of all persons, indexed for exact look-up and blocked fuzzy search."""

    def __init__(self):
        self.entries: list[Entry] = []
        self.exact: dict[str, list[int]] = {}
        self.unordered: dict[str, list[int]] = {}
        self.surname_keys: dict[str, set[str]] = {}
        self.first_keys: dict[str, set[str]] = {}
        self.first_names: set[str] = set()
        self.by_surname: dict[tuple[str, str], _Block] = {}
        self.by_first: dict[tuple[str, str], _Block] = {}
        self.compared = 0   # block members ranked by rapidfuzz, over all searches (for benchmarks)
        self.scored = 0     # candidates given the structured score

    @classmethod
    def of(cls, registry) -> PersonIndex:
        """Index every name and alias of a `Registry`."""
        index = cls()
        for entry in registry:
            index.add(entry.person_id, entry.name, alias=False)
            for alias in entry.aliases:
                index.add(entry.person_id, alias, alias=True)
        return index

    def add(self, person_id: str, name: str, alias: bool = False) -> None:
        """Add one spelling of a person."""
        key = name_key(name)
        if not key.words:
            return
        k = len(self.entries)
        self.entries.append(Entry(person_id, name, key, alias))
        self.exact.setdefault(key.exact, []).append(k)
        self.unordered.setdefault(key.unordered, []).append(k)
        if len(key) < 2:
            return
        for word in (key.last, *key.middle):
            for form in surname_forms(word):
                for d in deletions(form):
                    self.surname_keys.setdefault(d, set()).add(form)
                block = self.by_surname.setdefault((form, key.initial), _Block())
                block.keys.append(key.compact_first)
                block.entries.append(k)
        first = compact(key.first)
        self.first_names.add(first)
        for d in deletions(first):
            self.first_keys.setdefault(d, set()).add(first)
        block = self.by_first.setdefault((first, key.last[:1]), _Block())
        block.keys.append(key.surname_forms[0])
        block.entries.append(k)

    def lookup(self, key: NameKey) -> list[Hit]:
        """Persons whose spelling equals the name (hyphens, case and accents aside), or
        failing that the same words with the surname written first ("Forsberg Anna");
        best hit per person."""
        hits = [self._hit(k, 100.0, "alias" if self.entries[k].alias else "exact")
                for k in self.exact.get(key.exact, [])]
        if not hits and len(key) >= 2:
            w = key.words
            turned = {w[1:] + w[:1], w[-1:] + w[:-1]}     # surname moved to the front or the back
            hits = [self._hit(k, 100.0 - SWAP_PENALTY, "fuzzy") for k in self.unordered.get(key.unordered, [])
                    if self.entries[k].key.words in turned]
        return _best_per_person(hits)

    def search(self, key: NameKey, surname_min: float, cutoff: float, enough: float = 100.0) -> list[Hit]:
        """Candidates scoring at least `cutoff`, best first, one hit per person. The
        (first name, surname initial) block is searched only when the (surname, first
        initial) block finds nobody reaching `enough`; the name read surname-first only
        when neither finds anyone and its last word is someone's first name."""
        if len(key) < 2:
            return []
        hits = self._scored(key, self._surname_blocks(key), key.compact_first, surname_min, cutoff, 0.0)
        if not key.is_initial and (not hits or max(h.score for h in hits) < enough):
            hits += self._scored(key, self._first_blocks(key), key.surname_forms[0], surname_min, cutoff, 0.0)
        if not hits and not key.is_initial and key.surname_forms[-1] in self.first_names:
            swapped = NameKey((key.last, *key.middle, key.first))
            hits = self._scored(swapped, self._surname_blocks(swapped), swapped.compact_first, surname_min,
                                cutoff, SWAP_PENALTY)
            hits += self._scored(swapped, self._first_blocks(swapped), swapped.surname_forms[0], surname_min,
                                 cutoff, SWAP_PENALTY)
        return _best_per_person(hits)

    def _surname_blocks(self, key: NameKey) -> list[_Block]:
        """Blocks of the surname (and, for a longer name, of its middle words: "Maria Terra
        Froberg" may be registered as "Maria Terra") under the first initial."""
        surnames: set[str] = set()
        forms = key.surname_forms
        if len(key.words) > 2:
            forms += tuple(m for m in key.compact_middle if m not in self.first_names)
        for form in forms:
            for d in deletions(form):
                found = self.surname_keys.get(d)
                if found:
                    surnames |= found
        return [b for s in surnames if (b := self.by_surname.get((s, key.initial)))]

    def _first_blocks(self, key: NameKey) -> list[_Block]:
        """Blocks of first names one edit away under the surname's initial; only those with
        another first initial, since the same initial is already in the surname blocks."""
        firsts: set[str] = set()
        for d in deletions(key.compact_first):
            found = self.first_keys.get(d)
            if found:
                firsts |= found
        return [b for f in firsts if f[:1] != key.initial and (b := self.by_first.get((f, key.last[:1])))]

    def _scored(self, key: NameKey, blocks: list[_Block], open_part: str, surname_min: float, cutoff: float,
                penalty: float) -> list[Hit]:
        """Score the block members: all of them when few, else the `PREFILTER_LIMIT` whose
        open part (the first name in a surname block, the surname in a first-name block)
        is nearest `open_part` by rapidfuzz."""
        if not blocks:
            return []
        if len(blocks) == 1:
            keys, entries = blocks[0].keys, blocks[0].entries
        else:
            keys = [k for b in blocks for k in b.keys]
            entries = [e for b in blocks for e in b.entries]
        self.compared += len(keys)
        if len(keys) > PREFILTER_LIMIT:
            ranked = process.extract(open_part, keys, scorer=fuzz.ratio, limit=PREFILTER_LIMIT,
                                     score_cutoff=0.0 if key.is_initial else PREFILTER_CUTOFF)
            chosen = {entries[pos] for _, _, pos in ranked}
        else:
            chosen = set(entries)
        self.scored += len(chosen)
        hits = []
        for k in chosen:
            s = score_names(key, self.entries[k].key, surname_min) - penalty
            if s >= cutoff:
                hits.append(self._hit(k, round(s, 1), "fuzzy"))
        return hits

    def _hit(self, k: int, score: float, method: str) -> Hit:
        e = self.entries[k]
        return Hit(e.person_id, e.name, score, method)


def _best_per_person(hits: list[Hit]) -> list[Hit]:
    best: dict[str, Hit] = {}
    for h in hits:
        if h.person_id not in best or (h.score, h.method == "exact") > (best[h.person_id].score,
                                                                         best[h.person_id].method == "exact"):
            best[h.person_id] = h
    return sorted(best.values(), key=lambda h: (-h.score, h.person_id))
