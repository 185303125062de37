"""The one exception ingestors raise, carrying a short machine-readable code."""
from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read as minutes; `code` is stable for the failures table."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
