"""Meeting metadata read from labels, sentences and signatures."""
from pathlib import Path

import pytest

from .helpers import minutes_of

BOARD = """Protokoll fört vid styrelsemöte i Bostadsrättsföreningen Eken
Datum: 2024-03-12
Tid: 18.30–20.00
Plats: Föreningslokalen, Storgatan 3

Närvarande: Anna Berg, Per Ek, Lisa Holm
Frånvarande: Karl Lund

§ 1 Mötets öppnande
Ordföranden Anna Berg öppnade mötet.

§ 2 Val av justerare
Till justerare valdes Per Ek.

§ 3 Fasadrenovering
Styrelsen beslutade att anta offerten från Bygg AB.

Vid protokollet
Lisa Holm

Justeras
Anna Berg          Per Ek
"""

ANNUAL = """Protokoll från årsmöte i Vänersborgs Schackklubb
Söndagen den 16 februari 2025 kl. 14.00
Plats: Klubblokalen

Närvarande
Erik Sand
Maria Lind
Johan Björk

1. Mötets öppnande
Erik Sand förklarade mötet öppnat.

2. Val av mötesfunktionärer
Mötet valde Erik Sand till ordförande och Maria Lind till sekreterare.

3. Mötets avslutande
Mötet avslutades kl. 15.30.

Maria Lind, sekreterare
Erik Sand, ordförande
"""


def test_labelled_header_fields(tmp_path: Path):
    meeting = minutes_of(tmp_path, BOARD).meeting
    assert (meeting.meeting_date, meeting.start_time, meeting.end_time) == ("2024-03-12", "18:30", "20:00")
    assert meeting.location == "Föreningslokalen, Storgatan 3"
    assert meeting.body == "Bostadsrättsföreningen Eken"


def test_the_chair_named_by_title_in_the_opening_item(tmp_path: Path):
    assert minutes_of(tmp_path, BOARD).meeting.chair == "Anna Berg"


def test_secretary_from_vid_protokollet_and_adjusters_under_justeras(tmp_path: Path):
    meeting = minutes_of(tmp_path, BOARD).meeting
    assert meeting.secretary == "Lisa Holm"
    assert meeting.adjusters == ["Anna Berg", "Per Ek"]


def test_one_election_sentence_naming_chair_and_secretary(tmp_path: Path):
    meeting = minutes_of(tmp_path, ANNUAL).meeting
    assert (meeting.chair, meeting.secretary) == ("Erik Sand", "Maria Lind")


def test_date_in_words_with_weekday_and_end_time_from_the_closing_sentence(tmp_path: Path):
    meeting = minutes_of(tmp_path, ANNUAL).meeting
    assert (meeting.meeting_date, meeting.start_time, meeting.end_time) == ("2025-02-16", "14:00", "15:30")


def test_signatures_with_their_title_after_a_comma(tmp_path: Path):
    text = ANNUAL.replace("Mötet valde Erik Sand till ordförande och Maria Lind till sekreterare.",
                          "Dagordningen godkändes.")
    assert officers(tmp_path, text) == ("Erik Sand", "Maria Lind")


def test_day_slash_month_and_year_with_the_clock_in_the_date_label(tmp_path: Path):
    text = "BRF SOLGLÄNTAN\nProtokoll styrelsemöte nr 4/2024\nDatum: 12/3 2024 kl 19.00\n\n" \
           "1. Mötet öppnas\nOrdföranden öppnade mötet.\n\n2. Mötet avslutas\nMötet avslutades.\n"
    meeting = minutes_of(tmp_path, text).meeting
    assert (meeting.meeting_date, meeting.start_time) == ("2024-03-12", "19:00")


def officers(tmp_path: Path, text: str) -> tuple[str | None, str | None]:
    meeting = minutes_of(tmp_path, text).meeting
    return meeting.chair, meeting.secretary


REST = "\n\nNärvarande: Anna Berglund, Per Lindqvist\n\n1. Ekonomi\nKassören redogjorde för läget.\n\n2. Övrigt\nInget.\n"


