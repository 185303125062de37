"""An SQLite mirror of the database, for Datasette (`minutes serve`), the report and the feeds.

    minutes.duckdb  ->  minutes.sqlite (beside it; `minutes export --sqlite FILE` anywhere)

Datasette reads SQLite, not DuckDB, so the mirror copies every table and view (a view
becomes a table: the mirror is a snapshot, made again when the DuckDB file changes). What
an analyst browses is easier with a few additions, all made here from DuckDB:

- decisions, items, attendance and meetings carry their meeting's body, date and year and
  the source file's path, so Datasette can facet on them and link a row to its file;
- `person_record`: one row per thing a person did (attended, chaired, presented, was named
  in, moved, voted, reserved, recused), the record a person page and a canned query show;
- full-text search tables `<table>_fts` over decision texts, item titles, person names and
  attendance names, indexing a Swedish-stemmed copy of the text (`pipeline/fts.py`) while
  reading the original text from the table, so FTS5's `snippet()` marks original words.
  Never run the FTS 'rebuild' command on them: it would index the unstemmed text.

Lists and structs become JSON text, dates ISO text, booleans 0/1. The mirror is written
under a temporary name and renamed into place; `mirror_info` records the DuckDB file it
was made from, so `ensure_mirror` knows when to make it again.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from .. import fts
from .db import DatabaseError

MIRROR_VERSION = "1"      # made again when this changes: bump it with any change of the mirror's shape
BATCH_ROWS = 5000         # rows fetched from DuckDB and inserted into SQLite at a time
SKIP = frozenset({"build_info"})

# Tables whose mirror has more columns than the DuckDB table (the meeting's body and date,
# the source file), so Datasette can facet them and link each row to its file.
ENRICHED = {
    "meetings": """
        SELECT m.*, year(m.meeting_date) AS year,
               concat_ws(' ', coalesce(m.body, m.body_name, '(no body)'), CAST(m.meeting_date AS VARCHAR)) AS title,
               doc.path AS document_path
        FROM meetings m LEFT JOIN documents doc ON doc.id = m.document_id""",
    "items": """
        SELECT i.*, m.body, m.meeting_date, year(m.meeting_date) AS year, doc.path AS document_path
        FROM items i LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN documents doc ON doc.id = i.document_id""",
    "decisions": """
        SELECT d.*, it.title AS item_title, m.body, m.meeting_date, year(m.meeting_date) AS year,
               doc.path AS document_path
        FROM decisions d LEFT JOIN items it ON it.id = d.item_id LEFT JOIN meetings m ON m.id = d.meeting_id
        LEFT JOIN documents doc ON doc.id = d.document_id""",
    "attendance": """
        SELECT a.*, m.body, m.meeting_date, year(m.meeting_date) AS year, doc.path AS document_path
        FROM attendance a LEFT JOIN meetings m ON m.id = a.meeting_id
        LEFT JOIN documents doc ON doc.id = a.document_id""",
}

# Everything a person did, one row each: linked names by person_id, unlinked ones by the
# name as written (running-text mentions only when linked: an unlinked one is too often
# half a name).
PERSON_RECORD = """
WITH acts AS (
    SELECT person_id, name, CASE role WHEN 'present' THEN 'attended' ELSE role END AS activity,
           role_text AS detail, party, meeting_id, document_id, NULL AS item_id, NULL AS decision_id, page
    FROM attendance
    UNION ALL
    SELECT person_id, name, CASE role WHEN 'chair' THEN 'chaired' WHEN 'adjuster' THEN 'adjusted'
                                      ELSE role END, NULL, NULL, meeting_id, document_id, NULL, NULL, NULL
    FROM officials
    UNION ALL
    SELECT person_id, name, 'presented', NULL, NULL, meeting_id, document_id, item_id, NULL, NULL FROM presenters
    UNION ALL
    SELECT mn.person_id, mn.name, 'named in', NULL, NULL, mn.meeting_id, mn.document_id, it.id, NULL, mn.page
    FROM mentions mn
    LEFT JOIN items it ON it.meeting_id = mn.meeting_id AND mn.line_start BETWEEN it.line_start AND it.line_end
    WHERE mn.person_id IS NOT NULL
    UNION ALL
    SELECT person_id, person_name, 'moved', concat_ws(': ', outcome, text), party, meeting_id, document_id, item_id,
           decision_id, page
    FROM motions WHERE person_name IS NOT NULL OR person_id IS NOT NULL
    UNION ALL
    SELECT person_id, person_name, 'voted', vote, party, meeting_id, document_id, item_id, decision_id, page FROM votes
    UNION ALL
    SELECT person_id, person_name, 'reserved', text, party, meeting_id, document_id, item_id, decision_id, page
    FROM reservations WHERE person_name IS NOT NULL OR person_id IS NOT NULL
    UNION ALL
    SELECT person_id, person_name, 'recused', NULL, party, meeting_id, document_id, item_id, NULL, page FROM recusals
)
SELECT coalesce(a.person_id, 'name:' || lower(a.name)) AS person_key, a.person_id,
       coalesce(p.name, a.name) AS person, a.name AS written_as, a.activity, a.detail, a.party,
       m.body, m.meeting_date, year(m.meeting_date) AS year, a.meeting_id, it.number AS item_number,
       it.title AS item_title, a.item_id, a.decision_id, a.document_id, doc.path AS document_path,
       coalesce(a.page, it.page) AS page
