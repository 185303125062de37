"""The pipeline's own versions, one per stage, so a change re-runs only what depends on it.

- `extract_version()`: the package version plus a hash of the code that reads and extracts
  (the packages and modules listed in `EXTRACTION`), the
  vocabulary in `pipeline/resources/`, the shipped models (`models/lexicon`,
  `models/sv_minutes`) and the versions of the libraries that read files. A change re-extracts.
- `link_version(people_digest)`: the registry and thresholds (`People.digest`), the linking
  code, and the code and schema that turn linked minutes into rows. A change re-links and
  reloads, without re-extracting.
- `schema_version()`: `schema.sql`; a change rebuilds the database from the outputs.

Stored with every output and every `documents` row, so results made by older code are found
and redone.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]   # the pipeline package
RESOURCES = HERE / "resources"
MODELS = (HERE / "models_shipped").resolve()   # the repository's models/ (a link), or a wheel's copy
MODEL_DIRS = ("lexicon", "sv_minutes")
EXTRACTION = ("ingest", "nlp", "records.py", "settings.py")
READERS = ("pypdfium2", "pdfplumber", "python-docx", "spacy", "spacy-lookups-data", "gender-guesser",
           "pytesseract", "pydantic")
LINKERS = ("rapidfuzz",)


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def _hash_files(paths, root: Path, digest) -> None:
    for path in sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())


def _extraction_code() -> list[Path]:
    return [p for p in HERE.rglob("*.py") if p.relative_to(HERE).parts[0] in EXTRACTION]


@lru_cache(maxsize=1)
def extract_version() -> str:
    """'<package version>+x<hash of extraction code, vocabulary, models, reader versions>'."""
    digest = hashlib.sha256()
    _hash_files(_extraction_code() + list(RESOURCES.rglob("*")), HERE, digest)
    for name in MODEL_DIRS:
        _hash_files((MODELS / name).rglob("*"), MODELS, digest)
    digest.update(" ".join(f"{p}={_package(p)}" for p in READERS).encode())
    return f"{_package('minutes')}+x{digest.hexdigest()[:12]}"


@lru_cache(maxsize=16)
def link_version(people_digest: str) -> str:
    """'l<hash of the registry and thresholds, linking code, row-making code and schema>'."""
    digest = hashlib.sha256(people_digest.encode())
    code = list((HERE / "people").rglob("*.py")) + [HERE / "store" / "db.py", HERE / "store" / "schema.sql",
                                                    HERE / "run" / "stages" / "work.py"]
    _hash_files(code, HERE, digest)
    digest.update(" ".join(f"{p}={_package(p)}" for p in LINKERS).encode())
    return f"l{digest.hexdigest()[:12]}"


@lru_cache(maxsize=1)
def schema_version() -> str:
    """Hash of `schema.sql`: a database made with another schema is rebuilt."""
    return hashlib.sha256((HERE / "store" / "schema.sql").read_bytes()).hexdigest()[:12]


def pipeline_version(people_digest: str = "") -> str:
    """The version stored with each document: '<extract version>+<link version>'."""
    return f"{extract_version()}+{link_version(people_digest)}"
