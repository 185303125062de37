"""Swedish full-text search: stems in the index and in the query, the original text marked."""
from __future__ import annotations

import sqlite3

from hypothesis import given, settings, strategies as st

from pipeline.fts import NOTHING, TOKENIZE, fts_query, stem, stem_text


def _table(*texts: str) -> sqlite3.Connection:
    """An FTS5 table indexing the stemmed copy of `texts` while reading the originals."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (text TEXT)")
    con.execute(f"CREATE VIRTUAL TABLE t_fts USING fts5(text, content=\"t\", tokenize='{TOKENIZE}')")
    for k, text in enumerate(texts, 1):
        con.execute("INSERT INTO t (rowid, text) VALUES (?, ?)", (k, text))
        con.execute("INSERT INTO t_fts (rowid, text) VALUES (?, ?)", (k, stem_text(text)))
    return con


def _marked(con, query: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT highlight(t_fts, 0, '[', ']') FROM t_fts WHERE t_fts MATCH ? "
                                      "ORDER BY rowid", (fts_query(query),))]


def test_beslutade_finds_beslut_and_beslutet():
    assert stem("beslutade") == stem("beslut") == stem("Beslutet") == "beslut"
    con = _table("Nämnden beslutade att bygga.", "Beslutet gäller.", "Ingen sådan text.")
    assert _marked(con, "beslut") == ["Nämnden [beslutade] att bygga.", "[Beslutet] gäller."]
    assert _marked(con, "beslutade") == _marked(con, "beslut")


def test_matches_are_marked_in_the_original_text_after_numbers_dashes_and_letters_like_a_ring():
    text = "§ 12 Dnr BUN 2020/123: kommun-fullmäktige i Hässelby_gård beslutade om förskolor x²."
    con = _table(text)
    assert _marked(con, "förskola") == [text.replace("förskolor", "[förskolor]")]
    assert _marked(con, "beslut") == [text.replace("beslutade", "[beslutade]")]
    assert _marked(con, "2020/123") == [text.replace("2020/123", "[2020/123]")]


def test_phrases_or_not_and_prefixes_work_as_in_a_search_box():
    con = _table("Nämnden beslutade om skolskjuts.", "Budgeten fastställs.", "Nämnden avslog budgeten.")
    assert len(_marked(con, "skolskjuts OR budget")) == 3
    assert _marked(con, "budget NOT avslog") == ["[Budgeten] fastställs."]
    assert _marked(con, '"nämnden beslutade"') == ["[Nämnden beslutade] om skolskjuts."]
    assert _marked(con, "skol*") == ["Nämnden beslutade om [skolskjuts]."]
    assert len(_marked(con, "nämnd (budget OR skolskjuts)")) == 2


def test_a_query_without_words_matches_nothing():
    assert fts_query("") == fts_query("  ") == fts_query("OR NOT ( )") == NOTHING
    assert _marked(_table("Något."), "--") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('abc åäö"()*:-^+ ANDORNOTNEAR{}.')), max_size=40))
def test_no_typed_query_is_an_fts_syntax_error(typed):
    con = _table("abc åäö")
    con.execute("SELECT count(*) FROM t_fts WHERE t_fts MATCH ?", (fts_query(typed),)).fetchone()
