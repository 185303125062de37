"""ruff and mypy on pipeline/, as configured in pyproject.toml: `make test` (and so CI) fails
on a lint finding or a type error, with the tool's own report."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BIN = Path(sys.executable).parent   # the venv's tools, installed by the test extra


@pytest.mark.parametrize("command", [["ruff", "check", "pipeline"], ["mypy", "pipeline"]], ids=["ruff", "mypy"])
def test_pipeline_is_clean(command):
    tool = BIN / command[0]
    assert tool.exists(), f"{tool} is missing: pip install -e '.[test]'"
    done = subprocess.run([str(tool), *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}", pytrace=False)
