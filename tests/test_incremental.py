"""Incremental runs give the tables a full rebuild gives, and redo only what changed."""
from __future__ import annotations

import os
import shutil
import time

import pytest

from pipeline.store import db as load
from pipeline.run.batch import discover, run_batch
from pipeline.run.executors import InlineExecutor, LocalExecutor
from pipeline.people import People, load_registry

from .conftest import REPO, SEED_FIXTURES

SAMPLE = REPO / "data" / "raw" / "sample"
TABLES = ["documents", "meetings", "officials", "items", "decisions", "attendance", "mentions", "presenters",
          "link_review", "failures", "persons"]
TIMESTAMPS = {"ingested_at", "failed_at"}
OLD = time.time() - 3600   # an mtime older than the "modified just now" window


def snapshot(db) -> dict[str, list]:
    """Every table's rows, sorted, without timestamps."""
    con = load.connect(db)
    try:
        out = {}
        for t in TABLES:
            cols = [c[0] for c in con.execute(f"DESCRIBE {t}").fetchall() if c[0] not in TIMESTAMPS]
            out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def put(folder, name, source):
    """Copy `source` to folder/name with an old mtime (so it counts as settled)."""
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.utime(target, (OLD, OLD))
    return target


def run(folder, db, **kw):
    kw.setdefault("people", People())
    return run_batch(discover(folder), db=db, progress=False, **kw)


def full_rebuild(folder, tmp_path, name="full", **kw):
    db = tmp_path / name / "m.duckdb"
    run(folder, db, **kw)
    return snapshot(db)


@pytest.fixture
def archive(tmp_path):
    raw = tmp_path / "raw"
    put(raw, "a.txt", SAMPLE / "002_1168f0ba22d31901.txt")
    put(raw, "b.txt", SAMPLE / "003_bbec6273c4d55330.txt")
    put(raw, "sub/c.docx", SEED_FIXTURES / "004_cd2a08190e72bd5d.docx")
    put(raw, "d.pdf", SEED_FIXTURES / "001_971fe916870db639.pdf")
    return raw


