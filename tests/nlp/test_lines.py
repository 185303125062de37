"""What a line is, answered once."""
import pytest

from pipeline.nlp.lines import attendance_heading, item_number, metadata_label
from pipeline.nlp.vocab import load
from pipeline.records import Line


def line(text: str, **layout) -> Line:
    return Line(index=0, text=text, end=len(text), **layout)


@pytest.mark.parametrize("text, number", [("§ 1021 Budget 2025", 1021), ("3. Val av justerare", 3),
                                          ("Punkt 4 Ekonomi", 4), ("§§ 12 Taxor", 12), ("1/", 1),
                                          ("Ärende 5: Bygglov", 5), ("3 – Ekonomi", 3), ("7 § Budget", 7),
                                          ("16. 2026 års årsmöte", 16), ("3. 100-års jubileum", 3)])
def test_item_numbers_in_the_forms_items_use(text, number):
    assert item_number(line(text)).number == number


@pytest.mark.parametrize("text", ["2023-01-01 Protokoll", "12 000 kr till föreningen", "3 gånger per år",
                                  "1.2 Delrapport", "Ärende 2024/123 Bygglov", "6 § kommunallagen",
                                  "2 - 3 personer kom", "1. 5 000 kr till kassan"])
def test_dates_amounts_and_counts_are_no_item_numbers(text):
    assert item_number(line(text)) is None


def test_a_bare_number_opens_an_item_in_a_heading():
    assert item_number(line("4 Ekonomi", heading=2)).number == 4


def test_attendance_headings_with_and_without_colon():
    vocab = load()
    assert attendance_heading("Närvarande: Anna Berg, Per Ek", vocab).kind == "present"
    assert attendance_heading("Beslutande", vocab).kind == "present"
    assert attendance_heading("Närvarande Anna Berg", vocab) is None
    assert attendance_heading("Närvarande Anna Berg", vocab, allow_bare=True).rest == "Anna Berg"


def test_a_label_of_several_words_needs_no_colon():
    label = metadata_label("Plats och tid Rumlaborg kl. 13.00-15.00", load())
    assert (label.kind, label.rest) == ("place_time", "Rumlaborg kl. 13.00-15.00")


@pytest.mark.parametrize("text, kind, rest", [
    ("Närvarande medlemmar: Anna Berg, Per Ek", "present", "Anna Berg, Per Ek"),
    ("Frånvarande med anmält förhinder: Per Ek", "absent", "Per Ek"),
    ("Närvarande via Teams: Lisa Holm", "present", "Lisa Holm"),
    ("Frånv: Per Ek", "absent", "Per Ek"),
])
def test_an_attendance_heading_with_more_words_before_its_colon(text, kind, rest):
    found = attendance_heading(text, load())
    assert (found.kind, found.rest) == (kind, rest)


def test_a_sentence_about_members_is_no_attendance_heading():
    assert attendance_heading("Ledamöter som inte deltog i beslutet: Per Ek", load()) is None


@pytest.mark.parametrize("text, kind", [("Närvarolista: Anna Berg", "present"), ("Mötesdeltagare: Anna Berg", "present"),
                                        ("Deltagarförteckning: Anna Berg", "present"),
                                        ("Frånvarolista: Karin Ström", "absent")])
def test_a_compound_of_an_attendance_heading_is_one(text, kind):
    assert attendance_heading(text, load()).kind == kind


def test_a_compound_of_another_word_is_no_attendance_heading():
    assert attendance_heading("Mötesordförande: Anna Berg", load()) is None
