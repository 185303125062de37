"""Agenda items: numbering forms, titles without timing or presenters, agenda lists and tables of contents."""
from pathlib import Path

from .helpers import minutes_of


def items(tmp_path: Path, text: str, suffix: str = ".txt") -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in minutes_of(tmp_path, text, suffix).items]


def test_paragraph_sign_items(tmp_path: Path):
    text = "Protokoll styrelsemöte 2024-03-12\n\n§ 1 Mötets öppnande\nMötet öppnades.\n\n" \
           "§ 2 Fasadrenovering\nStyrelsen diskuterade.\n\n§ 3 Mötets avslutande\nMötet avslutades.\n"
    assert items(tmp_path, text) == [("1", "Mötets öppnande"), ("2", "Fasadrenovering"),
                                     ("3", "Mötets avslutande")]


def test_numbered_markdown_headings_are_items_and_unnumbered_are_not(tmp_path: Path):
    text = "# Styrelsemöte 2024-05-02\n\n## 1. Ekonomi\nIda redogjorde.\n\n## Bakgrund\nText.\n\n" \
           "## 2. Övrigt\nInget.\n"
    assert items(tmp_path, text, ".md") == [("1", "Ekonomi"), ("2", "Övrigt")]


def test_timing_and_presenter_stay_out_of_the_title(tmp_path: Path):
    text = "Mötesanteckningar LGS 2023-11-30\n\n1. Ekonomisk uppföljning (20 min), Anna Berg\nText.\n\n" \
           "2. Övriga frågor – 10 min\nInga.\n"
    assert items(tmp_path, text) == [("1", "Ekonomisk uppföljning"), ("2", "Övriga frågor")]


def test_sub_items_are_not_items(tmp_path: Path):
    text = "Protokoll årsmöte 2024-02-01\n\n1. Val av funktionärer\na. Ordförande\nAnna valdes.\n" \
           "b. Sekreterare\nPer valdes.\n\n2. Avslutning\nMötet avslutades.\n"
    assert items(tmp_path, text) == [("1", "Val av funktionärer"), ("2", "Avslutning")]


def test_an_agenda_list_before_the_notes_gives_each_item_once(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2024-03-12\n\nDagordning\n1. Öppnande\n2. Ekonomi\n3. Avslutning\n\n"
            "1. Öppnande\nOrdföranden öppnade mötet.\n\n2. Ekonomi\nKassören redovisade läget.\n\n"
            "3. Avslutning\nMötet avslutades.\n")
    assert items(tmp_path, text) == [("1", "Öppnande"), ("2", "Ekonomi"), ("3", "Avslutning")]


def test_an_abbreviation_does_not_end_a_title(tmp_path: Path):
    text = ("Protokoll årsmöte 2010-08-15\n\n12/\nÖvriga frågor. Inga sådana anmäldes.\n\n"
            "13/\nFrågan om ev. utdebitering diskuterades och mötet beslöt att utdebitera 25 000 kr.\n")
    assert items(tmp_path, text)[1] == ("13", "Frågan om ev. utdebitering diskuterades och mötet beslöt att "
                                              "utdebitera 25 000 kr")
    assert items(tmp_path, text)[0] == ("12", "Övriga frågor")


def test_a_numbered_paragraph_opening_with_a_clause_is_its_own_title(tmp_path: Path):
    text = ("Protokoll fört vid styrelsemöte 2018-05-02\n\n§ 58. Val av justerare. Anna Berg valdes.\n\n"
            "§ 59. Björn kommer att lämna styrelsen. Ett varmt tack riktades till honom.\n\n"
            "§ 60. Mötets avslutande. Ordföranden tackade deltagarna.\n")
    assert [i.title for i in minutes_of(tmp_path, text).items] == [
        "Val av justerare", "Björn kommer att lämna styrelsen. Ett varmt tack riktades till honom",
        "Mötets avslutande"]


def test_points_all_numbered_1_are_items_as_printed(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2023-02-28\n\n 1. Mötets öppnande\nOrdföranden hälsade välkommen.\n\n"
            " 1. Föregående protokoll\nProtokollet lades till handlingarna.\n\n 1. Nästa möte\nI april.\n")
    assert [(i.number, i.title) for i in minutes_of(tmp_path, text).items] == [
        ("1", "Mötets öppnande"), ("1", "Föregående protokoll"), ("1", "Nästa möte")]


def test_a_bullet_before_an_item_number_opens_an_item(tmp_path: Path):
    text = ("Styrelsemöte 220320\n\nNärvarande: Åke Strandberg, Carin Nises\n\n  • 1 Mötet öppnas\n\n"
            "Carin Nises hälsar alla välkomna.\n\n  • 2 Ekonomi\n\nAlla avgifter är inbetalda.\n\n"
            "  • 3 Ordförande avslutar mötet.\n")
    assert items(tmp_path, text) == [("1", "Mötet öppnas"), ("2", "Ekonomi"), ("3", "Ordförande avslutar mötet")]


def test_a_label_before_running_sentences_is_the_title_and_a_subtitle_stays(tmp_path: Path):
    text = ("Protokoll elevrådet 2019-04-25\n\n1. Ordförande öppnade mötet.\n\n"
            "2. Övrigt: Vi tog in alla frågor som klasserna har skrivit. Eventuellt måste vi ha ett extra möte.\n\n"
            "3. Rapporter: Denna gång ägnades tiden åt uteleksaker. Eleverna ska få rösta.\n\n"
            "4. Dialogfrågor: Utmaningar och problem som kan hanteras gemensamt. Inga inkomna frågor.\n\n"
            "5. Ordförande avslutade mötet.\n")
    assert [t for _, t in items(tmp_path, text)][1:4] == [
        "Övrigt", "Rapporter", "Dialogfrågor: Utmaningar och problem som kan hanteras gemensamt"]


def test_a_numbered_paragraph_opening_with_a_finite_auxiliary_is_its_own_title(tmp_path: Path):
    text = ("Protokoll från styrelsemöte 18 maj 2016\n\n§ 7 Bokning av lokal\n\n"
            "§ 8 Swing-IT har ansökt om bidrag till avslutningen. Beviljades med upp till 1 000 kr mot kvitto.\n\n"
            "§ 9 Godkännande av dagordning. Dagordningen godkändes.\n")
    assert [(i.number, i.title) for i in minutes_of(tmp_path, text).items] == [
        ("7", "Bokning av lokal"),
        ("8", "Swing-IT har ansökt om bidrag till avslutningen. Beviljades med upp till 1 000 kr mot kvitto"),
        ("9", "Godkännande av dagordning")]


def test_a_deponent_verb_makes_the_first_sentence_a_clause(tmp_path: Path):
    text = ("Protokoll fört vid styrelsemöte 121022\n\n 3. Vi diskuterade årsmötet.\n"
            " 4. Kontaktuppgifter och nytt PM finns på vår hemsida. Ett fel har dock smugit sig in.\n"
            " 5. Övriga frågor.\n")
    assert [(i.number, i.title) for i in minutes_of(tmp_path, text).items][1] == \
        ("4", "Kontaktuppgifter och nytt PM finns på vår hemsida. Ett fel har dock smugit sig in")
