"""The Datasette instance of `minutes serve`: the mirror, its metadata and the plugin.

    ensure_mirror(db)  ->  make_datasette(mirror, params)  ->  serve(ds, port)

Metadata comes from `metadata.yaml`: each table's title, description, facets and label
column, and each column's description, for the columns the mirror has.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

METADATA = Path(__file__).with_name("metadata.yaml")
HOST = "127.0.0.1"          # analysts' own machine only: the archive is not published by this
PORT = 8001                 # Datasette's usual port


class ServeParams(BaseModel):
    """Typed `serve:` settings of params.yaml; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    port: int = Field(PORT, ge=1, le=65535)                    # where `minutes serve` listens
    sql_time_limit_ms: int = Field(5000, ge=100)               # a person's record over a large archive needs more
                                                               # than Datasette's 1 s
    facet_time_limit_ms: int = Field(1000, ge=50)              # facets on a large decisions table need more than
                                                               # Datasette's 200 ms
    max_returned_rows: int = Field(1000, ge=1)                 # rows a page or a JSON request returns (CSV export
                                                               # streams all)
    search_rows: int = Field(200, ge=1)                        # rows the search query returns, best first
    check_every_s: float = Field(2.0, ge=0)                    # how often a request looks whether the DuckDB file
                                                               # changed


@lru_cache(maxsize=1)
def _metadata_file() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def table_columns(mirror: str | Path) -> dict[str, list[str]]:
    """table -> its columns, for every table of the mirror but the search index's."""
    con = sqlite3.connect(f"file:{mirror}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                           "'sqlite_%' AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_%'")]
        return {n: [r[1] for r in con.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        con.close()


def metadata(database: str, columns: dict[str, list[str]], params: ServeParams | None = None) -> dict:
    """Datasette's metadata for the mirror named `database` whose tables have `columns`."""
    params = params or ServeParams()
    spec = _metadata_file()
    tables = {}
    for table, names in columns.items():
        meta = dict(spec["tables"].get(table, {}))
        own = meta.pop("columns", {}) or {}
        meta["columns"] = {c: own.get(c) or spec["columns"].get(c) for c in names
                           if own.get(c) or spec["columns"].get(c)}
        tables[table] = meta
    queries = {name: {**q, "sql": q["sql"].replace("{search_rows}", str(params.search_rows))}
               for name, q in spec["queries"].items()}
    return {"title": spec["title"], "description": spec["description"],
            "databases": {database: {"title": spec["title"], "description": spec["description"],
                                     "tables": tables, "queries": queries}}}


def make_datasette(mirror: str | Path, params: ServeParams | None = None, source: str | Path | None = None):
    """A Datasette over the mirror, with minutes' metadata and plugin; given the DuckDB
    file it mirrors (`source`), the mirror is made again whenever that file changes."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from . import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="minutes")
    params = params or ServeParams()
    mirror = Path(mirror)
    settings = {"sql_time_limit_ms": params.sql_time_limit_ms, "facet_time_limit_ms": params.facet_time_limit_ms,
                "max_returned_rows": params.max_returned_rows}
    meta = metadata(mirror.stem, table_columns(mirror), params)
    if source is not None:
        meta["plugins"] = {"minutes": {"duckdb": str(source), "mirror": str(mirror),
                                       "check_every_s": params.check_every_s}}
    return Datasette([str(mirror)], metadata=meta, settings=settings)


def serve(ds, port: int) -> None:
    """Serve `ds` on localhost until interrupted."""
    import uvicorn

    uvicorn.run(ds.app(), host=HOST, port=port, log_level="warning", lifespan="on")
