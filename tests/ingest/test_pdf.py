"""The PDF reader's shortcuts give what the plain computations they replace give."""
from __future__ import annotations

import random
import statistics
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from pipeline.ingest import pdf

from ..conftest import SHARED


def test_medians_are_statistics_medians():
    rng = random.Random(0)
    for _ in range(300):
        counts = {round(rng.uniform(6, 30), 1): rng.randint(0, 40) for _ in range(rng.randint(0, 6))}
        expanded = [size for size, n in counts.items() for _ in range(n)]
        assert pdf._weighted_median(counts) == (statistics.median(expanded) if expanded else 0.0)
        if expanded:
            assert pdf._median(expanded) == statistics.median(expanded)


@pytest.mark.parametrize("text", ["Protokoll", "e\ufb03cient \u00adsoft", "a\x02b", "Mo\u0308tet", "plain ascii"])
def test_clean_text_as_before(text):
    slow = text
    for lig, plain in pdf.LIGATURES.items():
        slow = slow.replace(lig, plain)
    assert pdf.clean_text(text) == unicodedata.normalize("NFC", slow.translate(pdf.DROP_CHARS))


def _cover_through_wrappers(page) -> float:
    width, height = page.get_size()
    cover = 0.0
    for obj in page.get_objects(max_depth=pdf.SCAN_DEPTH):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            cover = max(cover, (right - left) * (top - bottom) / (width * height or 1.0))
    return min(cover, 1.0)


@pytest.mark.parametrize("name", ["realdocs/StenaldernsSamf__2025-12-16.pdf", "realdocs/LiTHeKod__stormote_190521.pdf",
                                  "realdocs/DtekChalmers__2017-05-11-sektionsmote-dtek.pdf"])
def test_scan_check_with_raw_calls_as_with_wrappers(name):
    document = pdfium.PdfDocument(SHARED / name)
    for page in document:
        assert pdf._image_cover(page) == _cover_through_wrappers(page)
