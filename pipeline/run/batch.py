"""Process a batch of files: extract, link and load what is new or changed, recording failures.

The wiring of the three stages in `pipeline/stages/` (extract -> link -> load) over the
per-document outputs in a store folder (`pipeline/store.py`; default: the database's
folder). An unchanged file is not read again, a deleted file's rows go, a new rule file
re-extracts and a new registry re-links (`pipeline/version.py`), and the database ends up
as a full rebuild would make it. One bad file never stops the batch: its problem becomes a
row in `failures`, and a file whose content turns bad keeps the rows of its last good one.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from ..store import db as load
from .executors import DEFAULT_TIMEOUT, InlineExecutor
from .params import params_block
from ..people import People
from ..records import Failure
from .stages import work
from .stages.extract import extract_stage
from .stages.link import link_stage
from .stages.load import load_stage
from .outputs import Store
from .version import extract_version, link_version


STORE = "data/processed"


class RunParams(BaseModel):
    """Typed `run:` settings of params.yaml; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    store: str = STORE                        # per-document outputs (the dvc stages' folder)
    workers: int | None = Field(None, ge=0)   # None: all cores; 0: in the calling process
    timeout: float = Field(DEFAULT_TIMEOUT, gt=0)   # seconds one file may take


def load_run_params(path: str | Path = "params.yaml") -> RunParams:
    """The `run:` block of a params file; defaults when the file or block is missing."""
    return RunParams(**params_block("run", path))


@dataclass
class BatchResult:
    files: int = 0          # input files
    hashed: int = 0         # files read to hash them (new or touched)
    extracted: int = 0      # contents extracted this run
    pages: int = 0          # pages extracted this run
    linked: int = 0         # documents linked this run
    loaded: int = 0         # documents (re)loaded into the database this run
    removed: int = 0        # documents deleted from the database this run
    unchanged: int = 0      # documents the database already held as they should be
    failed: int = 0         # files that failed this run
    rebuilt: bool = False   # the database was built anew
    seconds: dict[str, float] = field(default_factory=dict)   # per stage
    failures: list[Failure] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """Documents whose rows this run wrote."""
        return self.loaded

    @property
    def skipped(self) -> int:
        return self.unchanged


def discover(root: Path) -> list[Path]:
    """Every regular, non-hidden file under `root` (or `root` itself), sorted."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def database_file(con) -> Path | None:
    """The file behind a DuckDB connection (None in memory)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(row[0]) if row and row[0] else None


def run_batch(files: Iterable[Path], con=None, progress: bool | None = None, people: People | None = None,
              *, db: str | Path | None = None, store: str | Path | None = None, executor=None,
              timeout: float | None = DEFAULT_TIMEOUT, rebuild: bool = False) -> BatchResult:
    """Bring the database (`con`, or the file `db`, built atomically) up to date with
    `files`; return what happened. `people` (default: params.yaml's registry and
    thresholds) links names; `store` holds the per-document outputs (default: the
    database's folder; a temporary one for a database in memory); `executor` runs the
    per-document work (default: this process, one file after another)."""
    if (con is None) == (db is None):
        raise ValueError("give either a connection or a database file")
    people = people or People.load()
    executor = executor or InlineExecutor()
    db_file = Path(db) if db is not None else database_file(con)
    with tempfile.TemporaryDirectory(prefix="minutes-store-") as scratch:
        root = Path(store) if store is not None else db_file.parent if db_file is not None else Path(scratch)
        return _run(list(files), Store(root), con, db, people, executor, timeout, rebuild, progress)


def _run(files: list[Path], store: Store, con, db, people: People, executor, timeout, rebuild,
         progress) -> BatchResult:
    context = work.Context(store=str(store.root), extract_version=extract_version(),
                           link_version=link_version(people.digest), people=people, timeout=timeout)
    ex = extract_stage(files, store, executor, context, link=True, progress=progress,
                       known=lambda: _known_paths(con, db))
    ln = link_stage(store, executor, replace(context, extracts=False), progress=progress)
    ld = load_stage(store, people.registry, db_path=db, con=con, rebuild=rebuild, progress=progress)
    return BatchResult(files=ex.files, hashed=ex.hashed, extracted=ex.extracted, pages=ex.pages,
                       linked=ex.linked + ln.linked, loaded=ld.loaded, removed=ld.removed,
                       unchanged=ld.unchanged, failed=ex.failed + ln.failed, rebuilt=ld.rebuilt,
                       seconds={"extract": ex.seconds, "link": ln.seconds, "load": ld.seconds},
                       failures=ex.failures + ln.failures)


def _known_paths(con, db) -> dict[str, str]:
    """path -> document id of what the database holds (for files the store never saw)."""
    if con is None:
        if db is None or not Path(db).exists():
            return {}
        con = load.connect(db)
        try:
            return _known_paths(con, None)
        finally:
            con.close()
    return {path: doc_id for doc_id, (path, _) in load.stored_documents(con).items()}

