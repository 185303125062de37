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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..ingest.limits import MAX_FILE_MB, MAX_UNPACKED_MB, IngestLimits
from ..people import People
from ..records import Failure
from ..store import db as load
from .executors import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, InlineExecutor
from .lock import READER_WAIT_S
from .outputs import Store
from .params import params_block
from .stages import work
from .stages.extract import extract_stage
from .stages.link import link_stage
from .stages.load import load_stage
from .version import extract_version, link_version

STORE = "data/processed"
OUTPUT_FOLDERS = ("extracted", "linked", "report")   # beside the database: outputs/outputs.py, the report


class RunParams(BaseModel):
    """Typed `run:` settings of params.yaml; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    store: str = STORE                        # per-document outputs (the dvc stages' folder)
    workers: int | None = Field(None, ge=0)   # None: all cores; 0: in the calling process
    timeout: float = Field(DEFAULT_TIMEOUT, gt=0)   # seconds one file may take
    max_file_mb: float = Field(MAX_FILE_MB, gt=0)           # larger files fail too-large unread
    max_unpacked_mb: float = Field(MAX_UNPACKED_MB, gt=0)   # a DOCX inflating past this fails too-large
    max_memory_mb: float | None = Field(DEFAULT_MEMORY_MB, gt=0)   # a worker's address space; None: no cap
    reader_wait: float = Field(READER_WAIT_S, ge=0)   # seconds a reader retries a database being written

    @property
    def limits(self) -> IngestLimits:
        return IngestLimits(max_file_mb=self.max_file_mb, max_unpacked_mb=self.max_unpacked_mb)


class SettingsError(ValueError):
    """params.yaml's `run:` block is wrong; the message says where, in one line."""


def load_run_params(path: str | Path = "params.yaml") -> RunParams:
    """The `run:` block of a params file; defaults when the file or block is missing.
    Raises `SettingsError` for an unknown key or a bad value."""
    from pydantic import ValidationError

    try:
        return RunParams(**params_block("run", path))
    except ValidationError as e:
        problems = "; ".join(f"run.{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        raise SettingsError(f"{path}: {problems}") from None


@dataclass
class BatchResult:
    files: int = 0          # input files
    hashed: int = 0         # files read to hash them (new or touched)
    extracted: int = 0      # contents extracted this run
    pages: int = 0          # pages extracted this run
    linked: int = 0         # documents linked this run
    loaded: int = 0         # documents (re)loaded into the database this run
    loaded_ids: list[str] = field(default_factory=list)   # their document ids
    removed: int = 0        # documents deleted from the database this run
    unchanged: int = 0      # documents the database already held as they should be
    failed: int = 0         # files that failed this run
    rebuilt: bool = False   # the database was built anew
    seconds: dict[str, float] = field(default_factory=dict)   # per stage
    failures: list[Failure] = field(default_factory=list)
    feeds: dict[str, int] = field(default_factory=dict)   # saved search -> decisions new this run

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


def own_outputs(db_file: Path | None, store: Path) -> Callable[[Path], bool]:
    """Given the database file and the store, a test for a file the pipeline itself writes
    (the database and its lock, WAL and SQLite mirror, the per-document outputs, the
    report): an archive folder that also holds the database must not read them as minutes."""
    db_file = db_file.resolve() if db_file is not None else None
    folders = [store.resolve() / part for part in OUTPUT_FOLDERS]

    def is_output(path: Path) -> bool:
        path = path.resolve()
        if db_file is not None and path.parent == db_file.parent and (
                path.name.startswith(db_file.name) or path.name.startswith(db_file.stem + ".sqlite")):
            return True
        return any(path.is_relative_to(folder) for folder in folders)

    return is_output


def database_file(con) -> Path | None:
    """The file behind a DuckDB connection (None in memory)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(row[0]) if row and row[0] else None


def run_batch(files: Iterable[Path], con=None, progress: bool | None = None, people: People | None = None,
              *, db: str | Path | None = None, store: str | Path | None = None, executor=None,
              timeout: float | None = DEFAULT_TIMEOUT, rebuild: bool = False,
              limits: IngestLimits | None = None, lock_wait: float = 0.0, feeds=None) -> BatchResult:
    """Bring the database (`con`, or the file `db`, built atomically) up to date with
    `files`; return what happened. `people` (default: params.yaml's registry and
    thresholds) links names; `store` holds the per-document outputs (default: the
    database's folder; a temporary one for a database in memory); `executor` runs the
    per-document work (default: this process, one file after another); `limits` bound
    what one file may hold (default: `IngestLimits()`); a database another process holds
    open is retried for `lock_wait` seconds, then `db.DatabaseLocked` says who; `feeds`
    (`report.feeds.Feeds`) writes the saved searches' feeds once the file `db` is loaded.
    The caller holds the run lock of `db` (`run/lock.py`)."""
    if (con is None) == (db is None):
        raise ValueError("give either a connection or a database file")
    people = people or People.load()
    executor = executor or InlineExecutor()
    db_file = Path(db) if db is not None else database_file(con)
    with tempfile.TemporaryDirectory(prefix="minutes-store-") as scratch:
        root = Path(store) if store is not None else db_file.parent if db_file is not None else Path(scratch)
        is_output = own_outputs(db_file, root)
        files = [f for f in files if not is_output(f)]
        result = _run(files, Store(root), con, db, people, executor, timeout, rebuild, progress,
                      limits or IngestLimits(), lock_wait)
    if feeds is not None and db is not None:
        result.feeds = feeds.publish(db, result.loaded_ids)
    return result


def _run(files: list[Path], store: Store, con, db, people: People, executor, timeout, rebuild,
         progress, limits: IngestLimits, lock_wait: float) -> BatchResult:
    context = work.Context(store=str(store.root), extract_version=extract_version(),
                           link_version=link_version(people.digest), people=people, timeout=timeout,
                           limits=limits)
    ex = extract_stage(files, store, executor, context, link=True, progress=progress,
                       known=lambda: _known_paths(con, db, lock_wait))
    ln = link_stage(store, executor, replace(context, extracts=False), progress=progress)
    ld = load_stage(store, people.registry, db_path=db, con=con, rebuild=rebuild, progress=progress,
                    wait_s=lock_wait)
    return BatchResult(files=ex.files, hashed=ex.hashed, extracted=ex.extracted, pages=ex.pages,
                       linked=ex.linked + ln.linked, loaded=ld.loaded, loaded_ids=ld.loaded_ids, removed=ld.removed,
                       unchanged=ld.unchanged, failed=ex.failed + ln.failed, rebuilt=ld.rebuilt,
                       seconds={"extract": ex.seconds, "link": ln.seconds, "load": ld.seconds},
                       failures=ex.failures + ln.failures)


def _known_paths(con, db, lock_wait: float = 0.0) -> dict[str, str]:
    """path -> document id of what the database holds (for files the store never saw)."""
    if con is None:
        if db is None or not Path(db).exists():
            return {}
        con = load.connect(db, wait_s=lock_wait)
        try:
            return _known_paths(con, None)
        finally:
            con.close()
    return {path: doc_id for doc_id, (path, _) in load.stored_documents(con).items()}

