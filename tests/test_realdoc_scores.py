"""Scores on the hand-annotated real documents (tests/gold/realdocs) may not fall.

The floors sit a little under what `make eval` measured when they were set; a change that
loses accuracy on minutes from organisations the rules were not written for fails here.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pipeline.nlp.extract import extract
from pipeline.ingest import IngestError, ingest

from .conftest import REPO

GOLD = REPO / "tests" / "gold" / "realdocs"
FLOORS = {"items_f1": 0.92, "decisions_f1": 0.90, "attendance_f1": 0.89,
          "persons_mentioned_f1": 0.94, "metadata_acc": 0.89}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_realdoc_scores_stay_above_floors(shared, tmp_path, capsys):
    golds = sorted(GOLD.glob("*.json"))
    assert len(golds) >= 12
    for g in golds:
        source = next((shared / "realdocs").glob(f"{g.stem}.*"))
        try:
            minutes = extract(ingest(source))
        except IngestError:
            continue
        (tmp_path / g.name).write_text(json.dumps(minutes.to_gold(), ensure_ascii=False))
    _scorer(shared).main([str(GOLD), str(tmp_path), "--json"])
    totals = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    low = {k: (totals[k], floor) for k, floor in FLOORS.items() if totals[k] < floor}
    assert not low, f"below floor (measured, floor): {low}"
