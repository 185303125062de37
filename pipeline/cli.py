"""The `minutes` command: thin wrappers that open, call one function and print."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="Turn archives of Swedish meeting minutes into a DuckDB database.",
                  no_args_is_help=True, add_completion=False)

DEFAULT_DB = Path("data/processed/minutes.duckdb")

from .people.cli import app as people_app  # noqa: E402  (the `minutes people ...` commands)

app.add_typer(people_app, name="people")

from .run.stages.cli import app as stage_app  # noqa: E402  (the `minutes stage extract|link|load` commands)

app.add_typer(stage_app, name="stage")


@app.command()
def run(input_dir: Path = typer.Argument(Path("data/raw"), help="Folder (or file) of minutes."),
        db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to write."),
        progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                                help="Progress bar (default: on a terminal, not under CI)."),
        store: Optional[Path] = typer.Option(None, help="Folder of per-document outputs (default: the "
                                                         "database's folder)."),
        workers: Optional[int] = typer.Option(None, help="Worker processes (default: params.yaml run.workers, "
                                                          "else all cores; 0 = this process)."),
        timeout: Optional[float] = typer.Option(None, help="Seconds one file may take before it is stopped "
                                                            "(default: params.yaml run.timeout)."),
        executor: str = typer.Option("local", help="local (process pool) or dask."),
        scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
        rebuild: bool = typer.Option(False, help="Build the database anew from the per-document outputs.")):
    """Process every new or changed file under INPUT_DIR into the database and print a summary.

    Unchanged files are not read again and deleted files' rows are removed; per-document
    outputs are kept under STORE/extracted and STORE/linked.

    Example: minutes run data/raw --db data/processed/minutes.duckdb
    """
    from .store import db as load
    from .run.batch import discover, run_batch
    from .run.executors import WorkerStartError
    from .run.stages.cli import executor_or_exit, people_or_exit

    if not input_dir.exists():
        typer.echo(f"error: {input_dir} does not exist", err=True)
        raise typer.Exit(2)
    people = people_or_exit()      # params.yaml's people: block and the registry it names
    ex, timeout = executor_or_exit(executor, workers, timeout, scheduler)
    try:
        result = run_batch(discover(input_dir), db=db, progress=progress, people=people, store=store,
                           executor=ex, timeout=timeout, rebuild=rebuild)
    except WorkerStartError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    typer.echo(f"this run: {result.extracted} files extracted ({result.pages} pages), {result.linked} linked, "
               f"{result.loaded} loaded, {result.removed} removed, {result.unchanged} unchanged, "
               f"{result.failed} failed" + (" (database rebuilt)" if result.rebuilt else ""))
    con = load.connect(db)
    counts = load.summary(con)
    typer.echo("database {db}: {files} files, {meetings} meetings, {items} items, {decisions} decisions, "
               "{people} people, {failures} failures".format(db=db, **counts))
    if counts["failures"]:
        for path, code, error in con.execute("SELECT path, code, error FROM failures ORDER BY path").fetchall():
            typer.echo(f"  failed: {path}: {code}: {error}")
    con.close()


@app.command()
def export(parquet: Path = typer.Option(..., help="Folder to write one <table>.parquet per table and view."),
           db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to read.")):
    """Write every table and view of the database as Parquet, for other engines.

    Example: minutes export --parquet exports/ --db data/processed/minutes.duckdb
    """
    import duckdb

    from .store.export import export_parquet

    if not db.exists():
        typer.echo(f"error: {db} does not exist; run `minutes run` first", err=True)
        raise typer.Exit(2)
    con = duckdb.connect(str(db), read_only=True)
    try:
        written = export_parquet(con, parquet)
    finally:
        con.close()
    for name, rows in written.items():
        typer.echo(f"{parquet / (name + '.parquet')}: {rows} rows")


@app.command()
def extract(files: List[Path] = typer.Argument(..., help="Files to extract."),
            out: Optional[Path] = typer.Option(None, help="Write one OUT/<stem>.json per file."),
            format: str = typer.Option("json", help="Output format (json).")):
    """Extract minutes from files into the gold JSON shape, without a database.

    Example: minutes extract ../shared/seeds/*.txt --out predictions/
    """
    from .nlp.extract import extract as run_extract
    from .ingest import IngestError, ingest

    if format != "json":
        typer.echo(f"error: unknown format {format!r} (only json)", err=True)
        raise typer.Exit(2)
    failed = 0
    for path in files:
        try:
            minutes = run_extract(ingest(path))
        except IngestError as e:
            typer.echo(f"{path}: {e.code}: {e.message}", err=True)
            failed += 1
            continue
        text = json.dumps(minutes.to_gold(), ensure_ascii=False, indent=2)
        if out is None:
            typer.echo(text)
        else:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{path.stem}.json").write_text(text + "\n", encoding="utf-8")
    if failed:
        raise typer.Exit(1)


@app.command()
def sql(query: str = typer.Argument(..., help="SQL to run."),
        db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to read.")):
    """Run one SQL query against the database and print the result as a table.

    Example: minutes sql "SELECT body, count(*) FROM decisions_view GROUP BY body"
    """
    import duckdb

    if not db.exists():
        typer.echo(f"error: {db} does not exist; run `minutes run` first", err=True)
        raise typer.Exit(2)
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.sql(query).show(max_width=200, max_rows=100)
    except duckdb.Error as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
