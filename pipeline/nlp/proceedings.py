"""What happened on the way to a decision: the `minutes_proceedings` component.

In the parts of an item (`minutes_sections`) other than the list of documents, the
recipients and notes to the protokoll (or in its whole body when it has no parts), it reads:
- motions: a sentence whose verb is a proposing one (`resources/sv/proceedings.txt`: "yrka",
  "föreslå", by lemma) with a member, a name with a party tag, as its subject: "AnneMarie
  Grennhag (M) för partigrupp M, KD, C och L yrkar bifall till förvaltningens förslag". The
  motion's text is the proposal after the verb, from its "att" when it has one. The outcome:
  won or lost when the chair's ruling or the vote names whose proposal was adopted
  ("finner yrkandet från partigrupp M, KD, C och L antaget"); withdrawn when the mover takes it
  back; else won when the item's decision says what the motion proposed;
- roll calls: a table whose header has the vote columns (Ja, Nej, Avstår, Frånvarande; the
  vote words of `vote_words.txt`) and a row per member with a mark in one of them;
- reservations: a sentence with "reservera" (by lemma); a party group's ("Partigrupp S och
  MP reserverar sig") becomes one reservation per member of those parties the attendance
  lists as present, each keeping the group as written;
- recusals: a sentence declaring "jäv", for each member it names.
Each is tied to its item and the item's (first) decision.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..records import Attendee, Ballot, Decision, Item, Motion, Recusal, Reservation, Span, span_of
from ..settings import SETTINGS
from . import doc as docs
from .attendance import attendees
from .members import PARTY, substitute_words
from .names import given_names, swedish_words
from .sections import Section, sections
from .vocab import load, rows

NOT_PROCEEDINGS = frozenset({"basis", "dispatch", "note"})   # parts that list documents, recipients, notes
TAGGED_NAME = re.compile(rf"(?P<name>[A-ZÅÄÖ][\wåäöéü'’-]+(?:\s+(?:[A-ZÅÄÖ][\wåäöéü'’-]+|von|af|van|der|de)){{1,3}})\s*,?\s*{PARTY}")  # noqa: E501
MARK = re.compile(r"^\s*[xX✓✔•*1]\s*$")
FOLLOWS_MOTION = SETTINGS.proceedings.follows_motion
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for kind, word in rows("proceedings.txt"):
        out[kind].append(word.casefold())
    return {k: tuple(v) for k, v in out.items()}


def _paragraphs(doc: Doc, part: Section) -> list[tuple[str, list[Token], int]]:
    """The paragraphs of a part: (text, tokens, first line index)."""
    lines = doc._.lines
    by_line = docs.words_by_line(doc)
    out: list[tuple[str, list[Token], int]] = []
    texts: list[str] = []
    tokens: list[Token] = []
    first: int | None = None
    for shape in lines.shapes[part.first:part.last + 1]:
        if shape.blank or shape.line.table is not None:
            if texts and first is not None:
                out.append((" ".join(texts), tokens, first))
            texts, tokens, first = [], [], None
            continue
        if first is None:
            first = shape.index
        texts.append(shape.text.strip())
        tokens += by_line.get(shape.index, [])
    if texts and first is not None:
        out.append((" ".join(texts), tokens, first))
    return out


def is_given_name(word: str) -> bool:
    return word.casefold() in given_names()


def _verb(tokens: list[Token], lemmas: tuple[str, ...]) -> Token | None:
    """The first finite active form of one of these verbs ("yrkar", not "yrka" or "föreslås")."""
    return next((t for t in tokens if t.lemma_ in lemmas and t.lower_ != t.lemma_
                 and not (t.lower_.endswith("s") and not t.lemma_.endswith("s"))), None)


def _movers(text: str) -> list[tuple[str, str]]:
    """(name, party) of members named with a party tag, not those they replace; a title
    before the name ("Ordförande Anna Carlsson (S)") is not part of it."""
    out = []
    for m in TAGGED_NAME.finditer(text):
        if text[:m.start()].casefold().rstrip(" ,").endswith(substitute_words()):
            continue
        name = m.group("name").split()
        while len(name) > 2 and name[0].casefold() in swedish_words() and not is_given_name(name[0]):
            name = name[1:]
        out.append((" ".join(name), m.group("party")))
    return out


def _parties(text: str, known: set[str]) -> list[str]:
    """The parties a group names, by abbreviation ("S-ledamöterna", "partigrupp M och KD")
    or by name ("Socialdemokraternas ledamöter")."""
    found = [w for w in re.findall(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,3}", text) if w in known]
    low = text.casefold()
    found += [abbr for abbr, stem in party_names() if stem in low and abbr not in found]
    return found


@lru_cache(maxsize=1)
def party_names() -> tuple[tuple[str, str], ...]:
    return tuple((abbr, stem.casefold()) for abbr, stem in rows("party_names.txt"))


def _proposal(text: str, verb_end: int) -> str:
    """What a motion proposes: the text after the verb, from its "att" when it has one, else
    without the group it speaks for ("för partigrupp ...", "med instämmande av ...")."""
    vocab = load()
    rest = text[verb_end:].strip()
    m = re.search(rf"(?<![\wåäö])(?:{vocab.words_pattern('complementizer')})\b", rest)
    if m:
        return rest[m.start():].strip(" .")
    joiner = vocab.words_pattern("conjunction")
    rest = re.sub(rf"^(?:{vocab.words_pattern('speaks_for')})\s+[^,]+?(?:\s+(?:{joiner})\s+\S+)?\s+(?=[a-zåäö])", "", rest)  # noqa: E501
    return rest.strip(" .")


def find_motions(doc: Doc, part: Section, meeting: int) -> list[Motion]:
    out = []
    verbs = words()["motion"]
    for text, tokens, first in _paragraphs(doc, part):
        if _verb(tokens, verbs) is None:
            continue                                # none in the paragraph, so none in its sentences
        forms = [t.text for t in tokens]
        for sentence in SENTENCE_SPLIT.split(text):
            sub = [t for t, form in zip(tokens, forms) if form in sentence]
            verb = _verb(sub, verbs)
            if verb is None:
                continue
            at = sentence.find(verb.text)
            movers = _movers(sentence[:at]) or _movers(sentence[at:])[:1]
            if not movers:
                continue
            name, party = movers[0]
            proposal = _proposal(sentence, at + len(verb.text))
            if sentence.rstrip().endswith(":"):
                proposal = " ".join([proposal] + _list_after(doc, part, first, text))
            line = doc._.lines[first].line
            out.append(Motion(item=part.item, person_name=name, party=party, text=proposal, meeting=meeting,
                              span=Span.of_lines([line])))
    return out


def _list_after(doc: Doc, part: Section, first: int, text: str) -> list[str]:
    """The list a proposal ending in ":" goes on with: the bullet or lower-case paragraphs
    after the paragraph starting at line `first`."""
    out, started = [], False
    for shape in doc._.lines.shapes[first:part.last + 1]:
        if shape.blank:
            continue
        if not started:
            started = shape.text.strip() and shape.text.strip() in text and shape.text.rstrip().endswith(":")
            continue
        if not (shape.line.bullet or shape.text.strip()[:1].islower()):
            break
        out.append(shape.text.strip())
    return out


def find_ballots(doc: Doc, part: Section, meeting: int, vote_words: dict[str, str]) -> list[Ballot]:
    """Rows of a roll-call table in this part."""
    lines = doc._.lines
    rows_: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    first_line: dict[tuple[int, int], int] = {}
    for shape in lines.shapes[part.head:part.last + 1]:
        if shape.line.table is None or shape.blank:
            continue
        t, r, c = shape.line.table
        rows_[(t, r)][c] = (rows_[(t, r)].get(c, "") + " " + shape.text).strip()
        first_line.setdefault((t, r), shape.index)
    columns: dict[int, str] = {}
    out = []
    for key in sorted(rows_):
        cells = rows_[key]
        kinds = {c: _vote_of(text, vote_words) for c, text in cells.items()}
        if sum(1 for k in kinds.values() if k) >= 2:
            columns = {c: k for c, k in kinds.items() if k}
            continue
        if not columns:
            continue
        named = _movers(cells.get(min(cells), ""))
        marked = [columns[c] for c, text in cells.items() if c in columns and MARK.match(text)]
        if named and len(marked) == 1:
            out.append(Ballot(item=part.item, person_name=named[0][0], party=named[0][1], vote=marked[0],
                              meeting=meeting, span=Span.of_lines([lines[first_line[key]].line])))
    return out


def _vote_of(text: str, vote_words: dict[str, str]) -> str | None:
    low = text.strip(" *:").casefold()
    kind = vote_words.get(low)
    if kind == "yes":
        return "ja"
    if kind == "no":
        return "nej"
    if kind == "abstained":
        return "avstår"
    if low in words().get("absent", ()):
        return "frånvarande"
    return None


def find_reservations(doc: Doc, part: Section, meeting: int, people: list[Attendee],
                      ballots: list[Ballot]) -> list[Reservation]:
    """Reservations in this part; a group's is one per member of its parties who voted in
    the item's roll call, else per member of them the attendance lists as present."""
    out = []
    known = {a.party for a in people if a.party}
    verbs = words()["reservation"]
    for text, tokens, first in _paragraphs(doc, part):
        if _verb(tokens, verbs) is None:
            continue
        forms = [t.text for t in tokens]
        for sentence in SENTENCE_SPLIT.split(text):
            sub = [t for t, form in zip(tokens, forms) if form in sentence]
            verb = _verb(sub, verbs)
            if verb is None:
                continue
            subject = sentence[:sentence.find(verb.text)].strip()
            span = Span.of_lines([doc._.lines[first].line])
            named = _movers(subject)
            if named:
                out += [Reservation(item=part.item, person_name=n, party=p, text=sentence.strip(), meeting=meeting,
                                    span=span) for n, p in named]
                continue
            parties = _parties(subject, known)
            voters = [b for b in ballots if b.party in parties]
            members = [(b.person_name, b.party) for b in voters] or \
                list({a.name: (a.name, a.party) for a in people if a.party in parties and a.role == "present"}.values())
            if members:
                out += [Reservation(item=part.item, person_name=name, party=party, group=subject,
                                    text=sentence.strip(), meeting=meeting, span=span) for name, party in members]
            else:
                out.append(Reservation(item=part.item, party=", ".join(parties) or None, group=subject or None,
                                       text=sentence.strip(), meeting=meeting, span=span))
    return out


