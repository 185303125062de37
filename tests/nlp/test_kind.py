"""Minutes or something else."""
from pathlib import Path

from .helpers import minutes_of

NOTICE = """Föreningen Eken
Kallelse
ÅRSMÖTE 2025
Tid: Onsdag 18/3-25 kl 18.30
Plats: Föreningslokalen
Förslag till dagordning
1. Stämmans öppnande
2. Val av ordförande för stämman
3. Val av sekreterare för stämman
4. Styrelsens verksamhetsberättelse
5. Stämmans avslutning
"""


def test_a_notice_of_a_meeting_with_its_agenda_is_not_minutes(tmp_path: Path):
    assert minutes_of(tmp_path, NOTICE).kind == "other"


def test_minutes_of_the_same_meeting_are_minutes(tmp_path: Path):
    text = NOTICE.replace("Kallelse", "Protokoll").replace("Förslag till dagordning\n", "") \
        .replace("2. Val av ordförande för stämman", "2. Val av ordförande för stämman\nTill ordförande valdes Anna Berg.")
    assert minutes_of(tmp_path, text).kind == "minutes"


def test_an_agenda_that_says_who_was_present_is_minutes(tmp_path: Path):
    text = ("Dagordning Styrelsemöte 19/7 -20\nNärvarande: Anne, Ida, Sandra och Hanna\n\n"
            "1. Mötet öppnas\n– Ordförande Anne öppnar mötet\n2. Val av justerare\n– Ida och Sandra\n")
    assert minutes_of(tmp_path, text).kind == "minutes"
