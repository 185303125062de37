"""Print the score tables as Markdown, for the README: the seeds (one row per format) and
the annotated real documents (one row per organisation, and all together).

Usage: .venv/bin/python scripts/eval_table.py   (or `make eval`)
Scores with ../shared/eval/score.py against ../shared/gold/seeds and tests/gold/realdocs.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

from pipeline.nlp.extract import extract
from pipeline.ingest import IngestError, ingest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
KEYS = ["items_f1", "decisions_f1", "attendance_f1", "persons_mentioned_f1", "metadata_acc"]


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_format(fmt: str, gold_dir: Path) -> dict:
    sources = sorted((SHARED / "seeds").glob("*.txt")) if fmt == "txt" else \
        sorted((REPO / "tests" / "fixtures" / "seeds").glob(f"*.{fmt}"))
    with tempfile.TemporaryDirectory() as tmp:
        for path in sources:
            minutes = extract(ingest(path))
            Path(tmp, f"{path.stem}.json").write_text(json.dumps(minutes.to_gold(), ensure_ascii=False))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer().main([str(gold_dir), tmp, "--json"])
    return json.loads(out.getvalue().strip().splitlines()[-1])


def score_dir(sources: list[Path], gold_dir: Path) -> dict:
    """Extract `sources` and score them against the gold files of the same stems."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as gold:
        for path in sources:
            Path(gold, f"{path.stem}.json").write_text((gold_dir / f"{path.stem}.json").read_text())
            try:
                minutes = extract(ingest(path))
            except IngestError:
                continue  # scored as an empty prediction
            Path(tmp, f"{path.stem}.json").write_text(json.dumps(minutes.to_gold(), ensure_ascii=False))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer().main([gold, tmp, "--json"])
    return json.loads(out.getvalue().strip().splitlines()[-1])


def realdoc_sources() -> dict[str, list[Path]]:
    """Annotated real documents by organisation (the file-name prefix before '__')."""
    by_org: dict[str, list[Path]] = {}
    for g in sorted((REPO / "tests" / "gold" / "realdocs").glob("*.json")):
        source = next((SHARED / "realdocs").glob(f"{g.stem}.*"))
        by_org.setdefault(g.stem.split("__")[0], []).append(source)
    return by_org


def realdocs_table() -> None:
    gold_dir = REPO / "tests" / "gold" / "realdocs"
    by_org = realdoc_sources()
    print("| organisation | documents | " + " | ".join(KEYS) + " |")
    print("|---" * (len(KEYS) + 2) + "|")
    for org, sources in by_org.items():
        totals = score_dir(sources, gold_dir)
        print(f"| {org} | {len(sources)} | " + " | ".join(f"{totals[k]:.3f}" for k in KEYS) + " |")
    everything = [p for sources in by_org.values() for p in sources]
    totals = score_dir(everything, gold_dir)
    print(f"| **all** | {len(everything)} | " + " | ".join(f"**{totals[k]:.3f}**" for k in KEYS) + " |")


def main() -> int:
    with tempfile.TemporaryDirectory() as gold:
        for g in (SHARED / "gold" / "seeds").glob("*.json"):
            if json.loads(g.read_text())["kind"] == "minutes":
                Path(gold, g.name).write_text(g.read_text())
        print("| format | " + " | ".join(KEYS) + " |")
        print("|---" * (len(KEYS) + 1) + "|")
        for fmt in ("txt", "docx", "pdf"):
            totals = score_format(fmt, Path(gold))
            print(f"| {fmt} | " + " | ".join(f"{totals[k]:.3f}" for k in KEYS) + " |")
    print()
    realdocs_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
