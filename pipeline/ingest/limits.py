"""How much one file may hold before it is refused, checked before it is read.

A 3.6 MB DOCX can inflate to a gigabyte of XML, and python-docx holds every part in
memory, so an archive's members are measured first: the sizes its directory declares,
then the bytes they really inflate to (streamed, stopping at the limit), since a declared
size can lie. What a file does once read is bounded by the worker's memory cap
(`run.max_memory_mb`, pipeline/run/executors.py).
"""
from __future__ import annotations

import io
import zipfile

from pydantic import BaseModel, ConfigDict, Field

from .errors import IngestError

MIB = 2 ** 20
MAX_FILE_MB = 200        # the largest real minutes (scanned 500-page PDFs) are well under this
MAX_UNPACKED_MB = 256    # a DOCX of 1000 pages with images unpacks to under 100 MB
CHUNK = MIB


class IngestLimits(BaseModel):
    """Sizes past which a file fails `too-large` instead of being read (params.yaml `run:`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_mb: float = Field(MAX_FILE_MB, gt=0)          # bytes on disk
    max_unpacked_mb: float = Field(MAX_UNPACKED_MB, gt=0)  # what an archive's members inflate to


def check_file_size(size: int, limits: IngestLimits) -> None:
    """Raise `too-large` when a file of `size` bytes is over the file limit."""
    if size > limits.max_file_mb * MIB:
        raise IngestError("too-large", f"file is {size / MIB:.0f} MiB, over the {limits.max_file_mb:g} MiB "
                          "limit (run.max_file_mb)")


def check_archive(data: bytes, limits: IngestLimits) -> None:
    """Given a zip file's bytes (a DOCX), raise `too-large` when its members declare or
    really inflate to more than the unpacked limit, and `corrupt` when a member cannot be
    inflated. A file that is no zip at all is left to the format reader to report."""
    limit = limits.max_unpacked_mb * MIB
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > limit:
            raise IngestError("too-large", f"archive declares {declared / MIB:.0f} MiB unpacked, over the "
                              f"{limits.max_unpacked_mb:g} MiB limit (run.max_unpacked_mb)")
        total = 0
        for member in members:
            try:
                with archive.open(member) as f:
                    while chunk := f.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise IngestError("too-large", f"archive inflates to more than "
                                              f"{limits.max_unpacked_mb:g} MiB (run.max_unpacked_mb)")
            except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as e:
                raise IngestError("corrupt", f"DOCX member {member.filename} cannot be unpacked: {e}") from e
