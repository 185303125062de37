"""The only module that knows DuckDB: schema, rows of a document, bulk loads, failures, summaries."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

import duckdb

from ..records import Document, Minutes, Official, PersonLink, stable_id

SCHEMA = Path(__file__).with_name("schema.sql")
LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
RETRY_S = 0.25   # how often a locked database is tried again
TABLES = ("link_review", "presenters", "motions", "votes", "reservations", "recusals", "decisions", "items",
          "attendance", "mentions", "officials", "meetings", "documents")


class DatabaseError(Exception):
    """A database file that cannot be opened, said in one line."""


class DatabaseLocked(DatabaseError):
    """Another process holds the database (DuckDB lets one process write, or any number
    read); `holder` says which, as DuckDB reports it."""

    def __init__(self, path: str | Path, holder: str):
        super().__init__(f"{path} is held by {holder}")
        self.path, self.holder = Path(path), holder


def open_file(path: str | Path, read_only: bool = False, wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open a database file, retrying for `wait_s` seconds while another process holds it;
    raise `DatabaseLocked` (naming the holder) after that, and `DatabaseError` for a file
    that is no database, a folder or a place that cannot be written."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as e:
            message = str(e).removeprefix("IO Error: ").split(" See also ")[0]
            held = LOCK_HOLDER.search(message)
            if held is None:
                raise DatabaseError(message) from None
            if time.monotonic() >= deadline:
                raise DatabaseLocked(path, f"PID {held['pid']} ({held['program']})") from None
            time.sleep(RETRY_S)


def connect(path: str | Path = ":memory:", wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a minutes database and make sure the schema exists."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = open_file(path, wait_s=wait_s) if str(path) != ":memory:" else duckdb.connect(":memory:")
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con


def connect_read_only(path: str | Path, wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open an existing database for reading, retrying while a writer holds it (`open_file`)."""
    return open_file(path, read_only=True, wait_s=wait_s)


def query_table(con, query: str, max_rows: int = 100, max_width: int = 200) -> str:
    """Run one query and return its result as a printable table (DuckDB's own rendering);
    `DatabaseError` with DuckDB's first line when the query is empty or wrong."""
    import contextlib
    import io

    if not query.strip():
        raise DatabaseError("the query is empty")
    out = io.StringIO()
    try:
        relation = con.sql(query)
        if relation is None:
            return "ok"
        with contextlib.redirect_stdout(out):
            relation.show(max_width=max_width, max_rows=max_rows)
    except duckdb.Error as e:
        raise DatabaseError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None
    return out.getvalue().rstrip("\n")


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


def _ocr(span) -> list:
    """Whether the row was read by OCR, and the lowest OCR confidence (0-100) of its lines."""
    return [bool(span and span.ocr), span.ocr_confidence if span else None]


def _votes(decision) -> list:
    v = decision.votes
    return [v.yes, v.no, v.abstained, v.eligible] if v else [None] * 4


# Columns of the rows `document_rows` makes, per table, in its order.
COLUMNS = {
    "documents": ("id", "path", "format", "encoding", "pages", "sha256", "kind", "warnings", "ingested_at",
                  "pipeline_version"),
    "meetings": ("id", "document_id", "body", "body_name", "meeting_date", "start_time", "end_time", "location",
                 "chair", "secretary"),
    "officials": ("id", "meeting_id", "document_id", "role", "name", "person_id", "link_score", "link_method"),
    "items": ("id", "meeting_id", "document_id", "ordinal", "number", "title", "case_number", "type_label",
              "presenters", "attachments", "page", "line_start", "line_end", "char_start", "char_end", "ocr",
              "ocr_confidence"),
    "decisions": ("id", "meeting_id", "document_id", "item_id", "item_number", "label", "text", "recap", "recap_of",
                  "page", "line_start", "line_end", "char_start", "char_end", "ocr", "ocr_confidence", "votes_for",
                  "votes_against", "votes_abstained", "votes_eligible", "adjusted_immediately"),
    "presenters": ("id", "item_id", "meeting_id", "document_id", "ordinal", "name", "person_id", "link_score",
                   "link_method"),
    "attendance": ("id", "meeting_id", "document_id", "name", "role", "affiliation", "party", "role_text",
                   "substitutes_for", "limited_to", "paragraphs", "person_id", "link_score",
                   "link_method", "page", "line_start", "line_end", "ocr", "ocr_confidence"),
    "motions": ("id", "decision_id", "item_id", "meeting_id", "document_id", "person_name", "party", "text",
                "outcome", "person_id", "link_score", "link_method", "page", "line_start", "line_end"),
    "votes": ("id", "decision_id", "item_id", "meeting_id", "document_id", "person_name", "party", "vote",
              "person_id", "link_score", "link_method", "page", "line_start"),
    "reservations": ("id", "decision_id", "item_id", "meeting_id", "document_id", "person_name", "party", "grp",
                     "text", "person_id", "link_score", "link_method", "page", "line_start"),
    "recusals": ("id", "item_id", "meeting_id", "document_id", "person_name", "party", "person_id", "link_score",
                 "link_method", "page", "line_start"),
    "mentions": ("id", "document_id", "meeting_id", "name", "surface", "person_id", "link_score", "link_method",
                 "page", "line_start", "char_start", "char_end", "ocr", "ocr_confidence"),
    "link_review": ("id", "document_id", "meeting_id", "source", "row_id", "name", "reason", "best_score",
                    "candidates"),
}


