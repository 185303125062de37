"""Which tokens are real words: the dictionary that text-quality checks and repairs ask.

The word set is Swedish word forms (spaCy's lemma tables, `names.swedish_words`), given
names (`names.given_names`) and spaCy's Swedish and English stop words, which the lemma
tables lack ("och", "att", "av"). A text layer made of real words scores high; OCR garbage
("Stcnäldcrns sa ml?i I lighctslii") scores low.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.names import given_names, swedish_words

WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.sv.stop_words import STOP_WORDS as swedish

    return frozenset(w.casefold() for w in swedish | english)


def is_word(token: str) -> bool:
    """True when `token` (any case) is a dictionary word or a given name."""
    low = token.casefold()
    return low in swedish_words() or low in _stop_words() or low in given_names()


def word_share(text: str) -> tuple[float, int]:
    """Given some text, return the share of its words (runs of two or more letters) that
    are dictionary words, and how many words there were; (0.0, 0) for no words."""
    words = WORD.findall(text)
    if not words:
        return 0.0, 0
    return sum(map(is_word, words)) / len(words), len(words)
