"""The person registry: one CSV an analyst edits and keeps in git.

Columns: person_id, name (the canonical spelling), aliases (other spellings, separated by
" | "), organisation, title, valid_from, valid_to (ISO dates; a person is only a
candidate for meetings in that range), note, parties (the person's party over time,
separated by " | ": "S", or "S 2014-01-01..2018-12-31 | M 2019-01-01..", either date may
be left out). The parties column is optional, so registries written before it still read. A
row whose first cell starts with "#" is a comment. Every row is checked by `PersonEntry`; a
bad file raises one `RegistryError` that names each bad line, so an analyst can fix them all
at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .normalize import fold

if TYPE_CHECKING:
    from .index import PersonIndex

COLUMNS = ("person_id", "name", "aliases", "organisation", "title", "valid_from", "valid_to", "note", "parties")
REQUIRED = ("person_id", "name")
ALIAS_SEP = "|"
PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RegistryError(ValueError):
    """A registry file that cannot be used; `problems` are "FILE:LINE: what" strings."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Membership(BaseModel):
    """A party a person belonged to, from and to a date (either may be open)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    party: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @classmethod
    def parse(cls, text: str) -> Membership:
        """"S", "M 2019-01-01..", "S 2014-01-01..2018-12-31"."""
        party, _, span = text.strip().partition(" ")
        start, _, end = span.strip().partition("..")
        return cls(party=party, valid_from=start.strip() or None, valid_to=end.strip() or None)

    def text(self) -> str:
        span = f"{self.valid_from or ''}..{self.valid_to or ''}" if self.valid_from or self.valid_to else ""
        return f"{self.party} {span}".strip()

    def on(self, date: dt.date | None) -> bool:
        return date is None or not ((self.valid_from and date < self.valid_from)
                                    or (self.valid_to and date > self.valid_to))


class PersonEntry(BaseModel):
    """One person: id, canonical name, other spellings, and where and when they served."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    organisation: str | None = None
    title: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None
    parties: list[Membership] = Field(default_factory=list)

    @field_validator("parties", mode="before")
    @classmethod
    def _parties(cls, v):
        if isinstance(v, str):
            v = [Membership.parse(p) for p in v.split(ALIAS_SEP) if p.strip()]
        return v

    def party_on(self, date: dt.date | None) -> set[str]:
        """The parties the person belonged to on `date` (all of them when it is unknown)."""
        return {m.party for m in self.parties if m.on(date)}

    @field_validator("person_id")
    @classmethod
    def _id(cls, v: str) -> str:
        v = v.strip()
        if not PERSON_ID.match(v):
            raise ValueError(f"{v!r} is not an id (lower-case letters, digits and single hyphens)")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = _clean(v)
        if not fold(v):
            raise ValueError("empty name")
        return v

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, v):
        if isinstance(v, str):
            v = v.split(ALIAS_SEP)
        return [_clean(a) for a in v if a and _clean(a)]

    @field_validator("organisation", "title", "note", "valid_from", "valid_to", mode="before")
    @classmethod
    def _blank_is_none(cls, v):
        return None if isinstance(v, str) and not v.strip() else v

    @model_validator(mode="after")
    def _range(self) -> PersonEntry:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        return self

    @property
    def names(self) -> list[str]:
        """The canonical name followed by the aliases."""
        return [self.name, *self.aliases]

    def valid_on(self, date: dt.date | None) -> bool:
        """True when the person may be meant at a meeting on `date` (unknown date: always)."""
        if date is None:
            return True
        return not ((self.valid_from and date < self.valid_from) or (self.valid_to and date > self.valid_to))

    def row(self) -> list[str]:
        return [self.person_id, self.name, f" {ALIAS_SEP} ".join(self.aliases), self.organisation or "",
                self.title or "", self.valid_from.isoformat() if self.valid_from else "",
                self.valid_to.isoformat() if self.valid_to else "", self.note or "",
                f" {ALIAS_SEP} ".join(m.text() for m in self.parties)]