def document_rows(doc: Document, minutes: Minutes, version: str,
                  ingested_at: dt.datetime | None = None) -> dict[str, list[dict]]:
    """Given a document and its (linked) minutes, return its rows per table as JSON-ready
    dicts (dates as ISO text). Raises ValueError on a bad date or two rows with one id."""
    out: dict[str, list[list]] = {table: [] for table in COLUMNS}
    ingested_at = ingested_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    out["documents"].append([doc.id, doc.path, doc.format, doc.encoding, doc.pages, doc.id, minutes.kind, doc.warnings,
                             ingested_at.isoformat(), version])
    meeting_ids: list[str | None] = [None]
    review: list = []       # unlinked names, for link_review
    if minutes.kind == "minutes":
        meeting_ids = [stable_id(doc.id, "meeting", k) for k in range(len(minutes.meetings))]
        for meeting_id, m in zip(meeting_ids, minutes.meetings):
            out["meetings"].append([meeting_id, doc.id, m.body, m.body_name, _iso_date(m.meeting_date),
                                    m.start_time, m.end_time, m.location, m.chair, m.secretary])
        for k, o in enumerate(_officials(minutes)):
            meeting_id = meeting_ids[o.meeting]
            row_id = stable_id(meeting_id, o.role, k, o.name)
            out["officials"].append([row_id, meeting_id, doc.id, o.role, o.name, *_link(o.link)])
            review.append(_review_row(doc.id, meeting_id, o.role, row_id, o.name, o.link))
        item_ids: dict[tuple[int, str | None], str] = {}   # (meeting, number) -> id
        for k, item in enumerate(minutes.items):
            meeting_id = meeting_ids[item.meeting]
            item_id = stable_id(meeting_id, "item", k)
            item_ids.setdefault((item.meeting, item.number), item_id)
            out["items"].append([item_id, meeting_id, doc.id, k, item.number, item.title, item.case_number,
                                 item.type_label, item.presenters, item.attachments, *_span(item.span)[:5],
                                 *_ocr(item.span)])
            for j, name in enumerate(item.presenters):
                link = item.presenter_links[j] if j < len(item.presenter_links) else None
                row_id = stable_id(item_id, "presenter", j, name)
                out["presenters"].append([row_id, item_id, meeting_id, doc.id, j, name, *_link(link)])
                review.append(_review_row(doc.id, meeting_id, "presenter", row_id, name, link))
        out["decisions"] = [[d.id, meeting_ids[d.meeting], doc.id, item_ids.get((d.meeting, d.item)), d.item,
                             d.label, d.text, d.recap, d.recap_of, *_span(d.span), *_ocr(d.span),
                             *_votes(d), d.adjusted_immediately] for d in minutes.decisions]
        for a in minutes.attendance:
            meeting_id = meeting_ids[a.meeting]
            row_id = stable_id(meeting_id, "attendee", a.name, a.role, a.substitutes_for or "", a.limited_to or "")
            out["attendance"].append([row_id, meeting_id, doc.id, a.name, a.role, a.affiliation, a.party,
                                      a.role_text, a.substitutes_for, a.limited_to, a.paragraphs,
                                      *_link(a.link), *_span(a.span)[:3], *_ocr(a.span)])
            review.append(_review_row(doc.id, meeting_id, "attendance", row_id, a.name, a.link))
        _municipal_rows(out, review, doc.id, minutes, meeting_ids, item_ids)
    for k, m in enumerate(minutes.mentions):
        meeting_id = meeting_ids[m.meeting] if m.meeting < len(meeting_ids) else None
        row_id = stable_id(doc.id, "mention", k, m.name)
        out["mentions"].append([row_id, doc.id, meeting_id, m.name, m.surface, *_link(m.link),
                                *(_span(m.span)[i] for i in (0, 1, 3, 4)), *_ocr(m.span)])
        review.append(_review_row(doc.id, meeting_id, "mention", row_id, m.name, m.link))
    out["link_review"] = [r for r in review if r]
    for table, rows in out.items():
        ids = [row[0] for row in rows]
        if len(set(ids)) != len(ids):
            raise ValueError(f"two {table} rows of document {doc.id[:12]} have the same id")
    return {table: [dict(zip(COLUMNS[table], row)) for row in rows] for table, rows in out.items()}


