"""Find person names in a line of text.

A name is one or more given names followed by surname tokens. Given names come from the
name dictionary shipped in the `gender-guesser` package (read in place at run time, never
copied; GNU FDL) plus every given name seen in the document's own attendance lists. Two
modes: in a *list* (attendance, signatures) any capitalised token after a separator may
open a name; in *running text* a name must open with a known given name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..settings import SETTINGS
from .vocab import Vocabulary, abbreviations, load

TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*", re.U)
SPACED_HYPHEN = re.compile(r"^\s*[-‐–]\s*$")
HYPHENS = re.compile(r"\s*[-‐–]\s*")
MAX_NAME_TOKENS = SETTINGS.names.max_name_tokens
COMMON_SURNAME_LEN = SETTINGS.names.word_surname_len
CAMEL = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]+[A-ZÅÄÖ][a-zåäöéü]+")
CAMEL_SPLIT = re.compile(r"(?<=[a-zåäöéü])(?=[A-ZÅÄÖ])")
INITIALS = re.compile(r"[A-ZÅÄÖ](?:[-‐][A-ZÅÄÖ])+")   # "K-G": a given name in a list, never a surname
NICKNAME = re.compile(r"(?<=[^\W\d_])\s+[“\"'’‘«][^“”\"'’‘«»\n]{1,20}[”\"'’»]\s+(?=[A-ZÅÄÖ])")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names from gender-guesser's name dictionary (all countries), casefolded."""
    names: set[str] = set()
    try:
        text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    for raw in text.splitlines():
        if not raw or raw[0] == "#" or raw.startswith("="):
            continue
        name = re.split(r"\s{2,}", raw[3:].strip())[0]
        for part in re.split(r"[ +-]", name):
            if len(part) >= 2 and part[0].isupper():
                names.add(part.casefold())
    return frozenset(names)


@lru_cache(maxsize=1)
def swedish_words():
    """Lower-case Swedish word forms, casefolded: the word list shipped in models/lexicon/
    (hunspell-sv and spacy-lookups-data's lemma table; proper nouns left out)."""
    from .lexicon import common_words

    return common_words()


@dataclass(frozen=True)
class Name:
    """A person name found in text: its normalised form and where it stands."""

    text: str
    start: int
    end: int

    @property
    def first(self) -> str:
        return self.text.split()[0]


def normalize_name(name: str) -> str:
    """Fix spacing around hyphens and collapse whitespace ("Ann – Sofie" -> "Ann-Sofie")."""
    return re.sub(r"\s+", " ", HYPHENS.sub("-", name)).strip(" ,.;:")


