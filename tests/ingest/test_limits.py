"""Files too large to read safely fail `too-large` before they are read; a worker that
needs more memory than its cap fails `out-of-memory`; the batch goes on."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest

from pipeline.ingest import IngestError, ingest
from pipeline.ingest.limits import IngestLimits
from pipeline.run.batch import RunParams, SettingsError, load_run_params, run_batch
from pipeline.run.executors import LocalExecutor, TaskError
from pipeline.store import db as load

from ..conftest import SEED_FIXTURES

SEED_DOCX = SEED_FIXTURES / "003_bbec6273c4d55330.docx"
SMALL = IngestLimits(max_file_mb=1, max_unpacked_mb=1)


def _docx_with(extra: bytes, name: str = "word/media/filler.bin") -> bytes:
    """The seed DOCX with one more member (zeros compress about a thousand to one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(SEED_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr(name, extra)
    return out.getvalue()


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size set to `size` in its local and central headers."""
    data = bytearray(data)
    encoded = name.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            if data[at + name_at:at + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, at + offset, size)
            at += 4
    return bytes(data)


def test_docx_whose_parts_declare_more_than_the_limit_fails_too_large(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_with(bytes(3 * 2 ** 20)))
    assert bomb.stat().st_size < 2 ** 20 / 4
    with pytest.raises(IngestError) as err:
        ingest(bomb, SMALL)
    assert err.value.code == "too-large" and "run.max_unpacked_mb" in err.value.message


def test_docx_whose_declared_sizes_lie_is_not_read(tmp_path):
    liar = tmp_path / "liar.docx"
    liar.write_bytes(_lie_about_size(_docx_with(bytes(3 * 2 ** 20)), "word/media/filler.bin", 100))
    with pytest.raises(IngestError) as err:
        ingest(liar, SMALL)
    assert err.value.code in ("too-large", "corrupt")


def test_docx_under_the_limits_reads_as_before(tmp_path):
    ok = tmp_path / "ok.docx"
    ok.write_bytes(_docx_with(bytes(100 * 1024)))
    assert ingest(ok, SMALL).lines


def test_file_over_the_size_limit_fails_too_large_unread(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Protokoll\n" * 200_000)
    with pytest.raises(IngestError) as err:
        ingest(big, SMALL)
    assert err.value.code == "too-large" and "run.max_file_mb" in err.value.message


def test_too_large_file_is_a_failure_row_and_the_batch_goes_on(tmp_path):
    (tmp_path / "bomb.docx").write_bytes(_docx_with(bytes(3 * 2 ** 20)))
    (tmp_path / "good.docx").write_bytes(SEED_DOCX.read_bytes())
    con = load.connect(":memory:")
    result = run_batch(sorted(tmp_path.iterdir()), con, progress=False, limits=SMALL)
    assert result.loaded == 1 and result.failed == 1
    assert con.execute("SELECT code FROM failures").fetchall() == [("too-large",)]


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2 ** 20))


def test_a_worker_over_its_memory_cap_fails_out_of_memory_and_the_next_task_runs():
    executor = LocalExecutor(workers=1, timeout=60, memory_mb=1024)
    results = dict(executor.map(_allocate, [2048, 16]))
    assert isinstance(results[2048], TaskError) and results[2048].code == "out-of-memory"
    assert "1024 MB (run.max_memory_mb)" in results[2048].message
    assert results[16] == 16 * 2 ** 20


def test_run_limits_come_from_params_and_unknown_keys_are_refused(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("run:\n  max_unpacked_mb: 64\n  max_memory_mb: 2048\n", encoding="utf-8")
    loaded = load_run_params(params)
    assert loaded.limits == IngestLimits(max_unpacked_mb=64) and loaded.max_memory_mb == 2048
    params.write_text("run:\n  max_memory: 2048\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="run.max_memory"):
        load_run_params(params)
    assert RunParams().max_memory_mb > 0
