"""The Dask executor writes the same outputs and gives the same tables as the local one."""
from __future__ import annotations

import pytest

from pipeline.run.executors import DaskExecutor
from pipeline.people import People

from .test_incremental import archive, full_rebuild, run, snapshot  # noqa: F401  (archive is a fixture)

distributed = pytest.importorskip("distributed")


def test_dask_gives_the_tables_of_the_local_executor(archive, tmp_path):  # noqa: F811
    db = tmp_path / "dask" / "m.duckdb"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        result = run(archive, db, executor=DaskExecutor(client=client, timeout=60))
        assert result.extracted == 4 and result.failed == 0
        (archive / "a.txt").unlink()
        again = run(archive, db, executor=DaskExecutor(client=client, timeout=60))
        assert again.extracted == 0 and again.removed == 1
    assert snapshot(db) == full_rebuild(archive, tmp_path)
    outputs = sorted(p.name for p in (db.parent / "extracted").glob("*.json"))
    local = sorted(p.name for p in (tmp_path / "full" / "extracted").glob("*.json"))
    assert outputs == local


def test_minutes_run_with_a_dask_scheduler(archive, tmp_path):  # noqa: F811
    from typer.testing import CliRunner

    from pipeline.cli import app

    db = tmp_path / "cli" / "m.duckdb"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["run", str(archive), "--db", str(db), "--executor", "dask",
                                          "--scheduler", cluster.scheduler_address, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "4 files extracted" in result.output
    assert snapshot(db) == full_rebuild(archive, tmp_path, people=People.load())   # the CLI's params.yaml


def test_the_dask_executor_needs_an_address(archive, tmp_path):  # noqa: F811
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["run", str(archive), "--db", str(tmp_path / "m.duckdb"), "--executor", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.output
