"""Name keys: the forms of a person name that linking compares.

Given a name as written ("Ann – Sofie Rundberg", "Josefín Lantz", "Forsberg, Anna",
"A. Forsberg", "Henrik von Sydow"), return a `NameKey`: folded words (casefolded, accents
and Swedish letters folded to ASCII, hyphens with any spacing kept as one hyphen), split
into first name, middle words and surname (a particle such as "von" stays with the
surname), plus the exact key and the order-free key used for exact look-ups.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..nlp.vocab import load

HYPHENS = re.compile(r"\s*[-‐‑–—]\s*")
NOT_NAME_CHARS = re.compile(r"[^\w\s,-]", re.U)
SPACES = re.compile(r"\s+")
COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ı": "i"})


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Lower-case surname particles ("von", "af", "van", ...) from the vocabulary."""
    return frozenset(load().name_particles)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Given any text, return it casefolded with every accent dropped ("Josefín Åberg" ->
    "josefin aberg"); hyphens become "-" with no spacing, whitespace single spaces."""
    text = text.casefold()
    if not text.isascii():
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(SPECIAL)))
    text = NOT_NAME_CHARS.sub(" ", HYPHENS.sub("-", text))
    text = HYPHENS.sub("-", text)
    return SPACES.sub(" ", text).strip(" -,")


@dataclass(frozen=True)
class NameKey:
    """A folded name split into its parts; `words` keep hyphenated compounds whole."""

    words: tuple[str, ...]
    compact_first: str = field(init=False, repr=False, compare=False)
    compact_middle: tuple[str, ...] = field(init=False, repr=False, compare=False)
    surname_forms: tuple[str, ...] = field(init=False, repr=False, compare=False)  # see `surname_forms()`

    def __post_init__(self):
        set_ = object.__setattr__     # frozen: computed once here, read many times by the scorer
        set_(self, "compact_first", compact(self.first))
        set_(self, "compact_middle", tuple(compact(w) for w in self.middle))
        set_(self, "surname_forms", surname_forms(self.last))

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def last(self) -> str:
        return self.words[-1] if len(self.words) > 1 else ""

    @property
    def middle(self) -> tuple[str, ...]:
        return self.words[1:-1]

    @property
    def exact(self) -> str:
        """Spelling-exact key: hyphen and space count alike ("ann sofie rundberg")."""
        return " ".join(self.words).replace("-", " ")

    @property
    def unordered(self) -> str:
        """Key that ignores word order ("forsberg anna" = "anna forsberg")."""
        return " ".join(sorted(self.exact.split()))

    @property
    def initial(self) -> str:
        return self.first[:1]

    @property
    def is_initial(self) -> bool:
        """True when the first name is only initials ("A. Forsberg", "A-S Rundberg")."""
        return all(len(p) == 1 for p in self.first.split("-")) if self.first else False

    def __len__(self) -> int:
        return len(self.words)


def surname_forms(word: str) -> tuple[str, ...]:
    """A surname word compacted, and without its leading particle if it has one
    ("von sydow" -> ("vonsydow", "sydow"))."""
    parts = word.split(" ")
    if len(parts) > 1 and parts[0] in particles():
        return compact(word), compact(" ".join(parts[1:]))
    return (compact(word),)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> NameKey:
    """Given a name as written, return its `NameKey`. "Forsberg, Anna" (comma: surname
    first) is turned round; particles join the word after them ("von sydow")."""
    text = fold(name)
    if text.count(",") == 1:
        surname, given = (part.strip() for part in text.split(","))
        if surname and given:
            text = f"{given} {surname}"
    text = text.replace(",", " ")
    words: list[str] = []
    pending = ""
    for word in text.split():
        word = word.strip("-")
        if not word:
            continue
        if word in particles():
            pending = f"{pending}{word} "
            continue
        words.append(pending + word)
        pending = ""
    if pending and words:                  # a trailing particle stays with the last word
        words[-1] = f"{words[-1]} {pending.strip()}"
    return NameKey(tuple(words))


def compact(word: str) -> str:
    """A word without hyphens and spaces ("ann-sofie" -> "annsofie", "von sydow" -> "vonsydow")."""
    return word.replace("-", "").replace(" ", "")


@lru_cache(maxsize=200_000)
def deletions(word: str, min_len: int = 4) -> frozenset[str]:
    """Given a folded word, return it and every form with one letter deleted (words shorter
    than `min_len` only themselves). Two words one typo apart share one of these keys."""
    word = compact(word)
    if len(word) < min_len:
        return frozenset((word,))
    return frozenset({word} | {word[:i] + word[i + 1:] for i in range(len(word))})
