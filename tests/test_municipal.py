"""Municipal protokoll (Jönköping's barn- och utbildningsnämnd): case numbers, decision
parts, roll calls, motions, reservations and member lists, checked against the gold files
that annotators wrote from the documents (tests/gold/realdocs2)."""
from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache

import duckdb
import pytest
from rapidfuzz import fuzz

from pipeline.ingest import ingest
from pipeline.nlp.extract import extract
from pipeline.people import People
from pipeline.run.batch import discover, run_batch
from pipeline.run.executors import InlineExecutor

from .conftest import REPO, SHARED

DATES = ("2016-03-22", "2019-01-08", "2020-10-13", "2023-01-02")


def gold(date: str) -> dict:
    return json.loads((REPO / "tests" / "gold" / "realdocs2" / f"JonkopingsKommun__BUN_{date}.json").read_text())


@lru_cache(maxsize=None)
def minutes(date: str):
    return extract(ingest(SHARED / "realdocs2" / f"JonkopingsKommun__BUN_{date}.md"))


def test_roll_call_of_2016_03_22_is_every_member_as_the_table_shows():
    got = Counter((b.item, b.person_name, b.party, b.vote) for b in minutes("2016-03-22").ballots)
    want = Counter((v["item"], v["person_name"], v["party"], v["vote"]) for v in gold("2016-03-22")["votes"])
    assert got == want
    assert Counter(b.vote for b in minutes("2016-03-22").ballots) == {"ja": 8, "nej": 7}


def test_the_roll_call_decision_carries_its_totals():
    decision = next(d for d in minutes("2016-03-22").decisions if d.item == "33")
    assert (decision.votes.yes, decision.votes.no, decision.votes.abstained) == (8, 7, 0)
    assert all(b.decision == decision.id for b in minutes("2016-03-22").ballots)


def test_a_party_groups_reservation_is_one_row_per_member_who_voted():
    reservation = gold("2016-03-22")["reservations"][0]          # Partigrupp S och MP
    voters = {v["person_name"] for v in gold("2016-03-22")["votes"] if v["party"] in ("S", "MP")}
    got = minutes("2016-03-22").reservations
    assert {r.person_name for r in got} == voters
    assert {r.group for r in got} == {reservation["group"]}
    assert all(r.item == "33" and r.text == reservation["text"] for r in got)


@pytest.mark.parametrize("date", DATES)
def test_motions_mover_party_proposal_and_outcome(date):
    want = gold(date)["motions"]
    got = list(minutes(date).motions)
    for motion in want:
        match = next((m for m in got if m.item == motion["item"] and m.person_name == motion["person_name"]
                      and fuzz.ratio(m.text, motion["text"]) >= 85), None)
        assert match is not None, motion
        assert (match.party, match.outcome) == (motion["party"], motion["outcome"])
        got.remove(match)
    assert got == []


@pytest.mark.parametrize("date", DATES)
def test_case_numbers_are_kept_apart_from_titles(date):
    got = {i.number: (i.case_number, i.title) for i in minutes(date).items}
    for item in gold(date)["items"]:
        case, title = got[item["number"]]
        assert case == item.get("case_number")
        assert fuzz.ratio(title, item["title"]) >= 90


@pytest.mark.parametrize("date", DATES)
def test_decisions_adjusted_at_once_are_marked(date):
    got = {d.item: d.adjusted_immediately for d in minutes(date).decisions}
    for decision in gold(date)["decisions"]:
        if decision["item"] in got:
            assert got[decision["item"]] == decision.get("adjusted_immediately", False), decision["item"]


@pytest.mark.parametrize("date", ("2016-03-22", "2020-10-13"))
def test_members_carry_party_and_whom_they_replace(date):
    got = Counter((a.name, a.party, a.substitutes_for) for a in minutes(date).attendance)
    want = Counter((a["name"], a.get("party"), a.get("substitutes_for")) for a in gold(date)["attendance"])
    assert sum((got & want).values()) >= 0.9 * sum(want.values())


def test_minutes_run_gives_the_votes_table(tmp_path):
    db = tmp_path / "m.duckdb"
    run_batch(discover(SHARED / "realdocs2"), db=db, people=People(), executor=InlineExecutor(timeout=120),
              progress=False)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""
        SELECT v.vote, count(*) FROM votes v JOIN meetings m ON m.id = v.meeting_id
        WHERE m.meeting_date = DATE '2016-03-22' GROUP BY v.vote ORDER BY v.vote""").fetchall()
    assert rows == [("ja", 8), ("nej", 7)]
    party = con.execute("SELECT party, ja, nej FROM party_votes WHERE meeting_date = DATE '2016-03-22' "
                        "ORDER BY party").fetchall()
    assert ("S", 0, 6) in party and ("M", 4, 0) in party
