"""The Datasette plugin of minutes (registered by `app.make_datasette`).

- `escape_fts`, the SQL function Datasette's table search calls, and `minutes_fts`, the one
  the canned queries call, both stem the query (`pipeline/fts.py`), so a search box on
  decisions, items, persons or attendance finds "beslut" for "beslutade";
- a cell named `snippet` shows the matches FTS5 marked with <mark>, the rest escaped;
- a `document_path` cell links to `/-/source/<database>?path=...#page=N`, which serves that
  file (only files the documents table names) so the browser opens it at the row's page;
- in query results, ids of decisions, items, meetings and persons link to their rows;
- when the DuckDB file changes (or `minutes run` replaced the mirror) while Datasette runs,
  the next request makes the mirror again and Datasette reads the new one (`MirrorWatcher`).
"""
from __future__ import annotations

import asyncio
import mimetypes
import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response
from markupsafe import Markup, escape

from .. import fts

MARK, UNMARK = "<mark>", "</mark>"
FORGET_WAIT_S = 30   # how long a swap of the mirror waits for a query thread that is busy
ROW_TABLES = {"decision_id": "decisions", "item_id": "items", "meeting_id": "meetings"}
SEARCH_KINDS = {"decision": "decisions", "item": "items"}
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@hookimpl(trylast=True)   # after Datasette's own, so this escape_fts is the one that stays
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts.fts_query, deterministic=True)
    conn.create_function("minutes_fts", 1, fts.fts_query, deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str) or not value:
        return None
    if column == "snippet" and MARK in value:
        return marked(value)
    if column == "document_path":
        page = _get(row, "page")
        href = datasette.urls.path(f"/-/source/{quote(database)}?path={quote(value)}") + (
            f"#page={page}" if page else "")
        text = Path(value).name + (f", p. {page}" if page else "")
        return Markup(f'<a class="source" href="{escape(href)}" title="{escape(value)}">{escape(text)}</a>')
    if table is None:
        return _row_link(row, value, column, database, datasette)
    return None


def marked(value: str) -> Markup:
    """Given FTS5's snippet with <mark> around matches, the same as safe HTML."""
    parts = [str(escape(p)) for p in value.split(MARK)]
    html = parts[0] + "".join(MARK + p.replace(str(escape(UNMARK)), UNMARK, 1) for p in parts[1:])
    return Markup(html)


def _row_link(row, value: str, column: str, database: str, datasette) -> Markup | None:
    """In query results: a decision, item or meeting id links to its row, a person to their record."""
    if column in ROW_TABLES:
        href = datasette.urls.row(database, ROW_TABLES[column], value)
    elif column == "person_id":
        href = datasette.urls.path(f"/{quote(database)}/record?person={quote(value)}")
    elif column == "id" and _get(row, "kind") in SEARCH_KINDS:
        href = datasette.urls.row(database, SEARCH_KINDS[_get(row, "kind")], value)
    elif column == "id" and _get(row, "kind") in ("person", "name"):
        href = datasette.urls.path(f"/{quote(database)}/record?person={quote(value)}")
    else:
        return None
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


def _get(row, key: str):
    try:
        return row[key]
    except (IndexError, KeyError, TypeError):
        return None


@hookimpl
def register_routes():
    return [(r"^/-/source/(?P<database>[^/]+)$", source_file)]


async def source_file(datasette, request):
    """Serve a source file the database names (`?path=`), inline, so PDFs open at #page=N."""
    path = request.args.get("path") or ""
    try:
        db = datasette.get_database(request.url_vars["database"])
    except KeyError:
        return Response.text("no such database", status=404)
    row = (await db.execute("SELECT format, encoding FROM documents WHERE path = ? LIMIT 1", [path])).first()
    if row is None:
        return Response.text("no document has that path", status=404)
    if not Path(path).is_file():
        return Response.text(f"{path} is no longer on this disk", status=404)
    fmt, encoding = row["format"], row["encoding"]
    content_type = CONTENT_TYPES.get(fmt) or (
        f"text/plain; charset={encoding or 'utf-8'}" if fmt in ("text", "markdown", "txt", "md")
        else mimetypes.guess_type(path)[0] or "application/octet-stream")
    return AsgiFileDownload(path, content_type=content_type)


@hookimpl
def asgi_wrapper(datasette):
    config = datasette.plugin_config("minutes") or {}
    if not config.get("duckdb"):
        return None
    watcher = MirrorWatcher(datasette, Path(config["duckdb"]), Path(config["mirror"]), config["check_every_s"])

    def wrap(app):
        async def checked(scope, receive, send):
            if scope["type"] == "http":
                await watcher.check()
            await app(scope, receive, send)
        return checked
    return wrap


class MirrorWatcher:
    """Keeps Datasette on a mirror of the DuckDB file as it is now: at most every
    `every_s` seconds a request looks at the file (and at the mirror, which `minutes run`
    may have replaced), makes the mirror again when it changed and swaps Datasette's
    database for it. While a run holds the DuckDB file the old mirror is served."""

    def __init__(self, datasette, db: Path, mirror: Path, every_s: float):
        self.datasette, self.db, self.mirror, self.every_s = datasette, db, mirror, every_s
        self.seen = self._state()
        self.next_check = 0.0
        self.lock = asyncio.Lock()

    def _state(self) -> tuple:
        from ..store.sqlite import source_signature

        try:
            st = os.stat(self.mirror)
            return source_signature(self.db), st.st_ino, st.st_mtime_ns, st.st_size
        except OSError:
            return source_signature(self.db), None

    async def check(self) -> None:
        from datasette.database import Database

        from ..store.db import DatabaseError
        from ..store.sqlite import ensure_mirror

        if time.monotonic() < self.next_check:
            return
        async with self.lock:
            self.next_check = time.monotonic() + self.every_s
            if self._state() == self.seen:
                return
            try:
                await asyncio.to_thread(ensure_mirror, self.db, self.mirror, False, 0.0)
            except DatabaseError:   # a run is writing it: serve what there is, look again later
                return
            name = self.mirror.stem
            forgotten = await asyncio.to_thread(self._forget_connections, name)
            old = self.datasette.databases.get(name)
            if old is not None:
                self.datasette.remove_database(name)
                if forgotten:   # no thread holds the old connections any more
                    old.close()
            self.datasette.add_database(Database(self.datasette, path=str(self.mirror)), name=name)
            self.seen = self._state()

    def _forget_connections(self, name: str) -> bool:
        """Make each of Datasette's query threads drop its connection to the replaced file
        (they keep one per database name): one task per thread, held at a barrier until
        every thread has taken one. False when a busy thread kept its connection."""
        from datasette.database import connections

        executor = self.datasette.executor
        threads = self.datasette.setting("num_sql_threads") or 0
        if executor is None or threads < 1:
            return True
        barrier = threading.Barrier(threads)

        def forget():
            if hasattr(connections, name):
                delattr(connections, name)
            barrier.wait(timeout=FORGET_WAIT_S)

        everyone = True
        for future in [executor.submit(forget) for _ in range(threads)]:
            try:
                future.result()
            except threading.BrokenBarrierError:   # a thread busy past the wait keeps its old connection
                everyone = False
        return everyone
