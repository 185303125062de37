"""Read one block of the project's parameter file (params.yaml, which dvc.yaml also reads)."""
from __future__ import annotations

from pathlib import Path

import yaml


def params_block(key: str, path: str | Path = "params.yaml") -> dict:
    """The `key:` block of a params file as a dict; empty when the file or block is missing."""
    path = Path(path)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get(key) or {}
