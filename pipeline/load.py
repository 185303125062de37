"""The only module that knows DuckDB: schema, per-document loads, failures, summaries."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from .records import Document, Failure, Minutes, stable_id

SCHEMA = Path(__file__).with_name("schema.sql")
TABLES = ("decisions", "items", "attendance", "mentions", "officials", "meetings", "documents")


def connect(path: str | Path = ":memory:") -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a minutes database and make sure the schema exists."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con


def is_loaded(con, document_id: str, version: str) -> bool:
    """True when this document was already loaded by this pipeline version."""
    row = con.execute("SELECT pipeline_version FROM documents WHERE id = ?", [document_id]).fetchone()
    return row is not None and row[0] == version


def _insert(con, sql: str, rows: list) -> None:
    if rows:
        con.executemany(sql, rows)


def _span(span) -> list:
    return [span.page, span.line_start, span.line_end, span.char_start, span.char_end] if span else [None] * 5


def load_document(con, doc: Document, minutes: Minutes, version: str) -> None:
    """Replace everything stored for this document with these results, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            key = "id" if table == "documents" else "document_id"
            con.execute(f"DELETE FROM {table} WHERE {key} = ?", [doc.id])
        con.execute("DELETE FROM failures WHERE path = ? OR document_id = ?", [doc.path, doc.id])
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc.id, doc.path, doc.format, doc.pages, doc.id, minutes.kind, doc.warnings,
                     dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), version])
        meeting_id = None
        if minutes.kind == "minutes":
            meeting_id = stable_id(doc.id, "meeting", 0)
            m = minutes.meeting
            con.execute("INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [meeting_id, doc.id, m.body, m.body_name, m.meeting_date, m.start_time,
                         m.end_time, m.location, m.chair, m.secretary])
            officials = [("chair", m.chair), ("secretary", m.secretary)] + [("adjuster", a) for a in m.adjusters]
            _insert(con, "INSERT INTO officials VALUES (?, ?, ?, ?, ?, NULL)",
                            [[stable_id(meeting_id, role, k, name), meeting_id, doc.id, role, name]
                             for k, (role, name) in enumerate(officials) if name])
            item_ids = {}
            rows = []
            for k, item in enumerate(minutes.items):
                item_id = stable_id(meeting_id, "item", k)
                item_ids.setdefault(item.number, item_id)
                rows.append([item_id, meeting_id, doc.id, k, item.number, item.title, item.type_label,
                             item.presenters, item.attachments, *_span(item.span)[:5]])
            _insert(con, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            _insert(con, "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [[d.id, meeting_id, doc.id, item_ids.get(d.item), d.item, d.label, d.text,
                              d.recap, d.recap_of, *_span(d.span), bool(d.span and d.span.ocr)]
                             for d in minutes.decisions])
            _insert(con, "INSERT INTO attendance VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                            [[stable_id(meeting_id, "attendee", a.name, a.role), meeting_id, doc.id, a.name,
                              a.role, a.affiliation, *_span(a.span)[:3]] for a in minutes.attendance])
        _insert(con, "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                        [[stable_id(doc.id, "mention", k, m.name), doc.id, meeting_id, m.name, m.surface,
                          *(_span(m.span)[i] for i in (0, 1, 3, 4))] for k, m in enumerate(minutes.mentions)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_failure(con, failure: Failure, document_id: str | None = None) -> None:
    """Remember why a file failed; its earlier good rows, if any, stay as they were."""
    con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                [failure.path, document_id, failure.stage, failure.code, failure.message,
                 dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])


def summary(con) -> dict[str, int]:
    """Counts an analyst sees after a run."""
    q = {
        "files": "SELECT count(*) FROM documents",
        "meetings": "SELECT count(*) FROM meetings",
        "items": "SELECT count(*) FROM items",
        "decisions": "SELECT count(*) FROM decisions",
        "people": "SELECT count(DISTINCT lower(name)) FROM (SELECT name FROM attendance UNION ALL "
                  "SELECT name FROM mentions UNION ALL SELECT name FROM officials)",
        "failures": "SELECT count(*) FROM failures",
    }
    return {k: con.execute(sql).fetchone()[0] for k, sql in q.items()}
