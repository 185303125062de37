"""Ingestors: read a file of any supported format into one `Document`.

Each format has its own module exposing `read(path, data) -> (lines, pages, page_info)`;
`ingest` picks the module by the file's content (magic bytes) and extension, hashes the
bytes for the document id, and turns every problem into an `IngestError` with a code.
"""
from __future__ import annotations

from .errors import IngestError
from .reader import SUPPORTED_SUFFIXES, ingest, sniff_format

__all__ = ["IngestError", "SUPPORTED_SUFFIXES", "ingest", "sniff_format"]
