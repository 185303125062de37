"""Members as municipal protokoll list them: a name with its party in parentheses, then what
the list says of them.

"Inger Grund (M) ersätter Magnus Crona (M) tom kl.16.30 § 29-36" is one member: Inger Grund,
party M, substituting for Magnus Crona, present until 16.30 and for §§ 29-36. The party tag
("(M)", "(KD)", "(Fi)") closes a name; a tagged name right after "ersätter" is whom the
member replaces, not a member of the list. What follows the tag gives the role as printed
(`resources/sv/member_roles.txt`: "ordförande", "1:e vice ordförande", "tjänstgörande
ersättare"), the substitution (`substitute_words.txt`) and a presence limit: the text from
a time or a § on ("from kl. 13.00 § 29", "t.o.m. 14:30, § 113"), with the § numbers it covers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..settings import SETTINGS
from .names import Name
from .vocab import load, words

PARTY = r"\((?P<party>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,3})\)"
NAME_WORD = r"(?:[A-ZÅÄÖÉ][\wåäöéüÅÄÖÉ'’-]*|von|af|van|der|de|la|da)"
TAGGED = re.compile(rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*,?\s*{PARTY}")
PARAGRAPHS = re.compile(r"§§?\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?")
MAX_RANGE = SETTINGS.members.max_range


@dataclass
class MemberNote:
    """What a member list says of one member."""

    party: str | None = None
    role_text: str | None = None
    substitutes_for: str | None = None
    limited_to: str | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def affiliation(self) -> str | None:
        parts = [p for p in (self.party, self.role_text) if p]
        return ", ".join(parts) or None


@lru_cache(maxsize=1)
def member_roles() -> tuple[str, ...]:
    return tuple(sorted((w.casefold() for w in words("member_roles.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def substitute_words() -> tuple[str, ...]:
    return tuple(sorted((w.casefold() for w in words("substitute_words.txt")), key=len, reverse=True))


def tagged_entries(text: str, is_person=lambda name: True) -> list[tuple[Name, str]] | None:
    """The members of a party-tagged list text: (name, the text from its tag up to the next
    member), or None when the text tags no person's name with a party. `is_person` tells a
    person's name from an organisation's with its short form ("Västra Götaland (VVG)")."""
    found: list[tuple[int, int]] = []
    for m in TAGGED.finditer(text):
        before = text[:m.start()].casefold().rstrip(" ,")
        if before.endswith(substitute_words()):
            continue                                 # whom a member replaces
        start = _person_start(text, m, is_person)
        if start is not None:
            found.append((start, m.end("name")))
    if not found:
        return None
    out = []
    for k, (start, end) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else len(text)
        out.append((Name(" ".join(text[start:end].split()), start, end), text[end:stop]))
    return out


def _person_start(text: str, m: re.Match, is_person) -> int | None:
    """Where the person's name before a party tag starts: the longest run of its last words
    (two at least) that is a person's name ("Beslutande AnneMarie Grennhag (M)")."""
    words = list(re.finditer(r"\S+", m.group("name")))
    for k in range(0, len(words) - 1):
        if is_person(" ".join(w.group(0) for w in words[k:])):
            return m.start("name") + words[k].start()
    return None


def read_note(tail: str, party: str | None = None) -> MemberNote:
    """What the text after a member's name says: party (a tag opening it), role,
    substitution, presence limit."""
    text = " ".join(tail.replace("\t", " ").split()).strip(" ,.;")
    tag = re.match(rf"\s*,?\s*{PARTY}", text)
    if tag and party is None:
        party, text = tag.group("party"), text[tag.end():].strip(" ,.;")
    note = MemberNote(party=party)
    low = text.casefold()
    for word in substitute_words():
        k = low.find(word)
        if k >= 0:
            m = re.match(rf"\s*({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})", text[k + len(word):])
            if m:
                note.substitutes_for = m.group(1)
                rest = re.sub(rf"^\s*,?\s*{PARTY}", "", text[k + len(word) + m.end():])
                text = (text[:k] + " " + rest).strip()
            break
    limit = limit_pattern().search(text)
    if limit:
        start = limit.start()
        note.limited_to = text[start:].strip(" ,.;") or None
        text = text[:start]
    for word in member_roles():
        if re.search(rf"(?<![\wåäö]){re.escape(word)}(?![\wåäö])", text.casefold()):
            note.role_text = word
            break
    if note.role_text is None and party is None:
        rest = re.sub(r"\b(?:närvarande|ej)\b", "", text, flags=re.I).strip(" ,.;:-–")
        note.role_text = rest or None
    if note.limited_to:
        note.limited_to = re.sub(r"^(?:närvarande\s+)", "", note.limited_to, flags=re.I)
        note.paragraphs = paragraphs(note.limited_to)
    return note


@lru_cache(maxsize=1)
def limit_pattern() -> re.Pattern:
    """Where a presence limit starts: a limit word ("fr.o.m.", "tom", "kl"), a § or a time."""
    return re.compile(rf"(?:(?<![\wåäö])(?:{load().words_pattern('limit')})(?![\wåäö])|§|\b\d{{1,2}}[:.]\d{{2}}\b)", re.I)  # noqa: E501


def paragraphs(text: str) -> list[str]:
    """The § numbers a presence limit names ("§ 29-35" -> 29 ... 35)."""
    out: list[str] = []
    for m in PARAGRAPHS.finditer(text):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if first <= last <= first + MAX_RANGE:
            out += [str(n) for n in range(first, last + 1)]
    return out
