"""Damaged text is repaired before extraction, and only where the fix is sure; the text as
read stays in `Line.original`. Expected text of real documents is read off the page images."""
from __future__ import annotations

import pytest

from pipeline.ingest import ingest, ocr
from pipeline.ingest.repair import PLAIN_LINE, fix_accents, fix_ligatures, fix_numbering, join_hyphenated, repair
from pipeline.records import Line

from ..conftest import SHARED

REALDOCS = SHARED / "realdocs"


def lines(*texts: str, continues: bool = True) -> list[Line]:
    return [Line(index=i, text=t, continues=continues and i > 0) for i, t in enumerate(texts)]


def test_latex_accents_in_a_real_text_layer():
    doc = ingest(REALDOCS / "LiTHeKod__stormote-2014.pdf")
    texts = [line.text for line in doc.lines]
    assert "Mötet beslutar att välja Måns Gezelius till justeringsperson tillika rösträknare." in texts
    assert "§2.2\tVal av mötessekreterare" in texts
    assert "§11\tÖvrigt" in texts
    fixed = next(line for line in doc.lines if line.text == "§11\tÖvrigt")
    assert fixed.original == "§11\tOvrigt ¨"
    assert not any("¨" in t or "˚" in t for t in texts)


@pytest.mark.parametrize("damaged,repaired", [
    ("M¨otet v¨aljer M˚ans", "Mötet väljer Måns"),
    ("7. Overlämning ¨", "7. Överlämning"),
    ("Besökt DOMD och haft kul ¨", "Besökt DOMD och haft kul ¨"),
    ("Tid: 18¨00", "Tid: 18¨00"),
])
def test_accents(damaged, repaired):
    assert fix_accents(damaged) == repaired


@pytest.mark.parametrize("damaged,repaired", [
    ("Mötet beslutade om nya akƟviteter.", "Mötet beslutade om nya aktiviteter."),
    ("ett mer e\ue000ektivt arbetssätt", "ett mer effektivt arbetssätt"),
    ("avgi\ue001en höjs", "avgiften höjs"),
    ("de\ufffdnitivt beslut", "definitivt beslut"),
    ("informa&on om läget", "information om läget"),
    ("Ɵll handlingarna", "till handlingarna"),
    # left alone: real words, names and abbreviations, and all capitals
    ("R&D och Kalle&Co", "R&D och Kalle&Co"),
    ("ny iPhone", "ny iPhone"),
    ("Erik Carlsson\tÅscha", "Erik Carlsson\tÅscha"),
    ("AKƟVITETER", "AKƟVITETER"),
    ("x\ue000y", "x\ue000y"),
])
def test_ligatures(damaged, repaired):
    assert fix_ligatures(damaged) == repaired


@pytest.mark.parametrize("text, plain", [
    ('(Anna) sa: "nej", 3.4 kr. Åsa Öberg, e-post: a@b.se', True),
    ("PROTOKOLL", False), ("a,b", False), ("McDonald", False), ("nya akƟviteter", False),
])
def test_a_line_of_plain_tokens_is_told_at_once(text, plain):
    assert bool(PLAIN_LINE.fullmatch(text)) is plain
    if plain:
        assert fix_ligatures(text) == text


def test_a_ligature_beside_words_in_capitals_is_still_repaired():
    assert fix_ligatures("PROTOKOLL: nya akƟviteter") == "PROTOKOLL: nya aktiviteter"


def test_no_ligature_damage_in_clean_real_text():
    doc = ingest(REALDOCS / "LiTHeKod__stormote_200512.pdf")
    assert all(line.original is None for line in doc.lines)


def test_hyphenated_word_joins_on_the_first_line():
    out = join_hyphenated(lines("Styrelsen redovisade verksam-", "heten under året."))
    assert [line.text for line in out] == ["Styrelsen redovisade verksamheten", "under året."]
    assert [line.original for line in out] == ["Styrelsen redovisade verksam-", "heten under året."]


def test_hyphenated_word_that_ends_the_paragraph_takes_the_line_with_it():
    out = join_hyphenated(lines("Ordföranden förklarade mötet av-", "slutat.", "Vid protokollet"))
    assert [line.text for line in out] == ["Ordföranden förklarade mötet avslutat.", "Vid protokollet"]
    assert out[0].original == "Ordföranden förklarade mötet av-\nslutat."


