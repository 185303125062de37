"""Small hand-made minutes in shapes the seeds do not have: § numbering, sentence decisions."""
from pipeline.nlp.extract import extract
from pipeline.ingest import ingest

PARAGRAPH_MINUTES = """Protokoll fört vid styrelsemöte i Björkvikens vägförening

Datum: 2022-03-14
Tid: 18.30-20.00
Plats: Bygdegården, Björkvik

Närvarande: Anna Berg (ordförande), Olof Ström, Karin Lind, Per Nyström
Frånvarande: Lena Holm

§ 1 Mötets öppnande
Ordföranden Anna Berg förklarade mötet öppnat.

§ 2 Val av justerare
Till justerare valdes Karin Lind.

§ 3 Ekonomi
Kassören Olof Ström redogjorde för ekonomin. Mötet beslutar att lägga rapporten till handlingarna.

§ 4 Vägunderhåll
Diskussion om grusning av vägen.
Mötet beslutar att beställa grusning i maj.

§ 5 Mötets avslutande
Anna Berg avslutade mötet.

Vid protokollet
Per Nyström
"""


def test_paragraph_numbered_minutes(tmp_path):
    path = tmp_path / "bjorkvik.txt"
    path.write_text(PARAGRAPH_MINUTES, encoding="utf-8")
    m = extract(ingest(path))
    assert m.kind == "minutes"
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Ekonomi"),
        ("4", "Vägunderhåll"), ("5", "Mötets avslutande")]
    assert m.meeting.meeting_date == "2022-03-14"
    assert (m.meeting.start_time, m.meeting.end_time) == ("18:30", "20:00")
    assert m.meeting.location == "Bygdegården, Björkvik"
    assert m.meeting.chair == "Anna Berg"
    assert m.meeting.secretary == "Per Nyström"
    assert m.meeting.adjusters == ["Karin Lind"]
    roles = {(a.name, a.role) for a in m.attendance}
    assert roles == {("Anna Berg", "present"), ("Olof Ström", "present"), ("Karin Lind", "present"),
                     ("Per Nyström", "present"), ("Lena Holm", "absent")}
    decisions = [(d.item, d.label, d.text) for d in m.decisions]
    assert ("2", "Beslut", "Till justerare valdes Karin Lind.") in decisions
    assert ("3", "Beslut", "Mötet beslutar att lägga rapporten till handlingarna.") in decisions
    assert ("4", "Beslut", "Mötet beslutar att beställa grusning i maj.") in decisions


def test_not_minutes_has_no_items(tmp_path):
    path = tmp_path / "inbjudan.txt"
    path.write_text("Inbjudan till temadag\n\nVälkommen till en dag om samverkan i Göteborg. "
                    "Vi bjuder på lunch och föreläsningar om nära vård.\n\nAnmälan senast 1 maj.\n",
                    encoding="utf-8")
    m = extract(ingest(path))
    assert m.kind == "other"
    assert m.items == [] and m.decisions == [] and m.attendance == []


