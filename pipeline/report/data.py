"""What the report's pages and plots show, read from the SQLite mirror (`store/sqlite.py`).

Each function is given an open mirror and returns plain dicts, so the templates and the
charts never see SQL.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

NO_BODY = "(body not stated)"
QUALITY = (   # (table, measure, condition): the share of rows read by OCR or left unlinked
    ("items", "read by OCR", "ocr = 1"),
    ("decisions", "read by OCR", "ocr = 1"),
    ("attendance", "read by OCR", "ocr = 1"),
    ("mentions", "read by OCR", "ocr = 1"),
    ("attendance", "not linked to a person", "person_id IS NULL"),
    ("officials", "not linked to a person", "person_id IS NULL"),
    ("presenters", "not linked to a person", "person_id IS NULL"),
    ("mentions", "not linked to a person", "person_id IS NULL"),
    ("motions", "not linked to a person", "person_id IS NULL AND person_name IS NOT NULL"),
    ("votes", "not linked to a person", "person_id IS NULL"),
    ("reservations", "not linked to a person", "person_id IS NULL AND person_name IS NOT NULL"),
    ("recusals", "not linked to a person", "person_id IS NULL"),
)


def connect(mirror: str | Path) -> sqlite3.Connection:
    """The mirror opened for reading, rows as dicts."""
    con = sqlite3.connect(f"file:{mirror}?mode=ro", uri=True)
    con.row_factory = lambda cur, row: {d[0]: v for d, v in zip(cur.description, row)}
    return con


def _all(con, sql: str, params=()) -> list[dict]:
    return con.execute(sql, params).fetchall()


def body_label(body: str | None) -> str:
    return body or NO_BODY


def overview(con) -> dict[str, int]:
    """Counts for the index page."""
    counts = {t: con.execute(f'SELECT count(*) AS n FROM "{t}"').fetchone()["n"]
              for t in ("documents", "meetings", "items", "decisions", "attendance", "failures", "link_review")}
    counts["people"] = con.execute("SELECT count(DISTINCT person_key) AS n FROM person_record").fetchone()["n"]
    return counts


def bodies(con) -> list[dict]:
    """Every body with its meetings, decisions and first and last date, most meetings first."""
    return _all(con, """
        SELECT m.body, count(*) AS meetings, min(m.meeting_date) AS first, max(m.meeting_date) AS last,
               (SELECT count(*) FROM decisions d WHERE d.body IS m.body) AS decisions
        FROM meetings m GROUP BY m.body ORDER BY meetings DESC, m.body""")


def body_meetings(con, body: str | None) -> list[dict]:
    """The meetings of one body, newest first, with how many items, decisions and names each has."""
    return _all(con, """
        SELECT m.*, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) AS items,
               (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id) AS decisions,
               (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.role = 'present') AS present
        FROM meetings m WHERE m.body IS ? ORDER BY m.meeting_date DESC, m.id""", (body,))


def meeting_ids(con) -> list[str]:
    return [r["id"] for r in _all(con, "SELECT id FROM meetings ORDER BY meeting_date, id")]


def meeting(con, meeting_id: str) -> dict:
    """One meeting with its officials, attendance and items, each item with its decisions and
    (municipal protokoll) motions, votes, reservations and recusals."""
    m = con.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    m["officials"] = _all(con, "SELECT role, name, person_id FROM officials WHERE meeting_id = ? ORDER BY "
                               "CASE role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, name", (meeting_id,))
    m["attendance"] = _all(con, """
        SELECT a.*, coalesce(a.person_id, 'name:' || lower(a.name)) AS person_key FROM attendance a
        WHERE a.meeting_id = ?
        ORDER BY CASE a.role WHEN 'present' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END, a.line_start""",
                           (meeting_id,))
    by_item: dict = {}
    for table, order in (("decisions", "line_start, char_start"), ("motions", "line_start"),
                         ("votes", "party, person_name"), ("reservations", "line_start"), ("recusals", "line_start")):
        for row in _all(con, f'SELECT * FROM "{table}" WHERE meeting_id = ? ORDER BY {order}', (meeting_id,)):
            by_item.setdefault(row.get("item_id"), {}).setdefault(table, []).append(row)
    items = _all(con, "SELECT * FROM items WHERE meeting_id = ? ORDER BY ordinal", (meeting_id,))
    for item in items:
        item.update(_parts(by_item.pop(item["id"], {})))
    m["items"] = items
    m["loose"] = _parts(by_item.pop(None, {}))           # rows the minutes did not put under an item
    for rest in by_item.values():                        # an item id the items table lacks
        for key, rows in _parts(rest).items():
            m["loose"][key] += rows
    return m


def _parts(rows: dict) -> dict:
    parts = {t: rows.get(t, []) for t in ("decisions", "motions", "votes", "reservations", "recusals")}
    parts["vote_tally"] = _tally(parts["votes"])
    return parts


def _tally(votes: list[dict]) -> list[dict]:
    """Roll-call votes counted per party: [{party, ja, nej, avstår, frånvarande}]."""
    out: dict = {}
    for v in votes:
        row = out.setdefault(v.get("party") or "", {"party": v.get("party") or "", "ja": 0, "nej": 0, "avstår": 0,
                                                     "frånvarande": 0})
        row[v["vote"]] = row.get(v["vote"], 0) + 1
    return list(out.values())


def people(con) -> list[dict]:
    """Everyone in the person record, with how many meetings they attended and their first and last."""
    return _all(con, """
        SELECT person_key, min(person) AS person, max(person_id) AS person_id,
               count(DISTINCT CASE WHEN activity = 'attended' THEN coalesce(meeting_date, meeting_id) END) AS attended,
               count(*) AS rows, min(meeting_date) AS first, max(meeting_date) AS last,
               group_concat(DISTINCT body) AS bodies
        FROM person_record GROUP BY person_key ORDER BY attended DESC, rows DESC, person""")


def person(con, key: str) -> dict:
    """One person: the registry entry (if linked), their record and attendance per body and year."""
    p: dict[str, Any] = {"person_key": key, "entry": None}
    if not key.startswith("name:"):
        p["entry"] = con.execute("SELECT * FROM persons WHERE person_id = ?", (key,)).fetchone()
    p["record"] = _all(con, "SELECT * FROM person_record WHERE person_key = ? ORDER BY meeting_date, meeting_id, "
                            "item_number, activity", (key,))
    p["person"] = p["entry"]["name"] if p["entry"] else (p["record"][0]["person"] if p["record"] else key)
    p["written_as"] = sorted({r["written_as"] for r in p["record"] if r["written_as"]})
    p["per_year"] = _all(con, """
        SELECT body, year,
               count(DISTINCT CASE WHEN activity = 'attended' THEN coalesce(meeting_date, meeting_id) END) AS attended,
               count(DISTINCT CASE WHEN activity = 'absent' THEN coalesce(meeting_date, meeting_id) END) AS absent,
               sum(activity IN ('chaired', 'secretary', 'adjusted')) AS official,
               sum(activity = 'presented') AS presented, sum(activity = 'named in') AS named,
               sum(activity IN ('moved', 'voted', 'reserved', 'recused')) AS municipal
        FROM person_record WHERE person_key = ? GROUP BY body, year ORDER BY year, body""", (key,))
    return p


def failures(con) -> list[dict]:
    return _all(con, "SELECT * FROM failures ORDER BY path")


def review(con) -> list[dict]:
    """The link-review queue with where each name stands."""
    return _all(con, """
        SELECT r.name, r.source, r.reason, r.best_score, r.candidates, m.body, m.meeting_date, m.id AS meeting_id,
               d.path AS document_path
        FROM link_review r LEFT JOIN documents d ON d.id = r.document_id LEFT JOIN meetings m ON m.id = r.meeting_id
        ORDER BY r.name, d.path""")


# The plots' data.

def per_body_year(con, table: str) -> list[dict]:
    """[{body, year, n}] of a table that has body and year (meetings, decisions)."""
    rows = _all(con, f'SELECT body, year, count(*) AS n FROM "{table}" WHERE year IS NOT NULL GROUP BY body, year '
                     "ORDER BY year, body")
    return [{**r, "body": body_label(r["body"])} for r in rows]


def attendance_grid(con, max_people: int, max_meetings: int) -> list[dict]:
    """[{person, meeting, date, role}] for the people at most meetings over the latest dated
    meetings: the heat map's cells."""
    latest = [r["id"] for r in _all(con, "SELECT id FROM meetings WHERE meeting_date IS NOT NULL "
                                         "ORDER BY meeting_date DESC, id LIMIT ?", (max_meetings,))]
    if not latest:
        return []
    marks = ",".join("?" * len(latest))
    top = _all(con, f"""
        SELECT coalesce(person_id, 'name:' || lower(name)) AS person_key FROM attendance
        WHERE meeting_id IN ({marks}) AND role = 'present'
        GROUP BY person_key ORDER BY count(DISTINCT coalesce(meeting_date, meeting_id) || body) DESC, min(name)
        LIMIT ?""", (*latest, max_people))
    keys = [r["person_key"] for r in top]
    if not keys:
        return []
    return _all(con, f"""
        SELECT coalesce(p.name, min(a.name)) AS person, a.meeting_date || ' ' || coalesce(a.body, '') AS meeting,
               a.meeting_date AS date,
               CASE WHEN sum(a.role = 'present') THEN 'present' WHEN sum(a.role = 'invited') THEN 'invited'
                    ELSE 'absent' END AS role
        FROM attendance a LEFT JOIN persons p ON p.person_id = a.person_id
        WHERE a.meeting_id IN ({marks})
          AND coalesce(a.person_id, 'name:' || lower(a.name)) IN ({",".join("?" * len(keys))})
        GROUP BY coalesce(a.person_id, 'name:' || lower(a.name)), a.meeting_id
        ORDER BY a.meeting_date""", (*latest, *keys))


def quality(con) -> list[dict]:
    """[{table, measure, share, rows}]: the share of rows read by OCR or not linked to a person."""
    out = []
    for table, measure, condition in QUALITY:
        row = con.execute(f'SELECT count(*) AS rows, sum({condition}) AS hits FROM "{table}"').fetchone()
        if row["rows"]:
            out.append({"table": table, "measure": measure, "share": (row["hits"] or 0) / row["rows"],
                        "rows": row["rows"]})
    return out
