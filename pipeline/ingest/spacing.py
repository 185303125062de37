"""Whitespace as every reader normalises it: wide gaps are column breaks, the rest single
spaces, and characters no reader sees are gone."""
from __future__ import annotations

import re

# soft hyphen, zero-width space / non-joiner / joiner, word joiner, byte-order mark: they split
# dates and words ("2023-\u200b11-30") for the rules without showing on the page
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
COLUMN_GAP = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)|[ \u00a0]*\t[ \u00a0\t]*")


def normalize_spacing(text: str) -> str:
    """Turn runs of three or more spaces (and tabs) between words into one tab, other
    runs of spaces into one space, and strip the ends."""
    if "  " not in text and "\t" not in text and "\u00a0" not in text:
        return text.strip()   # nothing to collapse (most lines)
    text = COLUMN_GAP.sub("\t", text.strip(" \u00a0\t"))
    return re.sub(r"[ \u00a0]+", " ", text).strip()


def drop_invisible(text: str) -> str:
    """The text without the characters that do not show on the page (`INVISIBLE`)."""
    return text.translate(INVISIBLE)
