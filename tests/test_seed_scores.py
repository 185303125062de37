"""The seeds in all three formats meet the quality bar when scored by shared/eval/score.py."""
from __future__ import annotations

import importlib.util
import json

import pytest

from pipeline.nlp.extract import extract
from pipeline.ingest import ingest

from .conftest import SEED_FIXTURES

GOALS = {"items_f1": 0.95, "decisions_f1": 0.90, "attendance_f1": 0.90, "metadata_acc": 0.90}


def _scorer(shared):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sources(shared, fmt: str):
    if fmt == "txt":
        return sorted((shared / "seeds").glob("*.txt"))
    return sorted(SEED_FIXTURES.glob(f"*.{fmt}"))


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_seed_scores_meet_goals(shared, tmp_path, fmt, capsys):
    sources = _sources(shared, fmt)
    assert len(sources) == 5
    for path in sources:
        minutes = extract(ingest(path))
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(minutes.to_gold(), ensure_ascii=False))
    # the four minutes are scored together; the slide deck only has to come out as "other"
    gold = tmp_path / "gold"
    gold.mkdir()
    for g in (shared / "gold" / "seeds").glob("*.json"):
        if json.loads(g.read_text())["kind"] == "minutes":
            (gold / g.name).write_text(g.read_text())
    status = _scorer(shared).main([str(gold), str(tmp_path), "--json"])
    totals = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status == 0
    for key, goal in GOALS.items():
        assert totals[key] >= goal, (fmt, key, totals[key])


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_slide_deck_is_not_minutes(shared, fmt):
    path = next(p for p in _sources(shared, fmt) if p.stem.startswith("001_"))
    minutes = extract(ingest(path))
    assert minutes.kind == "other"
    assert minutes.items == [] and minutes.decisions == []
