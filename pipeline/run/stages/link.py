"""The link stage: <store>/extracted/ -> <store>/linked/<sha256>.json, doing only what changed.

A document is linked again when its extracted output changed or the link version did (the
registry file, the `people:` thresholds, the linking code, or the code and schema that make
rows). Linking needs only the extracted output, so a document whose file has turned bad
(`FileEntry.last_good`) is relinked too.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ...records import Failure
from ..outputs import LinkIndex, LinkOutcome, Manifest, Store, now
from . import progress_bar, work


@dataclass
class LinkResult:
    documents: int = 0      # documents with an extracted output
    linked: int = 0         # linked this run
    failed: int = 0
    removed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)


def plan(manifest: Manifest, store: Store, index: LinkIndex,
         link_version: str) -> tuple[list[work.Task], dict[str, str]]:
    """Return the documents to link and content -> extract version of every good output."""
    good = {sha: o for sha, o in manifest.documents.items() if o.failure is None}
    have = store.outputs(store.linked_dir)
    tasks = []
    for sha, outcome in good.items():
        done = index.documents.get(sha)
        if (done is None or done.extract != outcome.version or done.link != link_version
                or (done.failure is None and sha not in have)):
            tasks.append(work.Task(sha256=sha, path=outcome.path, extract=False, link=True))
    return tasks, {sha: o.version for sha, o in good.items()}


def link_stage(store: Store, executor, context: work.Context, progress: bool | None = None) -> LinkResult:
    """Bring <store>/linked/ up to date with <store>/extracted/."""
    start = time.perf_counter()
    index = store.read_link_index()
    manifest = store.read_manifest()
    tasks, good = plan(manifest, store, index, context.link_version)
    result = LinkResult(documents=len(good))
    bar = progress_bar(len(tasks), "link", progress)
    failed_now: dict = {}
    try:
        for task, done in executor.map(work.run, tasks, init=work.init, init_arg=context):
            if isinstance(done, work.Done):
                outcome = done.link
                assert outcome is not None   # a link task's result carries its link
            else:
                outcome = LinkOutcome(extract=good[task.sha256], link=context.link_version, made_at=now(),
                                      failure=Failure(path=task.path, stage="link", code=done.code,
                                                      message=done.message))
            index.documents[task.sha256] = outcome
            result.linked += 1
            if outcome.failure is not None:
                failed_now[task.sha256] = outcome.failure
            bar.update()
            bar.set_postfix(failed=len(failed_now), refresh=False)
    finally:
        bar.close()
    for path, entry in sorted(manifest.files.items()):   # per file: one content can be at several paths
        if entry.sha256 in failed_now:
            result.failed += 1
            result.failures.append(failed_now[entry.sha256].model_copy(update={"path": path}))
    index = LinkIndex(documents={sha: o for sha, o in sorted(index.documents.items()) if sha in good})
    result.removed = store.prune(store.linked_dir, set(good))
    store.write_link_index(index)
    result.seconds = time.perf_counter() - start
    return result
