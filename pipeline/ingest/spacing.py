"""Whitespace as every reader normalises it: wide gaps are column breaks, the rest single spaces."""
from __future__ import annotations

import re

COLUMN_GAP = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)|[ \u00a0]*\t[ \u00a0\t]*")


def normalize_spacing(text: str) -> str:
    """Turn runs of three or more spaces (and tabs) between words into one tab, other
    runs of spaces into one space, and strip the ends."""
    if "  " not in text and "\t" not in text and "\u00a0" not in text:
        return text.strip()   # nothing to collapse (most lines)
    text = COLUMN_GAP.sub("\t", text.strip(" \u00a0\t"))
    return re.sub(r"[ \u00a0]+", " ", text).strip()
