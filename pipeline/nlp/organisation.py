"""Who met: the body of a meeting, as the minutes name it.

Read in this order, the first that gives one wins:
1. a labelled value ("Organisation: ...", "Förening: ...");
2. the short name the text uses as the subject of its decisions ("VVG noterar
   informationen", "LGS ställer sig bakom ...": the body that decides), when it does so at
   least twice, with its long form where the text spells it out ("Vårdsamverkan Västra
   Götaland (VVG)") or the title gives it;
3. the organisation the head of the minutes names: the letterhead, the title ("Årsmöte
   Python Sverige 2016-06-30", "Protokoll för LiTHe Kods stormöte", "<Förening>s
   årsmöte"), the opening sentence, or the front matter's title. A name that holds an
   organisation noun ("samfällighetsförening", "sektionen", "nämnden") is preferred; in a
   municipality or region the body is the committee that meets, not the municipality.
Never initials from a column, a form label or an organisation number.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..records import Line
from ..settings import SETTINGS
from .dates import parse_date
from .lexicon import is_swedish_word
from .lines import Lines
from .names import NameFinder
from .vocab import Vocabulary, words

ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,6}")
QUOTED = re.compile(r"[”“\"«]([^”“\"«»]{3,80})[”“\"»]")
FULL_WITH_ACRONYM = re.compile(r"([A-ZÅÄÖ][\wåäöÅÄÖ\- ]{3,80}?)\s*\(([A-ZÅÄÖ]{2,6})\)")
ROMAN = re.compile(r"[IVXLC]+")
COLUMNS = re.compile(r"\t|\s{3,}")
NUMBERS = re.compile(r"\(?\b(?:nr\.?|no\.?|år)?\s*\d[\d\s:./\-–]*\)?", re.I)
HEAD_LINES = SETTINGS.organisation.head_lines
MAX_NAME_WORDS = SETTINGS.organisation.max_name_words
SUBJECT_MIN = SETTINGS.organisation.subject_min
OPENING_WORDS = SETTINGS.organisation.opening_words


@dataclass(frozen=True)
class Candidate:
    text: str
    score: float
    line: int


@lru_cache(maxsize=1)
def organisation_nouns() -> tuple[str, ...]:
    return tuple(w.casefold() for w in words("organisation_nouns.txt"))


@lru_cache(maxsize=1)
def committee_nouns() -> tuple[str, ...]:
    return tuple(w.casefold() for w in words("committee_nouns.txt"))


@lru_cache(maxsize=1)
def title_fillers() -> frozenset[str]:
    """Words around the name in a title: prepositions, articles, the kind of meeting."""
    return frozenset(w.casefold() for w in words("title_fillers.txt"))


@lru_cache(maxsize=1)
def document_words() -> frozenset[str]:
    """Words naming the document or a part of it ("Protokoll", "Bilaga"): never in a name."""
    return frozenset(w.casefold() for w in words("document_titles.txt") + words("document_words.txt"))


def _has_org_noun(text: str) -> bool:
    return any(w.casefold().strip(".,:;").endswith(organisation_nouns()) for w in text.split())


def _meeting_word(word: str, vocab: Vocabulary) -> bool:
    """A word naming a meeting, also as the end of a compound ("årsmöte", "styrelsemötet")
    and in the genitive ("Mötets öppnande")."""
    low = word.casefold().strip(".,:;()")
    return any(low.endswith(n) or low.endswith(n + "s") for n in vocab.meeting_nouns)


def name_in_title(text: str, vocab: Vocabulary) -> str | None:
    """The organisation a title line names, or None: "<Org>s <meeting>" gives <Org>;
    otherwise what is left once document-type words, meeting words, fillers, dates and
    numbers are taken out, when it is a short run of words with a capital, with the number
    an organisation's name ends in ("Brf Eken 2"). "<Org>s styrelse" gives <Org> too."""
    cells = [c.strip() for c in COLUMNS.split(text) if c.strip()]
    if len(cells) > 1 and all(len(c.split()) == 1 for c in cells):
        cells = [" ".join(cells)]                   # words spaced wide, not columns
    text = cells[0] if cells else ""
    text = re.sub(r"[*#_]", " ", text)
    words_ = text.split()
    for k, w in enumerate(words_):
        board = w.casefold().strip(".,:;") in vocab.grammar("board")
        g = k - 1
        while g > 0 and words_[g].casefold().strip(".,:") in title_fillers():
            g -= 1                                  # "Stackens extra medlemsmöte"
        if k and (_meeting_word(w, vocab) or board) and words_[g].casefold().endswith("s"):
            head = words_[:g + 1]
            while head and (head[0].casefold().strip(".,:") in title_fillers()
                            or head[0].casefold().strip(".,:") in document_words()
                            or any(ch.isdigit() for ch in head[0])):   # "Protokoll nr 79 fört vid ..."
                head = head[1:]
            if head and head[-1].casefold().endswith("s") and len(head[-1]) > 2:
                head[-1] = head[-1][:-1]
                name = " ".join(head).strip(" -–:,")
                if name and any(part[:1].isupper() for part in name.split()):
                    return name                     # also "datorföreningen Stacken"
    runs: list[list[str]] = [[]]
    after_date: list[bool] = [False]                # the run follows a date or a number
    for w in NUMBERS.sub(" | ", text).split():
        low = w.casefold().strip(".,:;()-–")
        date = None
        if w == "|" or not any(ch.isalnum() for ch in low) or low in document_words() or low in vocab.months \
                or _meeting_word(w, vocab) or (date := parse_date(w, vocab)) or ROMAN.fullmatch(w.strip(".,:;")):
            runs.append([])
            after_date.append(w == "|" or low in vocab.months or date is not None)
            continue
        runs[-1].append(w.strip(",:;."))
        if w.endswith(","):                         # "LH Standaret, Ankargatan 33": a name, then an address
            runs.append([])
            after_date.append(False)
    names = []
    for run, dated in zip(runs, after_date):
        if dated and run and not _has_org_noun(" ".join(run)):
            continue                                # the place: "... 2016 i RHI-rummet", "2017-02-26 Mångbyskolan"
        while run and run[0].casefold().strip(".,:;") in title_fillers():
            run = run[1:]
        while run and run[-1].casefold().strip(".,:;") in title_fillers():
            run = run[:-1]
        capital = next((k for k, w in enumerate(run) if w[:1].isupper()), None)
        run = run[capital:] if capital is not None else []
        if len(run) == 1 and is_swedish_word(run[0]) and not _has_org_noun(run[0]):
            continue                                # "Nyheter": a common word, no name
        if run and len(run) <= MAX_NAME_WORDS:
            names.append(" ".join(run))
    if not names:
        return None
    best = max(names, key=lambda r: (_has_org_noun(r), len(r.split())))
    numbered = re.search(rf"{re.escape(best)}\s+((?:nr\.?\s*)?\d{{1,3}})(?![\d.:/\-–]*\d)", text, re.I)
    return f"{best} {numbered.group(1)}" if numbered and _has_org_noun(best) else best   # "Brf Eken 2"


