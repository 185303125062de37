"""Text files in any encoding a Windows or Mac export uses read as the same minutes."""
from __future__ import annotations

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.encoding import decode, swedish_score
from pipeline.nlp.extract import extract
from pipeline.run.batch import run_batch
from pipeline.store import db as load

from ..conftest import SHARED

SEED = SHARED / "seeds" / "002_1168f0ba22d31901.txt"
SHORT = "Protokoll fört vid årsmöte\nNärvarande: Åsa Öberg, Björn Ek\n§ 1 Mötets öppnande\n"


def _content(gold):
    """A gold record without the ids, which hash the file's bytes."""
    if isinstance(gold, dict):
        return {k: _content(v) for k, v in gold.items() if k not in ("id", "document_id")}
    if isinstance(gold, list):
        return [_content(v) for v in gold]
    return gold


def _as(tmp_path, name: str, text: str, encoding: str, bom: bytes = b""):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.fixture(scope="module")
def seed_text() -> str:
    """The seed as every code page here can hold it (its few dashes and symbols outside
    one of them become '?')."""
    text = SEED.read_text(encoding="utf-8")
    for encoding in ("cp1252", "cp850", "mac_roman"):
        text = text.encode(encoding, errors="replace").decode(encoding)
    return text


@pytest.fixture(scope="module")
def utf8_gold(seed_text, tmp_path_factory) -> dict:
    path = _as(tmp_path_factory.mktemp("utf8"), "m.txt", seed_text, "utf-8")
    return _content(extract(ingest(path)).to_gold())


@pytest.mark.parametrize("encoding,bom,expected", [
    ("cp1252", b"", "cp1252"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8"),
    ("cp850", b"", "cp850"),
    ("mac_roman", b"", "mac-roman"),
])
def test_same_minutes_in_every_encoding(tmp_path, seed_text, utf8_gold, encoding, bom, expected):
    doc = ingest(_as(tmp_path, "m.txt", seed_text, encoding, bom))
    assert doc.encoding == expected
    assert doc.warnings == []
    gold = _content(extract(doc).to_gold())
    assert gold["items"] and gold["attendance"]
    assert gold == utf8_gold


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "mac_roman", "iso8859_15"])
def test_short_swedish_text_is_not_read_as_a_central_european_code_page(encoding):
    decoded = decode(SHORT.encode(encoding))
    assert decoded.text == SHORT


def test_byte_order_mark_decides_before_detection():
    assert decode(b"\xef\xbb\xbf" + SHORT.encode("utf-8")).encoding == "utf-8"
    assert decode(b"\xff\xfe\x00\x00" + SHORT.encode("utf-32-le")).text == SHORT


def test_invalid_bytes_in_utf8_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(SHORT.encode("utf-8") + b"Beslut: \xff\xfe godk\xe4nt\n")
    doc = ingest(path)
    assert doc.encoding == "utf-8"
    assert "Åsa Öberg" in doc.text and doc.text.count("\ufffd") == 3
    assert doc.warnings == ["3 character(s) could not be read as utf-8 and were replaced by \ufffd"]


def test_encoding_and_warning_reach_the_documents_table(tmp_path):
    good = _as(tmp_path, "cp1252.txt", SHORT, "cp1252")
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(SHORT.encode("utf-8") + b"\xff\n")
    con = load.connect(":memory:")
    run_batch([good, damaged], con, progress=False)
    rows = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), [encoding, warnings::VARCHAR] "
                            "FROM documents").fetchall())
    assert rows["cp1252.txt"] == ["cp1252", "[]"]
    assert rows["damaged.txt"][0] == "utf-8" and "replaced" in rows["damaged.txt"][1]


def test_swedish_letters_score_above_a_wrong_code_page():
    right = SHORT
    wrong = SHORT.encode("cp1252").decode("cp1250")
    assert swedish_score(right) > swedish_score(wrong)


def test_invisible_characters_inside_dates_and_words_are_dropped(tmp_path):
    from pipeline.ingest import ingest

    path = tmp_path / "minutes.txt"
    path.write_text("Protokoll 2023-\u200b11-30\nDag\u00adordningen god\u200bkändes.\n", encoding="utf-8")
    assert [line.text for line in ingest(path).lines][:2] == ["Protokoll 2023-11-30", "Dagordningen godkändes."]