@pytest.mark.parametrize("first,second", [
    ("Avstämning mot Nordea-", "konto gjordes."),      # a real hyphenated compound
    ("Vi diskuterade för-", "och nackdelar."),          # "för- och nackdelar"
    ("Mötet valde Anna Berg-", "Holm till ordförande."),  # capital: not a split word
])
def test_hyphen_stays_unless_halves_make_a_word(first, second):
    src = lines(first, second)
    assert join_hyphenated(src) == src


def test_hyphen_stays_across_a_paragraph_break():
    src = lines("Styrelsen redovisade verksam-", "heten under året.", continues=False)
    assert join_hyphenated(src) == src


@pytest.fixture
def scanner_text_layer(monkeypatch):
    """Read scans through the text layer their scanner made, not through our OCR."""
    monkeypatch.setattr(ocr, "missing", lambda: "off for this test")


def test_numbering_of_a_real_noisy_text_layer(scanner_text_layer):
    doc = ingest(REALDOCS / "AsketorpVag__2010-08-15_Protokoll.pdf")
    labels = [line.text for line in doc.lines if line.text.endswith("/") and len(line.text) <= 3]
    # the page images show 1/ to 15/; the text layer lost 3/ ("al )I") and 11/ ("rU")
    assert labels == ["1/", "2/", "4/", "5/", "6/", "7/", "8/", "9/", "10/", "12/", "13/", "14/", "15/"]
    assert [line.original for line in doc.lines if line.text in ("1/", "10/", "15/")] == \
        ["1t", "r0l", "t5t"]


def test_paragraph_signs_read_as_dollars(scanner_text_layer):
    doc = ingest(REALDOCS / "AsketorpVag__2011-03-26_motesprotokoll.pdf")
    texts = [line.text for line in doc.lines]
    assert "§1" in texts and "§5\tSTYRELSE\tsäte, sammansättning" in texts


@pytest.mark.parametrize("src,out", [
    (["1/", "2l", "3t"], ["1/", "2/", "3/"]),
    (["tl", "2l", "sl"], ["1/", "2/", "sl"]),   # "sl" would be 5/, but 3 is next
    (["§ 13 Ekonomi", "§l4 Övriga frågor"], ["§ 13 Ekonomi", "§14 Övriga frågor"]),
    (["§ 13 Ekonomi", "$14 Övriga frågor"], ["§ 13 Ekonomi", "§14 Övriga frågor"]),
    (["$ 3 Val av sekreterare", "$ s Val av justerare"], ["§ 3 Val av sekreterare", "§ 5 Val av justerare"]),
    (["2t"], ["2/"]),
    (["5l"], ["5l"]),                 # nothing before it: not a numbering yet
    (["1/", "7t"], ["1/", "7t"]),     # too far from the last number
    (["tio", "sol", "lo"], ["tio", "sol", "lo"]),
])
def test_numbering_cases(src, out):
    assert [line.text for line in fix_numbering(lines(*src))] == out


def test_numbering_leaves_table_cells_alone():
    cell = Line(index=0, text="2t", table=(0, 1, 2))
    assert fix_numbering([cell]) == [cell]


def test_repair_keeps_undamaged_lines_as_they_are():
    src = lines("Protokoll", "§ 1 Mötets öppnande", "Ordföranden öppnade mötet.")
    assert repair(src) == src


def test_plain_tokens_have_no_misread_letter():
    """Ligature repair skips tokens `PLAIN` matches without asking the dictionary: none of
    their letters can be a misread one, whatever stands next to it."""
    from pipeline.ingest.repair import PLAIN, _misread

    chars = [c for c in map(chr, range(0x20, 0x250)) if c.strip()]
    contexts = chars + [""]
    inner = [c for c in chars if PLAIN.fullmatch("a" + c)]
    opening = [c for c in chars if PLAIN.fullmatch(c + "a")]
    assert "ö" in inner and "Ö" in opening and "Ɵ" not in inner + opening and "T" not in inner
    for c in inner:
        for before in contexts:
            for after in contexts:
                assert not _misread(before + c + after, len(before)), (before, c, after)
    for c in opening:
        for after in contexts:
            assert not _misread(c + after, 0), (c, after)