def deciding_subjects(doc) -> Counter:
    """How often each short name (an acronym) is the subject of a deciding predicate."""
    found: Counter = Counter()
    if "minutes" not in doc.spans:
        return found
    for span in doc.spans["minutes"]:
        if span.label_ != "DECIDING":
            continue
        for token in span:
            if token._.body and ACRONYM.fullmatch(token.text) and not ROMAN.fullmatch(token.text):
                found[token.text] += 1
    return found


def _committee(name: str, vocab: Vocabulary) -> str:
    """In "Jönköpings kommun Barn- och utbildningsnämnden" the committee that meets."""
    parts = re.split(r"\s{2,}|\t", name)
    words_ = name.split()
    for k, w in enumerate(words_):
        if w.casefold().endswith(committee_nouns()):
            start = k
            joiners = vocab.grammar("conjunction") + vocab.grammar("in_name")
            while start > 0 and (words_[start - 1].endswith("-") or words_[start - 1].casefold() in joiners):
                start -= 1
            if start > 0 and words_[start - 1][:1].isupper() and not words_[start - 1].isupper():
                start -= 1
            return " ".join(words_[start:k + 1])
    return parts[0]


def find_body(lines: Lines, start: int, header_end: int, skip: set[int], finder: NameFinder,
              subjects: Counter, hints: dict[str, str], marked_up: bool = False) -> tuple[str | None, str | None]:
    """The meeting's body and its long name (see the module docstring)."""
    vocab = lines.vocab
    head = [s for s in lines.shapes[start:max(header_end, start + 1)] if not s.blank][:HEAD_LINES]
    for shape in head:
        if shape.label and shape.label.kind == "body" and shape.label.rest:
            return re.split(r"[,(]", shape.label.rest)[0].strip(" ."), None
    pairs = [(m.group(1).strip(), m.group(2)) for s in head for m in FULL_WITH_ACRONYM.finditer(s.text)]
    candidates = _candidates(lines, head, skip, finder, hints, marked_up)
    short = [name for name, n in subjects.most_common() if n >= SUBJECT_MIN]
    if short:
        body = short[0]
        long = next((full for full, acr in pairs if acr == body), None)
        if long is None:
            long = next((c.text.replace(body, "").strip(" ,-–") for c in candidates
                         if c.text.replace(body, "").strip(" ,-–") and body in c.text.split()), None)
        return body, long
    if not candidates:
        if pairs:
            return pairs[0][1], pairs[0][0]
        return None, None
    best = max(candidates, key=lambda c: (c.score, -c.line))
    paired = FULL_WITH_ACRONYM.search(best.text)
    if paired:
        return paired.group(2), paired.group(1).strip()
    name = (_committee(best.text, vocab) if any(w.casefold().endswith(committee_nouns()) for w in best.text.split())
            else best.text)
    acronyms = [a for a in re.findall(rf"\b{ACRONYM.pattern}\b", name) if not ROMAN.fullmatch(a) and a != name]
    if acronyms and name.split()[-1] == acronyms[-1] and len(name.split()) > 1 and not name.isupper():
        return acronyms[-1], " ".join(name.split()[:-1])
    return name, None


