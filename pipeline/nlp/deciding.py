"""Does a sentence state a decision? Read from the language, not from listed phrasings.

A sentence decides when its predicate is a deciding verb (`resources/sv/deciding_verbs.txt`,
by lemma) in the passive ("Dagordningen godkändes", "Till kassör valdes Anna Berg"), or
finite or in the perfect with the meeting or a body as its subject ("Mötet beslutar att",
"beslutade årsmötet", "Styrelsen har beslutat"): those are the DECIDING spans the Matcher
(`models/patterns/decision_verbs.jsonl`) finds on the Doc's lemmas and morphology. A verb
that decides only with a particle or object ("lägga till handlingarna", "ge ansvarsfrihet")
needs that word in the sentence; a negation right before the verb ("inget beslut fattades")
undoes it, and so does a proposing verb before it ("Styrelsen föreslår att årsmötet
beslutar att ...": a proposal, `resources/sv/proposing_verbs.txt`) when the deciding verb
stands in the proposing verb's "att"-clause. A sentence also decides when it opens with a
deciding verb's participle or supine ("Fastställd.", "Lagt till handlingarna") or with the
noun "beslut" introducing its content ("Beslut att flytta ...").

The decisions component reads sentences as text joined from lines; `Deciding` finds a
sentence's tokens in the Doc by counting the characters that are not whitespace, which
joining lines does not change.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..records import Line
from ..settings import SETTINGS
from .doc import words_by_line
from .morphology import deciding_verbs
from .vocab import load, rows, words

NEGATION_WINDOW = SETTINGS.deciding.negation_window
MODAL_WINDOW = SETTINGS.deciding.modal_window
EARLIER_WINDOW = SETTINGS.deciding.earlier_window
SHORT_LINE_SHARE = SETTINGS.deciding.short_line_share
LABEL_WORDS = SETTINGS.deciding.label_words
_LAST: tuple | None = None
SENTENCE_END = frozenset({".", "!", "?", "…"})
AMOUNT_END = re.compile(r"(?:\)|:-|%)$")   # a line ending in an amount or a parenthesis


@lru_cache(maxsize=1)
def decision_nouns() -> dict[str, frozenset[str]]:
    """Nouns that open a sentence stating a decision, with the words that must follow them."""
    return {r[0]: frozenset(r[1].split("|")) for r in rows("decision_nouns.txt")}


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    return frozenset(words("negations.txt"))


@lru_cache(maxsize=1)
def electing_verbs() -> frozenset[str]:
    """Deciding verbs that elect people: the names listed under them belong to the decision."""
    return frozenset(words("electing_verbs.txt"))


@lru_cache(maxsize=1)
def decision_headings() -> tuple[str, ...]:
    """First words of agenda points that ask for a decision ("Beslut om", "Fastställande av")."""
    return tuple(w.casefold() for w in words("decision_headings.txt"))


@lru_cache(maxsize=1)
def proposing() -> frozenset[str]:
    return frozenset(words("proposing_verbs.txt"))


class Deciding:
    """The deciding predicates of one Doc, looked up by sentence."""

    def __init__(self, doc: Doc):
        self.verbs = deciding_verbs()
        self.hits: dict[int, str] = {}
        if "minutes" in doc.spans:
            for span in doc.spans["minutes"]:
                if span.label_ == "DECIDING":
                    for token in span:
                        if token.lemma_ in self.verbs:
                            self.hits[token.i] = token.lemma_
        self.by_line: dict[int, list[Token]] = words_by_line(doc)

    @classmethod
    def of(cls, doc: Doc) -> Deciding:
        """The Deciding of `doc`, made once for the components that ask (items, decisions)."""
        global _LAST
        if _LAST is None or _LAST[0] is not doc:
            _LAST = (doc, cls(doc))
        return _LAST[1]

    def paragraph(self, lines: list[Line], width: int | None = None, unwrapped: bool = False) -> Paragraph:
        """The tokens of a paragraph's lines, ready to be cut into sentences. A line that ends
        with a word that ends no clause ("De 12 traditionerna lästes" / "Kerstin valdes till
        ordförande") ends its sentence when the next line opens with a capital, as in a list
        of statements without stops, when it stops short of the `width` the text wraps at or
        the text's line breaks do not wrap at all (`unwrapped`; then also after a number or a
        date: "... lördag 28/5" / "Gunilla tar kontakt ...")."""
        tokens = [t for line in lines for t in self.by_line.get(line.index, [])]
        ends: set[int] = set()
        if width is not None:
            glue = clause_glue()
            for line in lines[:-1]:
                last = self.by_line.get(line.index, [])[-1:]
                short = len(line.text.rstrip()) < SHORT_LINE_SHARE * width and last and last[0].is_alpha
                if last and (short or (unwrapped and last[0].text[-1:].isalnum())) and last[0].lower_ not in glue:
                    ends.add(last[0].i)
        return Paragraph(self, tokens, ends)

    def decides(self, tokens: list[Token]) -> str | None:
        """The lemma of the deciding word when the tokens (one sentence) state a decision,
        else None."""
        if not tokens:
            return None
        lowered = {t.lower_ for t in tokens} | {t.lemma_ for t in tokens}
        for k, token in enumerate(tokens):
            lemma = self.hits.get(token.i)
            if lemma is None or not self._complete(lemma, lowered):
                continue
            if any(t.lower_ in negations() and not (j and tokens[j - 1].lower_ in load().grammar("disjunction"))
                   for j, t in enumerate(tokens[:k]) if j >= k - NEGATION_WINDOW):
                continue                            # "... varande eller inte antog mötet": "eller inte" negates nothing
            if _modal_passive(tokens, k):
                continue
            if _proposed(tokens[:k]) or _planned(token, self.verbs[lemma][1]) or _at_a_meeting_to_come(tokens, k) \
                    or _at_an_earlier_meeting(tokens):
                continue
            return lemma
        first = next((t for t in tokens if t.is_alpha), None)
        if first is None:
            return None
        forms = first.morph.get("VerbForm", [])
        if first.lemma_ in self.verbs and ("Part" in forms or "Sup" in forms) and self._complete(first.lemma_, lowered):
            return first.lemma_
        nouns = decision_nouns()
        if first.lower_ in nouns:
            at = tokens.index(first) + 1
            for phrase in nouns[first.lower_]:
                words_ = phrase.split()
                if [t.lower_ for t in tokens[at:at + len(words_)]] == words_:
                    return first.lower_
        return None

    def _complete(self, lemma: str, lowered: set[str]) -> bool:
        _, needs = self.verbs[lemma]
        return not needs or any(n in lowered for n in needs)


class Paragraph:
    """A paragraph's tokens with the count of non-space characters before each."""

    def __init__(self, deciding: Deciding, tokens: list[Token], line_ends: set[int] | None = None):
        self.deciding = deciding
        self.tokens = tokens
        self.line_ends = line_ends or set()
        self.starts: list[int] = []
        count = 0
        for token in tokens:
            self.starts.append(count)
            count += nonspace(token.text)
        self.length = count

    def sentences(self, start: int = 0) -> list[list[Token]]:
        """The sentences from non-space character `start` on: a sentence ends at ".", "!" or
        "?" followed by a capital ("bilaga 4. Denna ..."), and at the end of a line that ends
        in an amount ("6 000:-", "3 %") or a parenthesis when the next line opens with a capital
        ("På gång ut ca 6 000:-" / "Beslut om att ..."); abbreviations are single tokens
        ("bl.a.", "t.ex."), so they end one only as a unit after a number ("3200 kr. Förslaget"). A
        deciding verb written with a capital after a word opens a sentence whose stop is missing
        ("ca 20 000 kr Beviljades"), and a short label opening a line ends at its colon before
        a word in lower case ("Dagordningen: dagordningen godkändes"), unless it decides
        ("Styrelsen beslutar: att ...")."""
        tokens = self.tokens[bisect_left(self.starts, start):]
        out: list[list[Token]] = [[]]
        for k, token in enumerate(tokens):
            out[-1].append(token)
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and token.text == ":" and self.opens_line(out[-1][0]) \
                    and len(out[-1]) - 1 <= LABEL_WORDS and nxt.text[:1].islower() and nxt.is_alpha \
                    and nxt.lower_ not in complementizers() and not any(t.i in self.deciding.hits for t in out[-1]):
                out.append([])                      # "Dagordningen: dagordningen godkändes": a label, then the sentence
                continue
            if nxt is not None and _opens_sentence(nxt) and (
                    token.text in SENTENCE_END or _unit_after_number(tokens, k)
                    or (nxt.i != token.i + 1 and AMOUNT_END.search(token.text))
                    or (nxt.i in self.deciding.hits and nxt.text[:1].isupper() and token.is_alpha)
                    or token.i in self.line_ends):
                out.append([])
        return [s for s in out if s]

    def opens_line(self, token: Token) -> bool:
        """True when `token` is the first of the paragraph or of one of its lines."""
        k = self.tokens.index(token)
        return k == 0 or self.tokens[k - 1].i != token.i - 1

    @staticmethod
    def text_of(tokens: list[Token]) -> str:
        """The tokens' text as written, lines joined with a space."""
        parts = []
        for k, token in enumerate(tokens):
            parts.append(token.text)
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and (token.whitespace_ or nxt.i != token.i + 1):
                parts.append(" ")
        return "".join(parts)


