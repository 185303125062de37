"""Attendance: who the list names as present, and who it names only beside them."""
from pathlib import Path

from .helpers import minutes_of

STAMMA = """Protokoll från föreningsstämma i Björkvikens vägsamfällighet 2024-05-04

Närvarande:

Rikard Jernberg, Karin Jernberg

Olof Ekström – enl. fullmakt för Berit Lundgren

Irene Carlsson (biträdd av Stig Nyström)
Anm. Ägaren har inte betalt avgiften.

1. Mötets öppnande
Ordföranden förklarade mötet öppnat.

2. Val av ordförande
Till ordförande valdes Olof Ekström.
"""


def present(tmp_path: Path, text: str) -> list[str]:
    return sorted(a.name for a in minutes_of(tmp_path, text).attendance if a.role == "present")


def test_a_name_after_a_proxy_phrase_is_represented_not_present(tmp_path: Path):
    assert "Berit Lundgren" not in present(tmp_path, STAMMA)
    assert "Olof Ekström" in present(tmp_path, STAMMA)


def test_an_abbreviation_on_the_next_line_is_no_part_of_a_name(tmp_path: Path):
    assert "Irene Carlsson" in present(tmp_path, STAMMA)


def test_a_table_of_units_and_names_under_the_heading_is_read_row_by_row(tmp_path: Path):
    tabled = STAMMA.replace("Rikard Jernberg,", "Björkvik 1:2 (Andelstal 340)\tRikard Jernberg,").replace(
        "Olof Ekström –", "Björkvik 1:7 (Andelstal 120)\tOlof Ekström –").replace(
        "Irene Carlsson (", "Björkvik 1:9 (Andelstal 80)\tIrene Carlsson (")
    assert present(tmp_path, tabled) == ["Irene Carlsson", "Karin Jernberg", "Olof Ekström", "Rikard Jernberg"]


SAID = """Protokoll fört vid Datorföreningen Ekbackens vårmöte 2024-03-12

1. Mötets öppnande
Ordföranden förklarade mötet öppnat.

2. Röstlängd
Följande medlemmar närvarade med rösträtt: Anna Berglund, nsg, kaj och Per Lindqvist.

Dessutom närvarade Eva Sjöberg utan rösträtt.

3. Verksamhetsberättelse
Vi har deltagit i mässan. Henning och Christoffer ska närvara på nästa möte.
"""


def test_people_a_sentence_says_are_present_nicknames_too(tmp_path: Path):
    assert present(tmp_path, SAID) == ["Anna Berglund", "Eva Sjöberg", "Per Lindqvist", "kaj", "nsg"]


def test_a_list_before_the_presence_word(tmp_path: Path):
    text = SAID.replace("Följande medlemmar närvarade med rösträtt: Anna Berglund, nsg, kaj och Per Lindqvist.",
                        "Anna Berglund, Foxears och Per Lindqvist är närvarande.")
    assert present(tmp_path, text) == ["Anna Berglund", "Eva Sjöberg", "Foxears", "Per Lindqvist"]


def test_presence_in_a_later_report_or_a_plan_is_not_this_meetings(tmp_path: Path):
    assert not {"Henning", "Christoffer"} & set(present(tmp_path, SAID))


def test_election_lines_under_headings_are_no_member_list(tmp_path: Path):
    text = """# Konstituerande styrelsemöte Ekbackens Båtklubb 2024-03-17

### Val av mötesordförande
Elis Axelsson valdes till mötesordförande

### Val av mötessekreterare
Michael Stahre valdes till mötessekreterare

### Val av justerare
Erik Welander valdes till justeringsperson
"""
    minutes = minutes_of(tmp_path, text, ".md")
    assert minutes.attendance == []
    assert [d.text for d in minutes.decisions] == ["Elis Axelsson valdes till mötesordförande",
                                                   "Michael Stahre valdes till mötessekreterare",
                                                   "Erik Welander valdes till justeringsperson"]


