"""One run at a time per database; readers wait briefly for a writer, then name it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from pipeline.cli import main
from pipeline.run.lock import RunLocked, holder, run_lock
from pipeline.store import db as load

from .conftest import EDGE, REPO


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A folder with one small text file to run and a params.yaml whose readers give up
    on a locked database after half a second."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text("run:\n  reader_wait: 0.5\n", encoding="utf-8")
    (tmp_path / "raw").mkdir()
    shutil.copy(EDGE / "tiny-paragraph-numbering.txt", tmp_path / "raw" / "m.txt")
    return tmp_path


def _hold_open(db, read_only: bool) -> subprocess.Popen:
    """Another process (a notebook, a `minutes sql`) holding the database open."""
    script = (f"import duckdb, sys, time\ncon = duckdb.connect({str(db)!r}, read_only={read_only})\n"
              "print('open', flush=True)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_second_run_with_no_wait_refuses_and_says_who_holds_the_database(place, capsys):
    with run_lock(place / "m.duckdb"):
        assert "PID " + str(os.getpid()) in holder(place / "m.duckdb")
        code = main(["run", "raw", "--db", "m.duckdb", "--workers", "0", "--no-wait", "--no-progress"])
    line = _one_error_line(capsys.readouterr().err)
    assert code == 2
    assert "m.duckdb is being built by minutes" in line and f"PID {os.getpid()}" in line and "--no-wait" in line
    assert not (place / "m.duckdb").exists()


def _hold_lock(place, seconds: float) -> subprocess.Popen:
    """Another `minutes run` holding the run lock of place/m.duckdb for `seconds`."""
    script = ("import sys, time\nsys.argv = ['minutes', 'run']\nsys.path.insert(0, %r)\n"
              "from pipeline.run.lock import run_lock\n"
              "with run_lock(__import__('pathlib').Path('m.duckdb')):\n    print('held', flush=True)\n"
              "    time.sleep(%r)\n") % (str(REPO), seconds)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=place)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_waits_for_the_first_and_says_so(place, capsys):
    first = _hold_lock(place, 1.5)
    code = main(["run", "raw", "--db", "m.duckdb", "--workers", "0", "--no-progress"])
    first.wait()
    captured = capsys.readouterr()
    assert code == 0, captured
    assert f"waiting for minutes run (PID {first.pid}" in captured.err and "m.duckdb" in captured.err
    assert "1 files extracted" in captured.out


def test_the_lock_goes_with_its_process_even_after_kill_9(place):
    first = _hold_lock(place, 60)
    with pytest.raises(RunLocked, match=f"PID {first.pid}"):
        with run_lock(place / "m.duckdb", wait=False):
            pass
    first.kill()
    first.wait()
    with run_lock(place / "m.duckdb", wait=False):
        pass


def test_sql_while_a_run_writes_waits_then_names_the_run(place, capsys):
    load.connect(place / "m.duckdb").close()
    writer = _hold_open(place / "m.duckdb", read_only=False)
    try:
        started = time.monotonic()
        code = main(["sql", "SELECT count(*) FROM documents", "--db", "m.duckdb"])
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.wait()
    line = _one_error_line(capsys.readouterr().err)
    assert code == 2 and waited >= 0.5
    assert f"m.duckdb is in use by PID {writer.pid}" in line


def test_sql_names_the_minutes_run_that_holds_the_database(place, capsys):
    load.connect(place / "m.duckdb").close()
    writer = _hold_open(place / "m.duckdb", read_only=False)
    try:
        with run_lock(place / "m.duckdb"):
            code = main(["sql", "SELECT 1", "--db", "m.duckdb"])
    finally:
        writer.kill()
        writer.wait()
    line = _one_error_line(capsys.readouterr().err)
    assert code == 2 and f"in use by minutes" in line and f"PID {os.getpid()}" in line


def test_sql_gets_its_answer_when_the_writer_finishes_within_the_wait(place, capsys):
    load.connect(place / "m.duckdb").close()
    (place / "params.yaml").write_text("run:\n  reader_wait: 30\n", encoding="utf-8")
    writer = _hold_open(place / "m.duckdb", read_only=False)
    threading.Timer(1.0, writer.kill).start()
    try:
        code = main(["sql", "SELECT 41 + 1 AS answer", "--db", "m.duckdb"])
    finally:
        writer.wait()
    assert code == 0 and "42" in capsys.readouterr().out


def test_run_while_a_notebook_holds_the_database_stops_before_extracting(place, capsys):
    load.connect(place / "m.duckdb").close()
    reader = _hold_open(place / "m.duckdb", read_only=True)
    try:
        code = main(["run", "raw", "--db", "m.duckdb", "--workers", "0", "--no-progress"])
    finally:
        reader.kill()
        reader.wait()
    line = _one_error_line(capsys.readouterr().err)
    assert code == 2 and f"PID {reader.pid}" in line
    assert not list((place / "extracted").glob("*.json")) if (place / "extracted").exists() else True


def test_two_runs_on_a_new_database_both_finish(place):
    command = [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main(sys.argv[1:]))",
               "run", "raw", "--db", "new/m.duckdb", "--workers", "0", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen(command, cwd=place, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in runs]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, (out, err)
    assert sum("waiting for" in err for _, _, err in results) <= 1
    con = load.connect_read_only(place / "new" / "m.duckdb")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    con.close()
