"""The project folder and its parameter file (params.yaml, which dvc.yaml also reads).

Like git and dvc, a command finds its project from wherever it runs: `$MINUTES_PROJECT`
(`minutes --project DIR`), else the nearest folder from the working directory upwards that
holds params.yaml, else the working directory. params.yaml and the files it names (the person
registry) are read from there, so running from a subfolder or with a relative path keeps them.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

PARAMS = "params.yaml"


def project_root() -> Path:
    """The project folder (see the module docstring)."""
    if os.environ.get("MINUTES_PROJECT"):
        return Path(os.environ["MINUTES_PROJECT"]).resolve()
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / PARAMS).is_file()), here)


def project_path(path: str | Path) -> Path:
    """`path` as params.yaml means it: relative paths are the project folder's."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path


def params_block(key: str, path: str | Path = PARAMS) -> dict:
    """The `key:` block of a params file as a dict; empty when the file or block is missing."""
    path = project_path(path)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get(key) or {}
