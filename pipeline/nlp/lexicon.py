"""Word lists for telling person names from Swedish words, shipped in `models/lexicon/`.

- `sv_words.txt.gz`: lower-case Swedish word forms (Debian's hunspell-sv, expanded, merged
  with spacy-lookups-data's Swedish lemma table); capitalised entries of both sources are
  proper nouns and left out, so "ordförande" is a word and "anna" is not.
- `given_names_sv.txt`, `surnames_sv.txt`: Faker's sv_SE person lists (MIT).
- gender-guesser's name dictionary is read in place (GNU FDL, never copied): its Sweden
  column adds Swedish given names.
Built by `python scripts/build_nlp.py lexicon`; sources and licences in `models/README.md`.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .. import wordset
from . import MODELS

LEXICON = MODELS / "lexicon"
WORDS_FILE = LEXICON / "sv_words.txt.gz"
GIVEN_FILE = LEXICON / "given_names_sv.txt"
SURNAMES_FILE = LEXICON / "surnames_sv.txt"
SWEDEN_COLUMN = 18  # gender-guesser's country columns: ... denmark norway sweden finland ...
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _lines(path) -> list[str]:
    return [w for w in path.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]


class WordSet:
    """A read-only set of a million words in a few MB: the words' hashes in a sorted array.
    (A Python set of 1.17 M strings takes about 190 MB in every worker.) Hashes are this
    process's own `hash()`, so the set is built where it is used, never stored."""

    def __init__(self, chunks):
        parts = [np.array(list(map(hash, filter(None, chunk))), dtype=np.int64) for chunk in chunks]
        self._hashes = np.unique(np.concatenate(parts)) if parts else np.array([], dtype=np.int64)

    def __contains__(self, word: object) -> bool:
        h = hash(word)
        i = int(np.searchsorted(self._hashes, h))
        return i < len(self._hashes) and int(self._hashes[i]) == h

    def __len__(self) -> int:
        return len(self._hashes)


def _chunked_words(data: bytes, size: int = 1 << 20):
    """Lists of the newline-separated words of `data`, a chunk at a time (so the million
    strings never exist at once)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", min(start + size, len(data)))
        end = len(data) if end < 0 else end
        yield data[start:end].decode("utf-8").split("\n")
        start = end + 1


@lru_cache(maxsize=1)
def common_words():
    """Lower-case Swedish word forms, casefolded (the shipped list, memory-mapped from the
    cache folder and shared by every process; spaCy's lookups as fallback)."""
    if WORDS_FILE.is_file():
        def words():
            for chunk in _chunked_words(gzip.decompress(WORDS_FILE.read_bytes())):
                yield from chunk
        return wordset.mapped("sv-words", [WORDS_FILE, Path(__file__)], words)
    try:
        path = resources.files("spacy_lookups_data").joinpath("data/sv_lemma_lookup.json.gz")
        table = json.loads(gzip.decompress(path.read_bytes()))
    except (FileNotFoundError, ModuleNotFoundError):
        return WordSet([])
    return WordSet([[w.casefold() for w in set(table) | set(table.values()) if w[:1].islower()]])


@lru_cache(maxsize=1)
def swedish_given_names() -> frozenset[str]:
    """Given names used in Sweden, casefolded: gender-guesser's Sweden column and Faker's sv_SE."""
    names = {n.casefold() for n in _lines(GIVEN_FILE)} if GIVEN_FILE.is_file() else set()
    try:
        text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset(names)
    for raw in text.splitlines():
        if not raw or raw[0] in "#=":
            continue
        values = raw[30:-1]
        if len(values) > SWEDEN_COLUMN and values[SWEDEN_COLUMN].strip():
            for part in re.split(r"[ +-]", raw.split()[1]):
                if len(part) >= 2:
                    names.add(part.casefold())
    return frozenset(names)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common Swedish surnames, casefolded (Faker's sv_SE list)."""
    return frozenset(n.casefold() for n in _lines(SURNAMES_FILE)) if SURNAMES_FILE.is_file() else frozenset()


def is_swedish_word(word: str) -> bool:
    """True when `word` (any case) is a Swedish common word ("Ordförande", "Beslut")."""
    return word.casefold() in common_words()


def is_swedish_surname(word: str) -> bool:
    """True when a capitalised word can be a surname: listed, or a word that is not Swedish."""
    if word.casefold() in surnames():
        return True
    return WORD.fullmatch(word) is not None and not all(is_swedish_word(p) for p in word.split("-"))


@lru_cache(maxsize=1)
def common_given_names() -> frozenset[str]:
    """The common Swedish given names of Faker's sv_SE list, casefolded: names that are
    surely names, unlike rare entries of the larger lists ("Ung")."""
    return frozenset(n.casefold() for n in _lines(GIVEN_FILE)) if GIVEN_FILE.is_file() else frozenset()
