"""People named in the running text (outside attendance lists, labels and signatures).

Full names are found by the name finder; a bare first name counts only when exactly one
attendee of the meeting has it, and is then recorded under that attendee's full name.
"""
from __future__ import annotations

from .names import NameFinder
from .records import Attendee, Document, Mention, Span


def find_mentions(doc: Document, finder: NameFinder, attendees: list[Attendee],
                  skip: set[int]) -> list[Mention]:
    """Return person mentions in document order."""
    by_first: dict[str, set[str]] = {}
    for a in attendees:
        by_first.setdefault(a.name.split()[0].casefold(), set()).add(a.name)
    out = []
    for line in doc.lines:
        if line.index in skip or not line.text.strip():
            continue
        span = Span.of_lines([line])
        for name in finder.find(line.text):
            out.append(Mention(name=name.text, surface=line.text[name.start:name.end], span=span))
        for name in finder.bare_first_names(line.text):
            full = by_first.get(name.text.casefold(), set())
            if len(full) == 1:
                out.append(Mention(name=next(iter(full)), surface=name.text, span=span))
    return out
