"""No silent limit on numbers, items or pages: municipal protokoll run to four-digit §.

Reading (pipeline/ingest/) keeps every page and every "§ 1021" line, and the extraction
(pipeline/nlp/) reads § numbers of four digits and a single § (an extract) as an item."""
from __future__ import annotations

import ctypes

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.pdf import is_page_number
from pipeline.ingest.repair import fix_numbering
from pipeline.nlp.extract import extract
from pipeline.records import Document, Line

PAGES = 1030


def _document(texts: list[str]) -> Document:
    lines, offset = [], 0
    for i, text in enumerate(texts):
        lines.append(Line(index=i, text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    return Document(id="large-numbers", path="large.txt", format="txt", pages=1, lines=lines)


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    """A PDF of 1030 pages, one "§ N" item with a decision on each and the page number at
    the foot (made with pdfium, the engine that reads it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    for n in range(1, PAGES + 1):
        page = pdf.new_page(595, 842)
        for text, y in ((f"§ {n} Ärende {n}", 780), ("Beslut: Nämnden godkänner.", 760), (str(n), 40)):
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 11)
            buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 60, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    path = tmp_path_factory.mktemp("long") / "protokoll-1030-sidor.pdf"
    pdf.save(str(path))
    pdf.close()
    return ingest(path)


def test_a_1030_page_pdf_keeps_every_page_and_every_paragraph(long_pdf):
    assert long_pdf.pages == PAGES and len(long_pdf.page_info) == PAGES
    heads = [line.text for line in long_pdf.lines if line.text.startswith("§ ")]
    assert heads == [f"§ {n} Ärende {n}" for n in range(1, PAGES + 1)]


def test_page_numbers_past_999_are_dropped_like_shorter_ones(long_pdf):
    texts = {line.text for line in long_pdf.lines}
    assert not texts & {"999", "1000", "1021", str(PAGES)}
    assert is_page_number("Sida 1021 av 1030", 1030) and is_page_number("12", 3)


def test_a_year_on_a_pages_last_line_stays_text():
    assert not is_page_number("2024", 40)


def test_ocr_misread_four_digit_paragraph_numbers_are_repaired():
    lines = fix_numbering([Line(index=0, text="§ 1020 Budget"), Line(index=1, text="$1021 Taxor"),
                           Line(index=2, text="§l022 Val")])
    assert [line.text for line in lines] == ["§ 1020 Budget", "§1021 Taxor", "§1022 Val"]
    slashes = fix_numbering([Line(index=0, text="1022/"), Line(index=1, text="1023l")])
    assert [line.text for line in slashes] == ["1022/", "1023/"]


def test_items_after_999_are_found(long_pdf):
    minutes = extract(long_pdf)
    assert [item.number for item in minutes.items] == [str(n) for n in range(1, PAGES + 1)]


def test_paragraph_1021_is_an_item():
    minutes = extract(_document(["Protokoll", "§ 1021 Budget 2025", "Beslut: Godkändes."]))
    assert [(i.number, i.title) for i in minutes.items] == [("1021", "Budget 2025")]
    assert [d.item for d in minutes.decisions] == ["1021"]


def test_paragraph_9960_keeps_its_number_and_title():
    minutes = extract(_document(["Protokoll", "§ 9959 Budget", "Beslut: Godkändes.",
                                 "§ 9960 Taxor och avgifter", "Beslut: Godkändes."]))
    assert [(i.number, i.title) for i in minutes.items] == [("9959", "Budget"), ("9960", "Taxor och avgifter")]


def test_numbering_goes_on_past_999():
    minutes = extract(_document(["Protokoll", "§ 998 Budget", "Beslut: Godkändes.", "§ 999 Taxor",
                                 "Beslut: Godkändes.", "§ 1000 Val", "Beslut: Godkändes."]))
    assert [i.number for i in minutes.items] == ["998", "999", "1000"]
    assert [d.item for d in minutes.decisions] == ["998", "999", "1000"]