def test_add_change_delete_gives_the_full_rebuild(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    first = run(archive, db)
    assert (first.extracted, first.loaded, first.failed) == (4, 4, 0)
    put(archive, "e.txt", SAMPLE / "000_fe32352de8e32ae9.txt")            # added
    put(archive, "b.txt", SAMPLE / "001_971fe916870db639.txt")            # changed
    (archive / "sub" / "c.docx").unlink()                                  # deleted
    again = run(archive, db)
    assert (again.hashed, again.extracted, again.loaded, again.removed) == (2, 2, 2, 2)
    assert snapshot(db) == full_rebuild(archive, tmp_path)
    paths = {r[1] for r in snapshot(db)["documents"]}
    assert str(archive / "sub" / "c.docx") not in paths


def test_nothing_changed_processes_zero_files(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    before = snapshot(db)
    again = run(archive, db)
    assert (again.hashed, again.extracted, again.linked, again.loaded, again.removed) == (0, 0, 0, 0, 0)
    assert again.unchanged == 4 and snapshot(db) == before


def test_a_database_inside_the_archive_folder_is_not_read_as_minutes(archive, tmp_path):
    db = archive / "m.duckdb"
    first = run(archive, db)
    (archive / "m.sqlite").write_bytes(b"SQLite format 3\x00")      # a mirror `minutes serve` left
    again = run(archive, db)
    assert (first.failed, again.failed, again.extracted, again.unchanged) == (0, 0, 0, 4)


def test_renamed_and_duplicated_files_are_not_read_again(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    (archive / "a.txt").rename(archive / "z.txt")
    put(archive, "0-copy.txt", archive / "b.txt")     # the same bytes at a second, earlier path
    again = run(archive, db)
    assert (again.extracted, again.loaded) == (0, 0)
    full = full_rebuild(archive, tmp_path)
    assert snapshot(db) == full
    assert sorted(r[1].rsplit("/", 1)[-1] for r in full["documents"]) == ["0-copy.txt", "c.docx", "d.pdf",
                                                                           "z.txt"]


def test_a_new_registry_relinks_without_reextracting(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    people = People(registry=load_registry(REPO / "data" / "registry" / "persons.csv"))
    again = run(archive, db, people=people)
    assert again.extracted == 0 and again.linked == 4 and again.loaded == 4
    assert snapshot(db) == full_rebuild(archive, tmp_path, people=people)
    assert snapshot(db)["persons"]


def test_a_new_extract_version_reextracts(archive, tmp_path, monkeypatch):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    monkeypatch.setattr("pipeline.run.batch.extract_version", lambda: "0.0.0+xchanged")
    again = run(archive, db)
    assert again.extracted == 4 and again.loaded == 4
    assert snapshot(db) == full_rebuild(archive, tmp_path)


def test_a_database_of_another_schema_is_rebuilt_whole(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    con = load.connect(db)
    con.execute("UPDATE build_info SET value = 'old' WHERE key = 'schema'")
    con.execute("DELETE FROM decisions")
    con.close()
    again = run(archive, db)
    assert again.rebuilt and again.extracted == 0
    assert snapshot(db) == full_rebuild(archive, tmp_path)
    assert not (db.parent / f".{db.name}.building").exists()


def test_a_file_turned_bad_keeps_its_rows_until_it_is_fixed(archive, tmp_path):
    db = tmp_path / "inc" / "m.duckdb"
    run(archive, db)
    good = snapshot(db)
    put(archive, "a.txt", REPO / "tests" / "fixtures" / "edge" / "empty.txt")
    again = run(archive, db)
    assert again.failed == 1
    now = snapshot(db)
    assert now["decisions"] == good["decisions"]
    assert [(r[0].rsplit("/", 1)[-1], r[3]) for r in now["failures"]] == [("a.txt", "empty")]
    put(archive, "a.txt", SAMPLE / "002_1168f0ba22d31901.txt")
    fixed = run(archive, db)
    assert fixed.extracted == 0 and snapshot(db) == good


def pathological(folder, items=20000):
    """A text file the extractor needs many seconds for (tens of thousands of agenda items)."""
    path = folder / "slow.txt"
    path.write_text("Protokoll\n" + "\n".join(f"§ {i} Ärende {i}\nBeslut: Nämnden beslutar att godkänna {i}."
                                             for i in range(items)), encoding="utf-8")
    os.utime(path, (OLD, OLD))
    return path


@pytest.mark.parametrize("executor", [LocalExecutor(workers=2, timeout=1.5), InlineExecutor(timeout=1.0)],
                         ids=["pool", "inline"])
def test_a_file_past_its_time_is_stopped_and_the_batch_goes_on(archive, tmp_path, executor):
    pathological(archive)
    start = time.perf_counter()
    result = run(archive, tmp_path / "inc" / "m.duckdb", executor=executor, timeout=executor.timeout)
    assert time.perf_counter() - start < 30
    assert result.failed == 1 and result.loaded == 4
    failures = snapshot(tmp_path / "inc" / "m.duckdb")["failures"]
    assert [(r[0].rsplit("/", 1)[-1], r[2], r[3]) for r in failures] == [("slow.txt", "extract", "timeout")]
    again = run(archive, tmp_path / "inc" / "m.duckdb", executor=InlineExecutor(timeout=executor.timeout),
                timeout=executor.timeout)
    assert again.extracted == 0   # recorded: not retried under the same limit


def test_the_process_pool_gives_the_tables_of_one_process(archive, tmp_path):
    db = tmp_path / "pool" / "m.duckdb"
    result = run(archive, db, executor=LocalExecutor(workers=2, timeout=60))
    assert result.extracted == 4 and result.failed == 0
    assert snapshot(db) == full_rebuild(archive, tmp_path)


def test_the_three_stage_commands_make_what_minutes_run_makes(archive, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app

    store, db = tmp_path / "stages", tmp_path / "stages" / "m.duckdb"
    runner = CliRunner()
    for args in (["extract", str(archive), "--workers", "0"], ["link", "--workers", "0"], ["load", "--db", str(db)]):
        result = runner.invoke(app, ["stage", *args, "--store", str(store), "--no-progress"])
        assert result.exit_code == 0, result.output
    assert "4 loaded" in result.output
    assert snapshot(db) == full_rebuild(archive, tmp_path, people=People.load())   # the CLI's params.yaml


def test_the_progress_bar_is_quiet_under_ci(monkeypatch):
    from pipeline.run.stages import progress_bar

    monkeypatch.setenv("CI", "true")
    assert progress_bar(3, "extract").disable
    assert not progress_bar(3, "extract", progress=True).disable
