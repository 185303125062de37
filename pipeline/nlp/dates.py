"""Dates and clock times as Swedish minutes write them, read into ISO forms."""
from __future__ import annotations

import datetime as dt
import re

from .vocab import Vocabulary, load

SEP = r"\s*[-–./]\s*|\s+"
ISO = re.compile(rf"(?<!\d)((?:19|20)\d{{2}})(?:{SEP})(\d{{1,2}})(?:{SEP})(\d{{1,2}})(?!\d)")
DMY = re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})(?:\s*[-/.]\s*((?:19|20)?\d{2})|\s+((?:19|20)\d{2}))(?![\d:.]\d)")  # noqa: E501
YMD_SHORT = re.compile(r"(?<![\d.:/-])(\d{2})([- ])(\d{2})\2(\d{2})(?![\d.:/-]?\d)")   # "18-05-02", "18 05 02"
COMPACT = re.compile(r"(?<!\d)((?:19|20)?\d{6})(?!\d)")
TIME_RANGE = re.compile(r"(?<![\d/])(\d{1,2})(?:[.:](\d{2}))?\s*(?:[-–]|till)\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d/])")
SINGLE_TIME = re.compile(r"(?<![\d/])(\d{1,2})[.:](\d{2})(?![\d/])")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_names(vocab: Vocabulary) -> re.Pattern:
    """"19 mars 2025", "den 19. mars", "19:e mars", "May 23 2023": day and month name, the
    year when it is there."""
    def build() -> re.Pattern:
        names = "|".join(sorted(vocab.months, key=len, reverse=True))
        return re.compile(rf"(?<![\d.])(?:(?P<day>\d{{1,2}})\s*(?:e|:e|:a|\.)?\s+(?P<month>{names})\b\.?"
                          rf"|(?P<month2>{names})\b\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)"
                          rf",?(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?", re.I)
    return vocab._once("month_date_pattern", build)


def parse_date(text: str, vocab: Vocabulary, compact: bool = False, year: int | None = None) -> str | None:
    """Return the first date in `text` as YYYY-MM-DD, or None.

    `compact` also accepts six- and eight-digit dates ("230101", "20190219"), which are
    only safe where the text is known to hold a date (a labelled value, a file name).
    `year` completes a day and month written without one ("onsdagen den 14 mars"), where
    the title gives the year.
    """
    found: list[tuple[int, str]] = []
    for m in ISO.finditer(text):
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
            break
    for m in _month_names(vocab).finditer(text):
        when = int(m.group("year")) if m.group("year") else year
        if when is None:
            continue
        month = vocab.months[(m.group("month") or m.group("month2")).casefold()]
        iso = _valid(when, month, int(m.group("day") or m.group("day2")))
        if iso:
            found.append((m.start(), iso))
            break
    clock = re.compile(rf"\b(?:{vocab.words_pattern('clock')})\.?\s*$", re.I)
    short = None
    for m in YMD_SHORT.finditer(text):          # the Swedish short form is year first: "18-05-02"
        iso = _valid(2000 + int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if iso and not clock.search(text[:m.start()]):
            found.append((m.start(), iso))
            short = m.start()
            break
    for m in DMY.finditer(text):                # "12/3-2024", "12.3.24", "12/3 2024"
        if m.start() == short:
            continue
        year = int(m.group(3) or m.group(4))
        year += 2000 if year < 100 else 0
        iso = _valid(year, int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
            break
    if compact and not found:
        for m in COMPACT.finditer(text):
            digits = m.group(1)
            if len(digits) == 8:
                iso = _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            else:
                iso = _valid(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
            if iso:
                found.append((m.start(), iso))
                break
    return min(found)[1] if found else None


def _clock(hour: str, minute: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    return f"{h:02d}:{m:02d}" if h < 24 and m < 60 else None


def parse_time_range(text: str) -> tuple[str | None, str | None]:
    """Return (start, end) clock times from text like "9.00-12.00", "kl. 13-15", "17:15"."""
    cleaned = ISO.sub(" ", text)
    m = TIME_RANGE.search(cleaned)
    if m and (m.group(2) or m.group(4)
              or re.search(rf"\b(?:{load().words_pattern('clock')})", cleaned[:m.start()], re.I)
              or re.fullmatch(r"\W*", cleaned[:m.start()])):
        start, end = _clock(m.group(1), m.group(2)), _clock(m.group(3), m.group(4))
        if start and end:
            return start, end
    m = SINGLE_TIME.search(cleaned)
    if m:
        return _clock(m.group(1), m.group(2)), None
    return None, None
