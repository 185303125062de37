"""Layout: where the minutes proper end."""
from pathlib import Path

from .helpers import minutes_of

WITH_STATUTES = """Protokoll från allmänt möte i Björkvikens vägsamfällighet 2024-03-26

1. Mötets öppnande
Ordföranden förklarade mötet öppnat.

2. Nya stadgar
Förslaget till nya stadgar antogs av mötet.

3. Mötets avslutande
Ordföranden förklarade mötet avslutat.

Robert Jernberg\tJan Ekström
Sekreterare\tOrdförande

STADGAR

Antagna vid sammanträde 2024-03-26.

1. Firma
Föreningens firma är Björkvikens vägsamfällighet.

2. Styrelse
Styrelsen väljs vid ordinarie föreningsstämma.

3. Stämma
Ordinarie stämma ska hållas i augusti.
"""


def test_a_text_appended_after_the_signatures_is_no_part_of_the_minutes(tmp_path: Path):
    minutes = minutes_of(tmp_path, WITH_STATUTES)
    assert [(i.number, i.title) for i in minutes.items] == [
        ("1", "Mötets öppnande"), ("2", "Nya stadgar"), ("3", "Mötets avslutande")]
    assert [d.text for d in minutes.decisions] == ["Förslaget till nya stadgar antogs av mötet."]


def test_signatures_without_anything_after_them_end_nothing(tmp_path: Path):
    minutes = minutes_of(tmp_path, WITH_STATUTES.split("STADGAR")[0])
    assert len(minutes.items) == 3


def test_a_role_in_a_list_of_the_elected_is_no_signature_caption(tmp_path: Path):
    text = """# Höstmöte i Datorföreningen Ekbacken 2024-12-10

## 1. Val av styrelse
Mötet antog valberedningens förslag:

* Ordförande
 * Anna Berglund
* Sekreterare
 * Per Lindqvist

## 2. Val av revisorer
Eva Sjöberg valdes till revisor.

## 3. Årsavgift
Årsavgiften fastställs till 100 kr.

## 4. Övriga frågor
Inga övriga frågor.

## 5. Mötets avslutande
Mötet avslutades.
"""
    assert [i.number for i in minutes_of(tmp_path, text, ".md").items] == ["1", "2", "3", "4", "5"]
