"""People named in running text."""
from pathlib import Path

from .helpers import minutes_of

TEXT = """Protokoll styrelsemöte 2024-03-12

Närvarande: Anna Berg, Per Ek

1. Ekonomi
Kassören Lisa Holm redogjorde för läget tillsammans med Anna.

2. Avslutning
Mötet avslutades.
"""


def test_a_mentions_characters_are_the_names_not_its_lines(tmp_path: Path):
    minutes = minutes_of(tmp_path, TEXT)
    by_name = {m.name: m for m in minutes.mentions}
    holm = by_name["Lisa Holm"]
    assert TEXT[holm.span.char_start:holm.span.char_end] == "Lisa Holm"


def test_a_first_name_of_one_attendee_is_that_attendee(tmp_path: Path):
    minutes = minutes_of(tmp_path, TEXT)
    anna = next(m for m in minutes.mentions if m.surface == "Anna")
    assert anna.name == "Anna Berg" and TEXT[anna.span.char_start:anna.span.char_end] == "Anna"


def test_the_attendance_list_is_not_running_text(tmp_path: Path):
    assert "Per Ek" not in {m.name for m in minutes_of(tmp_path, TEXT).mentions}
