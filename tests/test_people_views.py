"""The person views answer "who attended" and "who presented" across years and spellings."""
from __future__ import annotations

import pytest

from pipeline.store import db as load
from pipeline.run.batch import run_batch
from pipeline.people import People, load_registry

from .conftest import REPO, SEED_FIXTURES, SHARED


@pytest.fixture(scope="module")
def con(shared):
    con = load.connect(":memory:")
    files = sorted((SHARED / "seeds").glob("*.txt")) + [SEED_FIXTURES / "000_fe32352de8e32ae9.docx"]
    run_batch(files, con, progress=False, people=People(registry=load_registry(REPO / "data/registry/persons.csv")))
    return con


def test_persons_table_is_the_registry(con):
    n, aliases = con.execute("SELECT count(*), sum(len(aliases)) FROM persons").fetchone()
    assert n == len(load_registry(REPO / "data/registry/persons.csv")) and aliases >= 2


def test_attendance_per_person_body_year_joins_spellings(con):
    rows = con.execute("SELECT year, meetings, present, written_as FROM person_attendance "
                       "WHERE person_id = 'katarina-mueller' AND body = 'LGS' ORDER BY year").fetchall()
    # 2023 as "Meuller" (in a .txt and a .docx of the same meeting: counted once), 2026 as "Mueller"
    assert rows == [(2023, 1, 1, ["Katarina Meuller"]), (2026, 1, 1, ["Katarina Mueller"])]
    absent = con.execute("SELECT body, year FROM person_attendance WHERE person_id = 'erika-hagg' AND absent = 1 "
                         "ORDER BY body, year").fetchall()
    assert absent == [("LGS", 2023), ("VVG", 2021)]


def test_activity_lists_what_a_person_presented_and_was_named_in(con):
    presented = con.execute("SELECT item_number, written_as FROM person_activity WHERE person_id = "
                            "'anne-marie-svensson' AND activity = 'presented' ORDER BY item_number").fetchall()
    assert presented == [("4", "Anne-Marie Svensson"), ("5", "Anne-Marie Svensson"), ("9", "Ami Svensson")]
    mentioned = con.execute("SELECT DISTINCT item_number FROM person_activity WHERE person_id = 'ingemar-blomqvist' "
                            "AND activity = 'mentioned' AND meeting_date = DATE '2023-11-30'").fetchall()
    assert ("5",) in mentioned and ("14",) in mentioned      # "Ingemar lyfter ..." under Övriga frågor
    chairs = {r[0] for r in con.execute("SELECT person_id FROM person_activity WHERE activity = 'chair'").fetchall()}
    assert {"babbs-edberg", "jan-kilhamn", "katarina-mueller", "ann-charlotte-jarnstrom"} <= chairs


def test_every_linked_row_says_how(con):
    methods = {r[0] for r in con.execute(
        "SELECT link_method FROM attendance UNION SELECT link_method FROM mentions "
        "UNION SELECT link_method FROM officials UNION SELECT link_method FROM presenters").fetchall()}
    assert {"exact", "alias", "fuzzy", "first-name-in-meeting"} <= methods
    assert con.execute("SELECT count(*) FROM mentions WHERE (person_id IS NULL) <> (link_method IS NULL)").fetchone()[0] == 0


def test_an_undated_meeting_in_three_files_counts_once(tmp_path):
    """The VVG minutes without a date (004) as text, DOCX and PDF: three documents, one meeting."""
    from pipeline.run.batch import run_batch
    from pipeline.people import People

    files = [SHARED / "seeds" / "004_cd2a08190e72bd5d.txt", SEED_FIXTURES / "004_cd2a08190e72bd5d.docx",
             SEED_FIXTURES / "004_cd2a08190e72bd5d.pdf"]
    db = tmp_path / "m.duckdb"
    run_batch(files, db=db, progress=False, people=People.load(REPO / "params.yaml"))
    con = load.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        keys = con.execute("SELECT DISTINCT meeting_key, copies FROM meeting_copies").fetchall()
        assert len(keys) == 1 and keys[0][1] == 3
        meetings = con.execute("SELECT max(meetings) FROM person_attendance").fetchone()[0]
        assert meetings == 1
    finally:
        con.close()
