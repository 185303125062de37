"""The only module that knows DuckDB: schema, per-document loads, failures, summaries."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from .records import Document, Failure, Minutes, Official, PersonLink, stable_id

SCHEMA = Path(__file__).with_name("schema.sql")
TABLES = ("link_review", "presenters", "decisions", "items", "attendance", "mentions", "officials", "meetings", "documents")


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


def _link(link: PersonLink | None) -> list:
    """person_id, link_score, link_method of a link (all NULL when not linked)."""
    if link is None or link.person_id is None:
        return [None, None, None]
    return [link.person_id, link.score, link.method]


def _officials(minutes: Minutes) -> list[Official]:
    """Chair, secretary and adjusters: as linked, or as the meeting names them."""
    if minutes.officials:
        return minutes.officials
    out = []
    for k, m in enumerate(minutes.meetings):
        roles = [("chair", m.chair), ("secretary", m.secretary)] + [("adjuster", a) for a in m.adjusters]
        out += [Official(role=role, name=name, meeting=k) for role, name in roles if name]
    return out


def _review_row(doc_id: str, meeting_id: str | None, source: str, row_id: str, name: str,
                link: PersonLink | None) -> list | None:
    """A link_review row for a name the link stage left unlinked (None when linked or never linked)."""
    if link is None or link.person_id is not None:
        return None
    reason = "ambiguous" if len(link.candidates) > 1 else "weak" if link.candidates else "unknown"
    return [stable_id(row_id, "review"), doc_id, meeting_id, source, row_id, name, reason,
            link.score if link.candidates else None,
            [c.model_dump() for c in link.candidates]]


def _votes(decision) -> list:
    v = decision.votes
    return [v.yes, v.no, v.abstained, v.eligible] if v else [None] * 4


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
        meeting_ids: list[str | None] = [None]
        review: list = []       # unlinked names, for link_review
        presenters: list = []
        if minutes.kind == "minutes":
            meeting_ids = [stable_id(doc.id, "meeting", k) for k in range(len(minutes.meetings))]
            for meeting_id, m in zip(meeting_ids, minutes.meetings):
                con.execute("INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [meeting_id, doc.id, m.body, m.body_name, m.meeting_date, m.start_time,
                             m.end_time, m.location, m.chair, m.secretary])
            rows = []
            for k, o in enumerate(_officials(minutes)):
                meeting_id = meeting_ids[o.meeting]
                row_id = stable_id(meeting_id, o.role, k, o.name)
                rows.append([row_id, meeting_id, doc.id, o.role, o.name, *_link(o.link)])
                review.append(_review_row(doc.id, meeting_id, o.role, row_id, o.name, o.link))
            _insert(con, "INSERT INTO officials (id, meeting_id, document_id, role, name, person_id, link_score, "
                         "link_method) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            item_ids = {}
            rows = []
            for k, item in enumerate(minutes.items):
                meeting_id = meeting_ids[item.meeting]
                item_id = stable_id(meeting_id, "item", k)
                item_ids.setdefault((item.meeting, item.number), item_id)
                rows.append([item_id, meeting_id, doc.id, k, item.number, item.title, item.type_label,
                             item.presenters, item.attachments, *_span(item.span)[:5]])
                for j, name in enumerate(item.presenters):
                    link = item.presenter_links[j] if j < len(item.presenter_links) else None
                    row_id = stable_id(item_id, "presenter", j, name)
                    presenters.append([row_id, item_id, meeting_id, doc.id, j, name, *_link(link)])
                    review.append(_review_row(doc.id, meeting_id, "presenter", row_id, name, link))
            _insert(con, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            _insert(con, "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[d.id, meeting_ids[d.meeting], doc.id, item_ids.get((d.meeting, d.item)), d.item, d.label,
                      d.text, d.recap, d.recap_of, *_span(d.span), bool(d.span and d.span.ocr), *_votes(d)]
                     for d in minutes.decisions])
            _insert(con, "INSERT INTO presenters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", presenters)
            rows = []
            for a in minutes.attendance:
                meeting_id = meeting_ids[a.meeting]
                row_id = stable_id(meeting_id, "attendee", a.name, a.role)
                rows.append([row_id, meeting_id, doc.id, a.name, a.role, a.affiliation, *_link(a.link),
                             *_span(a.span)[:3]])
                review.append(_review_row(doc.id, meeting_id, "attendance", row_id, a.name, a.link))
            _insert(con, "INSERT INTO attendance (id, meeting_id, document_id, name, role, affiliation, person_id, "
                         "link_score, link_method, page, line_start, line_end) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        rows = []
        for k, m in enumerate(minutes.mentions):
            meeting_id = meeting_ids[m.meeting] if m.meeting < len(meeting_ids) else None
            row_id = stable_id(doc.id, "mention", k, m.name)
            rows.append([row_id, doc.id, meeting_id, m.name, m.surface, *_link(m.link),
                         *(_span(m.span)[i] for i in (0, 1, 3, 4))])
            review.append(_review_row(doc.id, meeting_id, "mention", row_id, m.name, m.link))
        _insert(con, "INSERT INTO mentions (id, document_id, meeting_id, name, surface, person_id, link_score, "
                     "link_method, page, line_start, char_start, char_end) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        _insert(con, "INSERT INTO link_review VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [r for r in review if r])
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


def load_persons(con, registry) -> None:
    """Replace the persons table with the registry's persons."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM persons")
        _insert(con, "INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [[e.person_id, e.name, e.aliases, e.organisation, e.title, e.valid_from, e.valid_to, e.note]
                 for e in registry])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def person_sightings(con, running_text: bool = False) -> list[dict]:
    """Every name in an attendance list or signature (with `running_text`, also presenters
    and mentions), with its affiliation, body and meeting date, for the bootstrap."""
    parts = ["SELECT a.name, 'attendance' AS source, a.affiliation, m.body, m.meeting_date "
             "FROM attendance a JOIN meetings m ON m.id = a.meeting_id",
             "SELECT o.name, o.role, NULL, m.body, m.meeting_date FROM officials o JOIN meetings m ON m.id = o.meeting_id"]
    if running_text:
        parts += ["SELECT p.name, 'presenter', NULL, m.body, m.meeting_date FROM presenters p "
                  "JOIN meetings m ON m.id = p.meeting_id",
                  "SELECT n.name, 'mention', NULL, m.body, m.meeting_date FROM mentions n "
                  "LEFT JOIN meetings m ON m.id = n.meeting_id"]
    cur = con.execute(" UNION ALL ".join(parts))
    cols = ["name", "source", "affiliation", "body", "meeting_date"]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def review_rows(con) -> list[dict]:
    """Every name waiting for review, with where it stands and its candidates."""
    cur = con.execute(
        "SELECT r.name, r.source, r.reason, r.best_score, r.candidates, m.body, m.meeting_date, d.path "
        "FROM link_review r JOIN documents d ON d.id = r.document_id "
        "LEFT JOIN meetings m ON m.id = r.meeting_id ORDER BY r.name, d.path")
    cols = ["name", "source", "reason", "best_score", "candidates", "body", "meeting_date", "path"]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