@pytest.mark.parametrize("head, body", [
    ("Minnesanteckningar från möte med Ekbackens Båtklubbs styrelse 2024-05-02", "Ekbackens Båtklubb"),
    ("Protokoll, Brf Eken 2, styrelsemöte 2024-05-02", "Brf Eken 2"),
    ("Protokoll fört vid årsmöte med Bostadsrättsföreningen Eken 2 den 2 maj 2024", "Bostadsrättsföreningen Eken 2"),
    ("Protokoll fört vid Datorföreningen Ekbackens extra medlemsmöte 2024-05-02", "Datorföreningen Ekbacken"),
    ("PROTOKOLL FRÅN SAXDALENS BYALAGS MÖTE 2013-01-17", "SAXDALENS BYALAG"),
    ("# Agenda & mötesanteckningar för Ekbackens Båtklubb 20201210", "Ekbackens Båtklubb"),
])
def test_the_body_named_in_the_opening_line(tmp_path: Path, head, body):
    assert minutes_of(tmp_path, head + REST).meeting.body == body


@pytest.mark.parametrize("head, place", [
    ("Styrelsemöte Ekbackens Båtklubb\nTisdagen den 10 april 2024 kl. 19.00 i klubbstugan", "klubbstugan"),
    ("Minnesanteckningar från Ekbackens Båtklubbs styrelsemöte 2024-05-02, kl 18-20, Zoom", "Zoom"),
    ("Protokoll fört vid Ekbackens höstmöte, tisdagen den 20:e december 2011 klockan 19:30 i sal Q22 på KTH.",
     "sal Q22 på KTH"),
])
def test_the_place_after_the_date_and_time_of_the_opening_line(tmp_path: Path, head, place):
    assert minutes_of(tmp_path, head + REST).meeting.location == place


def test_a_sentence_opening_with_klockan_is_no_time_label(tmp_path: Path):
    text = ("Protokoll fört vid Ekbackens extra medlemsmöte\n2017-09-21 klockan 19:30 i Q24.\n\n"
            "1. Mötets öppnande\nKlockan 19:41 stängde Anna Berglund dörren och förklarade mötet öppnat.\n\n"
            "2. Övrigt\nInget.\n")
    meeting = minutes_of(tmp_path, text).meeting
    assert (str(meeting.start_time)[:5], meeting.location) == ("19:30", "Q24")


def test_a_six_digit_title_is_the_date_year_first_and_gives_a_day_without_year_its_year(tmp_path: Path):
    assert minutes_of(tmp_path, "Protokoll 180414\n\nNärvarande: Anna Berg\n\n1. Mötet öppnas\n\n"
                      "2. Mötet avslutas\n").meeting.meeting_date == "2018-04-14"
    assert minutes_of(tmp_path, "Möte 171101\n\nProtokoll vid styrelsemöte\nden 11 januari i byalagsskolan\n"
                      "1. Mötets öppnande\n2. Mötets avslutande\n").meeting.meeting_date == "2017-01-11"


def test_the_chair_named_by_title_after_the_name_opening_the_sentence(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2022-03-20\n\nNärvarande: Carin Nises, Frida Grund\n\n1. Mötet öppnas\n\n"
            "Carin Nises ordförande hälsar alla välkomna och öppnar mötet.\n\n2. Ekonomi\n\nInget nytt.\n")
    assert minutes_of(tmp_path, text).meeting.chair == "Carin Nises"


def test_one_person_elected_chair_and_secretary_in_one_phrase(tmp_path: Path):
    text = ("Protokoll fört vid styrelsemöte 2005-09-09\n\n1. Mötets öppnande\n\nMötet öppnades.\n\n"
            "2. Val av mötesordförande och mötessekreterare\n\n"
            "Erik Josefsson valdes till mötesordförande och mötessekreterare.\n\n3. Mötets avslutande\n")
    assert officers(tmp_path, text) == ("Erik Josefsson", "Erik Josefsson")


