"""Shared paths for tests: the repo's fixtures and the real material in ../shared.

The real material (seeds, gold, realdocs, realdocs2, eval/score.py) sits beside the repo as
`../shared` (or where MINUTES_SHARED points). Without it, the tests that read it are skipped
with a message saying so, and the rest run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MINUTES_SHARED") or REPO.parent / "shared")
SEED_FIXTURES = REPO / "tests" / "fixtures" / "seeds"
EDGE = REPO / "tests" / "fixtures" / "edge"
HAVE_SHARED = (SHARED / "gold" / "seeds").is_dir()
MISSING = f"the shared material is missing: expected {SHARED} beside the repo (or set MINUTES_SHARED)"
NEEDS_SHARED = ("SHARED", "samples(", "score_doc")    # a test module reading ../shared says one of these


@pytest.fixture(scope="session")
def shared() -> Path:
    if not HAVE_SHARED:
        pytest.skip(MISSING)
    return SHARED


def pytest_report_header(config):
    return None if HAVE_SHARED else f"SKIPPING the tests on real material: {MISSING}"


def pytest_collection_modifyitems(config, items):
    if HAVE_SHARED:
        return
    reads: dict[Path, bool] = {}
    for item in items:
        path = Path(str(item.fspath))
        if path not in reads:
            reads[path] = path.name != "conftest.py" and any(w in path.read_text(encoding="utf-8") for w in NEEDS_SHARED)
        if reads[path] or "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(reason=MISSING))
