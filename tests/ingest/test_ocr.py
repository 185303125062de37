"""Scanned pages are read by Tesseract, give the same line records as a text layer, and
are OCR'd once: a second read comes from the cache. Expected text is read off the page
images by eye."""
from __future__ import annotations

import re

import io

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import IngestError, ingest, ocr, pdf

from ..conftest import EDGE, SHARED

REALDOCS = SHARED / "realdocs"
needs_tesseract = pytest.mark.skipif(ocr.missing() is not None, reason=str(ocr.missing()))


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MINUTES_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def one_page(tmp_path, name: str, page: int):
    """Write page `page` of a real document as a PDF of its own and return its path."""
    src = pdfium.PdfDocument(REALDOCS / name)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [page - 1])
    buffer = io.BytesIO()
    out.save(buffer)
    path = tmp_path / f"{name[:-4]}-p{page}.pdf"
    path.write_bytes(buffer.getvalue())
    return path


@needs_tesseract
def test_image_only_page_is_read_and_cached(tmp_path, cache, monkeypatch):
    path = one_page(tmp_path, "LiTHeKod__stormote_160523.pdf", 1)
    doc = ingest(path)
    texts = [line.text for line in doc.lines]
    assert "1. Mötets öppnande" in texts
    assert "Simon Lindblad förklarar mötet öppnat kl 17.20" in texts
    assert "Mötet fastställer röstlängden till 14 personer, Jesper Tingvall adjungeras." in texts
    assert doc.page_info[0].ocr and not doc.page_info[0].has_text_layer
    read = [line for line in doc.lines if line.text]
    assert all(line.ocr and line.page == 1 for line in read)
    assert all(0 <= line.ocr_confidence <= 100 for line in read)
    assert sum(line.ocr_confidence for line in read) / len(read) > 80
    # blank lines between the numbered paragraphs, as vertical gaps give in a text layer
    i = texts.index("1. Mötets öppnande")
    assert texts[i - 1] == "" and texts[i + 2] == ""
    assert any(cache.rglob("*.json"))

    def no_tesseract(image):
        raise AssertionError("tesseract ran although the page is cached")

    monkeypatch.setattr(ocr, "run_tesseract", no_tesseract)
    again = ingest(path)
    assert again.lines == doc.lines


@needs_tesseract
def test_table_rows_keep_label_and_value_on_one_line():
    doc = ingest(EDGE / "scanned-no-text-layer.pdf")
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Mötesanteckningar Ledningsgrupp för samverkan LGS"
    assert "2026-06-04" in texts
    row = next(t for t in texts if t.startswith("Närvarande:"))
    assert row.startswith("Närvarande:\tKatarina Mueller, Ordf.")


@needs_tesseract
def test_garbage_text_layer_of_sideways_scan_is_replaced(tmp_path):
    path = one_page(tmp_path, "AsketorpVag__2010-08-15_Protokoll.pdf", 3)
    doc = ingest(path)
    assert doc.page_info[0].ocr and doc.page_info[0].has_text_layer
    texts = [line.text for line in doc.lines]
    assert texts[:3] == ["Debiteringslängd för", "Asketorps Vägsamfällighet",
                         "antagen vid årsmötet 2010-08-15."]
    assert any(t.startswith("ASKETORP 1:2\t") and "Rikard Jernlås" in t for t in texts)


def test_missing_tesseract_keeps_the_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "missing", lambda: f"tesseract cannot be run. {ocr.INSTALL_HINT}")
    with pytest.raises(IngestError) as err:
        ingest(one_page(tmp_path, "LiTHeKod__stormote_160523.pdf", 2))
    assert err.value.code == "no-text-layer"
    assert "tesseract-ocr-swe" in err.value.message