@lru_cache(maxsize=1 << 16)
def _fold_accents(word: str) -> str:
    """Drop accents other than the Swedish letters å, ä and ö ("josefín" -> "josefin")."""
    out = []
    for ch in word:
        if ch in "åäöÅÄÖ":
            out.append(ch)
        else:
            out.append("".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"))
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def _titlecase(token: str) -> bool:
    """A capitalised word, hyphenated parts each capitalised; a given name typed with a
    small letter after its hyphen ("Mari-anne", "Ann-marie"); or hyphenated initials ("K-G")."""
    parts = [p for p in HYPHENS.split(token) if p]
    if bool(parts) and all(len(p) >= 2 and p[0].isupper() and p[1:].islower() for p in parts):
        return True
    if len(parts) >= 2 and all(len(p) == 1 and p.isupper() for p in parts):
        return True                                 # initials of a double given name: "K-G", "P-O"
    return len(parts) == 2 and parts[0][:1].isupper() and parts[0][1:].islower() and parts[1].islower() \
        and "".join(parts).casefold() in given_names()


class NameFinder:
    """Finds names; `known_first` adds given names seen in this document's attendance."""

    def __init__(self, known_first: set[str] | None = None, vocab: Vocabulary | None = None,
                 plain_tokens: dict[str, list[tuple[str, int, int]]] | None = None):
        """`plain_tokens` keeps the tokens of texts with no hyphen, which do not depend on
        the finder: the finders of one document share it."""
        self.vocab = vocab or load()
        self.plain_tokens = plain_tokens if plain_tokens is not None else {}
        self.given = given_names()
        self.known_first = {n.casefold() for n in (known_first or set())}
        self._given: dict[str, bool] = {}
        self._surname: dict[str, bool] = {}
        self._found: dict[tuple[str, bool], list[Name]] = {}

    def is_given(self, token: str) -> bool:
        known = self._given.get(token)
        if known is None:
            known = self._given[token] = self._is_given(token)
        return known

    def _is_given(self, token: str) -> bool:
        if token in self.vocab.not_names:
            return False
        parts = [p.casefold() for p in HYPHENS.split(token) if p]
        if not parts:
            return False
        first = parts[0]
        return (first in self.given or _fold_accents(first) in self.given
                or first in self.known_first or token.casefold() in self.known_first)

    def is_surname(self, token: str) -> bool:
        known = self._surname.get(token)
        if known is None:
            known = self._surname[token] = self._is_surname(token)
        return known

    def _is_surname(self, token: str) -> bool:
        if not _titlecase(token) or token in self.vocab.not_names:
            return False
        low = token.casefold()
        if low.endswith(self.vocab.title_suffixes):
            return False
        return not any(low.endswith(s) and len(low) > len(s) + 1 for s in self.vocab.street_suffixes)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Word tokens with offsets; "Ann – Sofie" (two given names) becomes one token."""
        if not HYPHENS.search(text):
            found = self.plain_tokens.get(text)
            if found is None:
                found = self.plain_tokens[text] = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
            return found
        out: list[tuple[str, int, int]] = []
        for m in TOKEN.finditer(text):
            tok = (m.group(0), m.start(), m.end())
            if out and SPACED_HYPHEN.match(text[out[-1][2]:m.start()]) \
                    and self.is_given(out[-1][0]) and _titlecase(m.group(0)) and self.is_given(m.group(0)):
                prev = out.pop()
                tok = (f"{prev[0]}-{m.group(0)}", prev[1], m.end())
            out.append(tok)
        return out

    def find(self, text: str, list_mode: bool = False) -> list[Name]:
        """Return the person names in `text`, left to right; a quoted nickname between
        given name and surname ('Lucas “Lurre” Bäckvall') is not part of the name. (Several
        components ask about the same lines: each text is read once per finder.)"""
        known = self._found.get((text, list_mode))
        if known is None:
            known = self._found[(text, list_mode)] = self._find(text, list_mode)
        return list(known)

    def _find(self, text: str, list_mode: bool) -> list[Name]:
        if not any(map(str.isupper, text)):
            return []                               # every name opens with a capital
        text = NICKNAME.sub(lambda m: " " * len(m.group(0)), text)
        if not list_mode and "\t" in text and " " not in text.strip():
            text = text.replace("\t", " ")         # in running text, a tab between every word is spacing
        tokens = self.tokens(text)
        names: list[Name] = []
        i = 0
        while i < len(tokens):
            tok, start, _ = tokens[i]
            if CAMEL.fullmatch(tok) and self.is_given(CAMEL_SPLIT.split(tok)[0]):
                can_open = True                     # "AnneMarie": two given names written as one
            else:
                can_open = False
            initials = list_mode and INITIALS.fullmatch(tok) is not None
            can_open = can_open or _titlecase(tok) and (self.is_given(tok) or initials or (
                list_mode and tok not in self.vocab.not_names and tok.casefold() not in swedish_words()
                and (self._may_open_list_name(text, names, start) or self._entry_with_surname(text, tokens, i))))
            if not can_open:
                i += 1
                continue
            j, parts = i + 1, [tok]
            while j < len(tokens) and len([p for p in parts if p not in self.vocab.name_particles]) < MAX_NAME_TOKENS:
                nxt, nstart, _ = tokens[j]
                if self._separated(text, tokens[j - 1][2], nstart):
                    break
                if nxt in self.vocab.name_particles and j + 1 < len(tokens) and self.is_surname(tokens[j + 1][0]):
                    parts.append(nxt)
                    j += 1
                    continue
                if not self.is_surname(nxt) or INITIALS.fullmatch(nxt) or (text[tokens[j][2]:tokens[j][2] + 1] == "."
                                                and f"{nxt}.".casefold() in abbreviations()):
                    break                           # "Irene Blixt Anm. Vad ...": an abbreviation is no surname
                if len(parts) == 1 and not self.is_given(parts[0]) and self.is_given(nxt) \
                        and self._opens_name_at(text, tokens, j):
                    break
                real = [p for p in parts if p not in self.vocab.name_particles]
                if len(real) >= 2 and self.is_given(nxt) and (
                        not self.is_given(real[-1]) or self._opens_name_at(text, tokens, j)):
                    break
                parts.append(nxt)
                j += 1
            if len(parts) >= 2 and parts[-1] not in self.vocab.name_particles and not self._word_pair(parts):
                end = tokens[j - 1][2]
                names.append(Name(normalize_name(" ".join(parts)), start, end))
                i = j
            else:
                i += 1
        return names

    @staticmethod
    def _word_pair(parts: list[str]) -> bool:
        """Two Swedish words, the first no common given name and the second a long one no
        surname list knows ("Ung Livsstil", a project's name): capitalised words, not a person."""
        from .lexicon import common_given_names, surnames

        if len(parts) != 2:
            return False
        first, last = (p.casefold() for p in parts)
        return first in swedish_words() and first not in common_given_names() and last in swedish_words() \
            and len(last) >= COMMON_SURNAME_LEN and last not in surnames()

    def _opens_name_at(self, text: str, tokens, j: int) -> bool:
        """True when token j is followed, in the same run, by a surname-like token."""
        return j + 1 < len(tokens) and not self._separated(text, tokens[j][2], tokens[j + 1][1]) \
            and self.is_surname(tokens[j + 1][0])

    @staticmethod
    def _may_open_list_name(text: str, names: list[Name], start: int) -> bool:
        """In a list, an unknown given name may open a name at the start of the line or a
        cell, or after a separator when the segment before it was not itself a name
        ("Anna Berg, VGR, Boel Mörck": Boel may open; "Åsa Sand, Sahlgrenska X": not)."""
        before = text[:start]
        if not before.strip(" *-•\t") or before.rstrip(" ").endswith("\t"):
            return True
        if not re.search(r"[,;]\s*$", before):
            return False
        seg_start = max(before.rstrip().rfind(","), before.rfind(";"), before.rfind("\t"))
        prev_seg_start = max(before[:seg_start].rfind(","), before[:seg_start].rfind(";"),
                             before[:seg_start].rfind("\t"), -1)
        return not any(prev_seg_start < n.start < seg_start for n in names)

    def _entry_with_surname(self, text: str, tokens, i: int) -> bool:
        """True when token i and a known surname make up a whole list entry ("Anne Veide,
        Nettan Blom och ..."): a person under a given name no dictionary has."""
        from .lexicon import surnames

        if i + 1 >= len(tokens) or self._separated(text, tokens[i][2], tokens[i + 1][1]):
            return False
        before, after = text[:tokens[i][1]], text[tokens[i + 1][2]:]
        opens = re.search(r"[,;]\s*$", before) is not None
        ends = re.match(rf"\s*(?:[,;.]|$|(?:{self.vocab.words_pattern('conjunction')})\s)", after) is not None
        return opens and ends and tokens[i + 1][0].casefold() in surnames()

    @staticmethod
    def _separated(text: str, end: int, start: int) -> bool:
        """True when the gap between two tokens is more than plain spacing."""
        gap = text[end:start]
        return bool(gap.strip()) or "\t" in gap or "\n" in gap

    def bare_first_names(self, text: str) -> list[Name]:
        """Return capitalised tokens that are lone given names (not followed by a surname)."""
        out = []
        tokens = self.tokens(text)
        for k, (tok, start, end) in enumerate(tokens):
            if not _titlecase(tok) or tok.casefold() not in self.known_first:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt and not self._separated(text, end, nxt[1]) and self.is_surname(nxt[0]):
                continue
            prev = tokens[k - 1] if k else None
            if prev and not self._separated(text, prev[2], start) and _titlecase(prev[0]) \
                    and self.is_given(prev[0]):
                continue
            out.append(Name(normalize_name(tok), start, end))
        return out
