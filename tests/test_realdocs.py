"""Every real document is either extracted or refused with a clear reason, never a crash."""
from __future__ import annotations

import pytest

from pipeline.nlp.extract import extract
from pipeline.ingest import IngestError, ingest, ocr

from .conftest import SHARED

REALDOCS = sorted(p for p in (SHARED / "realdocs").glob("*") if p.suffix in (".pdf", ".docx"))
# two image-only scans and one whose text layer is OCR garbage: the pages OCR reads, and
# a phrase on page 1 of the page image
SCANNED = {"LiTHeKod__stormote_160523.pdf": ([1, 2, 3, 4], "Justeringsperson tillika rösträknare"),
           "StenaldernsSamf__Protokoll_styrelsemote_20190219.pdf": ([1, 2], "Stenåldersvägen 71"),
           "StenaldernsSamf__Protokoll_styrelsemote_-2015-01-15.pdf": ([1, 2], "Styrelsemöte")}


def test_realdocs_are_there():
    assert len(REALDOCS) == 25


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name[:45])
def test_realdoc_extracts_or_fails_clearly(path):
    try:
        minutes = extract(ingest(path))
    except IngestError as e:
        # without Tesseract the two image-only scans cannot be read
        assert ocr.missing() and e.code == "no-text-layer", f"{path.name}: {e.code}: {e.message}"
        return
    assert minutes.document_id
    assert minutes.kind in ("minutes", "other")


@pytest.mark.parametrize("name", sorted(SCANNED), ids=lambda n: n[:45])
def test_scans_are_read_by_ocr(name):
    if ocr.missing():
        pytest.skip(ocr.missing())
    pages, phrase = SCANNED[name]
    doc = ingest(SHARED / "realdocs" / name)
    assert [p.number for p in doc.page_info if p.ocr] == pages
    assert phrase in "\n".join(line.text for line in doc.lines if line.page == 1)
    assert all(line.ocr_confidence is not None for line in doc.lines if line.ocr and line.text)


def test_spaced_out_export_keeps_words_together():
    """A Pages export puts a wide gap after every word; read as one line of text, the
    participants list still gives four people (not one table cell per word)."""
    minutes = extract(ingest(SHARED / "realdocs" / "ChalmersTDA367-grOOP__14-09-2020.pdf"))
    assert [a.name for a in minutes.attendance] == ["Madeleine Xia", "Salvija Zelvyte",
                                                    "Jesper Bergquist", "Wendy Pau"]


def test_cumulative_file_gives_one_meeting_per_protocol():
    """grOOP's Mötesprotokoll.docx holds protocols 1-7 one after another."""
    minutes = extract(ingest(SHARED / "realdocs" / "ChalmersTDA367-grOOP__Motesprotokoll.docx"))
    assert [m.meeting_date for m in minutes.meetings] == [
        "2020-08-31", "2020-09-01", "2020-09-04", "2020-09-06", "2020-09-08", "2020-09-11", "2020-09-08"]
    assert {i.meeting for i in minutes.items} == set(range(7))
