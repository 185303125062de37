"""Alerts for new decisions on a topic: an Atom feed per saved search, written by `minutes run`.

    params.yaml saved_searches: [{name, query}]  ->  <report>/feeds/<name>.atom

After a run has loaded the database, each saved search runs the same stemmed search as
`minutes serve`'s, on the decisions of the documents the run loaded (on every decision for
a search that is new or whose query changed): decisions it finds that it had not found
before become new entries at the top of the feed. What each search has found so far is kept
beside its feed (`.<name>.json`), so a decision is announced once; the first run announces
what there is. A feed keeps its newest `report.feed_entries` entries, linking to the
decision on the report's meeting page. The run does not remake the SQLite mirror for this:
`minutes serve` and `minutes report` make it when they start.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .. import fts
from .params import FEEDS_DIR, ReportParams, SavedSearch

MATCHES = """
    SELECT d.id, d.meeting_id, d.body, d.meeting_date, d.item_number, d.item_title, d.label, d.text,
           d.document_path, d.page
    FROM decisions_fts JOIN decisions d ON d.rowid = decisions_fts.rowid
    WHERE decisions_fts MATCH ?
    ORDER BY d.meeting_date DESC, d.id"""


@dataclass
class Feeds:
    """What `minutes run` needs to write the feeds after loading (see `run/batch.py`)."""

    searches: list[SavedSearch]
    params: ReportParams = field(default_factory=ReportParams)
    wait_s: float = 0.0      # seconds to retry a database another process holds

    def publish(self, db: str | Path, loaded: Collection[str] | None = None) -> dict[str, int]:
        """Write each feed after a run of `db` that loaded the documents `loaded` (ids; None:
        look at every decision); name -> new decisions. Only a loaded document can hold a
        decision not seen before, unless the search itself is new or changed."""
        from ..store.sqlite import decision_index

        if not self.searches:
            return {}
        report = self.params.folder(db)
        states = {s.name: _state(report / FEEDS_DIR, s.name) for s in self.searches}
        if loaded is not None and any(states[s.name].get("query") != s.query for s in self.searches):
            loaded = None
        if loaded is not None and not loaded:
            return search_and_write(None, self.searches, report, self.params, states=states)   # nothing new
        con = decision_index(db, loaded, wait_s=self.wait_s)
        try:
            return search_and_write(con, self.searches, report, self.params, states=states)
        finally:
            con.close()


def write_feeds(mirror: str | Path, searches: list[SavedSearch], report: str | Path,
                params: ReportParams | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Given the mirror, write `<report>/feeds/<name>.atom` for each saved search; return
    name -> how many decisions were new."""
    from .data import connect

    con = connect(mirror)
    try:
        return search_and_write(con, searches, report, params, now)
    finally:
        con.close()


def search_and_write(con: sqlite3.Connection | None, searches: list[SavedSearch], report: str | Path,
                     params: ReportParams | None = None, now: dt.datetime | None = None,
                     states: dict[str, dict] | None = None) -> dict[str, int]:
    """Given an SQLite connection holding `decisions` and `decisions_fts` as the mirror
    has them (rows as dicts; None: no decisions), run each saved search and write its
    feed; name -> new. `states`: each search's state as already read (else read here)."""
    params = params or ReportParams()
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    folder = Path(report) / FEEDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    new = {}
    for search in searches:
        matches = con.execute(MATCHES, (fts.fts_query(search.query),)).fetchall() if con is not None else []
        state = states[search.name] if states is not None else _state(folder, search.name)
        new[search.name] = _update(folder, search, state, matches, Path(report), params, now)
    return new


def _state_path(folder: Path, name: str) -> Path:
    return folder / f".{name}.json"


def _state(folder: Path, name: str) -> dict:
    """What a search has found so far and its entries (empty when there is no state yet)."""
    try:
        state = json.loads(_state_path(folder, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _update(folder: Path, search: SavedSearch, state: dict, matches: list[dict], report: Path,
            params: ReportParams, now: dt.datetime) -> int:
    """Add the decisions not seen before (by `state`, as read) to the feed of `search`;
    return how many."""
    state_file = _state_path(folder, search.name)
    seen = set(state.get("seen", []))
    fresh = [m for m in matches if m["id"] not in seen]
    entries = [_entry(m, report, params, now) for m in fresh] + state.get("entries", [])
    entries = entries[:params.feed_entries]
    state = {"query": search.query, "seen": sorted(seen | {m["id"] for m in matches}), "entries": entries}
    _write_atom(folder / f"{search.name}.atom", search, entries, now)
    _replace_text(state_file, json.dumps(state, ensure_ascii=False, indent=1))
    return len(fresh)


def _entry(m: dict, report: Path, params: ReportParams, now: dt.datetime) -> dict:
    """A feed entry (as kept in the state file) for one decision."""
    page = f"meetings/{m['meeting_id']}.html#decision-{m['id']}"
    link = (f"{params.base_url.rstrip('/')}/{page}" if params.base_url
            else Path(os.path.abspath(report)).as_uri() + "/" + page)
    where = " ".join(x for x in (m["body"], m["meeting_date"], f"§ {m['item_number']}" if m["item_number"] else None)
                     if x)
    source = m["document_path"] + (f", page {m['page']}" if m["page"] else "")
    return {"id": f"urn:minutes:decision:{m['id']}", "title": f"{where}: {m['item_title'] or m['label']}",
            "link": link, "content": f"{m['text']}\n\nSource: {source}", "category": m["body"],
            "published": m["meeting_date"], "updated": now.isoformat()}


def _write_atom(target: Path, search: SavedSearch, entries: list[dict], now: dt.datetime) -> None:
    """Write the Atom feed of a saved search (feedgen), newest entries first."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(f"urn:minutes:saved-search:{search.name}")
    fg.title(f"Minutes: {search.name}")
    fg.subtitle(f"New decisions matching {search.query}")
    fg.author({"name": "minutes"})
    fg.link(href=target.name, rel="self")
    fg.updated(now)
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e["id"])
        fe.title(e["title"])
        fe.link(href=e["link"])
        fe.content(e["content"], type="text")
        fe.updated(dt.datetime.fromisoformat(e["updated"]))
        if e.get("published"):
            fe.published(dt.datetime.fromisoformat(e["published"]).replace(tzinfo=dt.UTC))
        if e.get("category"):
            fe.category(term=e["category"])
    tmp = target.with_name(f".{target.name}.tmp")
    fg.atom_file(str(tmp), pretty=True)
    os.replace(tmp, target)


def _replace_text(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
