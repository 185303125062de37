"""The Dask executor writes the same outputs and gives the same tables as the local one."""
from __future__ import annotations

import pytest

from pipeline.executors import DaskExecutor

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
