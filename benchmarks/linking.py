"""Benchmark: link synthetic variants of Swedish names against registries of growing size.

Persons are made from Swedish given names (the names `pipeline.nlp.names.given_names()` reads
from gender-guesser's dictionary that have a Swedish frequency, drawn by it) and Swedish
surnames (the commonest drawn by rank, plus compound and -son surnames built the way
Swedish surnames are), with middle names, compound first names and double surnames; each
registry holds unique names. Mentions are variants of registry persons (exact, case and
spacing, hyphen, accent, one typo, missing or extra middle name, surname first, initials)
and persons who are not in the registry, whose right answer is "not linked". A variant a
careful reader could not resolve either (an initial that two same-surname persons share,
a typo that lands one edit from another person) is drawn again with the same kind, so the
mix of kinds is the same for every size; how many were drawn again is printed.

Reported per size: precision (right links / links made), recall (right links / mentions of
registry persons), share sent to review, names per second on `--workers` processes (wall
clock, and per CPU-second, which other load on the machine does not skew), and how many
registry names one mention is compared with (blocking). A brute-force rapidfuzz baseline
(`process.cdist`, `token_sort_ratio`, every registry name, same workers and thresholds)
runs beside it on the first `--baseline` mentions.

    .venv/bin/python benchmarks/linking.py                 # 1,000 / 10,000 / 100,000 persons
    .venv/bin/python benchmarks/linking.py --sizes 1000 --mentions 5000 --by-kind
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import re
import sys
import time
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.nlp.names import given_names  # noqa: E402
from pipeline.people import Linker, PeopleParams, PersonEntry, Registry  # noqa: E402
from pipeline.people.normalize import deletions, fold  # noqa: E402

COMMON_SURNAMES = """Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström Olofsson
Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson Berglund Fredriksson
Sandberg Henriksson Forsberg Sjöberg Wallin Ali Engström Mohammed Eklund Danielsson Lundin Håkansson Björk
Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren
Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Ahmed Viklund Björklund Eliasson
Pålsson Hassan Berggren Sandström Lund Nordin Ström Åberg Hermansson Ekström Falk Holmgren Dahlberg
Hellström Hedlund Sundberg Sjögren Ek Blom Abrahamsson Martinsson Öberg Andreasson Strömberg Månsson
Åkesson Hansen Norberg Lindholm Dahl Jonasson Sundström Mohamed Nordlund Hedberg Ekman Nordqvist
Söderström Lundmark Holmström Kristiansson Johnsson Aronsson Nyman Jensen Mattsson Lilja Dahlgren Forslund""".split()
PREFIXES = """Lind Berg Sjö Ek Holm Dahl Sand Ny Nord Sund Sten Lund Ström Björk Gran Hag Al Ask Alm Blom Fors
Ljung Löv Rosen Lil Öst Väst Söder Hed Ham Hall Wall Kvarn Back Bränn Mal Eng Äng Strand""".split()
SUFFIXES = """berg ström gren qvist lund man sjö holm dahl by gård ström ling stedt blad näs vik fors borg
bäck mark""".split()
PARTICLES = ["von", "af", "de"]
QWERTY = "qwertyuiopåasdfghjklöäzxcvbnm"


def swedish_given_names() -> tuple[list[str], list[float]]:
    """Given names with a Swedish frequency in gender-guesser's dictionary, and weights."""
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8")
    lines = text.splitlines()
    col = next(lines[i + 1].index("|") for i, l in enumerate(lines) if l.startswith("#") and "Sweden" in l)
    known = given_names()
    weights: dict[str, float] = {}
    for line in lines:
        if line.startswith("#") or line.startswith("=") or len(line) <= col or line[col] == " ":
            continue
        name = re.split(r"\s{2,}", line[3:].strip())[0]
        if " " in name or "+" in name or name.casefold() not in known:
            continue
        weights[name] = max(weights.get(name, 0.0), 2.0 ** int(line[col], 16))
    names = sorted(weights)
    return names, [weights[n] for n in names]


class NameMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.given, self.given_w = swedish_given_names()
        common_w = [1.0 / (k + 1) for k in range(len(COMMON_SURNAMES))]
        compound = sorted({p + s.lower() for p in PREFIXES for s in SUFFIXES if p.lower() != s})
        patronymic = sorted({g + ("son" if g.endswith("s") else "sson") for g in self.given[:400]
                             if len(g) >= 3 and g[-1] not in "aeiouyåäö"})
        self.surnames = COMMON_SURNAMES + compound + patronymic
        share = sum(common_w)
        self.surname_w = common_w + [share / len(compound)] * len(compound) + \
            [0.5 * share / len(patronymic)] * len(patronymic)

    def given_name(self) -> str:
        g = self.rng.choices(self.given, self.given_w)[0]
        if self.rng.random() < 0.08:
            other = self.rng.choices(self.given, self.given_w)[0]
            if other != g:
                g = f"{g}-{other}"
        return g

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_w)[0]

    def person(self) -> str:
        words = [self.given_name()]
        if self.rng.random() < 0.25:
            words.append(self.rng.choices(self.given, self.given_w)[0])
        if self.rng.random() < 0.08:
            words.append(self.surname())
        if self.rng.random() < 0.01:
            words.append(self.rng.choice(PARTICLES))
        words.append(self.surname())
        return " ".join(words)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["sub", "del", "ins", "swap"])
    if kind == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "del" and len(word) > 4:
        return word[:i] + word[i + 1:]
    if kind == "ins":
        return word[:i] + rng.choice(QWERTY) + word[i:]
    k = QWERTY.find(word[i].lower())
    new = QWERTY[(k + rng.choice([-1, 1])) % len(QWERTY)] if k >= 0 else rng.choice(QWERTY)
    new = new.upper() if word[i].isupper() else new
    return word[:i] + new + word[i + 1:] if new != word[i] else word[:i] + "e" + word[i + 1:]


def _parts(name: str) -> tuple[str, list[str], str]:
    words = name.split()
    last = words[-1]
    body = words[:-1]
    if len(body) >= 2 and body[-1] in PARTICLES:
        last = f"{body[-1]} {last}"
        body = body[:-1]
    return body[0], body[1:], last


VARIANTS = {"exact": 20, "case": 5, "hyphen": 5, "accent": 10, "typo": 15, "drop-middle": 10,
            "extra-middle": 5, "swap": 10, "initial": 5, "unknown": 15}