def _municipal_rows(out: dict, review: list, doc_id: str, minutes: Minutes, meeting_ids: list,
                    item_ids: dict) -> None:
    """Rows of motions, votes, reservations and recusals (municipal protokoll)."""
    def ids(row, kind: str, k: int) -> tuple[str, str, str | None]:
        meeting_id = meeting_ids[row.meeting]
        return stable_id(meeting_id, kind, k, getattr(row, "person_name", None) or ""), meeting_id, \
            item_ids.get((row.meeting, row.item))

    for k, m in enumerate(minutes.motions):
        row_id, meeting_id, item_id = ids(m, "motion", k)
        out["motions"].append([row_id, m.decision, item_id, meeting_id, doc_id, m.person_name, m.party, m.text,
                               m.outcome, *_link(m.link), *_span(m.span)[:3]])
        if m.person_name:
            review.append(_review_row(doc_id, meeting_id, "motion", row_id, m.person_name, m.link))
    for k, b in enumerate(minutes.ballots):
        row_id, meeting_id, item_id = ids(b, "vote", k)
        out["votes"].append([row_id, b.decision, item_id, meeting_id, doc_id, b.person_name, b.party, b.vote,
                             *_link(b.link), *_span(b.span)[:2]])
        review.append(_review_row(doc_id, meeting_id, "vote", row_id, b.person_name, b.link))
    for k, r in enumerate(minutes.reservations):
        row_id, meeting_id, item_id = ids(r, "reservation", k)
        out["reservations"].append([row_id, r.decision, item_id, meeting_id, doc_id, r.person_name, r.party, r.group,
                                    r.text, *_link(r.link), *_span(r.span)[:2]])
        if r.person_name:
            review.append(_review_row(doc_id, meeting_id, "reservation", row_id, r.person_name, r.link))
    for k, r in enumerate(minutes.recusals):
        row_id, meeting_id, item_id = ids(r, "recusal", k)
        out["recusals"].append([row_id, item_id, meeting_id, doc_id, r.person_name, r.party, *_link(r.link),
                                *_span(r.span)[:2]])
        review.append(_review_row(doc_id, meeting_id, "recusal", row_id, r.person_name, r.link))


def linked_rows(linked) -> dict[str, list[dict]]:
    """The rows of one `LinkedMinutes`, per table."""
    return document_rows(linked.document, linked.minutes, linked.version, ingested_at=linked.ingested_at)


def check_rows(linked) -> None:
    """Raise ValueError when the rows of these linked minutes cannot be loaded (a bad date,
    two rows with one id)."""
    linked_rows(linked)


def _iso_date(text: str | None) -> str | None:
    """An ISO date as the database's DATE reads it; ValueError when it is not a date."""
    return dt.date.fromisoformat(text).isoformat() if text else None


def load_document(con, doc: Document, minutes: Minutes, version: str) -> None:
    """Replace everything stored for this document with these results, in one transaction."""
    rows = document_rows(doc, minutes, version)
    con.execute("BEGIN TRANSACTION")
    try:
        delete_documents(con, [doc.id])
        con.execute("DELETE FROM failures WHERE path = ? OR document_id = ?", [doc.path, doc.id])
        for table, records in rows.items():
            if records:
                cols = COLUMNS[table]
                con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [[r[c] for c in cols] for r in records])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


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
        con.execute("DELETE FROM person_parties")
        _insert(con, "INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [[e.person_id, e.name, e.aliases, e.organisation, e.title, e.valid_from, e.valid_to, e.note]
                 for e in registry])
        _insert(con, "INSERT INTO person_parties VALUES (?, ?, ?, ?)",
                [[e.person_id, m.party, m.valid_from, m.valid_to] for e in registry for m in e.parties])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def person_sightings(con, running_text: bool = False) -> list[dict]:
    """Every name in an attendance list or signature (with `running_text`, also presenters
    and mentions), with its affiliation, body, meeting date and party, for the bootstrap."""
    parts = ["SELECT a.name, 'attendance' AS source, a.affiliation, m.body, m.meeting_date, a.party "
             "FROM attendance a JOIN meetings m ON m.id = a.meeting_id",
             "SELECT o.name, o.role, NULL, m.body, m.meeting_date, NULL "
             "FROM officials o JOIN meetings m ON m.id = o.meeting_id"]
    if running_text:
        parts += ["SELECT p.name, 'presenter', NULL, m.body, m.meeting_date, NULL FROM presenters p "
                  "JOIN meetings m ON m.id = p.meeting_id",
                  "SELECT n.name, 'mention', NULL, m.body, m.meeting_date, NULL FROM mentions n "
                  "LEFT JOIN meetings m ON m.id = n.meeting_id"]
    cur = con.execute(" UNION ALL ".join(parts))
    cols = ["name", "source", "affiliation", "body", "meeting_date", "party"]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def review_rows(con) -> list[dict]:
    """Every name waiting for review, with where it stands and its candidates."""
    cur = con.execute(
        "SELECT r.name, r.source, r.reason, r.best_score, r.candidates, m.body, m.meeting_date, d.path "
        "FROM link_review r JOIN documents d ON d.id = r.document_id "
        "LEFT JOIN meetings m ON m.id = r.meeting_id ORDER BY r.name, d.path")
    cols = ["name", "source", "reason", "best_score", "candidates", "body", "meeting_date", "path"]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


