"""The two hand-made minutes in tests/fixtures/edge (values from their README, read off the files)."""
from pipeline.nlp.extract import extract
from pipeline.ingest import ingest

from .conftest import EDGE


def test_paragraph_numbered_text():
    m = extract(ingest(EDGE / "tiny-paragraph-numbering.txt"))
    assert m.kind == "minutes"
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Budget för 2025"),
        ("4", "Nästa möte och avslutning")]
    assert m.meeting.meeting_date == "2025-03-12"
    assert (m.meeting.start_time, m.meeting.end_time) == ("18:00", "19:30")
    assert m.meeting.location == "Kommunhuset, sal Linnéa"
    assert (m.meeting.chair, m.meeting.secretary, m.meeting.adjusters) == ("Anna Berg", "Olof Ström", ["Karin Lind"])
    assert {(a.name, a.role) for a in m.attendance} == {
        ("Anna Berg", "present"), ("Olof Ström", "present"), ("Karin Lind", "present"),
        ("Per Holm", "present"), ("Eva Dahl", "absent"), ("Lars Nyberg", "absent")}
    assert [(d.item, d.label, d.text) for d in m.decisions] == [
        ("1", "Beslut", "Mötet beslutar att godkänna dagordningen."),
        ("2", "Beslut", "Till justerare valdes Karin Lind."),
        ("3", "Beslut", "Mötet beslutar att fastställa budgeten för 2025 enligt förslaget."),
        ("4", "Beslut", "Mötet beslutar att nästa möte hålls onsdag 9 april 2025 kl. 18.00.")]


def test_word_numbered_docx():
    m = extract(ingest(EDGE / "tiny-beslut.docx"))
    assert m.kind == "minutes"
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Mötets öppnande"), ("2", "Föregående minnesanteckningar"),
        ("3", "Gemensam rutin för digital vårdplanering"), ("4", "Övriga frågor")]
    assert (m.meeting.body, m.meeting.body_name) == ("ADV", "Arbetsgrupp för digital vårdplanering")
    assert m.meeting.meeting_date == "2025-05-20"
    assert (m.meeting.start_time, m.meeting.end_time) == ("13:00", "15:00")
    assert m.meeting.location == "Vårdcentralen Norrby, rum Eken"
    assert (m.meeting.chair, m.meeting.secretary, m.meeting.adjusters) == ("Anna Berg", "Olof Ström", ["Anna Berg"])
    assert {(a.name, a.role) for a in m.attendance} == {
        ("Anna Berg", "present"), ("Olof Ström", "present"), ("Sara Nilsson", "present"),
        ("Johan Ek", "present"), ("Karin Lind", "absent"), ("Maria Holm", "absent"), ("Erik Sand", "invited")}
    assert [(d.item, d.label, d.text) for d in m.decisions] == [
        ("1", "Beslut", "Dagordningen godkänns."),
        ("2", "Beslut", "Minnesanteckningarna läggs till handlingarna."),
        ("3", "Beslut", "Arbetsgruppen ställer sig bakom förslaget till gemensam rutin och överlämnar det "
                        "till ledningsgruppen för fastställande."),
        ("4", "Beslut", "Nästa möte hålls tisdag 17 juni 2025 kl. 13.00.")]