FROM acts a
LEFT JOIN persons p ON p.person_id = a.person_id
LEFT JOIN meetings m ON m.id = a.meeting_id
LEFT JOIN items it ON it.id = a.item_id
LEFT JOIN documents doc ON doc.id = a.document_id
WHERE a.name IS NOT NULL OR a.person_id IS NOT NULL
ORDER BY person_key, m.meeting_date, a.meeting_id, it.ordinal, a.activity
"""
DERIVED = {"person_record": PERSON_RECORD}

# Full-text search: table -> the columns indexed (as a stemmed copy).
SEARCH = {"decisions": ("text",), "items": ("title",), "persons": ("name", "aliases"), "attendance": ("name",)}

# Columns that name a row of another table, declared as foreign keys so Datasette links them.
FOREIGN_KEYS = {"meeting_id": ("meetings", "id"), "document_id": ("documents", "id"), "item_id": ("items", "id"),
                "decision_id": ("decisions", "id"), "person_id": ("persons", "person_id")}
INDEXED = ("meeting_id", "document_id", "item_id", "decision_id", "person_id", "person_key", "body", "year",
           "meeting_date")


class MirrorError(DatabaseError):
    """The mirror cannot be made (a place that cannot be written), said in one line."""


def mirror_path(db: str | Path) -> Path:
    """Where the mirror of a DuckDB file lives: beside it, `minutes.duckdb` -> `minutes.sqlite`."""
    return Path(db).with_suffix(".sqlite")


def source_signature(db: str | Path) -> str:
    """What identifies one state of a DuckDB file: size and modification time of it and its
    write-ahead log, and the mirror's version."""
    parts = [MIRROR_VERSION]
    for path in (Path(db), Path(f"{db}.wal")):
        if path.exists():
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def mirror_info(path: str | Path) -> dict[str, str]:
    """What a mirror records about its making (empty when it is missing or no mirror)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM mirror_info").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return {}


def is_fresh(db: str | Path, mirror: str | Path) -> bool:
    """Whether `mirror` was made from `db` as it is now."""
    return mirror_info(mirror).get("signature") == source_signature(db)


def ensure_mirror(db: str | Path, mirror: str | Path | None = None, progress: bool | None = None,
                  wait_s: float = 0.0) -> tuple[Path, bool]:
    """Make the mirror of `db` (default: beside it) unless it is fresh; return its path and
    whether it was made now."""
    from . import db as duck

    db = Path(db)
    mirror = Path(mirror) if mirror is not None else mirror_path(db)
    signature = source_signature(db)
    if mirror_info(mirror).get("signature") == signature:
        return mirror, False
    con = duck.connect_read_only(db, wait_s=wait_s)
    try:
        write_mirror(con, mirror, {"source": str(db.resolve()), "signature": signature}, progress=progress)
    finally:
        con.close()
    return mirror, True


def write_mirror(con, target: str | Path, info: dict[str, str] | None = None,
                 progress: bool | None = None) -> dict[str, int]:
    """Given an open DuckDB database, write its mirror to `target` (replacing it in one
    rename); return table -> rows. `info` is recorded in `mirror_info`."""
    target = Path(target)
    if target.is_dir():
        raise MirrorError(f"{target} is a folder; give a file for the SQLite mirror")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    sources = _sources(con)
    showing = _showing(progress)
    # the rows are counted beforehand only for a bar that shows its end: counting runs every query twice
    planned = sum(con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for sql in sources.values()) \
        if showing else None
    totals: dict[str, int] = {}
    out = sqlite3.connect(tmp)
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        with _bar(planned, showing) as bar:
            for name, sql in sources.items():
                totals[name] = _copy(con, out, name, sql, bar.update)
        _search_tables(out)
        out.execute("CREATE TABLE mirror_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        out.executemany("INSERT INTO mirror_info VALUES (?, ?)",
                        sorted({"mirror_version": MIRROR_VERSION, **(info or {})}.items()))
        out.commit()
        out.execute("ANALYZE")
    finally:
        out.close()
    os.replace(tmp, target)
    return totals


def decision_index(db: str | Path, documents: Collection[str] | None = None,
                   wait_s: float = 0.0) -> sqlite3.Connection:
    """The mirror's `decisions` table and `decisions_fts`, in memory, holding the decisions
    of `documents` (document ids; every decision when None): what the feeds search after a
    run. Remaking the whole mirror there would cost each run time in proportion to the
    archive rather than to what the run loaded. Rows come back as dicts."""
    from . import db as duck

    sql, params = ENRICHED["decisions"], None
    if documents is not None:
        sql += " WHERE d.document_id IN (SELECT unnest(?::VARCHAR[]))"
        params = [sorted(documents)]
    out = sqlite3.connect(":memory:")
    con = duck.connect_read_only(db, wait_s=wait_s)
    try:
        _copy(con, out, "decisions", sql, lambda _: None, params)
    finally:
        con.close()
    _search_tables(out, ("decisions",))
    out.row_factory = lambda cur, row: {d[0]: v for d, v in zip(cur.description, row)}
    return out


def _sources(con) -> dict[str, str]:
    """name -> DuckDB query of every table and view to mirror, tables first."""
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                       "ORDER BY table_type, table_name").fetchall()
    names = [r[0] for r in rows if r[0] not in SKIP]
    out = {name: ENRICHED.get(name, f'SELECT * FROM "{name}"') for name in names}
    out.update(DERIVED)
    return out


def _column_sql(name: str, duck_type: str) -> tuple[str, str]:
    """Given a DuckDB column, the expression that reads it as SQLite keeps it, and its SQLite type."""
    q = f'"{name}"'
    t = duck_type.upper()
    if t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION", "JSON")):
        return f"CAST(to_json({q}) AS VARCHAR)", "TEXT"
    if t == "BOOLEAN":
        return f"CAST({q} AS INTEGER)", "INTEGER"
    if t.startswith(("DATE", "TIME", "INTERVAL", "UUID")):
        return f"CAST({q} AS VARCHAR)", "TEXT"
    if t in ("HUGEINT", "UHUGEINT", "UBIGINT"):
        return f"CAST({q} AS BIGINT)", "INTEGER"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"):
        return q, "INTEGER"
    if t.startswith(("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
        return f"CAST({q} AS DOUBLE)", "REAL"
    return q, "TEXT"


def _copy(con, out: sqlite3.Connection, name: str, sql: str, advance: Callable[[int], object],
          params: list | None = None) -> int:
    """Create table `name` in the mirror and fill it with the rows of the DuckDB query (with
    its `params`); return how many rows."""
    described = con.execute(f"DESCRIBE {sql}", params).fetchall()
    columns = [(row[0], *_column_sql(row[0], row[1])) for row in described]
    names = [c[0] for c in columns]
    key = "person_id" if name == "persons" else "id" if "id" in names else None
    defs = [f'"{c}" {sqlite_type}' + (" PRIMARY KEY" if c == key else "") for c, _, sqlite_type in columns]
    defs += [f'FOREIGN KEY ("{c}") REFERENCES {FOREIGN_KEYS[c][0]}({FOREIGN_KEYS[c][1]})'
             for c in names if c in FOREIGN_KEYS and FOREIGN_KEYS[c][0] != name]
    out.execute(f'CREATE TABLE "{name}" ({", ".join(defs)})')
    select = ", ".join(expr for _, expr, _ in columns)
    insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})'
    cur = con.execute(f"SELECT {select} FROM ({sql})", params)
    copied = 0
    while rows := cur.fetchmany(BATCH_ROWS):
        out.executemany(insert, rows)
        advance(len(rows))
        copied += len(rows)
    for c in names:
        if c in INDEXED and c != key:
            out.execute(f'CREATE INDEX "{name}_{c}" ON "{name}" ("{c}")')
    return copied


def _search_tables(out: sqlite3.Connection, tables: Collection[str] = tuple(SEARCH)) -> None:
    """Create `<table>_fts` for each searchable table of `tables`: the stemmed copy indexed,
    the original read from the table (see the module's docstring)."""
    out.create_function("minutes_stem", 1, fts.stem_text, deterministic=True)
    for table in tables:
        columns = SEARCH[table]
        cols = ", ".join(f'"{c}"' for c in columns)
        out.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({cols}, content="{table}", '
                    f"tokenize='{fts.TOKENIZE}')")
        stemmed = ", ".join(f'minutes_stem("{c}")' for c in columns)
        out.execute(f'INSERT INTO "{table}_fts" (rowid, {cols}) SELECT rowid, {stemmed} FROM "{table}"')


def _showing(progress: bool | None) -> bool:
    """Whether to show the bar: when asked, or by default on a terminal outside CI."""
    if progress is None:
        return sys.stderr.isatty() and not os.environ.get("CI")
    return progress


def _bar(total: int | None, progress: bool):
    """A bar counting rows copied."""
    from tqdm import tqdm

    return tqdm(total=total, desc="mirror", unit="row", unit_scale=True, dynamic_ncols=True, disable=not progress)
