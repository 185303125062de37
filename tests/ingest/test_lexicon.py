"""The ingest dictionary: one memory-mapped table that answers as the three lists it joins."""
import gzip

import numpy as np
import pytest

from pipeline import wordset
from pipeline.ingest import lexicon
from pipeline.nlp import lexicon as nlp_lexicon
from pipeline.nlp.names import given_names, swedish_words


def test_stop_words_file_is_spacys_lists():
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.sv.stop_words import STOP_WORDS as swedish

    assert lexicon._stop_words() == frozenset(w.casefold() for w in swedish | english)


def test_is_word_answers_as_the_lists_it_joins():
    listed = [w for chunk in nlp_lexicon._chunked_words(gzip.decompress(nlp_lexicon.WORDS_FILE.read_bytes()))
              for w in chunk if w]
    names, stops = given_names(), lexicon._stop_words()
    tokens = listed[::97] + [w + "qx" for w in listed[::89]] + [w.upper() for w in listed[::101]] \
        + sorted(names)[::7] + sorted(stops) + ["Ordförande", "OCH", "Anna", "qxzv", "akƟvitet", ""]
    for token in tokens:
        low = token.casefold()
        assert lexicon.is_word(token) == (low in swedish_words() or low in stops or low in names), token


def test_mapped_set_is_built_once_and_reopened(tmp_path):
    calls = []

    def words():
        calls.append(1)
        return ["möte", "beslut", "", "protokoll"]

    source = tmp_path / "words.txt"
    source.write_text("v1")
    first = wordset.mapped("test", [source], words, folder=tmp_path / "cache")
    again = wordset.mapped("test", [source], words, folder=tmp_path / "cache")
    assert calls == [1]
    assert "möte" in again and "protokoll" in first and "mötet" not in again and "" not in again
    assert len(again) == 3
    source.write_text("version 2")   # a changed source builds a new table and drops the old one
    wordset.mapped("test", [source], words, folder=tmp_path / "cache")
    assert calls == [1, 1]
    assert len(list((tmp_path / "cache").glob("test-*.u64"))) == 1


def test_unwritable_cache_builds_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    words = wordset.mapped("test", [], lambda: ["a", "b"], folder=blocker / "cache")
    assert "a" in words and "c" not in words


@pytest.mark.parametrize("n", [0, 1, 1000, 50000])
def test_table_finds_every_hash_and_no_other(n):
    rng = np.random.default_rng(n)
    hashes = rng.integers(1, 2**63, size=n, dtype=np.uint64)
    table = wordset.build_table(hashes)
    assert np.count_nonzero(table) == len(np.unique(hashes)) <= wordset.LOAD * len(table)
    mask = len(table) - 1
    for h in list(hashes[:500]) + list(rng.integers(1, 2**63, size=200, dtype=np.uint64)):
        i, hit = int(h) & mask, False
        while table[i]:
            if table[i] == h:
                hit = True
                break
            i = (i + 1) & mask
        assert hit == (h in set(hashes.tolist()))
