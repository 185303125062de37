"""The pipeline as three incremental stages over per-document outputs (`pipeline/store.py`).

    extract.py  files -> <store>/extracted/: hash what changed (size, mtime), read and extract
                each new content once, drop the outputs of deleted files
    link.py     extracted -> <store>/linked/: link names to the registry and make the rows
    load.py     linked -> DuckDB: load what changed, delete what went, in one transaction
                (a new or rebuilt database is built beside the old one and renamed over it)
    work.py     the work for one document, run by an executor (`pipeline/executors.py`)

Each output records the version it was made with (`pipeline/version.py`): a new rule file
or model re-extracts, a new registry re-links, and nothing else is redone.
"""
from __future__ import annotations

import os
import sys

from tqdm import tqdm


def progress_bar(total: int, desc: str, progress: bool | None = None) -> tqdm:
    """A bar counting files; shown when asked, or by default on a terminal outside CI."""
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc=desc, unit="file", disable=not progress, smoothing=0.05,
                dynamic_ncols=True)