def variant(name: str, kind: str, maker: NameMaker, rng: random.Random) -> tuple[str, str]:
    """Given a registry name and a variant kind, return (mention, kind actually made)."""
    first, middle, last = _parts(name)
    if kind == "hyphen":
        if "-" in first:
            return (name.replace("-", rng.choice([" – ", " - ", "- ", " "]), 1), kind)
        kind = "accent"
    if kind == "drop-middle":
        if middle:
            return (" ".join([first, *middle[1:], last]) if rng.random() < 0.5 else f"{first} {last}", kind)
        kind = "extra-middle"
    if kind == "accent":
        stripped = _strip_accents(name)
        if stripped != name:
            return stripped, kind
        k = rng.choice([i for i, c in enumerate(name) if c in "aeiou"] or [0])
        return name[:k] + {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ü"}.get(name[k], name[k]) + name[k + 1:], kind
    if kind == "case":
        return (name.upper() if rng.random() < 0.5 else "  ".join(name.split()).lower()), kind
    if kind == "typo":
        words = name.split()
        k = rng.choice([i for i, w in enumerate(words) if len(w) >= 4] or [len(words) - 1])
        words[k] = _typo(words[k], rng)
        return " ".join(words), kind
    if kind == "extra-middle":
        return " ".join([first, maker.rng.choices(maker.given, maker.given_w)[0], *middle, last]), kind
    if kind == "swap":
        return (f"{last}, {' '.join([first, *middle])}" if rng.random() < 0.5
                else f"{last} {' '.join([first, *middle])}"), kind
    if kind == "initial":
        initials = "-".join(p[0] for p in first.split("-"))
        return f"{initials}. {last}", kind
    return name, "exact"


def _words(name: str) -> tuple[str, list[str]]:
    """Folded first name and every later word (particles dropped) of a generated name."""
    words = [w for w in fold(name).replace(",", " ").split() if w not in PARTICLES]
    return words[0], words[1:]


def _first_fits(f: str, pf: str) -> bool:
    """Could first name `f` (as written in a mention) stand for `pf`?"""
    fp, pp = f.split("-"), pf.split("-")
    if all(len(x) == 1 for x in fp):
        return [x[0] for x in pp[:len(fp)]] == fp or fp[0] == pf[0]
    return f == pf or any(x in pp for x in fp) or any(x in fp for x in pp)


class Oracle:
    """What a careful reader could resolve. Another registry person "fits" a mention when
    one of their later words is at most one edit from one of the mention's later words (a
    surname, or one of a double surname) and their first name fits (equal, one edit, a part
    of a compound, the initial). A variant is kept only
    if no other person fits it; an unknown person only if no registry person does."""

    def __init__(self, persons: list[str]):
        self.firsts: list[str] = []
        self.by_word: dict[str, list[int]] = {}
        self.word_keys: dict[str, set[str]] = {}
        for k, name in enumerate(persons):
            first, later = _words(name)
            self.firsts.append(first)
            for w in set(later):
                self.by_word.setdefault(w, []).append(k)
                for d in deletions(w):
                    self.word_keys.setdefault(d, set()).add(w)
        self._first_lists: dict[str, list[str]] = {}

    def fitting(self, mention: str) -> set[int]:
        """Registry persons a careful reader would consider for this mention."""
        first, later = _words(mention)
        if "," in mention:                      # "Forsberg, Anna"
            first, later = later[0] if later else first, [first]
        if not later:
            return set()
        words = {w for last in later for d in deletions(last) for w in self.word_keys.get(d, ())
                 if OSA.distance(w, last, score_cutoff=1) <= 1}
        out = set()
        for w in words:
            ks = self.by_word[w]
            firsts = [self.firsts[k] for k in ks]
            for _, _, pos in process.extract(first, firsts, scorer=OSA.distance, score_cutoff=1, limit=None):
                out.add(ks[pos])
            out.update(k for k, pf in zip(ks, firsts) if pf[0] == first[0] and _first_fits(first, pf))
        return out

    def identifiable(self, kind: str, k: int, mention: str) -> bool:
        if kind in ("exact", "case", "hyphen", "accent", "swap"):
            return True          # spelled out in full: the registry's one exact match
        return self.fitting(mention) <= {k}

    def unknown(self, name: str) -> bool:
        return not self.fitting(name)


def make_case(size: int, n_mentions: int, seed: int):
    """A registry of `size` unique persons and mentions: (text, true id or None, kind).
    Variants a careful reader could not resolve are drawn again (counted in `redrawn`)."""
    rng = random.Random(seed)
    maker = NameMaker(rng)
    names: dict[str, str] = {}
    while len(names) < size:
        name = maker.person()
        names.setdefault(" ".join(fold(name).replace("-", " ").split()), name)
    persons = list(names.values())
    registry = Registry([PersonEntry(person_id=f"p{k}", name=n) for k, n in enumerate(persons)])
    oracle = Oracle(persons)
    kinds, weights = list(VARIANTS), list(VARIANTS.values())
    mentions, redrawn = [], 0
    while len(mentions) < n_mentions:
        kind = rng.choices(kinds, weights)[0]
        for _ in range(200):    # same kind, another person, until a careful reader could resolve it
            if kind == "unknown":
                name = maker.person()
                if " ".join(fold(name).replace("-", " ").split()) not in names and oracle.unknown(name):
                    mentions.append((name, None, "unknown"))
                    break
            else:
                k = rng.randrange(size)
                text, made = variant(persons[k], kind, maker, rng)
                if made == kind and oracle.identifiable(made, k, text):
                    mentions.append((text, f"p{k}", made))
                    break
            redrawn += 1
    return registry, persons, mentions, redrawn


_LINKER: Linker | None = None
_REGISTRY: Registry | None = None


def _start_worker() -> None:
    """Each worker builds its own index (a forked copy would be copied page by page as
    reference counts change, which is set-up cost, not linking)."""
    global _LINKER
    _LINKER = Linker(Registry(list(_REGISTRY)), PeopleParams())
    _LINKER.link("Anna Andersson")


def _link_chunk(names: list[str]) -> tuple[list[str | None], float]:
    start = time.process_time()
    ids = [_LINKER.link(n).person_id for n in names]
    return ids, time.process_time() - start


def run_linker(registry: Registry, names: list[str], workers: int):
    """Link all names on `workers` forked processes (they share the parent's index).
    Return (person ids, wall seconds, CPU seconds, compared, scored, review share)."""
    global _LINKER, _REGISTRY
    _REGISTRY = registry
    n_chunks = workers * 4
    chunks = [names[i::n_chunks] for i in range(n_chunks)]
    out: list[str | None] = [None] * len(names)
    with mp.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
        pool.map(_link_chunk, [["Anna Andersson"]] * workers)     # workers up before the clock starts
        start = time.perf_counter()
        parts = pool.map(_link_chunk, chunks)
        seconds = time.perf_counter() - start
    for i, (ids, _) in enumerate(parts):
        out[i::n_chunks] = ids
    cpu = sum(c for _, c in parts)
    _start_worker()
    index = _LINKER.index
    before = (index.compared, index.scored)
    sample = names[:2000]
    reviews = 0
    for n in sample:   # blocking figures and review share, on this process
        link = _LINKER.link(n)
        reviews += link.person_id is None and bool(link.candidates)
    return (out, seconds, cpu, (index.compared - before[0]) / len(sample), (index.scored - before[1]) / len(sample),
            reviews / len(sample))


def run_bruteforce(persons: list[str], names: list[str], workers: int, params: PeopleParams):
    """Every name against every registry name with rapidfuzz, same thresholds."""
    start = time.perf_counter()
    scores = process.cdist(names, persons, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                           dtype=np.uint8, workers=workers)
    top = np.argpartition(-scores.astype(np.int16), 1, axis=1)[:, :2]
    seconds = time.perf_counter() - start
    out = []
    for row, (a, b) in zip(scores, top):
        a, b = (a, b) if row[a] >= row[b] else (b, a)
        ok = row[a] >= params.link_threshold and row[a] - row[b] >= params.margin
        out.append(f"p{a}" if ok else None)
    return out, seconds


def score(pred, mentions):
    """(precision, recall): right links over links made, over mentions of registry persons."""
    links = sum(p is not None for p in pred)
    right = sum(p is not None and p == m[1] for p, m in zip(pred, mentions))
    known = sum(m[1] is not None for m in mentions)
    return (right / links if links else 1.0, right / known)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--mentions", type=int, default=30_000)
    ap.add_argument("--baseline", type=int, default=1_000, help="names linked by the brute-force baseline")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--by-kind", action="store_true", help="also print recall per variant kind")
    args = ap.parse_args(argv)
    params = PeopleParams()
    rows = []
    for size in args.sizes:
        t0 = time.perf_counter()
        registry, persons, mentions, redrawn = make_case(size, args.mentions, args.seed)
        t1 = time.perf_counter()
        registry.index()
        build = time.perf_counter() - t1
        names = [m[0] for m in mentions]
        pred, secs, cpu, compared, scored, review = run_linker(registry, names, args.workers)
        p, r = score(pred, mentions)
        sample = mentions[:args.baseline]
        bpred, bsecs = run_bruteforce(persons, [m[0] for m in sample], args.workers, params)
        bp, br = score(bpred, sample)
        rows.append((size, len(names), p, r, review, len(names) / secs, len(names) / cpu, compared, scored,
                     build, bp, br, len(sample) / bsecs))
        print(f"# {size}: made in {t1 - t0:.1f}s ({redrawn} unresolvable variants drawn again), "
              f"index {build:.1f}s, linked {len(names)} in {secs:.2f}s", file=sys.stderr)
        if args.by_kind:
            for kind in VARIANTS:
                sel = [(x, m) for x, m in zip(pred, mentions) if m[2] == kind]
                if sel:
                    ok = sum(x == m[1] for x, m in sel) / len(sel)
                    wrong = sum(x is not None and x != m[1] for x, m in sel)
                    print(f"#   {kind:13} n={len(sel):6} right={ok:.3f} wrong links={wrong}", file=sys.stderr)
    print(f"| registry | mentions | precision | recall | to review | names/s ({args.workers} workers, wall) | "
          f"names/s per CPU-second | compared per name | scored per name | index build s | "
          f"brute-force precision | brute-force recall | brute-force names/s ({args.workers} workers) |")
    print("|" + "---|" * 13)
    for (size, n, p, r, rev, rate, cpu_rate, comp, sc, build, bp, br, brate) in rows:
        print(f"| {size:,} | {n:,} | {p:.4f} | {r:.4f} | {rev:.3f} | {rate:,.0f} | {cpu_rate:,.0f} | {comp:,.1f} | "
              f"{sc:.1f} | {build:.1f} | {bp:.4f} | {br:.4f} | {brate:,.0f} |")


if __name__ == "__main__":
    main()