# Building the database from the per-document outputs (pipeline/stages/load.py drives these).

def delete_documents(con, ids) -> None:
    """Delete every row of these documents from every per-document table (not failures)."""
    ids = list(ids)
    if not ids:
        return
    for table in TABLES:
        key = "id" if table == "documents" else "document_id"
        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [ids])


def stored_documents(con) -> dict[str, tuple[str, str]]:
    """document id -> (path, pipeline_version) of every loaded document."""
    return {i: (p, v) for i, p, v in con.execute("SELECT id, path, pipeline_version FROM documents").fetchall()}


def open_database(path: str | Path, wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open an existing database as it is, without applying the schema (see `read_build_info`)."""
    return open_file(path, wait_s=wait_s)


def read_build_info(con) -> dict[str, str]:
    """What the database was built with (schema version, registry digest); empty for a
    database made before this table existed."""
    try:
        return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.CatalogException:
        return {}


class RowSpool:
    """Rows of many documents, spooled to one newline-delimited JSON file per table in
    `folder` and inserted in bulk by DuckDB's JSON reader (row-by-row inserts were most of
    a load's time)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.files: dict = {}
        self.documents = 0

    def add(self, tables: dict[str, list[dict]]) -> None:
        self.documents += 1
        for table, rows in tables.items():
            if not rows:
                continue
            f = self.files.get(table)
            if f is None:
                f = self.files[table] = open(self.folder / f"{table}.ndjson", "w", encoding="utf-8")
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def insert(self, con) -> None:
        for table, f in self.files.items():
            f.close()
            types = {c[0]: c[1] for c in con.execute(f"DESCRIBE {table}").fetchall()}
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_json(?, format = 'newline_delimited', "
                        "columns = ?)", [str(f.name), types])
        self.files = {}

    def close(self) -> None:
        for f in self.files.values():
            f.close()
        self.files = {}


def replace_documents(con, remove, spool: RowSpool, failures: list[list], paths: dict[str, str],
                      info: dict[str, str]) -> None:
    """In one transaction: delete the rows of the documents in `remove`, insert the spooled
    rows, move documents to new paths (`paths`: id -> path), replace the failures table with
    `failures` (path, document_id, stage, code, error, failed_at) and record `info`."""
    con.execute("BEGIN TRANSACTION")
    try:
        delete_documents(con, remove)
        spool.insert(con)
        for doc_id, path in paths.items():
            con.execute("UPDATE documents SET path = ? WHERE id = ?", [path, doc_id])
        con.execute("DELETE FROM failures")
        if failures:
            con.executemany("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)", failures)
        for key, value in info.items():
            con.execute("INSERT OR REPLACE INTO build_info VALUES (?, ?)", [key, value])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def build_atomically(path: str | Path, fill, wait_s: float = 0.0):
    """Build a new database at `path`: `fill(con)` writes into a temporary file beside it,
    which then replaces `path` in one rename, so a crash keeps the old database whole.
    Returns what `fill` returned. The caller holds the run lock (`run/lock.py`): the
    temporary file is this run's alone."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.building")
    for stale in (tmp, Path(f"{tmp}.wal")):
        stale.unlink(missing_ok=True)
    con = connect(tmp)
    try:
        result = fill(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if Path(f"{path}.wal").exists():   # fold the old database's log into it, or it would replay onto the new one
        open_file(path, wait_s=wait_s).close()
    os.replace(tmp, path)
    return result