def find_recusals(doc: Doc, item: Item, meeting: int) -> list[Recusal]:
    out = []
    lines = doc._.lines
    for shape in lines.shapes[span_of(item).line_start:span_of(item).line_end + 1]:
        if shape.blank or not re.search(rf"(?<![\wåäö])(?:{'|'.join(words()['recusal'])})(?![\wåäö])",
                                        shape.text.casefold()):
            continue
        for name, party in _movers(shape.text):
            out.append(Recusal(item=item.number, person_name=name, party=party, meeting=meeting,
                               span=Span.of_lines([shape.line])))
    return out


def outcomes(motions: list[Motion], parts: list[Section], doc: Doc, decision: Decision | None) -> list[Motion]:
    """Won, lost or withdrawn, as the item's ruling, vote or decision says."""
    if not motions:
        return motions
    ruling = " ".join(text for p in parts if p.kind in ("procedure", "vote", "motions")
                      for text, _, _ in _paragraphs(doc, p))
    adopted = [m for m in motions if _named_in_ruling(m, ruling)]
    out = []
    for m in motions:
        outcome = None
        if any(w in ruling.casefold() for w in words()["withdrawn"]) and m.person_name and \
                re.search(rf"{re.escape(m.person_name)}[^.]*(?:{'|'.join(words()['withdrawn'])})", ruling, re.I):
            outcome = "withdrawn"
        elif adopted:
            outcome = "won" if m in adopted or _follows(m, decision) else "lost"
        elif decision is not None and _rejects(m.text):
            outcome = "won" if _rejects(decision.text) else "lost"
        elif decision is not None and _rejects(decision.text) and _same_object(m.text, decision.text):
            outcome = "lost"                        # "bifall till motionen" where "Motionen avslås"
        elif decision is not None and (len(motions) == 1 or _follows(m, decision)):
            outcome = "won"
        out.append(m.model_copy(update={"outcome": outcome}))
    return out


