"""Linking one set of minutes: each method, and the cases it must not guess."""
from __future__ import annotations

from pipeline.people import Linker, PeopleParams, link_minutes
from pipeline.people.registry import parse_registry
from pipeline.records import Attendee, Item, Meeting, Mention, Minutes

REGISTRY = parse_registry("""person_id,name,aliases,organisation,title,valid_from,valid_to,note
anna-berg,Anna Berg,,Borås stad,,,,
anna-berg-2,Anna Berg,,Sahlgrenska,,,,
maria-terra,Maria Terra,,,,,,
anna-forsberg,Anna Forsberg,,,,,,
maria-olsson,Maria Olsson,,,,,,
maria-jonsson,Maria Jonsson,,,,,,
anne-marie-svensson,Anne-Marie Svensson,,,,,,
peter-svensson,Peter Svensson,,,,,,
ingemar-blomqvist,Ingemar Blomqvist,,,,,,
old-chair,Karl Ek,,,,2000-01-01,2010-12-31,
""")
PARAMS = PeopleParams()


def _minutes(attendance, mentions=(), presenters=(), chair=None, date="2021-10-04"):
    return Minutes(document_id="d", file="f.txt", kind="minutes",
                   meeting=Meeting(body="VVG", meeting_date=date, chair=chair),
                   attendance=[Attendee(name=n, role="present", affiliation=a) for n, a in attendance],
                   items=[Item(number="1", title="T", presenters=list(presenters))],
                   mentions=[Mention(name=n, surface=s) for n, s in mentions])


def test_exact_alias_fuzzy_and_first_name_in_meeting():
    m = link_minutes(_minutes([("Ingemar Blomqvist", None), ("Maria Olson", None)],
                              mentions=[("Ingemar Blomqvist", "Ingemar")], chair="Ingemar Blomqvist"),
                     REGISTRY, PARAMS)
    assert (m.attendance[0].link.person_id, m.attendance[0].link.method) == ("ingemar-blomqvist", "exact")
    assert (m.attendance[1].link.person_id, m.attendance[1].link.method) == ("maria-olsson", "fuzzy")
    assert (m.mentions[0].link.person_id, m.mentions[0].link.method) == ("ingemar-blomqvist", "first-name-in-meeting")
    assert [(o.role, o.link.person_id) for o in m.officials] == [("chair", "ingemar-blomqvist")]


def test_homonyms_are_told_apart_by_the_list_or_not_at_all():
    m = link_minutes(_minutes([("Anna Berg", "Sahlgrenska Universitetssjukhuset")]), REGISTRY, PARAMS)
    assert (m.attendance[0].link.person_id, m.attendance[0].link.method) == ("anna-berg-2", "context")
    m = link_minutes(_minutes([("Anna Berg", None)]), REGISTRY, PARAMS)
    assert m.attendance[0].link.person_id is None
    assert {c.person_id for c in m.attendance[0].link.candidates} == {"anna-berg", "anna-berg-2"}


def test_one_of_a_double_surname_needs_the_meeting():
    alone = Linker(REGISTRY, PARAMS).link("Maria Terra Froberg")
    assert alone.person_id is None and [c.person_id for c in alone.candidates] == ["maria-terra"]
    m = link_minutes(_minutes([("Maria Terra", None)], mentions=[("Maria Terra Froberg", "Maria Terra Froberg")]),
                     REGISTRY, PARAMS)
    assert (m.mentions[0].link.person_id, m.mentions[0].link.method) == ("maria-terra", "context")


def test_weak_and_ambiguous_names_go_to_review():
    linker = Linker(REGISTRY, PARAMS)
    ami = linker.link("Ami Svensson")          # an abbreviation of Anne-Marie, never Peter
    assert ami.person_id is None and [c.person_id for c in ami.candidates] == ["anne-marie-svensson"]
    assert linker.link("A. Forsberg").person_id == "anna-forsberg"   # the only A. Forsberg
    assert linker.link("M. Olsson").person_id == "maria-olsson"
    assert linker.link("Maria Jonson").person_id == "maria-jonsson"
    assert linker.link("Maria Karlsson").person_id is None            # a different surname
    assert linker.link("Forsberg, Anna").person_id == "anna-forsberg"


def test_presenters_are_linked_and_validity_dates_hold():
    m = link_minutes(_minutes([], presenters=["Anne-Marie Svensson", "Karl Ek"]), REGISTRY, PARAMS)
    links = m.items[0].presenter_links
    assert links[0].person_id == "anne-marie-svensson"
    assert links[1].person_id is None                                  # Karl Ek left in 2010
    m = link_minutes(_minutes([], presenters=["Karl Ek"], date="2005-05-05"), REGISTRY, PARAMS)
    assert m.items[0].presenter_links[0].person_id == "old-chair"


def test_gold_output_is_unchanged_by_linking():
    raw = _minutes([("Ingemar Blomqvist", None)], mentions=[("Ingemar Blomqvist", "Ingemar")])
    assert link_minutes(raw, REGISTRY, PARAMS).to_gold() == raw.to_gold()
