"""Which tokens are real words: the dictionary that text-quality checks and repairs ask.

The word set is Swedish word forms (the word list shipped in `models/lexicon/`, which
`nlp.lexicon.common_words` reads too), given names (`nlp.names.given_names`) and the
Swedish and English stop words of `resources/sv/stop_words.txt` (spaCy's lists, which the
word list lacks: "och", "att", "av"). Their union is one memory-mapped hash table
(`wordset.py`), built on first use into the cache folder, so a fresh process opens it at
once instead of reading and hashing a million words. A text layer made of real words
scores high; OCR garbage ("Stcnäldcrns sa ml?i I lighctslii") scores low.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import wordset

WORD = re.compile(r"[^\W\d_]{2,}")
STOP_WORDS_FILE = Path(__file__).resolve().parents[1] / "resources" / "sv" / "stop_words.txt"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def _names_file() -> Path | None:
    try:
        return Path(str(resources.files("gender_guesser").joinpath("data/nam_dict.txt")))
    except (ModuleNotFoundError, TypeError):
        return None


@lru_cache(maxsize=1)
def _words():
    """The union of the three lists as a memory-mapped set; None without the shipped list
    (then the lists are asked one by one, as `nlp` loads them)."""
    from ..nlp import lexicon

    if not lexicon.WORDS_FILE.is_file():
        return None

    def words():
        import gzip

        for chunk in lexicon._chunked_words(gzip.decompress(lexicon.WORDS_FILE.read_bytes())):
            yield from chunk
        yield from _stop_words()
        from ..nlp.names import given_names

        yield from given_names()

    nlp = Path(lexicon.__file__).parent
    sources = [lexicon.WORDS_FILE, STOP_WORDS_FILE, _names_file(), Path(__file__), nlp / "names.py", nlp / "lexicon.py"]
    return wordset.mapped("ingest-words", sources, words)


def is_word(token: str) -> bool:
    """True when `token` (any case) is a dictionary word or a given name."""
    low = token.casefold()
    words = _words()
    if words is not None:
        return low in words
    from ..nlp.names import given_names, swedish_words

    return low in swedish_words() or low in _stop_words() or low in given_names()


def word_share(text: str) -> tuple[float, int]:
    """Given some text, return the share of its words (runs of two or more letters) that
    are dictionary words, and how many words there were; (0.0, 0) for no words."""
    words = WORD.findall(text)
    if not words:
        return 0.0, 0
    return sum(map(is_word, words)) / len(words), len(words)