def _table_minutes(path):
    """A board meeting laid out as a § | Ärende table, as many Word templates do."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("Protokoll styrelsemöte Ekbackens samfällighetsförening")
    doc.add_paragraph("Datum: 2023-04-17")
    doc.add_paragraph("Närvarande: Maria Ek, Johan Sten, Lisa Holm")
    table = doc.add_table(rows=0, cols=2)
    rows = [("§ 1", ["Mötets öppnande", "Maria Ek öppnade mötet."]),
            ("§ 2", ["Ekonomi", "Kassören redovisade utfallet.",
                     "Mötet beslutar att godkänna budgeten för 2023."]),
            ("§ 3", ["Övriga frågor", "Inga övriga frågor."])]
    for number, paragraphs in rows:
        cells = table.add_row().cells
        cells[0].text = number
        cells[1].text = paragraphs[0]
        for text in paragraphs[1:]:
            cells[1].add_paragraph(text)
    doc.save(path)


def test_items_and_decisions_in_a_table(tmp_path):
    path = tmp_path / "ekbacken.docx"
    _table_minutes(path)
    m = extract(ingest(path))
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Mötets öppnande"), ("2", "Ekonomi"), ("3", "Övriga frågor")]
    assert [(d.item, d.text) for d in m.decisions] == [
        ("2", "Mötet beslutar att godkänna budgeten för 2023.")]


def test_vote_tally_is_kept_on_the_decision(tmp_path):
    path = tmp_path / "votes.txt"
    path.write_text("Protokoll årsmöte\n\nDatum: 2021-03-02\n\n§ 1 Mötets öppnande\nMötet öppnades.\n\n"
                    "§ 2 Stadgeändring\nMötet beslutar att anta de nya stadgarna, 14 för, 1 emot, "
                    "2 avstod (17 röstberättigade).\n", encoding="utf-8")
    m = extract(ingest(path))
    (decision,) = m.decisions
    assert decision.item == "2"
    assert (decision.votes.yes, decision.votes.no, decision.votes.abstained, decision.votes.eligible) == (14, 1, 2, 17)


MUNICIPAL_MINUTES = """Protokoll

Kommunstyrelsen
Sammanträdesdatum: 2024-02-12
Plats: Kommunhuset, sal A

Närvarande: Eva Lund (ordförande), Nils Berg, Sara Ek
Sekreterare: Tomas Wik

§ 12  Dnr KS 2024/15
Årsredovisning 2023

Ärendebeskrivning
Ekonomiavdelningen har tagit fram en årsredovisning för 2023.

Förslag till beslut
Kommunstyrelsen föreslås besluta att godkänna årsredovisningen.

Kommunstyrelsens beslut
Kommunstyrelsen beslutar att
1. godkänna årsredovisningen för 2023,
2. överlämna den till kommunfullmäktige.

§ 13  Dnr KS 2024/16
Motion om cykelbanor

Ärendebeskrivning
Nils Berg har lämnat en motion om fler cykelbanor.

Beslut
Motionen avslås.
"""


def test_municipal_paragraphs_with_case_numbers_and_decision_headings(tmp_path):
    path = tmp_path / "ks.txt"
    path.write_text(MUNICIPAL_MINUTES, encoding="utf-8")
    m = extract(ingest(path))
    assert [(i.number, i.title) for i in m.items] == [("12", "Årsredovisning 2023"),
                                                      ("13", "Motion om cykelbanor")]
    assert [(d.item, d.label, d.text) for d in m.decisions] == [
        ("12", "Beslut", "Kommunstyrelsen beslutar att 1. godkänna årsredovisningen för 2023, "
                         "2. överlämna den till kommunfullmäktige."),
        ("13", "Beslut", "Motionen avslås.")]
    assert m.meeting.meeting_date == "2024-02-12"
    assert m.meeting.secretary == "Tomas Wik"


def test_struck_and_deleted_names_are_not_present_inserted_ones_are(tmp_path):
    """Word minutes edited after the meeting: a struck-through name and a tracked deletion did
    not attend; a tracked insertion did."""
    from docx import Document as Docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Docx()
    doc.add_paragraph("Protokoll styrelsemöte 2023-05-02")
    para = doc.add_paragraph("Närvarande: Anna Berg, ")
    para.add_run("Olle Ek, ").font.strike = True
    para.add_run("Karin Lind")
    para._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>, Bo Ask'
                             f'</w:delText></w:r></w:del>'))
    para._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t xml:space="preserve">'
                             f', Per Sten</w:t></w:r></w:ins>'))
    doc.add_paragraph("§ 1 Mötets öppnande")
    doc.add_paragraph("Anna Berg öppnade mötet.")
    doc.add_paragraph("§ 2 Mötets avslutande")
    path = tmp_path / "edited.docx"
    doc.save(path)
    m = extract(ingest(path))
    assert [(a.name, a.role) for a in m.attendance] == [
        ("Anna Berg", "present"), ("Karin Lind", "present"), ("Per Sten", "present")]