def _candidates(lines: Lines, head, skip: set[int], finder: NameFinder,
                hints: dict[str, str], marked_up: bool = False) -> list[Candidate]:
    """Names of organisations in the head's lines, scored. In a marked-up document (Markdown)
    the head ends at the second heading: the first is the title, the next open sections."""
    vocab = lines.vocab
    out: list[Candidate] = []
    first = head[0].index if head else None
    headings = 0
    for shape in head:
        line: Line = shape.line
        headings += line.heading > 0
        if (marked_up and headings > 1) or shape.number is not None:
            break                                   # past the title: sections and items
        if line.index in skip and out:
            break                                   # the head names the body before the attendance list
        if line.index in skip or shape.label or shape.heading_role or line.bullet:
            continue
        text = line.text.strip()
        if text.endswith(":") or (text.startswith("(") and text.endswith(")")):
            continue                                # a label, or a remark in brackets
        for quoted in QUOTED.findall(text):
            if quoted[:1].isupper() and not _person(quoted, finder):
                out.append(Candidate(quoted, 3.0 + 3 * _has_org_noun(quoted), line.index))
        if re.search(r"[.!?]$", text) and not _opening_sentence(text, vocab):
            continue
        name = name_in_title(text, vocab)
        if not name or _person(name, finder):
            continue
        score = 1.0
        score += 3 * _has_org_noun(name)
        score += 1.5 * (line.index == first)
        score += 1 * (text.isupper() or line.heading > 0 or line.bold)
        score += 1 * any(_meeting_word(w, vocab) for w in text.split())
        out.append(Candidate(name, score, line.index))
    title = hints.get("title")
    if title:
        name = name_in_title(title, vocab)
        if name and not _person(name, finder):
            out.append(Candidate(name, 3.0 + 3 * _has_org_noun(name), -1))
    return out


def _opening_sentence(text: str, vocab: Vocabulary) -> bool:
    """"Protokoll fört vid föreningens årsmöte ...": a sentence that names the meeting."""
    return any(_meeting_word(w, vocab) for w in text.split()[:OPENING_WORDS])


def _person(text: str, finder: NameFinder) -> bool:
    """True for a person's name (a known given name and a surname), not an organisation's."""
    names = finder.find(text)
    return bool(names) and sum(len(n.text) for n in names) >= 0.7 * len(text)
