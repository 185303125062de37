"""The pipeline's own version: package version plus a hash of the rules' data files.

Stored with every document so results made by older rules can be found and redone.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """'<package version>+<hash of code and vocabulary files>'."""
    try:
        base = version("minutes")
    except PackageNotFoundError:
        base = "0+unknown"
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(list(here.rglob("*.py")) + list(RESOURCES.rglob("*.txt")) + [here / "schema.sql"]):
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{base}+{digest.hexdigest()[:12]}"
