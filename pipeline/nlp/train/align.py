"""Line labels derived from a gold file, for training the line classifier.

Each gold record is found on the ingested lines: an item on the line that opens with its
number and holds (or is followed by) its title; a decision on the line where its text
starts, and the lines its text runs over; an attendee on the lines naming them. Lines a
gold file says nothing about are OTHER. The labels are only as good as the alignment:
a record that cannot be found is left out, never guessed.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from ...settings import SETTINGS
from ..lines import Lines

LABELS = ("ITEM", "DECISION", "DECCONT", "ATTENDEE", "METADATA", "OTHER")
TITLE_MATCH = SETTINGS.align.title_match
START_MATCH = SETTINGS.align.start_match
START_CHARS = SETTINGS.align.start_chars
COVER = SETTINGS.align.cover
METADATA_FIELDS = ("date", "time", "location", "chair", "secretary", "adjusters", "place_time", "body")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u00ad", "")
    text = re.sub(r"[*_#`]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def line_labels(lines: Lines, gold: dict) -> list[str]:
    """One label (of `LABELS`) per line."""
    n = len(lines)
    labels = ["OTHER"] * n
    text = [fold(s.text) for s in lines.shapes]
    last = -1
    for item in gold.get("items", []):
        hit = _item_line(lines, text, item, last)
        if hit is not None:
            labels[hit] = "ITEM"
            last = hit
    last = -1
    for decision in gold.get("decisions", []):
        start = _decision_start(text, fold(decision.get("text", "")), last)
        if start is None:
            continue
        labels[start] = "DECISION"
        last = start
        want, have, i = len(fold(decision["text"])), len(text[start]), start + 1
        while have < COVER * want and i < n:
            if text[i]:
                labels[i] = "DECCONT" if labels[i] == "OTHER" else labels[i]
                have += len(text[i])
            i += 1
    names = [fold(a["name"]) for a in gold.get("attendance", [])]
    for i, t in enumerate(text):
        if labels[i] == "OTHER" and t and any(name and name in t for name in names):
            labels[i] = "ATTENDEE"
    if gold.get("kind") == "minutes":
        for shape in lines.shapes:
            if labels[shape.index] == "OTHER" and shape.label is not None and shape.label.kind in METADATA_FIELDS:
                labels[shape.index] = "METADATA"
    return labels


def _item_line(lines: Lines, text: list[str], item: dict, after: int) -> int | None:
    number = str(item.get("number", "")).strip()
    title = fold(item.get("title", ""))
    if not number.isdigit():
        return None
    for shape in lines.shapes[after + 1:]:
        found = shape.number.number if shape.number else shape.table_number
        if found != int(number):
            continue
        window = " ".join(t for t in text[shape.index:shape.index + 4] if t)
        if not title or fuzz.partial_ratio(title[:60], window) >= TITLE_MATCH:
            return shape.index
    return None


def _decision_start(text: list[str], decision: str, after: int) -> int | None:
    head = decision[:START_CHARS]
    if not head:
        return None
    best, best_score = None, 0.0
    for i in list(range(after + 1, len(text))) + list(range(0, after + 1)):
        if not text[i]:
            continue
        window = text[i] + " " + next((t for t in text[i + 1:i + 3] if t), "")
        score = fuzz.partial_ratio(head, window)
        if score >= START_MATCH and text[i][:12] and fuzz.partial_ratio(text[i][:25], decision[:60]) >= START_MATCH:
            return i
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 95 else None
