"""Dates and times in the forms the minutes write them."""
import pytest

from pipeline.nlp.dates import parse_date, parse_time_range
from pipeline.nlp.vocab import load


@pytest.mark.parametrize("text,iso", [
    ("Datum: Måndag 4 oktober 2021", "2021-10-04"),
    ("Justerat 2023 – 12- 05", "2023-12-05"),
    ("2026-06-04", "2026-06-04"),
    ("Lund den 3 mars 2019", "2019-03-03"),
    ("Mötesprotokoll 01-10-2020", "2020-10-01"),
    ("Ledningsgrupp för samverkan Datum: 2023-11-30", "2023-11-30"),
    ("Datum: 12/3 2024 kl 19.00", "2024-03-12"),
    ("Styrelseprotokoll nr 4 - 21/8-13", "2013-08-21"),
    ("Styrelseprotokoll nr 6 - 9/12-14", "2014-12-09"),
    ("kl 18.30 2024", None),
    ("inget datum här", None),
])
def test_parse_date(text, iso):
    assert parse_date(text, load()) == iso


def test_compact_dates_only_when_asked():
    assert parse_date("gäller från 230101", load()) is None
    assert parse_date("230101", load(), compact=True) == "2023-01-01"
    assert parse_date("Protokoll 20190219", load(), compact=True) == "2019-02-19"


@pytest.mark.parametrize("text,times", [
    ("Mötetid: 9.00-12.00", ("09:00", "12:00")),
    ("09.00-10.45", ("09:00", "10:45")),
    ("13:00-15:00", ("13:00", "15:00")),
    ("10-12", ("10:00", "12:00")),
    ("kl. 13-15", ("13:00", "15:00")),
    ("Mötet öppnades kl 17:15", ("17:15", None)),
])
def test_parse_time_range(text, times):
    assert parse_time_range(text) == times


def test_two_digit_parts_with_dashes_or_spaces_are_the_swedish_year_first_form():
    vocab = load()
    assert parse_date("Protokoll fört vid Skypemöte 18 05 02 kl. 10-11", vocab) == "2018-05-02"
    assert parse_date("Datum: 23-01-02", vocab) == "2023-01-02"
    assert parse_date("12.3.24", vocab) == "2024-03-12"
    assert parse_date("kl 10 11 12", vocab) is None
