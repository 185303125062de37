"""Vote tallies in a decision's text ("14 för, 1 emot, 2 avstod (17 röstlängd)",
"För: 5 Emot: 0"), kept on the decision so analysts can query close votes."""
from __future__ import annotations

import re

from ..records import Votes
from .vocab import Vocabulary


def _pattern(vocab: Vocabulary) -> re.Pattern:
    return vocab._once("vote_pattern", lambda: _build_pattern(vocab))


def _alternation(vocab: Vocabulary, kinds) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(vocab.vote_words, key=len, reverse=True) if vocab.vote_words[w] in kinds)


def _versus(vocab: Vocabulary) -> re.Pattern:
    return vocab._once("versus_pattern", lambda: re.compile(
        rf"(?<![\d/.,])(?P<a>\d{{1,3}})\s+(?:{_alternation(vocab, {'versus'})})\s+(?P<b>\d{{1,3}})(?![\d/])", re.I))


def _build_pattern(vocab: Vocabulary) -> re.Pattern:
    words = _alternation(vocab, {"yes", "no", "abstained", "eligible"})
    return re.compile(rf"(?<![\d/.,])(?P<n>\d{{1,3}})\s+(?:röst(?:er)?\s+)?(?P<w>{words})(?![\wåäö])|"
                      rf"(?<![\wåäö])(?P<w2>{words})\s*:\s*(?P<n2>\d{{1,3}})(?![\d/])", re.I)


def parse_votes(text: str, vocab: Vocabulary) -> Votes | None:
    """The tally a decision text states, or None when it states none."""
    found: dict[str, int] = {}
    versus = _versus(vocab).search(text)
    if versus:
        found = {"yes": int(versus.group("a")), "no": int(versus.group("b"))}
        text = text[:versus.start()] + " " * (versus.end() - versus.start()) + text[versus.end():]
    for m in _pattern(vocab).finditer(text):
        word = " ".join((m.group("w") or m.group("w2")).split()).casefold()
        kind = vocab.vote_words[word]
        found.setdefault(kind, int(m.group("n") or m.group("n2")))
    if not found.keys() & {"yes", "no", "abstained"}:
        return None
    return Votes(yes=found.get("yes"), no=found.get("no"), abstained=found.get("abstained"),
                 eligible=found.get("eligible"))