class Registry:
    """The persons, in file order, with their ids."""

    def __init__(self, entries: list[PersonEntry] | None = None):
        self.entries = list(entries or [])
        self._by_id = {e.person_id: e for e in self.entries}
        self._index: PersonIndex | None = None

    def index(self) -> PersonIndex:
        """The blocking index of every name and alias (built once, kept up to date)."""
        if self._index is None:
            from .index import PersonIndex

            self._index = PersonIndex.of(self)
        return self._index

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def digest(self) -> str:
        """Identifies the content: changes when a person, name or date changes."""
        return hashlib.sha256(dump_registry(self).encode("utf-8")).hexdigest()[:12]

    def __iter__(self):
        return iter(self.entries)

    def get(self, person_id: str) -> PersonEntry | None:
        return self._by_id.get(person_id)

    def new_id(self, name: str) -> str:
        """A readable id not yet used: the folded name as a slug ("ann-sofie-rundberg"),
        with "-2", "-3" ... for a second person of the same name."""
        base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "person"
        pid, n = base, 1
        while pid in self._by_id:
            n += 1
            pid = f"{base}-{n}"
        return pid

    def add(self, entry: PersonEntry) -> PersonEntry:
        if entry.person_id in self._by_id:
            raise RegistryError([f"person_id {entry.person_id!r} is already in the registry"])
        self.entries.append(entry)
        self._by_id[entry.person_id] = entry
        if self._index is not None:
            for k, name in enumerate(entry.names):
                self._index.add(entry.person_id, name, alias=k > 0)
        return entry

    def add_person(self, name: str, **fields) -> PersonEntry:
        return self.add(PersonEntry(person_id=self.new_id(name), name=name, **fields))

    def add_alias(self, person_id: str, alias: str) -> bool:
        """Add `alias` to the person; False when it already names them (after folding)."""
        entry = self._by_id.get(person_id)
        if entry is None:
            raise RegistryError([f"no person with id {person_id!r} in the registry"])
        alias = _clean(alias)
        if fold(alias) in {fold(n) for n in entry.names}:
            return False
        entry.aliases.append(alias)
        if self._index is not None:
            self._index.add(person_id, alias, alias=True)
        return True


def parse_registry(text: str, source: str = "persons.csv") -> Registry:
    """Given the text of a registry CSV, return the `Registry`, or raise `RegistryError`
    listing every bad line ("persons.csv:7: valid_from: ...")."""
    reader = csv.reader(io.StringIO(text))
    problems: list[str] = []
    header = None
    entries: list[PersonEntry] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip() for c in row]
            unknown = [c for c in header if c not in COLUMNS]
            missing = [c for c in REQUIRED if c not in header]
            if unknown or missing:
                problems.append(f"{source}:{line}: header: " + "; ".join(
                    ([f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
                    + ([f"missing column(s) {', '.join(missing)}"] if missing else []))
                    + f" (columns are {', '.join(COLUMNS)})")
                break
            continue
        if len(row) > len(header):
            problems.append(f"{source}:{line}: {len(row)} cells but the header has {len(header)} columns")
            continue
        data = {k: v for k, v in zip(header, row) if v.strip()}
        try:
            entry = PersonEntry(**data)
        except ValidationError as e:
            for err in e.errors():
                where = ".".join(str(x) for x in err["loc"]) or "row"
                problems.append(f"{source}:{line}: {where}: {err['msg'].removeprefix('Value error, ')}")
            continue
        if entry.person_id in seen:
            problems.append(f"{source}:{line}: person_id {entry.person_id!r} already used on line "
                            f"{seen[entry.person_id]}")
            continue
        seen[entry.person_id] = line
        entries.append(entry)
    if problems:
        raise RegistryError(problems)
    return Registry(entries)


def load_registry(path: str | Path) -> Registry:
    """Read the registry file; a missing file is an empty registry (everything unlinked)."""
    path = Path(path)
    if not path.exists():
        return Registry()
    return parse_registry(path.read_text(encoding="utf-8-sig"), source=str(path))


def dump_registry(registry: Registry) -> str:
    """The registry as CSV text, one person per row, in registry order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in registry:
        writer.writerow(entry.row())
    return out.getvalue()


def save_registry(registry: Registry, path: str | Path) -> None:
    """Write the registry file (creating its folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_registry(registry)
    path.write_text(text, encoding="utf-8")
