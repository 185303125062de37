"""People named in the running text (outside attendance lists, labels and signatures).

Two finders, chosen by `mode` (default `DEFAULT_MODE`, picked by `scripts/eval_ner.py`):
- "rules": the rule-based name finder (a known given name followed by surname tokens);
- "ner": the trained NER of the shipped spaCy pipeline (`pipeline.nlp.get_nlp`), PER spans;
- "ner_gazetteer": NER spans that open with a known given name or are an attendee's name;
- "union", "union_gazetteer": the rules' names plus those of "ner" or "ner_gazetteer".
Either way a bare first name counts only when exactly one attendee of the meeting has it,
and is then recorded under that attendee's full name.
"""
from __future__ import annotations

import re
from typing import Literal

from .names import Name, NameFinder, normalize_name
from . import model_available
from ..records import Attendee, Document, Line, Mention, Span

Mode = Literal["rules", "ner", "ner_gazetteer", "union", "union_gazetteer"]
MODES: tuple[str, ...] = ("rules", "ner", "ner_gazetteer", "union", "union_gazetteer")
DEFAULT_MODE: Mode = "rules"
NER_COMPONENTS = ("ner",)
QUOTES = "“”\"'’‘"
NICKNAME = re.compile(rf"\s*[{QUOTES}][^{QUOTES}]{{1,20}}[{QUOTES}]\s*")
STRAY_QUOTE = re.compile(rf"(?<!\w)[{QUOTES}]|[{QUOTES}](?!\w)")


def find_mentions(doc: Document, finder: NameFinder, attendees: list[Attendee],
                  skip: set[int], mode: Mode | None = None) -> list[Mention]:
    """Return person mentions in document order."""
    mode = mode or DEFAULT_MODE
    by_first: dict[str, set[str]] = {}
    for a in attendees:
        by_first.setdefault(a.name.split()[0].casefold(), set()).add(a.name)
    lines = [line for line in doc.lines if line.index not in skip and line.text.strip()]
    if mode != "rules" and not model_available():
        mode = "rules"  # no shipped pipeline (scripts/build_nlp.py assemble makes it)
    use_rules = mode in ("rules", "union", "union_gazetteer")
    ner = ner_names(lines, finder, {a.name for a in attendees}, gazetteer=mode.endswith("gazetteer")) \
        if mode != "rules" else [[] for _ in lines]
    out = []
    for line, from_ner in zip(lines, ner):
        span = Span.of_lines([line])
        full = finder.find(line.text) if use_rules else []
        bare = finder.bare_first_names(line.text) if use_rules else []
        for name in _merge(full + bare, from_ner):
            if len(name.text.split()) >= 2:
                out.append(Mention(name=name.text, surface=line.text[name.start:name.end], span=span))
                continue
            known = by_first.get(name.text.casefold(), set())
            if len(known) == 1:
                out.append(Mention(name=next(iter(known)), surface=name.text, span=span))
    return out


def ner_names(lines: list[Line], finder: NameFinder, attendee_names: set[str],
              gazetteer: bool = False) -> list[list[Name]]:
    """Given lines, return the PER names the trained NER finds in each (nicknames dropped)."""
    from . import get_nlp

    nlp = get_nlp()
    out: list[list[Name]] = []
    with nlp.select_pipes(enable=list(NER_COMPONENTS)):
        for line, sdoc in zip(lines, nlp.pipe(line.text for line in lines)):
            names = []
            for ent in sdoc.ents:
                if ent.label_ != "PER":
                    continue
                text = normalize_name(STRAY_QUOTE.sub("", NICKNAME.sub(" ", ent.text)))
                if not _plausible(text) or (gazetteer and not _in_gazetteer(text, finder, attendee_names)):
                    continue
                names.append(Name(text, ent.start_char, ent.end_char))
            out.append(names)
    return out


def _plausible(text: str) -> bool:
    """A person name: one to five capitalised words, no digits."""
    words = text.split()
    return 1 <= len(words) <= 5 and not any(ch.isdigit() for ch in text) \
        and words[0][:1].isupper() and words[-1][:1].isupper()


def _in_gazetteer(text: str, finder: NameFinder, attendee_names: set[str]) -> bool:
    return text in attendee_names or finder.is_given(text.split()[0])


def _merge(first: list[Name], second: list[Name]) -> list[Name]:
    """Names of both lists left to right; of two that overlap, the first list's is kept."""
    if not second:
        return first
    kept = list(first)
    for name in second:
        if not any(n.start < name.end and name.start < n.end for n in kept):
            kept.append(name)
    return sorted(kept, key=lambda n: n.start)