def test_names_no_list_knows_under_an_attendance_heading(tmp_path: Path):
    text = ("# Mötesanteckningar 2020-12-10\n\n## Närvarande\n\n* Leif Johansson\n* Fresia Pérez\n"
            "* Dragoljub Nešić\n\n## Agenda\n\n1. Intro\n2. Specifikationer\n")
    assert present(tmp_path, text) == ["Dragoljub Nešić", "Fresia Pérez", "Leif Johansson"]


def test_first_names_alone_under_an_attendance_heading(tmp_path: Path):
    text = ("Protokoll fört vid Skypemöte 2018-05-02 kl. 10-11\n\nNärvarande\n\nLilliAnn, IngBritt, Björn, Våge\n\n"
            "§ 55. Ordföranden hälsar välkommen.\n\n§ 56. Verksamhetsberättelsen skrivs.\n")
    assert present(tmp_path, text) == ["Björn", "IngBritt", "LilliAnn", "Våge"]


def test_first_names_after_the_heading_take_the_full_name_the_minutes_give(tmp_path: Path):
    text = ("Protokoll vid styrelsemöte 2017-01-11\nNärvarande: Roland, Tora, Ulla-Karin och Sussi\n"
            "1. Mötets öppnande\nRoland hälsade alla välkomna.\n2. Avslutning\nMötet avslutades.\n"
            "Justeras:\nRoland Persson\n")
    assert present(tmp_path, text) == ["Roland Persson", "Sussi", "Tora", "Ulla-Karin"]


def test_labelled_groups_of_names_in_the_header_are_present_with_their_group(tmp_path: Path):
    text = ("Elevråd 25/4 -19\n\nÅk 1: Ciara, Elias & Talia\n\nÅk 2: Fiona\n\nÖvriga: Anna, Gunilla & Catharina\n\n"
            "1. Ordförande öppnade mötet.\n\n2. Ordförande avslutade mötet.\n")
    found = [(a.name, a.affiliation) for a in minutes_of(tmp_path, text).attendance]
    assert found == [("Ciara", "Åk 1"), ("Elias", "Åk 1"), ("Talia", "Åk 1"), ("Fiona", "Åk 2"),
                     ("Anna", "Övriga"), ("Gunilla", "Övriga"), ("Catharina", "Övriga")]


def test_first_names_with_the_task_each_has_and_one_absent_first_name(tmp_path: Path):
    text = ("SG Minnesanteckningar 2015-04-27\n\n"
            "Närvarande: Kerstin- internetansvarig, Sten – ekonomiansvarig, Inga och Viktor – vice kassör\n"
            "Ej närvarande: Tor-telefonansvarig\n\n1. Mötesmanualen\nTiina tar kontakt med Markus.\n")
    attendees = minutes_of(tmp_path, text).attendance
    assert sorted((a.name, a.role) for a in attendees) == [
        ("Inga", "present"), ("Kerstin", "present"), ("Sten", "present"), ("Tor", "absent"), ("Viktor", "present")]


def test_first_names_with_a_surnames_initial_are_attendees_but_no_full_names(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2023-12-20\n\nNärvarande: Martin I, Micael E, Rolf S\n"
            "Frånvarande: Katarina K, Per N\n\n1. Mötets öppnande\nMartin öppnade mötet.\n\n"
            "2. Ekonomi\nMicael informerade om ekonomin.\n")
    minutes = minutes_of(tmp_path, text)
    assert sorted((a.name, a.role) for a in minutes.attendance) == [
        ("Katarina K", "absent"), ("Martin I", "present"), ("Micael E", "present"), ("Per N", "absent"),
        ("Rolf S", "present")]
    assert minutes.mentions == []


def test_a_full_name_in_a_sentence_does_not_complete_a_first_name_of_the_list(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2020-07-19\nNärvarande: Anne, Ida, Sandra och Hanna\n\n"
            "1. Ekonomi\nVi beslutar att Anne Berglund och Sandra Höglund får fullmakt att företräda föreningen.\n")
    assert present(tmp_path, text) == ["Anne", "Hanna", "Ida", "Sandra"]