@pytest.mark.parametrize("name,page,wanted", [
    ("StenaldernsSamf__Protokoll_styrelsemote_-2015-01-15.pdf", 1, True),
    ("AsketorpVag__2010-08-15_Protokoll.pdf", 3, True),
    ("StenaldernsSamf__protokoll_20160113.pdf", 1, True),
    ("AsketorpDikning__2013-08-18_Arsmote_Protokoll.pdf", 2, True),
    ("StenaldernsSamf__2025-12-16.pdf", 1, True),
    ("LiTHeKod__stormote_190521.pdf", 9, True),
    ("LiTHeKod__stormote_190521.pdf", 1, False),
    ("ChalmersTDA367-DownToEarthRats__Mote1and2_FoljerEjMall.pdf", 3, False),
])
def test_which_pages_need_ocr(name, page, wanted):
    """Every scanned page is read (born-digital pages never are), also when the scanner
    left a mostly right text layer."""
    document = pdfium.PdfDocument(REALDOCS / name)
    textpage = document[page - 1].get_textpage()
    lines = pdf._PageReader(textpage, pdfium.raw).lines() if textpage.count_chars() else []
    assert pdf.needs_ocr(document[page - 1], lines) is wanted


def test_rows_join_side_by_side_lines_and_turn_sideways_pages_upright():
    def word(line, left, top, width, height, text, conf=90.0):
        return {"block_num": line, "par_num": 1, "line_num": 1, "left": left, "top": top,
                "width": width, "height": height, "conf": conf, "text": text}

    upright = {"size": [2480, 3508], "words": [
        word(1, 300, 1000, 250, 40, "Närvarande:"), word(2, 800, 1004, 150, 40, "Anna"),
        word(2, 970, 1004, 150, 40, "Berg", 70.0), word(3, 800, 1060, 150, 40, "Olof")]}
    rows = ocr.page_rows(upright, (595.0, 842.0))
    assert [r["text"] for r in rows] == ["Närvarande:\tAnna Berg", "Olof"]
    assert rows[0]["confidence"] == pytest.approx((90 + 90 + 70) / 3, abs=0.1)
    assert rows[0]["top"] > rows[1]["top"]
    # the same words on a page scanned a quarter turn anticlockwise: lines run upwards
    sideways = {"size": [3508, 2480], "words": [
        {**w, "left": w["top"], "top": 2480 - w["left"] - w["width"], "width": w["height"],
         "height": w["width"]} for w in upright["words"]]}
    assert [r["text"] for r in ocr.page_rows(sideways, (842.0, 595.0))] == \
        ["Närvarande:\tAnna Berg", "Olof"]


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MINUTES_CACHE_DIR", str(tmp_path / "a"))
    assert ocr.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("MINUTES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ocr.cache_dir() == tmp_path / "xdg" / "minutes" / "ocr"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ocr.cache_dir() == tmp_path / "home" / ".cache" / "minutes" / "ocr"


def test_scan_with_a_lossy_scanner_layer_is_read_again():
    """Stenålderns 2025-12-16: the scanner's layer lost the Punkt column's numbers; the
    page image shows "1." beside "Val av justerare" and the present list in one cell."""
    if ocr.missing():
        pytest.skip(ocr.missing())
    doc = ingest(REALDOCS / "StenaldernsSamf__2025-12-16.pdf")
    texts = [line.text for line in doc.lines if line.page == 1]
    assert doc.page_info[0].ocr
    assert any(re.match(r"1\.\s+Val av justerare", t) for t in texts)
    assert any(t.startswith("Närvarande:") and "Björn Goffeng" in t for t in texts)


def test_a_pool_worker_reads_its_share_of_pages_at_once(monkeypatch):
    """In a pool of W workers each OCRs cores // W pages at a time (at least one): more
    tesseract processes than cores only add memory."""
    monkeypatch.setattr(ocr.os, "cpu_count", lambda: 8)
    monkeypatch.delenv("MINUTES_POOL_WORKERS", raising=False)
    assert ocr._cores() == 8
    monkeypatch.setenv("MINUTES_POOL_WORKERS", "2")
    assert ocr._cores() == 4
    monkeypatch.setenv("MINUTES_POOL_WORKERS", "16")
    assert ocr._cores() == 1
