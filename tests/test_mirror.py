"""The SQLite mirror (`store/sqlite.py`): every table and view, readable types, a search
index, the person record, and made again only when the DuckDB file changed."""
from __future__ import annotations

import json
import os
import sqlite3

import duckdb
import pytest

from pipeline.store import db as load
from pipeline.store.sqlite import ensure_mirror, is_fresh, mirror_path

from .archive import make_archive


@pytest.fixture
def archive(tmp_path):
    return make_archive(tmp_path / "archive")


def _rows(path, sql, params=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_every_table_and_view_is_mirrored_with_its_rows(archive):
    mirror, made = ensure_mirror(archive, progress=False)
    assert made and mirror == archive.with_suffix(".sqlite") == mirror_path(archive)
    con = duckdb.connect(str(archive), read_only=True)
    names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    assert {"decisions", "votes", "decisions_view", "member_votes", "party_votes"} <= set(names)
    for name in names:
        if name == "build_info":
            continue
        want = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert _rows(mirror, f'SELECT count(*) FROM "{name}"') == [(want,)], name
    con.close()


def test_lists_become_json_dates_iso_text_and_booleans_0_or_1(archive):
    mirror, _ = ensure_mirror(archive, progress=False)
    aliases, = _rows(mirror, "SELECT aliases FROM persons WHERE person_id = 'anna-berg'")[0]
    assert json.loads(aliases) == ["A. Berg"]
    assert _rows(mirror, "SELECT meeting_date, year, ocr FROM decisions WHERE id = 'd-budget'") == [("2023-01-10", 2023, 1)]


def test_decisions_and_items_carry_body_year_and_source_file(archive):
    mirror, _ = ensure_mirror(archive, progress=False)
    body, year, path, page = _rows(mirror, "SELECT body, year, document_path, page FROM decisions "
                                           "WHERE id = 'd-forskolor'")[0]
    assert (body, year, page) == ("Barn- och utbildningsnämnden", 2023, 2) and path.endswith("bun-2023-01-10.pdf")
    assert _rows(mirror, "SELECT body, page FROM items WHERE id = 'i-forskolor'") == [(body, 2)]


def test_the_person_record_holds_every_kind_of_activity(archive):
    mirror, _ = ensure_mirror(archive, progress=False)
    karl = {r[0] for r in _rows(mirror, "SELECT activity FROM person_record WHERE person_key = 'karl-lind'")}
    anna = {r[0] for r in _rows(mirror, "SELECT activity FROM person_record WHERE person_key = 'anna-berg'")}
    assert karl == {"absent", "attended", "presented", "moved", "voted", "reserved", "recused"}
    assert {"attended", "chaired", "named in", "voted"} <= anna
    assert _rows(mirror, "SELECT person, activity FROM person_record WHERE person_key = 'name:eva okänd'") == [
        ("Eva Okänd", "attended")]


def test_the_search_index_holds_stems_and_reads_the_original(archive):
    mirror, _ = ensure_mirror(archive, progress=False)
    hits = _rows(mirror, "SELECT d.id, snippet(decisions_fts, 0, '[', ']', '…', 10) FROM decisions_fts "
                         "JOIN decisions d ON d.rowid = decisions_fts.rowid WHERE decisions_fts MATCH '\"beslut\"'")
    assert sorted(hits) == [("d-forskolor", "Nämnden [beslutade] att bygga två nya förskolor i Sjöbacka."),
                            ("d-skolskjuts", "[Beslutet] om skolskjuts gäller från hösten.")]


def test_the_mirror_is_made_again_only_when_the_database_changed(archive):
    mirror, made = ensure_mirror(archive, progress=False)
    assert made and is_fresh(archive, mirror)
    assert ensure_mirror(archive, progress=False) == (mirror, False)
    con = load.connect(archive)
    con.execute("UPDATE decisions SET text = 'Nämnden bordlade ärendet.' WHERE id = 'd-budget'")
    con.close()
    assert not is_fresh(archive, mirror)
    assert ensure_mirror(archive, progress=False) == (mirror, True)
    assert _rows(mirror, "SELECT text FROM decisions WHERE id = 'd-budget'") == [("Nämnden bordlade ärendet.",)]
    assert not [p for p in os.listdir(archive.parent) if p.endswith(".building")]


def test_export_sqlite_writes_the_mirror_anywhere(archive, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    target = tmp_path / "out" / "copy.sqlite"
    result = CliRunner().invoke(app, ["export", "--sqlite", str(target), "--db", str(archive), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "searchable" in result.output
    assert _rows(target, "SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"förskol\"'") == [(1,)]


def test_the_rows_copied_are_counted_with_the_bar_shown_or_not(archive, tmp_path):
    from pipeline.store.sqlite import write_mirror

    con = duckdb.connect(str(archive), read_only=True)
    try:
        quiet = write_mirror(con, tmp_path / "quiet.sqlite", progress=False)
        shown = write_mirror(con, tmp_path / "shown.sqlite", progress=True)
        assert quiet == shown
        assert quiet["decisions"] == con.execute("SELECT count(*) FROM decisions").fetchone()[0] > 0
    finally:
        con.close()


def test_the_decision_index_holds_the_mirrors_decision_rows_for_the_documents_asked(archive):
    from pipeline.store.sqlite import decision_index

    mirror, _ = ensure_mirror(archive, progress=False)
    whole = decision_index(archive)
    try:
        assert [tuple(r.values()) for r in whole.execute("SELECT * FROM decisions ORDER BY id")] == \
            _rows(mirror, "SELECT * FROM decisions ORDER BY id")
        found = whole.execute("SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'beslut'").fetchall()
        assert len(found) == len(_rows(mirror, "SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'beslut'"))
    finally:
        whole.close()
    some = decision_index(archive, ["doc-kf-2023"])
    try:
        assert {r["document_id"] for r in some.execute("SELECT document_id FROM decisions")} == {"doc-kf-2023"}
    finally:
        some.close()
    assert decision_index(archive, []).execute("SELECT count(*) AS n FROM decisions").fetchone()["n"] == 0
