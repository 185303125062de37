"""benchmarks/throughput.py's parts keep working (on a handful of files, timing nothing)."""
from __future__ import annotations

import importlib
import io
import sys
import zipfile

from .conftest import REPO

SEEDS = REPO / "tests" / "fixtures" / "seeds"


def _throughput():
    """The benchmark module, importable by name (its fork pool pickles its functions by name)."""
    if str(REPO / "benchmarks") not in sys.path:
        sys.path.insert(0, str(REPO / "benchmarks"))
    return importlib.import_module("throughput")


def test_floors_count_the_same_work_with_one_or_two_processes():
    bench = _throughput()
    pdfs = [str(p) for p in sorted(SEEDS.glob("*.pdf"))[:3]]
    docx = [str(p) for p in sorted(SEEDS.glob("*.docx"))[:3]]
    assert bench.floor_child("pdf", pdfs, 1) == bench.floor_child("pdf", pdfs, 2)
    assert bench.floor_child("docx", docx, 2) == {"units": 3}


def test_unique_copies_differ_in_bytes_only():
    bench = _throughput()
    data = sorted(SEEDS.glob("*.docx"))[0].read_bytes()
    copy = bench.unique_docx(data, "00001")
    assert copy != data
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(io.BytesIO(copy)) as b:
        assert [(i.filename, a.read(i)) for i in a.infolist()] == [(i.filename, b.read(i)) for i in b.infolist()]
    assert bench.unique_pdf(b"%PDF-1.4 ... %%EOF", "7").endswith(b"%minutes-bench 7\n")


def test_tables_render_a_report():
    bench = _throughput()
    run = {"wall": 2.0, "cpu": 3.0, "rss_mb": 900.0, "pss_mb": 450.0}
    fl = {"wall": 0.2, "cpu": 0.3, "rss_mb": 80.0, "pss_mb": 50.0}
    size = {"n": 10, "pdf": {"files": 10, "units": 90, "floor": fl, "run": run},
            "docx": {"files": 10, "units": 10, "floor": fl, "run": run},
            "add": {"full": run, "nothing": run, "one": run,
                    "warm": {"first_add_s": 1.0, "warm_add_s": 0.1, "warm_nothing_s": 0.01}}}
    stage = {"units": 90, "docs": 10, "cpu": {k: 0.1 for k in ("floor", "ingest", "extract", "link", "rows", "load")}}
    report = {"workers": 2, "load": [0.5, 0.7], "sizes": [size], "stages": {"pdf": stage, "docx": stage},
              "scan": {"files": 2, "units": 5, "run": run},
              "startup": {"python_s": 0.02, "file": "a.pdf", "extract_cmd": run,
                          "steps": [{"step": "import pipeline.cli", "s": 0.1, "rss_mb": 40}]}}
    text = bench.tables(report)
    assert "| 10 | 10 (90) | 450 / 300 | 45 / 30 | 0.10 / 0.10 | 900 / 450 |" in text
    assert "one file added 2.00 s" in text and "| import pipeline.cli | 0.100 | 40 |" in text


def test_the_start_up_steps_run_on_one_file():
    bench = _throughput()
    steps = bench.startup_child(str(sorted(SEEDS.glob("*.pdf"))[0]))["steps"]
    names = [s["step"] for s in steps]
    assert names[0] == "import pipeline.cli" and names[-1] == "second extract"
    assert any(n.startswith("get_nlp()") for n in names)
