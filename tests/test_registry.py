"""The registry file: validation with line numbers, round trip, and the review loop."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipeline.store import db as load
from pipeline.run.batch import run_batch
from pipeline.cli import app
from pipeline.people import People, PeopleParams, Registry, RegistryError, load_registry, save_registry
from pipeline.people.registry import dump_registry, parse_registry

from .conftest import SHARED

GOOD = """person_id,name,aliases,organisation,title,valid_from,valid_to,note
# a comment line
anne-marie-svensson,Anne-Marie Svensson,,VGR,,,,
jeanette-andersson,Jeanette Andersson,Jeanette Anderson | J. Andersson,VästKom,,2020-01-01,,
peter-svensson,Peter Svensson,,Koncernkontoret VGR,,,2030-12-31,
"""

BAD = """person_id,name,aliases,organisation,title,valid_from,valid_to,note
ok-person,Ok Person,,,,,,
Bad Id,Some One,,,,,,
date-person,Date Person,,,,2021-13-01,,
range-person,Range Person,,,,2022-01-01,2021-01-01,
ok-person,Ok Again,,,,,,
,No Id,,,,,,
"""


def test_every_bad_line_is_reported_with_its_number():
    with pytest.raises(RegistryError) as e:
        parse_registry(BAD, "persons.csv")
    problems = e.value.problems
    assert any(p.startswith("persons.csv:3: person_id:") for p in problems)
    assert any(p.startswith("persons.csv:4: valid_from:") for p in problems)
    assert any(p.startswith("persons.csv:5:") and "after valid_to" in p for p in problems)
    assert any(p.startswith("persons.csv:6:") and "already used on line 2" in p for p in problems)
    assert any(p.startswith("persons.csv:7: person_id:") for p in problems)
    assert len(problems) == 5


def test_unknown_column_is_an_error_on_the_header_line():
    with pytest.raises(RegistryError, match=r"persons.csv:1: header: unknown column\(s\) nickname"):
        parse_registry("person_id,name,nickname\na,A B,x\n", "persons.csv")


def test_round_trip_keeps_every_field(tmp_path):
    registry = parse_registry(GOOD)
    assert [e.person_id for e in registry] == ["anne-marie-svensson", "jeanette-andersson", "peter-svensson"]
    assert registry.get("jeanette-andersson").aliases == ["Jeanette Anderson", "J. Andersson"]
    path = tmp_path / "persons.csv"
    save_registry(registry, path)
    again = load_registry(path)
    assert [e.model_dump() for e in again] == [e.model_dump() for e in registry]
    assert dump_registry(again) == path.read_text(encoding="utf-8")


def test_missing_registry_is_empty_and_the_pipeline_still_runs(tmp_path):
    registry = load_registry(tmp_path / "nothing.csv")
    assert len(registry) == 0
    con = load.connect(":memory:")
    result = run_batch([SHARED / "seeds" / "004_cd2a08190e72bd5d.txt"], con, progress=False,
                       people=People(registry=registry))
    assert result.processed == 1
    assert con.execute("SELECT count(*) FROM mentions WHERE person_id IS NOT NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM link_review WHERE reason = 'unknown'").fetchone()[0] > 0


def test_validity_dates_keep_a_person_out_of_other_years():
    from pipeline.people.link import Linker, MeetingContext
    import datetime as dt

    linker = Linker(parse_registry(GOOD), PeopleParams())
    assert linker.link("Jeanette Andersson", MeetingContext(date=dt.date(2021, 10, 4))).person_id == "jeanette-andersson"
    assert linker.link("Jeanette Andersson", MeetingContext(date=dt.date(2019, 1, 1))).person_id is None


def test_review_accept_writes_an_alias_and_the_next_run_links_it(tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text(GOOD, encoding="utf-8")
    seed = SHARED / "seeds" / "004_cd2a08190e72bd5d.txt"   # presenters "Jeanette Andersson och Ami Svensson"
    con = load.connect(tmp_path / "m.duckdb")
    run_batch([seed], con, progress=False, people=People(registry=load_registry(path)))
    review = con.execute("SELECT reason, candidates FROM link_review WHERE name = 'Ami Svensson'").fetchall()
    assert review and all(r[0] == "weak" for r in review)
    assert [c["person_id"] for c in review[0][1]] == ["anne-marie-svensson"]   # never Peter Svensson
    con.close()

    runner = CliRunner()
    listed = runner.invoke(app, ["people", "review", "--db", str(tmp_path / "m.duckdb"), "--registry", str(path)])
    assert listed.exit_code == 0 and "Ami Svensson" in listed.output and "anne-marie-svensson" in listed.output
    accepted = runner.invoke(app, ["people", "review", "--registry", str(path),
                                   "--accept", "Ami Svensson=anne-marie-svensson"])
    assert accepted.exit_code == 0, accepted.output
    assert "Ami Svensson" in load_registry(path).get("anne-marie-svensson").aliases

    con = load.connect(tmp_path / "m.duckdb")
    result = run_batch([seed], con, progress=False, people=People(registry=load_registry(path)))
    assert result.processed == 1   # the registry changed, so the document is relinked
    rows = con.execute("SELECT DISTINCT person_id, link_method FROM presenters WHERE name = 'Ami Svensson'").fetchall()
    assert rows == [("anne-marie-svensson", "alias")]
    assert con.execute("SELECT count(*) FROM link_review WHERE name = 'Ami Svensson'").fetchone()[0] == 0


def test_accepting_for_an_unknown_id_is_a_clear_error(tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["people", "review", "--registry", str(path), "--accept", "X Y=nobody"])
    assert result.exit_code == 1 and "no person with id 'nobody'" in result.output


def test_check_command_reports_line_numbers(tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(app, ["people", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:4: valid_from" in result.output


def test_new_ids_are_readable_and_unique():
    registry = Registry()
    a = registry.add_person("Anna Åberg")
    b = registry.add_person("Anna Åberg")
    assert (a.person_id, b.person_id) == ("anna-aberg", "anna-aberg-2")


def test_bootstrap_keeps_each_members_party_and_a_change_of_party():
    import datetime as dt

    from pipeline.people.bootstrap import Sighting, bootstrap

    day = dt.date
    sightings = [Sighting("Anna Berg", "attendance", party="S", meeting_date=day(2019, 3, 1)),
                 Sighting("Anna Berg", "attendance", party="S", meeting_date=day(2020, 3, 1)),
                 Sighting("Per Ek", "attendance", party="M", meeting_date=day(2019, 3, 1)),
                 Sighting("Per Ek", "attendance", party="KD", meeting_date=day(2022, 9, 1)),
                 Sighting("Eva Lind", "attendance", meeting_date=day(2022, 9, 1))]
    registry, _ = bootstrap(sightings)
    by_name = {p.name: p for p in registry.entries}
    assert [m.text() for m in by_name["Anna Berg"].parties] == ["S"]
    assert by_name["Per Ek"].party_on(day(2019, 6, 1)) == {"M"} and by_name["Per Ek"].party_on(day(2023, 1, 1)) == {"KD"}
    assert by_name["Eva Lind"].parties == []
