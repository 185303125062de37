"""Export the database as Parquet: one file per table and view, for other engines.

    minutes export --parquet DIR   ->  DIR/documents.parquet, DIR/decisions.parquet, ...

Each file is written under a temporary name and renamed, so a reader never sees half of
one. The bookkeeping table `build_info` is left out.
"""
from __future__ import annotations

import os
from pathlib import Path

SKIP = frozenset({"build_info"})


def export_parquet(con, folder: str | Path) -> dict[str, int]:
    """Given an open database, write every table and view to `folder` as Parquet; return
    name -> row count."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "ORDER BY table_type, table_name").fetchall() if r[0] not in SKIP]
    written = {}
    for name in names:
        target = folder / f"{name}.parquet"
        tmp = folder / f".{name}.parquet.tmp"
        con.execute(f'COPY (SELECT * FROM "{name}") TO \'{_quote(tmp)}\' (FORMAT parquet)')
        os.replace(tmp, target)
        written[name] = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
