"""Saved searches: each `minutes run` writes an Atom feed per search of the decisions that
are new since the last run, in the report's feeds/ folder."""
from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET

from pipeline.cli import main
from pipeline.report.feeds import write_feeds
from pipeline.report.params import ReportParams, SavedSearch
from pipeline.store import db as load
from pipeline.store.sqlite import ensure_mirror

from .archive import make_archive
from .conftest import EDGE

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def _entries(feed) -> list[tuple[str, str]]:
    root = ET.parse(feed).getroot()
    return [(e.findtext(f"{ATOM}id"), e.find(f"{ATOM}link").get("href")) for e in root.iter(f"{ATOM}entry")]


def test_the_first_run_announces_what_matches_and_the_next_only_what_is_new(tmp_path):
    db = make_archive(tmp_path / "archive")
    report = tmp_path / "report"
    search = SavedSearch(name="beslut", query="beslutade")
    mirror, _ = ensure_mirror(db, progress=False)
    assert write_feeds(mirror, [search], report, now=NOW) == {"beslut": 2}
    feed = report / "feeds" / "beslut.atom"
    assert [i for i, _ in _entries(feed)] == ["urn:minutes:decision:d-skolskjuts", "urn:minutes:decision:d-forskolor"]
    assert write_feeds(mirror, [search], report, now=NOW) == {"beslut": 0}
    assert len(_entries(feed)) == 2

    con = load.connect(db)
    con.execute("INSERT INTO decisions (id, meeting_id, document_id, item_id, item_number, label, text, recap) "
                "VALUES ('d-new', 'm-kf-2023', 'doc-kf-2023', 'i-cykel', '5', 'Beslut', "
                "'Fullmäktige beslutar att bygga cykelbanor.', false)")
    con.close()
    mirror, made = ensure_mirror(db, progress=False)
    assert made
    assert write_feeds(mirror, [search], report, now=NOW) == {"beslut": 1}
    entries = _entries(feed)
    assert [i for i, _ in entries][0] == "urn:minutes:decision:d-new" and len(entries) == 3
    assert entries[0][1] == (report.resolve() / "meetings" / "m-kf-2023.html").as_uri() + "#decision-d-new"


def test_a_feed_keeps_its_newest_entries_and_links_to_the_published_site(tmp_path):
    db = make_archive(tmp_path / "archive")
    mirror, _ = ensure_mirror(db, progress=False)
    params = ReportParams(feed_entries=1, base_url="https://intranet.example/minutes/")
    write_feeds(mirror, [SavedSearch(name="beslut", query="beslut")], tmp_path / "report", params, now=NOW)
    entries = _entries(tmp_path / "report" / "feeds" / "beslut.atom")
    assert entries == [("urn:minutes:decision:d-skolskjuts",
                        "https://intranet.example/minutes/meetings/m-bun-2024.html#decision-d-skolskjuts")]


def test_minutes_run_writes_a_feed_per_saved_search(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text(
        "saved_searches:\n  - name: budget\n    query: budget\n  - name: cykel\n    query: cykelbanor\n",
        encoding="utf-8")
    (tmp_path / "raw").mkdir()
    shutil.copy(EDGE / "tiny-paragraph-numbering.txt", tmp_path / "raw" / "m.txt")
    assert main(["run", "raw", "--db", "out/m.duckdb", "--workers", "0", "--no-progress"]) == 0
    assert "budget 1 new, cykel 0 new" in capsys.readouterr().out
    feeds = tmp_path / "out" / "report" / "feeds"
    (entry_id, _), = _entries(feeds / "budget.atom")
    assert _entries(feeds / "cykel.atom") == []
    assert main(["run", "raw", "--db", "out/m.duckdb", "--workers", "0", "--no-progress"]) == 0
    assert "budget 0 new" in capsys.readouterr().out
    assert [i for i, _ in _entries(feeds / "budget.atom")] == [entry_id]


def test_a_run_searches_what_it_loaded_and_a_changed_query_searches_everything(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    params = "saved_searches:\n  - name: budget\n    query: budget\n  - name: cykel\n    query: {}\n"
    (tmp_path / "params.yaml").write_text(params.format("cykelbanor"), encoding="utf-8")
    (tmp_path / "raw").mkdir()
    text = (EDGE / "tiny-paragraph-numbering.txt").read_text(encoding="utf-8")
    (tmp_path / "raw" / "mars.txt").write_text(text, encoding="utf-8")
    run = ["run", "raw", "--db", "out/m.duckdb", "--workers", "0", "--no-progress"]
    assert main(run) == 0
    assert "budget 1 new, cykel 0 new" in capsys.readouterr().out
    april = (text.replace("onsdag 12 mars 2025", "onsdag 9 april 2025")
             .replace("nästa möte hålls onsdag 9 april 2025", "bygga cykelbanor längs Sjövägen"))
    (tmp_path / "raw" / "april.txt").write_text(april, encoding="utf-8")
    assert main(run) == 0
    assert "budget 1 new, cykel 1 new" in capsys.readouterr().out
    assert not (tmp_path / "out" / "m.sqlite").exists()   # the run does not remake the mirror
    (tmp_path / "params.yaml").write_text(params.format("budgeten"), encoding="utf-8")
    assert main(run) == 0
    # a changed query looks at every decision: both meetings' budget decisions are new to it
    assert "budget 0 new, cykel 2 new" in capsys.readouterr().out