def _rejects(text: str) -> bool:
    """A motion or decision that rejects ("avslag på förslaget", "nämnden avslår motionen"):
    a rejection motion wins only where the decision rejects too."""
    return any(re.search(rf"(?<![\wåäö]){re.escape(w)}", text, re.I) for w in words()["reject"])


def _same_object(motion: str, decision: str) -> bool:
    """True when the decision names what the motion's first noun names ("bifall till
    motionen" / "Motionen avslås")."""
    words = re.findall(r"[\wåäöÅÄÖ]+", motion.casefold())
    noun = next((w for w in words[1:] if len(w) > 3 and w not in ("till", "att")), None)
    return noun is not None and re.search(rf"(?<![\wåäö]){re.escape(noun)}(?![\wåäö])", decision.casefold()) is not None


def _named_in_ruling(motion: Motion, ruling: str) -> bool:
    for sentence in SENTENCE_SPLIT.split(ruling):
        low = sentence.casefold()
        if not any(w in low for w in words()["won"]):
            continue
        if motion.person_name and motion.person_name in sentence:
            return True
        if motion.party and re.search(rf"(?<![\wÅÄÖ]){re.escape(motion.party)}(?![\wÅÄÖ])", sentence):
            return True
    return False


def _follows(motion: Motion, decision: Decision | None) -> bool:
    if decision is None:
        return False
    text = re.sub(r"^att\s+", "", motion.text, flags=re.I)
    named = [name for name, _ in _movers(text)]
    if named and all(name in decision.text for name in named):
        return True                                 # an election: those it proposed were elected
    return fuzz.partial_ratio(text.casefold(), decision.text.casefold()) >= FOLLOWS_MOTION


