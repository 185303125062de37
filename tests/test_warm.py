"""A worker's warm-up loads what extraction needs and nothing that lives outside the repo."""
from pathlib import Path

from pipeline.nlp.train import corpus
from pipeline.run.stages.work import warm


def test_warm_up_does_not_reach_for_the_training_scorer(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(corpus, "SHARED", tmp_path / "no-shared")   # a user's machine: no ../shared
    corpus.scorer.cache_clear()
    try:
        warm()
    finally:
        corpus.scorer.cache_clear()
