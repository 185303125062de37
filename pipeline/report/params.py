"""Typed settings of the static report and of the saved searches (params.yaml `report:`
and `saved_searches:`); unknown keys are an error."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import fts

REPORT_DIR = "report"   # the report's folder beside the database, unless report.out says otherwise
FEEDS_DIR = "feeds"     # the saved searches' feeds, inside the report's folder


class SavedSearch(BaseModel):
    """A search `minutes run` follows: its decisions that are new since the last run go to
    `<report>/feeds/<name>.atom`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)   # the feed's file name
    query: str = Field(min_length=1)                                       # as typed in `minutes serve`'s search

    @field_validator("query")
    @classmethod
    def _has_a_word(cls, query: str) -> str:
        if fts.fts_query(query) == fts.NOTHING:
            raise ValueError(f"the query {query!r} has no word to search for")
        return query


class ReportParams(BaseModel):
    """Typed `report:` settings of params.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    out: str | None = None                          # the site's folder (None: "report" beside the database)
    base_url: str | None = None                     # where the site is published, for feed links (None: files
                                                    # on this disk)
    heatmap_people: int = Field(40, ge=1)           # the attendance heat map shows the people at most meetings ...
    heatmap_meetings: int = Field(60, ge=1)         # ... over the latest meetings (more is unreadable on a screen)
    feed_entries: int = Field(100, ge=1)            # entries an Atom feed keeps, newest first

    def folder(self, db: str | Path) -> Path:
        """The report's folder for the database `db`."""
        return Path(self.out) if self.out else Path(db).parent / REPORT_DIR


class SettingsError(ValueError):
    """A block of params.yaml is wrong; the message says where, in one line."""


def _problems(block: str, error: ValidationError) -> str:
    return "; ".join(f"{block}.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())


def load_block(model: type[BaseModel], block: str, path: str | Path = "params.yaml"):
    """The `block:` of a params file as `model` (defaults when missing); `SettingsError` when wrong."""
    from ..run.params import params_block

    values = params_block(block, path)
    if not isinstance(values, dict):
        raise SettingsError(f"{path}: {block}: give a block of settings, not {type(values).__name__}")
    try:
        return model(**values)
    except ValidationError as e:
        raise SettingsError(f"{path}: {_problems(block, e)}") from None


def load_report_params(path: str | Path = "params.yaml") -> ReportParams:
    """The `report:` block of a params file (defaults when missing); `SettingsError` when wrong."""
    return load_block(ReportParams, "report", path)


def load_saved_searches(path: str | Path = "params.yaml") -> list[SavedSearch]:
    """The `saved_searches:` list of a params file (none when missing); `SettingsError` when
    one is wrong or two share a name."""
    from ..run.params import params_block

    block: object = params_block("saved_searches", path) or []   # whatever the YAML holds
    if not isinstance(block, list):
        raise SettingsError(f"{path}: saved_searches: give a list of {{name, query}}")
    searches = []
    for k, entry in enumerate(block):
        try:
            searches.append(SavedSearch(**(entry if isinstance(entry, dict) else {"name": entry})))
        except ValidationError as e:
            raise SettingsError(f"{path}: {_problems(f'saved_searches.{k}', e)}") from None
    names = [s.name for s in searches]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SettingsError(f"{path}: saved_searches: the name {twice[0]!r} is used twice")
    return searches
