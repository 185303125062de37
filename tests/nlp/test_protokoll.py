"""A municipal committee's protokoll (tests/nlp/docs/committee_protokoll.txt, written for
these tests in the layout such protokoll share): the member table with parties, § items with
their case numbers, decision blocks, motions and reservations."""
from pathlib import Path

import pytest

from .helpers import minutes_of

DOCS = Path(__file__).parent / "docs"


@pytest.fixture(scope="module")
def protokoll(tmp_path_factory):
    text = (DOCS / "committee_protokoll.txt").read_text(encoding="utf-8")
    return minutes_of(tmp_path_factory.mktemp("protokoll"), text)


def test_the_committee_is_the_body_and_the_header_table_gives_its_officers(protokoll):
    meeting = protokoll.meeting
    assert meeting.body == "Barn- och utbildningsnämnden"
    assert (meeting.chair, meeting.secretary, meeting.adjusters) == ("Anna Andersson", "Sofia Nord", ["Per Persson"])
    assert (meeting.meeting_date, meeting.start_time, meeting.end_time) == ("2023-09-14", "13:00", "16:30")


def test_members_with_party_role_and_whom_a_substitute_replaces(protokoll):
    members = {a.name: a for a in protokoll.attendance}
    assert (members["Anna Andersson"].party, members["Anna Andersson"].role_text) == ("S", "ordförande")
    assert (members["Eva Lind"].party, members["Eva Lind"].substitutes_for) == ("V", "Jonas Berg")
    assert members["Maria Ek"].party is None and members["Maria Ek"].role == "present"


def test_a_paragraph_standing_alone_takes_the_heading_under_it_and_its_case_number(protokoll):
    assert [(i.number, i.title, i.case_number) for i in protokoll.items] == [
        ("45", "Val av justerare", None),
        ("46", "Nedläggning av Byskolan", "BUN 2023/112"),
        ("47", "Delårsrapport", "BUN 2023/140")]


def test_the_decision_block_is_the_decision_not_the_proposal(protokoll):
    texts = {d.item: d.text for d in protokoll.decisions}
    assert texts["46"] == ("Barn- och utbildningsnämnden beslutar att 1. lägga ned Byskolan från och med "
                           "höstterminen 2024, 2. uppdra åt förvaltningen att informera vårdnadshavarna.")
    assert texts["45"] == "Per Persson (M) utses att justera protokollet."
    assert len([d for d in protokoll.decisions if d.item == "46"]) == 1


def test_a_motion_to_reject_loses_when_the_proposal_is_adopted(protokoll):
    [motion] = protokoll.motions
    assert (motion.person_name, motion.party, motion.outcome) == ("Per Persson", "M", "lost")


def test_one_reservation_per_member_who_reserves(protokoll):
    assert sorted((r.person_name, r.party) for r in protokoll.reservations) == [("Lena Karlsson", "C"),
                                                                                 ("Per Persson", "M")]


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    """tests/nlp/docs/council_protokoll.txt: a kommunfullmäktige protokoll in another layout
    (the place after the time, "<Body>s förslag", a vote stated only as totals)."""
    text = (DOCS / "council_protokoll.txt").read_text(encoding="utf-8")
    return minutes_of(tmp_path_factory.mktemp("council"), text)


def test_the_place_after_date_and_time(council):
    assert council.meeting.location == "Kommunhuset, Fullmäktigesalen"
    assert (council.meeting.start_time, council.meeting.end_time) == ("18:00", "21:15")


def test_a_bodys_proposal_is_not_its_decision(council):
    texts = [d.text for d in council.decisions if d.item == "87"]
    assert texts == ["1. Årsredovisningen för 2021 godkänns. 2. Revisionsberättelsen läggs till handlingarna."]


def test_the_vote_totals_of_the_vote_part_go_on_the_decision(council):
    decision = next(d for d in council.decisions if d.item == "89")
    assert (decision.text, decision.votes.yes, decision.votes.no, decision.votes.abstained) == ("Motionen avslås.", 25, 20, 4)


def test_the_motion_for_the_rejected_motion_lost(council):
    outcomes = {(m.person_name, m.text): m.outcome for m in council.motions if m.item == "89"}
    assert outcomes == {("Ahmed Hassan", "bifall till motionen"): "lost", ("Ulla Svensson", "avslag på motionen"): "won"}


def test_a_group_named_by_its_party_name(council):
    [reservation] = council.reservations
    assert (reservation.party, reservation.group) == ("S", "Socialdemokraternas ledamöter")
