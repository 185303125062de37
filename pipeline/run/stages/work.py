"""The work done for one document, wherever it runs (this process, a process pool, Dask).

`run(task)` reads and extracts one file and/or links one extracted document, writes the
outputs to the store and returns a small `Done` summary; `init(context)` runs once per
worker and loads what every document needs (vocabulary, word lists, the spaCy pipeline), so
no document pays for it. Nothing here knows about pools.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...ingest.limits import IngestLimits
from ...records import Document, Failure, Line, LinkedMinutes
from ..outputs import Extracted, Linked, LinkOutcome, Outcome, Store, now

if TYPE_CHECKING:
    from ...people import People


@dataclass(frozen=True)
class Context:
    """What every task of a run shares; sent to each worker once."""

    store: str
    extract_version: str
    link_version: str = ""
    people: People | None = None    # None when the run only extracts
    timeout: float | None = None
    extracts: bool = True           # False: the run only links (no extraction resources to load)
    limits: IngestLimits = IngestLimits()   # what one file may hold before it fails too-large


@dataclass(frozen=True)
class Task:
    """One document: `extract` reads `path` (whose bytes hash to `sha256`), `link` links the
    extracted output and makes its rows."""

    sha256: str
    path: str
    extract: bool = True
    link: bool = True


@dataclass(frozen=True)
class Done:
    sha256: str                      # the content actually read (the file may have changed since hashing)
    outcome: Outcome | None = None
    link: LinkOutcome | None = None


_context: Context | None = None


def init(context: Context) -> None:
    """Set this worker's context and load the extraction resources once."""
    global _context
    _context = context
    if context.extracts:
        warm()
    if context.people is not None:
        context.people.registry.index()   # the linker's blocking index, built once per worker


def warm() -> None:
    """Load the word lists, vocabulary and the spaCy pipeline now, instead of on a worker's
    first document: every list the extraction modules load on first use (their cached
    functions of no arguments) and the readers' libraries."""
    import docx  # noqa: F401  (the DOCX reader imports it on first use)
    import pypdfium2  # noqa: F401  (the PDF reader's)

    from ...ingest.lexicon import is_word
    from ...nlp.extract import extract
    from ...store import db  # noqa: F401  (imports duckdb, for the rows)

    is_word("qxzv")   # not a word: the dictionary gets mapped
    extract(Document(id="warm", path="warm.txt", format="txt", pages=1,
                     lines=[Line(index=0, text="Protokoll"), Line(index=1, text="Närvarande: Anna Svensson")]))
    for load in _cached_loaders("pipeline.nlp", skip="pipeline.nlp.train"):
        load()


def _cached_loaders(package: str, skip: str) -> list:
    """The `functools.lru_cache`d functions of no arguments defined in `package`'s imported
    modules but not `skip`'s: the word lists and vocabularies loaded on first use, not the
    training code's (its scorer lives in ../shared, which a user's machine does not have)."""
    import inspect
    import sys

    found = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")) \
                or name == skip or name.startswith(skip + "."):
            continue
        for value in vars(module).values():
            wrapped = getattr(value, "__wrapped__", None)
            if not (hasattr(value, "cache_info") and inspect.isfunction(wrapped)
                    and wrapped.__module__ == name):
                continue
            params = inspect.signature(wrapped).parameters.values()
            if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
                found.append(value)
    return found


def run(task: Task, context: Context | None = None) -> Done:
    """Do one task with this worker's context; return what was made."""
    ctx = context or _context
    if ctx is None:
        raise RuntimeError("worker context not set: call work.init(context) first")
    store = Store(ctx.store)
    sha, outcome, link = task.sha256, None, None
    if task.extract:
        record = extract_file(task.path, task.sha256, ctx.extract_version, ctx.limits)
        sha = record.document.id if record.document else task.sha256
        store.write_extracted(sha, record)
        outcome = outcome_of(task.path, record)
    if task.link and (outcome is None or outcome.failure is None):
        linked = link_document(record if task.extract else store.read_extracted(sha), ctx)
        store.write_linked(sha, linked)
        link = LinkOutcome(extract=linked.extract, link=linked.link, made_at=linked.made_at,
                           failure=linked.failure)
    return Done(sha, outcome, link)


def extract_file(path: str, sha256: str, version: str, limits: IngestLimits = IngestLimits()) -> Extracted:
    """Given a file, return its `Extracted` output: the document and minutes, or the failure."""
    from ...ingest import IngestError, ingest
    from ...nlp.extract import extract

    made_at = now()
    try:
        doc = ingest(path, limits)
    except MemoryError:
        return Extracted(version=version, made_at=made_at, failure=_out_of_memory(path, "ingest"))
    except IngestError as e:
        return Extracted(version=version, made_at=made_at,
                         failure=Failure(path=path, stage="ingest", code=e.code, message=e.message))
    except OSError as e:
        return Extracted(version=version, made_at=made_at,
                         failure=Failure(path=path, stage="ingest", code="unreadable", message=str(e)))
    try:
        minutes = extract(doc)
    except MemoryError:
        return Extracted(version=version, made_at=made_at, failure=_out_of_memory(path, "extract"))
    except Exception as e:  # a bug on one document must not stop the batch
        return Extracted(version=version, made_at=made_at,
                         failure=Failure(path=path, stage="extract", code="internal-error",
                                         message=f"{type(e).__name__}: {e}"))
    return Extracted(version=version, made_at=made_at, document=doc.model_copy(update={"lines": []}),
                     minutes=minutes)


def _out_of_memory(path: str, stage: str) -> Failure:
    from ..executors import out_of_memory

    error = out_of_memory(_memory_cap())
    return Failure(path=path, stage=stage, code=error.code, message=error.message)


def _memory_cap() -> float | None:
    from .. import executors

    return executors._memory_mb


def extract_gold(path: str) -> Extracted:
    """`minutes extract`'s task: one file read and extracted with this worker's limits,
    nothing written."""
    ctx = _context or Context(store="", extract_version="")
    return extract_file(path, "", ctx.extract_version, ctx.limits)


def outcome_of(path: str, record: Extracted) -> Outcome:
    """The manifest's summary of an extracted output."""
    from ...ingest import SUPPORTED_SUFFIXES, ocr

    doc, failure = record.document, record.failure
    ocr_available = None
    if failure is not None and failure.code == "no-text-layer":
        ocr_available = ocr.missing() is None
    return Outcome(path=path, format=doc.format if doc else SUPPORTED_SUFFIXES.get(Path(path).suffix.lower()),
                   pages=doc.pages if doc else 0, version=record.version, made_at=record.made_at,
                   failure=failure, ocr_available=ocr_available)


def link_document(record: Extracted, ctx: Context) -> Linked:
    """Given an extracted document, return its linked minutes (or the failure to link it).
    The rows are checked here, so a document whose rows the database would refuse fails in
    this stage, with its own failure row, and never in the load that carries the others."""
    from ...store import db

    assert record.document is not None   # only a good extract is linked
    made_at = now()
    try:
        minutes = ctx.people.link(record.minutes) if ctx.people is not None else record.minutes
        linked = LinkedMinutes(document=record.document, minutes=minutes,
                               version=f"{record.version}+{ctx.link_version}", ingested_at=record.made_at)
        db.check_rows(linked)
    except Exception as e:  # one document's bug becomes its failure row
        failure = Failure(path=record.document.path, stage="link", code="internal-error",
                          message=f"{type(e).__name__}: {e}")
        return Linked(extract=record.version, link=ctx.link_version, made_at=made_at, failure=failure)
    return Linked(extract=record.version, link=ctx.link_version, made_at=made_at, linked=linked)
