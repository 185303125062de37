"""Loading is idempotent: the same file twice gives the same rows."""
from __future__ import annotations

from pipeline.store import db as load
from pipeline.run.batch import run_batch

from .conftest import SEED_FIXTURES

TABLES = ["documents", "meetings", "officials", "items", "decisions", "attendance", "mentions"]


def snapshot(con):
    out = {}
    for t in TABLES:
        cols = [c[0] for c in con.execute(f"DESCRIBE {t}").fetchall() if c[0] != "ingested_at"]
        out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
    return out


def test_loading_twice_changes_nothing(tmp_path):
    files = [SEED_FIXTURES / "002_1168f0ba22d31901.pdf", SEED_FIXTURES / "000_fe32352de8e32ae9.docx"]
    con = load.connect(tmp_path / "m.duckdb")
    run_batch(files, con, progress=False)
    first = snapshot(con)
    result = run_batch(files, con, progress=False)
    assert result.skipped == 2 and result.processed == 0
    for doc_id, in con.execute("SELECT id FROM documents").fetchall():
        con.execute("UPDATE documents SET pipeline_version = 'old' WHERE id = ?", [doc_id])
    result = run_batch(files, con, progress=False)
    assert result.processed == 2
    assert snapshot(con) == first


def test_views_answer_analyst_questions(tmp_path):
    con = load.connect(tmp_path / "m.duckdb")
    run_batch([SEED_FIXTURES / "002_1168f0ba22d31901.pdf"], con, progress=False)
    rows = con.execute("SELECT body, meeting_date, item_number, label FROM decisions_view "
                       "WHERE body = 'VVG' AND meeting_date >= DATE '2020-01-01' ORDER BY item_number").fetchall()
    assert [r[2] for r in rows] == ["4", "5", "6", "7"]
    assert all(r[0] == "VVG" and str(r[1]) == "2021-10-04" for r in rows)
    absent = {r[0] for r in con.execute("SELECT name FROM attendance_view WHERE role = 'absent'").fetchall()}
    assert "Per Granath" in absent and "Karin Hallberg" in absent
