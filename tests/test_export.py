"""`minutes export --parquet DIR` writes every table and view, readable by other engines."""
from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from pipeline.cli import app

from .conftest import SEED_FIXTURES


def test_export_writes_each_table_as_parquet(tmp_path):
    db = tmp_path / "m.duckdb"
    runner = CliRunner()
    made = runner.invoke(app, ["run", str(SEED_FIXTURES / "002_1168f0ba22d31901.pdf"), "--db", str(db),
                               "--workers", "0", "--no-progress"])
    assert made.exit_code == 0, made.output
    out = tmp_path / "parquet"
    done = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(db)])
    assert done.exit_code == 0, done.output
    names = {p.stem for p in out.glob("*.parquet")}
    assert {"documents", "decisions", "attendance", "failures", "decisions_view"} <= names
    assert "build_info" not in names
    con = duckdb.connect(str(db), read_only=True)
    for name in ("decisions", "attendance", "decisions_view"):
        want = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        got = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out / (name + '.parquet')}')").fetchone()[0]
        assert got == want > 0


def test_export_of_a_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["export", "--parquet", str(tmp_path / "p"), "--db", str(tmp_path / "no.duckdb")])
    assert result.exit_code == 2 and "does not exist" in result.output
