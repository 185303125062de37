"""The extract stage: input files -> <store>/extracted/<sha256>.json, doing only what changed.

1. `scan`: a file whose size and mtime are as last seen keeps its hash unread; any other is
   hashed. The same content at two paths is one document, read from the first path.
2. `plan`: a content is extracted when it has no output, its output was made by another
   extract version or from a file of another type, or it failed in a way worth retrying (a
   timeout under a shorter limit, a scan when OCR was missing and now is not).
3. The tasks run on the executor; every result is written as soon as it comes back.
4. Outputs of contents no file holds any more are deleted, and the manifest written.

A file whose new content fails keeps its last good content (`FileEntry.last_good`), so
the load stage keeps those rows beside the failure.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...records import Failure
from ..outputs import Extracted, FileEntry, LinkIndex, Manifest, Outcome, Store, now, sha256_file
from . import progress_bar, work

RACY_NS = 2_000_000_000   # a file changed this recently may change again within one mtime tick


@dataclass
class ExtractResult:
    files: int = 0          # input files seen
    hashed: int = 0         # files whose bytes were read to hash them (new or touched)
    extracted: int = 0      # contents read and extracted this run
    linked: int = 0         # of those, linked in the same task
    failed: int = 0         # contents that failed this run
    pages: int = 0          # pages extracted this run
    removed: int = 0        # outputs deleted (their files are gone)
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)


def scan(files: list[Path], old: Manifest) -> tuple[dict[str, FileEntry], int]:
    """Given the input files and the last manifest, return path -> entry and how many
    files were hashed; a file that vanished since it was listed is left out."""
    entries: dict[str, FileEntry] = {}
    hashed = 0
    now_ns = time.time_ns()
    for path in files:
        key = str(path)
        try:
            st = path.stat()
        except OSError:
            continue
        prev = old.files.get(key)
        if prev is not None and prev.size == st.st_size and prev.mtime_ns == st.st_mtime_ns:
            entries[key] = prev
            continue
        size = st.st_size if now_ns - st.st_mtime_ns > RACY_NS else -1
        try:
            entry = FileEntry(size=size, mtime_ns=st.st_mtime_ns, sha256=sha256_file(path))
        except OSError as e:
            entry = FileEntry(size=size, mtime_ns=st.st_mtime_ns, failed_at=now(),
                              failure=Failure(path=key, stage="ingest", code="unreadable", message=str(e)))
        hashed += 1
        entries[key] = entry
    return entries, hashed


def canonical_paths(entries: dict[str, FileEntry]) -> dict[str, str]:
    """content -> the first path (in sorted order) that holds it."""
    out: dict[str, str] = {}
    for path in sorted(entries):
        sha = entries[path].sha256
        if sha is not None:
            out.setdefault(sha, path)
    return out


def is_stale(outcome: Outcome | None, path: str, version: str, timeout: float | None) -> bool:
    """True when the content at `path` must be extracted again."""
    if outcome is None or outcome.version != version:
        return True
    if os.path.splitext(outcome.path)[1].lower() != os.path.splitext(path)[1].lower():
        return True   # the same bytes under another type read differently
    failure = outcome.failure
    if failure is None:
        return False
    if failure.code == "timeout":
        return timeout is None or (outcome.timeout or 0) < timeout
    if failure.code == "no-text-layer" and outcome.ocr_available is False:
        from ...ingest import ocr

        return ocr.missing() is None
    return False


def plan(entries: dict[str, FileEntry], manifest: Manifest, store: Store, version: str,
         timeout: float | None, link: bool) -> tuple[list[work.Task], dict[str, Outcome]]:
    """Return the tasks to run, largest file first, and the outcomes still good."""
    documents = dict(manifest.documents)
    have = store.outputs(store.extracted_dir)
    tasks = []
    for sha, path in canonical_paths(entries).items():
        outcome = documents.get(sha)
        if outcome is None and sha in have:
            outcome = _adopt(store, sha, path, version)   # written by a run that stopped before its manifest
            if outcome is not None:
                documents[sha] = outcome
        if (is_stale(outcome, path, version, timeout)
                or (outcome is not None and outcome.failure is None and sha not in have)):
            tasks.append(work.Task(sha256=sha, path=path, extract=True, link=link))
    tasks.sort(key=lambda t: -entries[t.path].size)
    return tasks, documents


def _adopt(store: Store, sha: str, path: str, version: str) -> Outcome | None:
    if not store.extracted_path(sha).exists():
        return None
    try:
        record = store.read_extracted(sha)
    except (OSError, ValueError):
        return None
    made_from = record.document.path if record.document else record.failure.path if record.failure else path
    if record.version != version or (record.failure is not None
                                     and record.failure.code in ("timeout", "worker-crashed")):
        return None
    return work.outcome_of(made_from, record)


def extract_stage(files: list[Path], store: Store, executor, context: work.Context, link: bool = False,
                  progress: bool | None = None, known: Callable[[], dict[str, str]] | None = None) -> ExtractResult:
    """Bring <store>/extracted/ up to date with `files`; with `link`, also link each new
    document in the same task (`minutes run`). `known()` (path -> document id) tells what a
    database already holds, asked only for failing files the manifest has never seen."""
    start = time.perf_counter()
    old = store.read_manifest()
    entries, hashed = scan(files, old)
    result = ExtractResult(files=len(entries), hashed=hashed)
    tasks, documents = plan(entries, old, store, context.extract_version, context.timeout, link)
    index = store.read_link_index() if link else None
    bar = progress_bar(len(tasks), "extract", progress)
    failed_now: dict = {}   # content -> its failure, for contents that failed this run
    try:
        for task, done in executor.map(work.run, tasks, init=work.init, init_arg=context):
            if isinstance(done, work.Done):
                outcome = done.outcome
                assert outcome is not None   # an extract task's result carries its outcome
                if done.sha256 != task.sha256:   # the file changed after it was hashed
                    entries[task.path] = entries[task.path].model_copy(update={"sha256": done.sha256, "size": -1})
                if done.link is not None and index is not None:
                    index.documents[done.sha256] = done.link
                    result.linked += 1
            else:   # TaskError: timeout, crash
                failure = Failure(path=task.path, stage="extract", code=done.code, message=done.message)
                record = Extracted(version=context.extract_version, made_at=now(), failure=failure)
                store.write_extracted(task.sha256, record)
                outcome = work.outcome_of(task.path, record)
                if done.code == "timeout":
                    outcome = outcome.model_copy(update={"timeout": context.timeout})
            outcome_sha = done.sha256 if isinstance(done, work.Done) else task.sha256
            documents[outcome_sha] = outcome
            result.extracted += 1
            result.pages += outcome.pages
            if outcome.failure is not None:
                failed_now[outcome_sha] = outcome.failure
            elif isinstance(done, work.Done) and done.link is not None and done.link.failure is not None:
                failed_now[outcome_sha] = done.link.failure
            bar.update()
            bar.set_postfix(pages=result.pages, failed=len(failed_now), refresh=False)
    finally:
        bar.close()
    for path, entry in entries.items():   # failures count per file: one content can be at several paths
        failure = failed_now.get(entry.sha256) if entry.sha256 else None
        if (failure is None and entry.failure is not None and entry.failed_at is not None
                and entry is not old.files.get(path)):
            failure = entry.failure
        if failure is not None:
            result.failed += 1
            result.failures.append(failure.model_copy(update={"path": path}))
    _remember_last_good(entries, old, documents, known or dict)
    keep = {e.sha256 for e in entries.values() if e.sha256} | {e.last_good for e in entries.values() if e.last_good}
    documents = {sha: o for sha, o in documents.items() if sha in keep}
    result.removed = store.prune(store.extracted_dir, keep)
    store.write_manifest(Manifest(files=dict(sorted(entries.items())), documents=dict(sorted(documents.items()))))
    if index is not None:
        store.write_link_index(LinkIndex(documents=dict(sorted(index.documents.items()))))
    result.seconds = time.perf_counter() - start
    return result


def _ok(sha: str | None, documents: dict[str, Outcome]) -> bool:
    return sha is not None and sha in documents and documents[sha].failure is None


def _remember_last_good(entries: dict[str, FileEntry], old: Manifest, documents: dict[str, Outcome],
                        known: Callable[[], dict[str, str]]) -> None:
    """For each file whose content now fails, remember the content it last had that did
    not (from the last manifest, else from the database), so its rows are kept."""
    held = None
    for path, entry in entries.items():
        if _ok(entry.sha256, documents):
            last_good = None
        else:
            prev = old.files.get(path)
            if prev is not None and _ok(prev.sha256, old.documents):
                last_good = prev.sha256
            elif prev is not None and prev.last_good:
                last_good = prev.last_good
            else:
                held = held if held is not None else known()
                last_good = held.get(path)
            if last_good == entry.sha256:
                last_good = None
        if last_good != entry.last_good:
            entries[path] = entry.model_copy(update={"last_good": last_good})