def _proposed(before: list[Token]) -> bool:
    """True when the tokens before a deciding verb put it in what someone proposes: a
    proposing verb, then its "att"-clause the verb stands in ("Styrelsen föreslår att
    årsmötet beslutar"); not a proposal coordinated before it ("Frågan diskuterades och
    mötet beslöt") nor one a relative clause takes up ("föreslog att avgiften höjs, vilket
    årsmötet godkände")."""
    for k, token in enumerate(before):
        if token.lemma_ in proposing():
            after = before[k + 1:]
            if any(a.text == "," and b.lower_ in load().grammar("clause_relative") for a, b in zip(after, after[1:])):
                return False
            return any(t.lower_ in complementizers() for t in after)
    return False


def _modal_passive(tokens: list[Token], k: int) -> bool:
    """True when a modal verb stands shortly before a present passive deciding verb
    ("Förslaget ska godkännas", "behöver ändringen godkännas"): a passive infinitive,
    something still to be done."""
    token = tokens[k]
    return (token.morph.get("Voice", []) == ["Pass"] and token.morph.get("Tense", []) == ["Pres"]
            and any(t.lower_ in load().grammar("modal") for t in tokens[max(0, k - MODAL_WINDOW):k]))


def _planned(token: Token, needs: tuple[str, ...]) -> bool:
    """True for "beslut" taken in the present passive ("Beslut tas på nästa möte"): it says
    a decision is still to come."""
    return "beslut" in needs and token.morph.get("Voice", []) == ["Pass"] and token.morph.get("Tense", []) == ["Pres"]


