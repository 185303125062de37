"""Tell minutes from other documents (slide decks, reports, letters)."""
from __future__ import annotations

from ..records import Attendee, Decision, Document, Item, Meeting
from .vocab import Vocabulary

MINUTES_SCORE = 3


def classify(doc: Document, items: list[Item], decisions: list[Decision], attendees: list[Attendee],
             meeting: Meeting, vocab: Vocabulary) -> str:
    """'minutes' when the document shows enough of what minutes are made of, else 'other'."""
    head = " ".join(line.text.casefold() for line in doc.lines[:15])
    score = 0
    score += 2 if len(items) >= 2 else 0
    score += (2 if any(_keyworded(doc, d) for d in decisions) else 1) if decisions else 0
    score += 2 if attendees else 0
    score += 2 if any(w in head for w in vocab.document_titles) else 0
    score += 1 if meeting.meeting_date else 0
    score += 1 if meeting.start_time or meeting.location else 0
    score += 1 if any(h.casefold() in head for h in vocab.attendance_headings) else 0
    shaped = len(items) >= 2 or bool(attendees) or any(w in head for w in vocab.document_titles)
    return "minutes" if shaped and score >= MINUTES_SCORE else "other"


def _keyworded(doc: Document, decision: Decision) -> bool:
    """True when the decision stands on a keyword line rather than in a sentence."""
    line = doc.lines[decision.span.line_start].text.strip(" *-•").casefold() if decision.span else ""
    return line.startswith(("beslut", "ställningstagande"))
