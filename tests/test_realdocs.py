"""Every real document is either extracted or refused with a clear reason, never a crash."""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.ingest import IngestError, ingest

from .conftest import SHARED

REALDOCS = sorted(p for p in (SHARED / "realdocs").glob("*") if p.suffix in (".pdf", ".docx"))
IMAGE_ONLY = {"LiTHeKod__stormote_160523.pdf", "StenaldernsSamf__Protokoll_styrelsemote_20190219.pdf"}


def test_realdocs_are_there():
    assert len(REALDOCS) == 25


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name[:45])
def test_realdoc_extracts_or_fails_clearly(path):
    try:
        minutes = extract(ingest(path))
    except IngestError as e:
        # SOURCES.tsv says these two scans have no text layer (OCR is a later stage)
        assert path.name in IMAGE_ONLY
        assert e.code == "no-text-layer"
        assert "text layer" in e.message
        return
    assert minutes.document_id
    assert minutes.kind in ("minutes", "other")
