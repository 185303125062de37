"""Bad input gets a clear, coded error; the batch goes on and earlier rows stay."""
from __future__ import annotations

import shutil

import pytest

from pipeline.store import db as load
from pipeline.run.batch import run_batch
from pipeline.nlp.extract import extract
from pipeline.ingest import IngestError, ingest, ocr

from ..conftest import EDGE, SEED_FIXTURES

BAD = [
    ("empty.pdf", "empty"), ("empty.docx", "empty"), ("empty.txt", "empty"),
    ("not-a-pdf.pdf", "not-a-pdf"), ("not-a-docx.docx", "not-a-docx"),
    ("corrupt.pdf", "corrupt"), ("truncated.pdf", "corrupt"), ("corrupt.docx", "corrupt"),
    ("encrypted.pdf", "encrypted"), ("scanned-no-text-layer.pdf", "no-text-layer"),
    ("unsupported.xlsx", "unsupported"),
]


@pytest.fixture(autouse=True)
def without_ocr(monkeypatch):
    """As on a machine without Tesseract: the scan stays unreadable (tests/ingest/test_ocr.py reads it)."""
    monkeypatch.setattr(ocr, "missing", lambda: "tesseract is not installed")


@pytest.mark.parametrize("name,code", BAD)
def test_bad_file_gets_clear_error(name, code):
    with pytest.raises(IngestError) as err:
        ingest(EDGE / name)
    assert err.value.code == code
    assert err.value.message


def test_not_minutes_document_is_other():
    minutes = extract(ingest(EDGE / "not-minutes.docx"))
    assert minutes.kind == "other"
    assert minutes.items == []


def test_batch_goes_on_and_keeps_loaded_rows(tmp_path):
    good = tmp_path / "003.docx"
    shutil.copy(SEED_FIXTURES / "003_bbec6273c4d55330.docx", good)
    for name, _ in BAD:
        shutil.copy(EDGE / name, tmp_path / name)
    con = load.connect(":memory:")
    result = run_batch(sorted(tmp_path.iterdir()), con, progress=False)
    assert result.processed == 1 and result.failed == len(BAD)
    assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 8
    codes = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), code FROM failures").fetchall())
    assert codes == dict(BAD)
    # the good file is later damaged: it fails, and what was loaded from it stays
    good.write_bytes(b"PK\x03\x04 damaged")
    result = run_batch([good], con, progress=False)
    assert result.failed == 1
    assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 8
