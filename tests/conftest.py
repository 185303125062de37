"""Shared paths for tests: the repo's fixtures and the real material in ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_FIXTURES = REPO / "tests" / "fixtures" / "seeds"
EDGE = REPO / "tests" / "fixtures" / "edge"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds").is_dir():
        pytest.fail(f"the shared material is missing: expected {SHARED} beside the repo")
    return SHARED
