"""The annotated documents the project trains and is judged on, grouped by organisation.

Nine sets, each a folder of sources with gold files of the same stems (`shared/gold/SCHEMA.md`):
- "seeds": the five seed documents (../shared/seeds, text) with their gold, and their DOCX and
  PDF renders (tests/fixtures/seeds) scored against the same gold; organisations are the two
  bodies (LGS, VVG) and the slide deck on its own;
- "realdocs": real minutes of 7 organisations (../shared/realdocs, gold in tests/gold/realdocs);
- "realdocs2": real documents of 5 more organisations (../shared/realdocs2, gold in
  tests/gold/realdocs2);
- "lockbox2": 8 real minutes of 4 more organisations, kept in the repo (tests/fixtures/lockbox2,
  gold in tests/gold/lockbox2), measured unseen once (tests/gold/notes/lockbox2.md) and since
  then trained on like the others;
- "lockbox3": 7 real minutes of 5 more organisations (tests/fixtures/lockbox3, gold in
  tests/gold/lockbox3), kept and opened the same way (tests/gold/notes/lockbox3.md);
- "lockbox4": 8 real minutes of 8 more organisations (tests/fixtures/lockbox4, gold in
  tests/gold/lockbox4), the same way (tests/gold/notes/lockbox4.md);
- "lockbox6": 9 real minutes of 7 more organisations (tests/fixtures/lockbox6, gold in
  tests/gold/lockbox6), the same way (tests/gold/notes/lockbox6.md);
- "lockbox7": 10 real minutes of 7 more organisations (tests/fixtures/lockbox7, gold in
  tests/gold/lockbox7), the same way (tests/gold/notes/lockbox7.md);
- "lockbox8": 10 real minutes of 8 more organisations (tests/fixtures/lockbox8, gold in
  tests/gold/lockbox8), the same way (tests/gold/notes/lockbox8.md). Lockbox 5 is kept closed
  and is in no set.
The organisation of a real document is its file name's part before "__". Scores are computed
with `../shared/eval/score.py` (its `score_doc` and `summarise`), so they are the scorer's own.
"""
from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
SETS = ("seeds", "realdocs", "realdocs2", "lockbox2", "lockbox3", "lockbox4", "lockbox6", "lockbox7", "lockbox8")
SEED_ORGS = {"000": "LGS", "003": "LGS", "002": "VVG", "004": "VVG", "001": "deck"}
KEYS = ("items_f1", "decisions_f1", "attendance_f1", "persons_mentioned_f1", "metadata_acc")


@dataclass(frozen=True)
class Sample:
    """One annotated source file."""

    set: str
    org: str
    source: Path
    gold: Path
    format: str

    @property
    def stem(self) -> str:
        return self.source.stem

    def gold_record(self) -> dict:
        return json.loads(self.gold.read_text(encoding="utf-8"))


def samples(sets: Iterable[str] = SETS, formats: Iterable[str] = ("txt", "docx", "pdf")) -> list[Sample]:
    """Every annotated source of the given sets; seeds in each of `formats`."""
    out: list[Sample] = []
    for name in sets:
        if name == "seeds":
            for gold in sorted((SHARED / "gold" / "seeds").glob("*.json")):
                org = "Seeds-" + SEED_ORGS.get(gold.stem[:3], "other")
                for fmt in formats:
                    source = (SHARED / "seeds" / f"{gold.stem}.txt" if fmt == "txt"
                              else REPO / "tests" / "fixtures" / "seeds" / f"{gold.stem}.{fmt}")
                    if source.exists():
                        out.append(Sample("seeds", org, source, gold, fmt))
            continue
        for gold in sorted((REPO / "tests" / "gold" / name).glob("*.json")):
            source = next((SHARED / name).glob(f"{gold.stem}.*"), None) or \
                next((REPO / "tests" / "fixtures" / name).glob(f"{gold.stem}.*"), None)   # sets kept in the repo
            if source is not None:
                out.append(Sample(name, gold.stem.split("__")[0], source, gold, source.suffix.lstrip(".")))
    return out


def organisations(found: list[Sample]) -> list[str]:
    """The organisations of `found`, in order of first appearance."""
    return list(dict.fromkeys(s.org for s in found))


@lru_cache(maxsize=1)
def scorer():
    """../shared/eval/score.py as a module."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None   # a .py path always has a source loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(pairs: Iterable[tuple[dict, dict | None]]) -> dict:
    """Micro-averaged scores of (gold, prediction) pairs; a missing prediction is empty."""
    module = scorer()
    totals: dict[str, list[int]] = {}
    n = 0
    for gold, pred in pairs:
        n += 1
        for k, (h, g, p) in module.score_doc(gold, pred or {}).items():
            t = totals.setdefault(k, [0, 0, 0])
            t[0] += h
            t[1] += g
            t[2] += p
    result = module.summarise(totals) if totals else {}
    result["documents"] = n
    return result


def predict_all(found: list[Sample], predict: Callable[[Sample], dict | None]) -> dict[Sample, dict | None]:
    """Prediction (gold-format dict, None when the file could not be read) per sample."""
    return {s: predict(s) for s in found}


def table(predictions: dict[Sample, dict | None], by: str = "org") -> list[tuple[str, int, dict]]:
    """Rows (group, documents, scores) per organisation (or format), and one for all."""
    groups: dict[str, list[Sample]] = {}
    for s in predictions:
        groups.setdefault(getattr(s, by), []).append(s)
    rows = [(g, len(ss), score((s.gold_record(), predictions[s]) for s in ss)) for g, ss in groups.items()]
    everything = list(predictions)
    rows.append(("all", len(everything), score((s.gold_record(), predictions[s]) for s in everything)))
    return rows
