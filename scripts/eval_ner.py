"""Compare the person-mention finders: persons_mentioned P/R/F1 per mode on both gold sets.

Usage: .venv/bin/python scripts/eval_ner.py [--modes rules ner union ner_gazetteer] [--json]

Runs the whole extraction (pipeline.ingest + pipeline.nlp.extract) once per mode, with
`pipeline.nlp.mentions.DEFAULT_MODE` set to it, and scores with ../shared/eval/score.py:
- seeds: ../shared/seeds/*.txt and tests/fixtures/seeds/*.{docx,pdf} against ../shared/gold/seeds
- realdocs: ../shared/realdocs/<stem>.* against tests/gold/realdocs/<stem>.json
Only reads the gold files to score; training data never comes from them.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.nlp import mentions  # noqa: E402
from pipeline.nlp.extract import extract  # noqa: E402
from pipeline.ingest import IngestError, ingest  # noqa: E402

SHARED = REPO.parent / "shared"
KEYS = ("persons_mentioned_p", "persons_mentioned_r", "persons_mentioned_f1")


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sets() -> dict[str, tuple[Path, list[Path]]]:
    """Name -> (gold folder, source files) of every scored set."""
    seeds_gold = SHARED / "gold" / "seeds"
    fixtures = REPO / "tests" / "fixtures" / "seeds"
    real_gold = REPO / "tests" / "gold" / "realdocs"
    real = [p for g in sorted(real_gold.glob("*.json")) for p in sorted((SHARED / "realdocs").glob(f"{g.stem}.*"))]
    return {"seeds-txt": (seeds_gold, sorted((SHARED / "seeds").glob("*.txt"))),
            "seeds-docx": (seeds_gold, sorted(fixtures.glob("*.docx"))),
            "seeds-pdf": (seeds_gold, sorted(fixtures.glob("*.pdf"))),
            "realdocs": (real_gold, real)}


def score(gold: Path, files: list[Path], mode: str) -> dict:
    """Given a gold folder and sources, extract with `mode` and return the scorer's totals."""
    mentions.DEFAULT_MODE = mode
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            try:
                minutes = extract(ingest(path))
            except IngestError:
                continue
            Path(tmp, f"{path.stem}.json").write_text(json.dumps(minutes.to_gold(), ensure_ascii=False))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer().main([str(gold), tmp, "--json"])
    return json.loads(out.getvalue().strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", default=list(mentions.MODES), choices=mentions.MODES)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--model", type=Path, help="pipeline folder to use instead of models/sv_minutes")
    args = parser.parse_args(argv)
    if args.model:
        import pipeline.nlp

        pipeline.nlp.MODEL_DIR = args.model.resolve()
    default = mentions.DEFAULT_MODE
    results: dict[str, dict[str, dict]] = {}
    for mode in args.modes:
        for name, (gold, files) in sets().items():
            start = time.perf_counter()
            totals = score(gold, files, mode)
            results.setdefault(mode, {})[name] = {k: totals[k] for k in KEYS} | {
                "seconds": round(time.perf_counter() - start, 2)}
    mentions.DEFAULT_MODE = default
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"default mode: {default}")
    print("| mode | " + " | ".join(f"{s} P/R/F1" for s in sets()) + " |")
    print("|---" * (len(sets()) + 1) + "|")
    for mode, by_set in results.items():
        cells = [" / ".join(f"{by_set[s][k]:.3f}" for k in KEYS) for s in by_set]
        print(f"| {mode} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
