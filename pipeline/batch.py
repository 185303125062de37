"""Process a batch of files: ingest, extract and load each one, recording failures.

One bad file never stops the batch: its problem becomes a row in `failures` and the
rows already loaded for other files (or for an earlier good version of it) stay.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from . import load
from .extract import extract
from .ingest import IngestError, ingest
from .records import Failure
from .version import pipeline_version


@dataclass
class BatchResult:
    processed: int = 0
    skipped: int = 0
    failed: int = 0


def discover(root: Path) -> list[Path]:
    """Every regular, non-hidden file under `root` (or `root` itself), sorted."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def run_batch(files: Iterable[Path], con, progress: bool | None = None) -> BatchResult:
    """Load every file into the database `con`; return what happened."""
    files = list(files)
    version = pipeline_version()
    result = BatchResult()
    bar = tqdm(files, unit="file", disable=None if progress is None else not progress)
    for path in bar:
        bar.set_postfix_str(path.name[:40], refresh=False)
        document_id = None
        try:
            data = path.read_bytes()
            document_id = hashlib.sha256(data).hexdigest()
            if load.is_loaded(con, document_id, version):
                result.skipped += 1
                continue
            doc = ingest(path)
        except IngestError as e:
            load.record_failure(con, Failure(path=str(path), stage="ingest", code=e.code, message=e.message),
                                document_id)
            result.failed += 1
            continue
        except OSError as e:
            load.record_failure(con, Failure(path=str(path), stage="ingest", code="unreadable",
                                             message=str(e)), document_id)
            result.failed += 1
            continue
        try:
            minutes = extract(doc)
            load.load_document(con, doc, minutes, version)
            result.processed += 1
        except Exception as e:  # a bug on one document must not stop the batch
            load.record_failure(con, Failure(path=str(path), stage="extract", code="internal-error",
                                             message=f"{type(e).__name__}: {e}"), document_id)
            result.failed += 1
    return result