@Language.factory("minutes_proceedings", assigns=["doc.spans"], requires=["doc.spans"])
def make_proceedings(nlp: Language, name: str) -> ProceedingsComponent:
    return ProceedingsComponent()


class ProceedingsComponent:
    """Given a Doc with its items, parts, attendance and decisions, write motions, roll-call
    ballots, reservations and recusals to `doc.spans["proceedings"]` (payload: the record)."""

    def __call__(self, doc: Doc) -> Doc:
        items = docs.payloads(doc, "items")
        decisions = docs.payloads(doc, "decisions")
        vote_words = doc._.lines.vocab.vote_words
        found: list = []
        for item in items:
            parts = [p for p in sections(doc, item.meeting) if p.item == item.number]
            lead_end = parts[0].head - 1 if parts else item.span.line_end
            if lead_end > item.span.line_start:     # the text before the first part (or all of it)
                parts = [Section("body", item.number, item.meeting, item.span.line_start,
                                 item.span.line_start + 1, lead_end)] + parts
            decision = next((d for d in decisions if d.item == item.number and d.meeting == item.meeting), None)
            people = attendees(doc, item.meeting)
            motions, ballots, reservations = [], [], []
            kept = [p for p in parts if p.kind not in NOT_PROCEEDINGS and p.first <= p.last]
            for part in kept:
                if part.kind == "vote":
                    ballots += find_ballots(doc, part, item.meeting, vote_words)
            for part in kept:
                motions += find_motions(doc, part, item.meeting)
                reservations += find_reservations(doc, part, item.meeting, people, ballots)
            motions = outcomes(motions, parts, doc, decision)
            tie = decision.id if decision else None
            found += [r.model_copy(update={"decision": tie}) for r in motions + ballots + reservations]
            found += find_recusals(doc, item, item.meeting)
        findings = [(docs.line_span(doc, r.span.line_start, label=type(r).__name__.upper()), r) for r in found]
        docs.put(doc, "proceedings", findings)
        return doc
