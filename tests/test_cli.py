"""The command line: one clear line for every bad argument, the exit codes of the README,
and every command documented there."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import shutil

import click
import pytest
import typer

from pipeline.cli import app, main

from .conftest import EDGE, REPO, SEED_FIXTURES

GOOD = SEED_FIXTURES / "003_bbec6273c4d55330.docx"


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A working folder with a text file, a folder, a database and a params.yaml that makes
    readers give up on a locked database after half a second."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text("run:\n  reader_wait: 0.5\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a database\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "raw").mkdir()
    shutil.copy(EDGE / "tiny-paragraph-numbering.txt", tmp_path / "raw" / "m.txt")
    shutil.copy(EDGE / "unsupported.xlsx", tmp_path / "sheet.xlsx")
    from pipeline.store import db as load

    load.connect(tmp_path / "m.duckdb").close()
    return tmp_path


BAD_ARGUMENTS = {
    "run --db is a text file": ["run", "raw", "--db", "notes.txt", "--workers", "0"],
    "run --db is a folder": ["run", "raw", "--db", "folder", "--workers", "0"],
    "run --db inside a file": ["run", "raw", "--db", "notes.txt/m.duckdb", "--workers", "0"],
    "run --db in an unwritable place": ["run", "raw", "--db", "/proc/minutes-test/m.duckdb", "--workers", "0"],
    "run --workers -1": ["run", "raw", "--db", "new.duckdb", "--workers", "-1"],
    "run --timeout 0": ["run", "raw", "--db", "new.duckdb", "--timeout", "0"],
    "run --workers not a number": ["run", "raw", "--workers", "many"],
    "run missing input": ["run", "nowhere", "--db", "new.duckdb"],
    "run unknown executor": ["run", "raw", "--executor", "spark"],
    "run dask without scheduler": ["run", "raw", "--executor", "dask"],
    "sql empty query": ["sql", "", "--db", "m.duckdb"],
    "sql blank query": ["sql", "   ", "--db", "m.duckdb"],
    "sql wrong query": ["sql", "SELEC 1", "--db", "m.duckdb"],
    "sql unknown table": ["sql", "SELECT * FROM nothing_here", "--db", "m.duckdb"],
    "sql missing database": ["sql", "SELECT 1", "--db", "none.duckdb"],
    "sql --db is a text file": ["sql", "SELECT 1", "--db", "notes.txt"],
    "sql --db is a folder": ["sql", "SELECT 1", "--db", "folder"],
    "export missing database": ["export", "--parquet", "out", "--db", "none.duckdb"],
    "export --db is a text file": ["export", "--parquet", "out", "--db", "notes.txt"],
    "export --parquet is a file": ["export", "--parquet", "notes.txt", "--db", "m.duckdb"],
    "export without --parquet": ["export", "--db", "m.duckdb"],
    "export --sqlite is a folder": ["export", "--sqlite", "folder", "--db", "m.duckdb"],
    "export --sqlite inside a file": ["export", "--sqlite", "notes.txt/m.sqlite", "--db", "m.duckdb"],
    "serve missing database": ["serve", "--db", "none.duckdb"],
    "serve --db is a folder": ["serve", "--db", "folder"],
    "serve --db is a text file": ["serve", "--db", "notes.txt", "--port", "8799"],
    "serve --port 0": ["serve", "--db", "m.duckdb", "--port", "0"],
    "serve --port not a number": ["serve", "--db", "m.duckdb", "--port", "many"],
    "report missing database": ["report", "--db", "none.duckdb"],
    "report --db is a text file": ["report", "--db", "notes.txt"],
    "report --out is a file": ["report", "--db", "m.duckdb", "--out", "notes.txt"],
    "extract a folder": ["extract", "folder", "--workers", "0"],
    "extract a missing file": ["extract", "none.txt", "--workers", "0"],
    "extract an unsupported file": ["extract", "sheet.xlsx", "--workers", "0"],
    "extract unknown format": ["extract", "raw/m.txt", "--format", "xml"],
    "extract --workers -1": ["extract", "raw/m.txt", "--workers", "-1"],
    "extract --timeout 0": ["extract", "raw/m.txt", "--timeout", "0"],
    "extract no files": ["extract"],
    "stage extract missing input": ["stage", "extract", "nowhere", "--store", "st"],
    "stage extract --workers -1": ["stage", "extract", "raw", "--store", "st", "--workers", "-1"],
    "stage link --workers -1": ["stage", "link", "--store", "st", "--workers", "-1"],
    "stage load --db is a folder": ["stage", "load", "--store", "st", "--db", "folder"],
    "stage load --db is a text file": ["stage", "load", "--store", "st", "--db", "notes.txt"],
    "people bootstrap missing database": ["people", "bootstrap", "--db", "none.duckdb"],
    "people bootstrap --db is a text file": ["people", "bootstrap", "--db", "notes.txt"],
    "people review --db is a folder": ["people", "review", "--db", "folder"],
    "people check missing registry": ["people", "check", "none.csv"],
    "unknown command": ["frobnicate"],
    "unknown option": ["run", "--fast"],
}


@pytest.mark.parametrize("args", BAD_ARGUMENTS.values(), ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_give_one_clear_line_and_no_traceback(place, capsys, args):
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert len(lines[0]) > 15


def test_serve_on_a_port_in_use_says_so_in_one_line(place, capsys):
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--db", "m.duckdb", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: port {port} on 127.0.0.1 is in use; give another with --port"


def test_a_bad_saved_search_stops_run_before_any_file_is_read(place, capsys):
    (place / "params.yaml").write_text("saved_searches:\n  - name: Not A Name\n    query: budget\n", encoding="utf-8")
    assert main(["run", "raw", "--db", "new.duckdb", "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert "saved_searches.0.name" in err and len(err.strip().splitlines()) == 1
    assert not (place / "new.duckdb").exists()


def test_usage_errors_exit_2_and_file_failures_exit_1(place, capsys):
    assert main(["run", "raw", "--workers", "-1"]) == 2
    assert main(["extract", "none.txt", "--workers", "0"]) == 1


def test_run_exits_1_when_every_file_failed_and_lists_them(place, capsys):
    bad = place / "bad"
    bad.mkdir()
    for name in ("corrupt.pdf", "empty.txt"):
        shutil.copy(EDGE / name, bad / name)
    code = main(["run", "bad", "--db", "b.duckdb", "--workers", "0", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "2 failed" in out
    assert "failed: bad/corrupt.pdf: corrupt:" in out and "failed: bad/empty.txt: empty:" in out


def test_run_exits_1_when_some_files_failed_and_0_when_all_are_good(place, capsys):
    mixed = place / "mixed"
    mixed.mkdir()
    shutil.copy(GOOD, mixed / "good.docx")
    shutil.copy(EDGE / "corrupt.pdf", mixed / "corrupt.pdf")
    assert main(["run", "mixed", "--db", "x.duckdb", "--workers", "0", "--no-progress"]) == 1
    (mixed / "corrupt.pdf").unlink()
    assert main(["run", "mixed", "--db", "x.duckdb", "--workers", "0", "--no-progress"]) == 0
    assert "0 failures" in capsys.readouterr().out


def test_minutes_extract_has_the_per_file_time_limit(place, capsys, monkeypatch):
    import time

    from pipeline.run.stages import work

    def slow(path, sha256, version, limits):
        time.sleep(30)

    monkeypatch.setattr(work, "extract_file", slow)
    started = time.monotonic()
    code = main(["extract", "raw/m.txt", "--workers", "0", "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 1 and time.monotonic() - started < 20
    assert "raw/m.txt: timeout: no result after 0.5 s" in err


def test_minutes_extract_prints_the_gold_json(place, capsys):
    assert main(["extract", "raw/m.txt", "--workers", "0"]) == 0
    assert '"items"' in capsys.readouterr().out


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


def test_every_command_is_documented_in_the_readme_with_an_example():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    spans = re.findall(r"`(minutes [^`]+)`", readme)
    commands = list(_commands(typer.main.get_command(app)))
    assert len(commands) >= 10
    for path, command in commands:
        *group, name = path
        head = " ".join(["minutes", *group])
        assert any(span.startswith(head + " ") and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])",
                                                             span[len(head):]) for span in spans), path
        assert "Example: minutes " + " ".join(path) in " ".join((command.help or "").split()), path


def test_readme_documents_the_exit_codes():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    for code in ("0", "1", "2", "130", "143"):
        assert f"| {code} |" in section


def test_a_command_run_in_a_subfolder_finds_its_project(tmp_path, monkeypatch):
    from pipeline.run.params import params_block, project_path

    (tmp_path / "params.yaml").write_text("people:\n  registry: reg/persons.csv\n", encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.delenv("MINUTES_PROJECT", raising=False)
    monkeypatch.chdir(tmp_path / "deep" / "er")
    assert params_block("people") == {"registry": "reg/persons.csv"}
    assert project_path("reg/persons.csv") == tmp_path.resolve() / "reg" / "persons.csv"


def test_without_a_registry_the_run_warns_that_names_stay_unlinked(tmp_path, monkeypatch):
    monkeypatch.delenv("MINUTES_PROJECT", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.txt").write_text("Protokoll 2024-01-01\n\n1. Öppnande\nMötet öppnades.\n\n"
                                           "2. Avslutning\nMötet avslutades.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "in", "--db", "m.duckdb", "--no-progress"],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert "warning: no person registry at" in result.stderr and "Traceback" not in result.stderr
