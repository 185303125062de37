"""Per-document outputs on disk: the layer between the raw files and the database.

    <store>/extracted/manifest.json  every input file (path -> size, mtime, sha256) and, per
                                     content, what extraction made of it (pages, failure, version)
    <store>/extracted/<sha256>.json  `Extracted`: the Document (without its lines) and its Minutes,
                                     or the Failure, and the extract version that made it
    <store>/linked/index.json        per content: the versions its rows were made with
    <store>/linked/<sha256>.json     `Linked`: the `LinkedMinutes` (document and minutes, names linked)

Outputs are keyed by the sha256 of a file's bytes, so the same bytes at two paths are one
document and a renamed file is not read again. Every file is written under a temporary
name and renamed, so a crash leaves the old output or the new one, never half of one. This
module knows files and JSON only; the store (`pipeline/store/db.py`) turns linked minutes
into rows in the load stage.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..records import Document, Failure, LinkedMinutes, Minutes

EXTRACTED = "extracted"
LINKED = "linked"
MANIFEST = "manifest.json"
LINK_INDEX = "index.json"
HASH_CHUNK = 1 << 20


class Stored(BaseModel):
    """Base of the on-disk records: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class FileEntry(Stored):
    """One input file as last seen. `size` -1 forces a re-hash next time (the file was
    modified too recently to trust its mtime). `last_good` is the content whose rows stay
    while the file's current content fails (a damaged copy does not wipe what was loaded)."""

    size: int
    mtime_ns: int
    sha256: str | None = None
    failure: Failure | None = None      # the file could not be read at all ...
    failed_at: dt.datetime | None = None  # ... when
    last_good: str | None = None


class Outcome(Stored):
    """What extraction made of one content: enough to plan and load without opening it."""

    path: str                            # the file it was read from
    format: str | None = None
    pages: int = 0
    version: str
    made_at: dt.datetime
    failure: Failure | None = None
    timeout: float | None = None         # the limit a "timeout" failure ran under
    ocr_available: bool | None = None    # for "no-text-layer": could OCR run then


class Manifest(Stored):
    files: dict[str, FileEntry] = Field(default_factory=dict)
    documents: dict[str, Outcome] = Field(default_factory=dict)


class Extracted(Stored):
    """The extract stage's output for one content."""

    version: str
    made_at: dt.datetime
    document: Document | None = None     # lines left out: load needs id, path, format, pages, warnings
    minutes: Minutes | None = None
    failure: Failure | None = None


class LinkOutcome(Stored):
    extract: str                         # the extract version of the output it linked
    link: str
    made_at: dt.datetime
    failure: Failure | None = None


class LinkIndex(Stored):
    documents: dict[str, LinkOutcome] = Field(default_factory=dict)


class Linked(Stored):
    """The link stage's output for one content: its `LinkedMinutes`, or the failure."""

    extract: str
    link: str
    made_at: dt.datetime
    linked: LinkedMinutes | None = None
    failure: Failure | None = None


def now() -> dt.datetime:
    """UTC now without tzinfo, as the database stores it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def sha256_file(path: str | Path) -> str:
    """Given a file, return the sha256 of its bytes (read in chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Store:
    """The folder of per-document outputs (default: the database's folder)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.extracted_dir = self.root / EXTRACTED
        self.linked_dir = self.root / LINKED

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # manifest and index
    def read_manifest(self) -> Manifest:
        path = self.extracted_dir / MANIFEST
        return Manifest.model_validate_json(path.read_bytes()) if path.exists() else Manifest()

    def write_manifest(self, manifest: Manifest) -> None:
        write_atomic(self.extracted_dir / MANIFEST, _dump(manifest))

    def read_link_index(self) -> LinkIndex:
        path = self.linked_dir / LINK_INDEX
        return LinkIndex.model_validate_json(path.read_bytes()) if path.exists() else LinkIndex()

    def write_link_index(self, index: LinkIndex) -> None:
        write_atomic(self.linked_dir / LINK_INDEX, _dump(index))

    # per-document outputs
    def extracted_path(self, sha: str) -> Path:
        return self.extracted_dir / f"{sha}.json"

    def linked_path(self, sha: str) -> Path:
        return self.linked_dir / f"{sha}.json"

    def write_extracted(self, sha: str, record: Extracted) -> None:
        write_atomic(self.extracted_path(sha), record.model_dump_json())

    def read_extracted(self, sha: str) -> Extracted:
        return Extracted.model_validate_json(self.extracted_path(sha).read_bytes())

    def write_linked(self, sha: str, record: Linked) -> None:
        write_atomic(self.linked_path(sha), record.model_dump_json())

    def read_linked(self, sha: str) -> Linked:
        return Linked.model_validate_json(self.linked_path(sha).read_bytes())

    def read_linked_minutes(self, sha: str) -> LinkedMinutes:
        """The linked minutes of a linked output."""
        linked = self.read_linked(sha).linked
        if linked is None:
            raise ValueError(f"the linked output of {sha[:12]} holds a failure, not minutes")
        return linked

    def outputs(self, folder: Path) -> set[str]:
        """The contents that have an output in `folder` (one directory listing, no stat)."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return set()
        return {n[:-5] for n in names if n.endswith(".json") and n not in (MANIFEST, LINK_INDEX)}

    def prune(self, folder: Path, keep: set[str]) -> int:
        """Delete every per-document output in `folder` (`extracted_dir` or `linked_dir`)
        whose content is not in `keep`, and temporary files a crash left; return how many."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return 0
        removed = 0
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                (folder / name).unlink(missing_ok=True)
            elif name.endswith(".json") and name not in (MANIFEST, LINK_INDEX) and name[:-5] not in keep:
                (folder / name).unlink(missing_ok=True)
                removed += 1
        return removed


def _dump(model: BaseModel) -> str:
    """Compact JSON for the index files (their dicts are written sorted by the stages)."""
    return model.model_dump_json() + "\n"
