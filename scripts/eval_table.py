"""Print the seed score table (one row per format) as Markdown, for the README.

Usage: .venv/bin/python scripts/eval_table.py   (or `make eval`)
Scores the four seed minutes in each format with ../shared/eval/score.py.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

from pipeline.extract import extract
from pipeline.ingest import ingest

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