def _at_a_meeting_to_come(tokens: list[Token], k: int) -> bool:
    """True for a present passive deciding verb followed by where it will be taken, "på" or
    "vid" a meeting ("Bestäms på årsstämman", "Beslutas vid nästa möte"): still to come."""
    token = tokens[k]
    if token.morph.get("Voice", []) != ["Pass"] or token.morph.get("Tense", []) != ["Pres"]:
        return False
    after = [t.lower_ for t in tokens[k + 1:k + 4]]
    nouns = tuple(load().meeting_nouns)
    return bool(after) and after[0] in load().grammar("at_meeting") \
        and any(w.endswith(nouns) for w in after[1:])


def _at_an_earlier_meeting(tokens: list[Token]) -> bool:
    """True when the sentence places its decision "vid" or "på" an earlier meeting ("Vid
    föregående års sista sammanträde bordlades ...", "LGS beslutade vid föregående möte att"):
    it reports what was decided then, as background to what this meeting does."""
    nouns = tuple(load().meeting_nouns)
    words_ = [t.lower_ for t in tokens]
    for k, word in enumerate(words_):
        if word in load().grammar("at_meeting"):
            after = words_[k + 1:k + 1 + EARLIER_WINDOW]
            if after and after[0] in load().grammar("earlier") and any(w.endswith(nouns) for w in after[1:]):
                return True
    return False


@lru_cache(maxsize=1)
def clause_glue() -> frozenset[str]:
    """Words a clause goes on after (prepositions, "att", "och"): a line ending in one wraps."""
    return frozenset(load().grammar("preposition") + load().grammar("complementizer") + load().grammar("conjunction"))


@lru_cache(maxsize=1)
def complementizers() -> frozenset[str]:
    return frozenset(load().grammar("complementizer"))


def _unit_after_number(tokens: list[Token], k: int) -> bool:
    """True when tokens[k] is an abbreviated unit right after a number ("3200 kr.", "5 min."):
    its stop also ends the sentence when a capital follows, as no name follows an amount."""
    token = tokens[k]
    return len(token.text) > 1 and token.text.endswith(".") and k > 0 and tokens[k - 1].like_num


def _opens_sentence(token: Token) -> bool:
    text = token.text.lstrip("\"'“”«(")
    return bool(text) and text[0].isupper()


def nonspace(text: str) -> int:
    """The number of characters of `text` that are not whitespace."""
    return len("".join(text.split()))
