"""The load stage: <store>/linked/ -> the DuckDB database, doing only what changed.

The database should hold, for every input file, the rows of its content (one document per
content, under the first path that holds it), and a `failures` row for every file that
failed. The stage compares that with what the database holds (`documents.id`, `path`,
`pipeline_version`) and, in one transaction, deletes the documents that went, loads the
new and changed ones from their linked outputs, moves renamed ones and replaces the
failures. A database that does not exist yet, or was made with another schema, is built
in a temporary file beside it and renamed over it. A file whose content turned bad keeps
the rows of its last good content (from the store, or as the database has them).
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...store import db as db
from ..outputs import LinkIndex, Manifest, Store
from ..version import schema_version
from . import progress_bar


@dataclass
class LoadResult:
    documents: int = 0      # documents the database should hold
    loaded: int = 0         # (re)loaded this run
    loaded_ids: list[str] = field(default_factory=list)   # their document ids
    removed: int = 0        # deleted this run
    moved: int = 0          # only their path changed
    unchanged: int = 0
    failures: int = 0       # failure rows
    rebuilt: bool = False   # built anew in a temporary file
    seconds: float = 0.0


@dataclass
class Target:
    """What the database should hold: content -> (path, version; None when only the rows
    the database already has can be kept), and the failures rows."""

    documents: dict[str, tuple[str, str | None]]
    failures: list[list]


def target(manifest: Manifest, index: LinkIndex) -> Target:
    """Given the manifest and the link index, return what the database should hold."""
    documents: dict[str, tuple[str, str | None]] = {}
    kept: dict[str, str] = {}
    failures = []
    for path, entry in sorted(manifest.files.items()):
        outcome = manifest.documents.get(entry.sha256) if entry.sha256 else None
        linked = index.documents.get(entry.sha256) if entry.sha256 else None
        if entry.failure is not None:
            failure, failed_at = entry.failure, entry.failed_at
        elif outcome is None:
            continue   # not extracted (a run stopped early)
        elif outcome.failure is not None:
            failure, failed_at = outcome.failure, outcome.made_at
        elif linked is not None and linked.failure is not None:
            failure, failed_at = linked.failure, linked.made_at
        else:
            assert entry.sha256 is not None   # an outcome is found by the content's hash
            ready = linked is not None and linked.extract == outcome.version
            # not linked yet (the link stage has not run): keep what the database has
            documents.setdefault(entry.sha256, (path, f"{linked.extract}+{linked.link}"
                                                if linked is not None and ready else None))
            continue
        failures.append([path, entry.sha256, failure.stage, failure.code, failure.message, failed_at])
        if entry.last_good:
            kept.setdefault(entry.last_good, path)
    for sha, path in kept.items():
        if sha not in documents:
            linked = index.documents.get(sha)
            version = f"{linked.extract}+{linked.link}" if linked is not None and linked.failure is None else None
            documents[sha] = (path, version)
    return Target(documents, failures)


def load_stage(store: Store, registry, db_path: str | Path | None = None, con=None, rebuild: bool = False,
               progress: bool | None = None, wait_s: float = 0.0) -> LoadResult:
    """Bring the database (`con`, or the file `db_path`) up to date with the store.
    `registry` fills the persons table; a database another process holds open is retried
    for `wait_s` seconds, then `db.DatabaseLocked` says who holds it."""
    start = time.perf_counter()
    want = target(store.read_manifest(), store.read_link_index())
    if con is not None:
        result = _sync(con, store, want, registry, progress)
    else:
        assert db_path is not None, "load_stage: give con or db_path"
        db_path = Path(db_path)
        result = None
        if db_path.exists() and not rebuild:
            con = db.open_database(db_path, wait_s)
            try:
                if db.read_build_info(con).get("schema") == schema_version():
                    result = _sync(con, store, want, registry, progress)
            finally:
                con.close()
        if result is None:
            result = db.build_atomically(db_path, lambda c: _sync(c, store, want, registry, progress), wait_s)
            result.rebuilt = True
    result.seconds = time.perf_counter() - start
    return result


def _sync(con, store: Store, want: Target, registry, progress: bool | None) -> LoadResult:
    stored = db.stored_documents(con)
    result = LoadResult(documents=len(want.documents), failures=len(want.failures))
    remove = [sha for sha in stored if sha not in want.documents]
    result.removed = len(remove)
    load, moves = [], {}
    outputs = store.outputs(store.linked_dir)
    for sha, (path, version) in want.documents.items():
        have = stored.get(sha)
        if have is not None and (have[1] == version or version is None):
            if have[0] != path:
                moves[sha] = path
            continue
        if version is None or sha not in outputs:
            continue   # a kept document the store no longer has: nothing to load
        load.append(sha)
    result.loaded, result.loaded_ids, result.moved = len(load), load, len(moves)
    result.unchanged = len(want.documents) - len(load)
    info = {"schema": schema_version(), "registry": registry.digest}
    if db.read_build_info(con).get("registry") != info["registry"]:
        db.load_persons(con, registry)
    with tempfile.TemporaryDirectory(prefix="minutes-load-") as tmp:
        spool = db.RowSpool(tmp)
        bar = progress_bar(len(load), "load", progress)
        try:
            for sha in load:
                tables = db.linked_rows(store.read_linked_minutes(sha))
                tables["documents"][0]["path"] = want.documents[sha][0]
                spool.add(tables)
                bar.update()
        finally:
            bar.close()
        try:
            db.replace_documents(con, remove + [s for s in load if s in stored], spool, want.failures, moves, info)
        finally:
            spool.close()
    return result
