"""Minutes or something else (slide decks, reports, notices): the `minutes_kind` component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Attendee, Decision, Item, Meeting
from ..settings import SETTINGS
from . import doc as docs
from .attendance import attendees
from .layout import regions
from .lines import Lines

MINUTES_SCORE = SETTINGS.kind.minutes_score
HEAD_LINES = SETTINGS.kind.head_lines
TITLE_LINES = SETTINGS.kind.title_lines


def classify(lines: Lines, start: int, items: list[Item], decisions: list[Decision],
             people: list[Attendee], meeting: Meeting) -> str:
    """'minutes' when the document shows enough of what minutes are made of, else 'other'."""
    vocab = lines.vocab
    head = " ".join(line.text.casefold() for line in lines.lines[start:start + HEAD_LINES])
    if (_titled_other(lines, start) and not any(_keyworded(lines, d) for d in decisions)
            and not _titled_minutes(lines, start) and not any(p.role == "present" for p in people)):
        return "other"                              # an agenda that says who was present is minutes
    score = 0
    score += 2 if len(items) >= 2 else 0
    score += (2 if any(_keyworded(lines, d) for d in decisions) else 1) if decisions else 0
    score += 2 if people else 0
    score += 2 if any(w in head for w in vocab.document_titles) else 0
    score += 1 if meeting.meeting_date else 0
    score += 1 if meeting.start_time or meeting.location else 0
    score += 1 if any(h.casefold() in head for h in vocab.attendance_headings) else 0
    shaped = len(items) >= 2 or bool(people) or any(w in head for w in vocab.document_titles)
    return "minutes" if shaped and score >= MINUTES_SCORE else "other"


def _title_lines(lines: Lines, start: int) -> list[str]:
    return [s.text.strip(" *#").casefold() for s in lines.shapes[start:start + HEAD_LINES] if not s.blank][:TITLE_LINES]


def _titled_other(lines: Lines, start: int) -> bool:
    """A notice, an agenda or a report by its title ("Kallelse", "Dagordning")."""
    return any(t == w or t.startswith(w + " ") for t in _title_lines(lines, start) for w in lines.vocab.other_titles)


def _titled_minutes(lines: Lines, start: int) -> bool:
    """Minutes by their title ("Protokoll", "Minnesanteckningar"), also as a compound's end;
    a meeting's name is not, nor an agenda's ("Kallelse / Årsmöte 2015 / Förslag till
    dagordning" is a notice of a meeting)."""
    meetings = tuple(lines.vocab.meeting_nouns) + ("meeting",)
    others = tuple(lines.vocab.other_titles) + ("agenda",)
    titles = tuple(w for w in lines.vocab.document_titles if not w.endswith(meetings) and not w.endswith(others))
    return any(w.endswith(titles) for t in _title_lines(lines, start) for w in t.split())


def _keyworded(lines: Lines, decision: Decision) -> bool:
    """True when the decision stands on a keyword line rather than in a sentence."""
    if decision.span is None:
        return False
    text = lines[decision.span.line_start].text.strip(" *-•").casefold()
    return text.startswith(tuple(k.casefold() for k in lines.vocab.decision_keywords))


@Language.factory("minutes_kind", assigns=["doc.cats", "doc.spans"], requires=["doc.spans", "doc._.meeting"])
def make_kind(nlp: Language, name: str) -> KindComponent:
    return KindComponent()


class KindComponent:
    """Given a Doc with its findings, write each meeting's kind to `doc.spans["kinds"]` (a
    MEETING span per region, payload "minutes" or "other") and the document's to `doc.cats`."""

    def __call__(self, doc: Doc) -> Doc:
        items, decisions = docs.payloads(doc, "items"), docs.payloads(doc, "decisions")
        meetings = doc._.meeting or []
        findings = []
        for region, (span, _) in zip(regions(doc), (f for f in docs.found(doc, "regions") if f[0].label_ == "MEETING")):
            lines = doc._.lines
            kind = classify(lines, region.start, [i for i in items if i.meeting == region.meeting],
                            [d for d in decisions if d.meeting == region.meeting],
                            attendees(doc, region.meeting), meetings[region.meeting])
            findings.append((span, kind))
        docs.put(doc, "kinds", findings)
        minutes = any(kind == "minutes" for _, kind in findings)
        doc.cats = {"minutes": float(minutes), "other": float(not minutes)}
        return doc