def test_the_chair_titled_before_the_name_in_the_closing_lines(tmp_path: Path):
    text = ("Protokoll styrelsemöte 16 maj 2013\n\n1. Mötet öppnades\n\n2. Godkännande av dagordningen\n\n"
            "3. Mötet avslutades\n\nJusterat av Fredrik Gustavsson och ordf Karin Andersson\n")
    assert minutes_of(tmp_path, text).meeting.chair == "Karin Andersson"


def test_the_place_label_ends_where_the_date_and_time_it_goes_on_with_begin(tmp_path: Path):
    meeting = minutes_of(tmp_path, "Protokoll årsstämma\n\nPlats: Byns kapell 230501 kl 14.00" + REST).meeting
    assert (meeting.location, str(meeting.meeting_date), str(meeting.start_time)[:5]) == \
        ("Byns kapell", "2023-05-01", "14:00")


def test_two_signatures_with_their_titles_on_one_line(tmp_path: Path):
    text = ("Protokoll\n\nNärvarande: Anna Berglund, Per Lindqvist, Lisa Holm\n\n§ 1 Ekonomi\n"
            "Kassören redogjorde för läget.\n\nVid protokollet\n\n"
            "Lisa Holm, sekreterare                 Anna Berglund, ordförande\n\nPer Lindqvist, justerare\n")
    assert officers(tmp_path, text) == ("Anna Berglund", "Lisa Holm")


def test_chair_and_secretary_elected_in_turn_by_one_sentence(tmp_path: Path):
    text = ("Protokoll årsstämma\n\nÄrenden som behandlats:\n\n"
            "Val av ordförande och sekreterare blev Anna Berglund och Per Lindqvist.\n\n"
            "Ansvarsfrihet för styrelsen beviljades.\n")
    assert officers(tmp_path, text) == ("Anna Berglund", "Per Lindqvist")


@pytest.mark.parametrize("head, body", [
    ("Protokoll från styrelsemöte 18 maj 2016 i Ekrummet.", None),
    ("Styrelsemöte 2016-08-15\n\nNyheter", None),
    ("Protokoll fört vid styrelsemöte LH Eken, Ankargatan 33, 2016-04-07", "LH Eken"),
    ("Styrelsemöte 3, 2005 i Föreningen för fri programvara", "Föreningen för fri programvara"),
    ("Protokoll\n\nStyrelsemöte 2017-02-26 Mångbyskolan", None),
    ("Protokoll fört vid årets byastämma den 7 maj 2003 i Folkets Hus.", None),
    ("Protokoll nr 79 fört vid St Lundby Samhällsförenings styrelsemöte 2016-11-22 hos Christer Santesson.",
     "St Lundby Samhällsförening"),
])
def test_the_place_after_the_date_a_common_word_and_an_address_are_no_body(tmp_path: Path, head, body):
    assert minutes_of(tmp_path, head + REST).meeting.body == body


def test_chair_and_secretary_each_after_their_role_by_first_name(tmp_path: Path):
    text = ("Protokoll fört vid styrelsemöte med Hult Östra Viltvårdsområde 121022\n\n"
            "Närvarande:  Niclas Moberg   Robert Karlsson   Peter Karlsson\n\n"
            " 1. Niclas hälsade alla välkomna och dagordningen godkändes.\n"
            " 2. Till ordförande valdes Niclas och till sekreterare Peter.\n 3. Övriga frågor.\n")
    assert officers(tmp_path, text) == ("Niclas Moberg", "Peter Karlsson")


def test_initials_of_the_chair_take_the_name_the_minutes_spell_out(tmp_path: Path):
    text = ("Protokoll årsmöte Samfälligheten Eken 2014-04-10\n\n1. Val av ordförande\n"
            "Till mötesordförande valdes N-G Brännström.\n\n2. Avslutning\nMötet avslutades.\n\n"
            "Nils Georg Brännström, mötesordförande\n")
    assert minutes_of(tmp_path, text).meeting.chair == "Nils Georg Brännström"
