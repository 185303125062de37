"""The `minutes` command: thin wrappers that open, call one function and print.

Exit codes (README "Exit codes"): 0 all good; 1 some files failed (the summary lists
them) or a query failed; 2 a usage or setup error (bad option, missing or unusable
database, a broken params.yaml or registry, another run holding the database with
`--no-wait`); 130 interrupted (Ctrl-C), 143 stopped by SIGTERM. `main` turns every error
into one line on stderr: no command shows a traceback.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path

import typer

try:   # typer carries its own copy of click, whose exceptions are the ones raised
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover
    from click import exceptions as click  # type: ignore[no-redef]

app = typer.Typer(help="Turn archives of Swedish meeting minutes into a DuckDB database.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

@app.callback()
def _project(project: Path | None = typer.Option(
        None, "--project", help="The project folder whose params.yaml and registry to use (default: the nearest "
                                "folder upwards from here with a params.yaml).")) -> None:
    """Turn archives of Swedish meeting minutes into a DuckDB database."""
    if project is not None:
        if not (project / "params.yaml").is_file():
            raise click.UsageError(f"--project {project}: no params.yaml there")
        os.environ["MINUTES_PROJECT"] = str(project.resolve())


DEFAULT_DB = Path("data/processed/minutes.duckdb")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143

from .people.cli import app as people_app  # noqa: E402  (the `minutes people ...` commands)

app.add_typer(people_app, name="people")

from .run.stages.cli import app as stage_app  # noqa: E402  (the `minutes stage extract|link|load` commands)
from .run.stages.cli import (  # noqa: E402
    executor_or_exit,
    fail,
    people_or_exit,
    read_only_or_exit,
    run_params_or_exit,
    warn_if_no_registry,
    writable_db_or_exit,
)

app.add_typer(stage_app, name="stage")


@app.command()
def run(input_dir: Path = typer.Argument(Path("data/raw"), help="Folder (or file) of minutes."),
        db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to write."),
        progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                                help="Progress bar (default: on a terminal, not under CI)."),
        store: Path | None = typer.Option(None, help="Folder of per-document outputs (default: the "
                                                         "database's folder)."),
        workers: int | None = typer.Option(None, help="Worker processes (default: params.yaml run.workers, "
                                                          "else all cores; 0 = this process)."),
        timeout: float | None = typer.Option(None, help="Seconds one file may take before it is stopped "
                                                            "(default: params.yaml run.timeout)."),
        executor: str = typer.Option("local", help="local (process pool) or dask."),
        scheduler: str | None = typer.Option(None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
        rebuild: bool = typer.Option(False, help="Build the database anew from the per-document outputs."),
        wait: bool = typer.Option(True, "--wait/--no-wait", help="When another run holds the database: wait "
                                                                  "for it (default) or stop at once.")):
    """Process every new or changed file under INPUT_DIR into the database and print a summary.

    Unchanged files are not read again and deleted files' rows are removed; per-document
    outputs are kept under STORE/extracted and STORE/linked. One run at a time per
    database: a second one waits (or, with --no-wait, stops). Each saved search of
    params.yaml gets an Atom feed of its decisions new since the last run, in the report's
    feeds/ folder. Exits 1 when any file failed.

    Example: minutes run data/raw --db data/processed/minutes.duckdb
    """
    from .run.batch import discover, run_batch
    from .run.lock import run_lock
    from .store import db as load

    if not input_dir.exists():
        fail(f"{input_dir} does not exist")
    params = run_params_or_exit()
    writable_db_or_exit(db)
    people = people_or_exit()      # params.yaml's people: block and the registry it names
    feeds = feeds_or_exit(params.reader_wait)   # params.yaml's saved_searches: and report: blocks
    ex, timeout = executor_or_exit(executor, workers, timeout, scheduler, params=params)
    with run_lock(db, wait, say=lambda message: typer.echo(message, err=True)):
        if db.exists():   # not a database, or held open by another process: say so before reading any file
            load.open_file(db, wait_s=params.reader_wait).close()
        result = run_batch(discover(input_dir), db=db, progress=progress, people=people, store=store,
                           executor=ex, timeout=timeout, rebuild=rebuild, limits=params.limits,
                           lock_wait=params.reader_wait, feeds=feeds)
        typer.echo(f"this run: {result.extracted} files extracted ({result.pages} pages), {result.linked} linked, "
                   f"{result.loaded} loaded, {result.removed} removed, {result.unchanged} unchanged, "
                   f"{result.failed} failed" + (" (database rebuilt)" if result.rebuilt else ""))
        con = load.connect_read_only(db, wait_s=params.reader_wait)
        try:
            counts = load.summary(con)
            failures = con.execute("SELECT path, code, error FROM failures ORDER BY path").fetchall()
        finally:
            con.close()
    typer.echo("database {db}: {files} files, {meetings} meetings, {items} items, {decisions} decisions, "
               "{people} people, {failures} failures".format(db=db, **counts))
    for path, code, error in failures:
        typer.echo(f"  failed: {path}: {code}: {error}")
    if result.feeds:
        typer.echo(f"feeds {feeds.params.folder(db) / 'feeds'}: " + ", ".join(
            f"{name} {new} new" for name, new in result.feeds.items()))
    warn_if_no_registry(people)
    if failures:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def export(parquet: Path | None = typer.Option(None, help="Folder to write one <table>.parquet per table and view."),
           sqlite: Path | None = typer.Option(None, help="SQLite file to write: the mirror `minutes serve` "
                                                             "browses, with its search index."),
           db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to read."),
           progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                                   help="Progress bar (default: on a terminal, not under CI).")):
    """Write every table and view of the database as Parquet, or as one SQLite file, for other engines.

    Example: minutes export --parquet exports/ --db data/processed/minutes.duckdb

    Example: minutes export --sqlite minutes.sqlite --db data/processed/minutes.duckdb
    """
    from .store.export import export_parquet
    from .store.sqlite import source_signature, write_mirror

    if parquet is None and sqlite is None:
        fail("give --parquet DIR, --sqlite FILE or both")
    if parquet is not None and parquet.exists() and not parquet.is_dir():
        fail(f"--parquet {parquet} is a file; give a folder")
    if sqlite is not None and sqlite.is_dir():
        fail(f"--sqlite {sqlite} is a folder; give a file, e.g. {sqlite / 'minutes.sqlite'}")
    con = read_only_or_exit(db)
    try:
        if parquet is not None:
            for name, rows in export_parquet(con, parquet).items():
                typer.echo(f"{parquet / (name + '.parquet')}: {rows} rows")
        if sqlite is not None:
            tables = write_mirror(con, sqlite, {"source": str(db.resolve()), "signature": source_signature(db)},
                                  progress=progress)
            typer.echo(f"{sqlite}: {len(tables)} tables, {sum(tables.values())} rows, searchable")
    finally:
        con.close()


@app.command()
def serve(db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to browse."),
          port: int | None = typer.Option(None, help="Port on 127.0.0.1 (default: params.yaml serve.port, "
                                                         "else 8001)."),
          progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                                  help="Progress bar while the mirror is made (default: on a "
                                                       "terminal, not under CI).")):
    """Browse, search and export the database in Datasette, on this machine (127.0.0.1).

    Keeps an SQLite mirror beside the database (minutes.duckdb -> minutes.sqlite), made
    again when the database changes (also while it serves), and serves it with full-text search (Swedish stems,
    matches marked), facets, descriptions of every table and column, canned queries and
    links from each decision and item to its source file and page. Stop it with Ctrl-C.

    Example: minutes serve --db data/processed/minutes.duckdb --port 8001
    """
    from .report.params import load_block
    from .serve.app import HOST, ServeParams, make_datasette
    from .serve.app import serve as serve_forever
    from .store.sqlite import ensure_mirror

    params = settings_or_exit(lambda: load_block(ServeParams, "serve"))
    port = params.port if port is None else port
    if not 0 < port < 65536:
        fail(f"--port must be from 1 to 65535, not {port}")
    read_only_or_exit(db).close()
    _port_free_or_exit(HOST, port)
    mirror, made = ensure_mirror(db, progress=progress, wait_s=run_params_or_exit().reader_wait)
    typer.echo(f"{mirror}: {'made from' if made else 'up to date with'} {db}")
    ds = make_datasette(mirror, params, source=db)
    typer.echo(f"serving http://{HOST}:{port}/{mirror.stem} (search: http://{HOST}:{port}/{mirror.stem}/search); "
               "Ctrl-C stops it")
    try:
        serve_forever(ds, port)
    except (KeyboardInterrupt, Terminated):   # the way to stop a server: not an error
        typer.echo("stopped", err=True)


def _port_free_or_exit(host: str, port: int) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            fail(f"port {port} on {host} is in use; give another with --port")


@app.command()
def report(db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to read."),
           out: Path | None = typer.Option(None, help="Folder to write (default: params.yaml report.out, "
                                                          "else report/ beside the database)."),
           progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                                   help="Progress bar (default: on a terminal, not under CI).")):
    """Write a static site of the archive that opens from disk: plots, bodies, meetings, people.

    An index with plots (decisions and meetings per body and year, attendance as a heat map,
    rows read by OCR or not linked), a page per body, per meeting (items, decisions,
    attendance, a link to the file) and per person, the failures and the link-review queue.
    Nothing is loaded from the network. Made from the SQLite mirror (as `minutes serve`).

    Example: minutes report --db data/processed/minutes.duckdb --out report/
    """
    from .report.params import load_report_params
    from .report.site import build_report
    from .store.sqlite import ensure_mirror

    params = settings_or_exit(load_report_params)
    out = out or params.folder(db)
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder")
    read_only_or_exit(db).close()
    mirror, _ = ensure_mirror(db, progress=progress, wait_s=run_params_or_exit().reader_wait)
    result = build_report(mirror, out, params, progress=progress)
    typer.echo(f"{out}: {result.pages} pages; open {out / 'index.html'}")


def settings_or_exit(load):
    """What `load()` reads from params.yaml, or exit saying what is wrong with it."""
    from .report.params import SettingsError

    try:
        return load()
    except SettingsError as e:
        fail(str(e))


def feeds_or_exit(wait_s: float):
    """The saved searches of params.yaml and where their feeds go, or exit saying what is wrong."""
    from .report.feeds import Feeds
    from .report.params import load_report_params, load_saved_searches

    return Feeds(searches=settings_or_exit(load_saved_searches), params=settings_or_exit(load_report_params),
                 wait_s=wait_s)


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="Files to extract."),
            out: Path | None = typer.Option(None, help="Write one OUT/<stem>.json per file."),
            format: str = typer.Option("json", help="Output format (json)."),
            workers: int | None = typer.Option(None, help="Worker processes (default: params.yaml "
                                                              "run.workers, else all cores; 0 = this process)."),
            timeout: float | None = typer.Option(None, help="Seconds one file may take before it is stopped "
                                                                "(default: params.yaml run.timeout).")):
    """Extract minutes from files into the gold JSON shape, without a database.

    Each file is read under the same limits as `minutes run` (time, size, worker memory);
    a file that fails is reported on stderr and the command exits 1.

    Example: minutes extract ../shared/seeds/*.txt --out predictions/
    """
    from .run.executors import TaskError
    from .run.stages import work

    if format != "json":
        fail(f"unknown format {format!r} (only json)")
    folders = [str(f) for f in files if f.is_dir()]
    if folders:
        fail(f"{folders[0]} is a folder; give its files (e.g. {folders[0]}/*.pdf), or use `minutes run`")
    if out is not None and out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder")
    params = run_params_or_exit()
    ex, timeout = executor_or_exit("local", workers, timeout, None, params=params, tasks=len(files))
    context = work.Context(store="", extract_version="", timeout=timeout, limits=params.limits)
    done = dict(ex.map(work.extract_gold, [str(f) for f in files], init=work.init, init_arg=context))
    failed = 0
    for path in files:
        record = done[str(path)]
        failure = record if isinstance(record, TaskError) else record.failure
        if failure is not None:
            typer.echo(f"{path}: {failure.code}: {failure.message}", err=True)
            failed += 1
            continue
        text = json.dumps(record.minutes.to_gold(), ensure_ascii=False, indent=2)
        if out is None:
            typer.echo(text)
        else:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{path.stem}.json").write_text(text + "\n", encoding="utf-8")
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def sql(query: str = typer.Argument(..., help="SQL to run."),
        db: Path = typer.Option(DEFAULT_DB, help="DuckDB file to read.")):
    """Run one SQL query against the database and print the result as a table.

    While a run writes the database the query waits a little (params.yaml
    run.reader_wait), then says who holds it.

    Example: minutes sql "SELECT body, count(*) FROM decisions_view GROUP BY body"
    """
    from .store import db as load

    if not query.strip():
        fail("the query is empty; give one, e.g. minutes sql \"SELECT count(*) FROM documents\"")
    con = read_only_or_exit(db)
    try:
        typer.echo(load.query_table(con, query))
    except load.DatabaseError as e:
        fail(str(e), EXIT_FAILED)
    finally:
        con.close()


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so the process pool is stopped on the way out
    (not an Exception, so no handler of a file's errors swallows it)."""


def _terminate(signum, frame):
    raise Terminated()


def _usage_hint(error: click.ClickException) -> str:
    ctx = getattr(error, "ctx", None)
    return f" (see `{ctx.command_path} --help`)" if ctx is not None else ""


def main(argv: list[str] | None = None) -> int:
    """Run the `minutes` command line and return its exit code; every error becomes one
    line on stderr, never a traceback."""
    from .ingest import IngestError
    from .people import RegistryError
    from .run.executors import WorkerStartError
    from .run.lock import RunLocked, holder
    from .store.db import DatabaseError, DatabaseLocked

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(args=argv, prog_name="minutes", standalone_mode=False)
    except click.NoArgsIsHelpError:   # the help was shown
        return EXIT_USAGE
    except click.UsageError as e:
        typer.echo(f"error: {e.format_message()}{_usage_hint(e)}", err=True)
        return EXIT_USAGE
    except click.ClickException as e:
        typer.echo(f"error: {e.format_message()}", err=True)
        return e.exit_code
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        return EXIT_FAILED
    except Terminated:
        typer.echo("error: stopped by SIGTERM; files finished so far are kept, run again to go on", err=True)
        return EXIT_TERMINATED
    except DatabaseLocked as e:
        who = holder(e.path) or e.holder
        typer.echo(f"error: {e.path} is in use by {who}; try again when it has finished (or close that "
                   "connection)", err=True)
        return EXIT_USAGE
    except RunLocked as e:
        typer.echo(f"error: {e}", err=True)
        return EXIT_USAGE
    except DatabaseError as e:
        typer.echo(f"error: {e}", err=True)
        return EXIT_USAGE
    except WorkerStartError as e:
        typer.echo(f"error: {e}", err=True)
        return EXIT_USAGE
    except RegistryError as e:
        typer.echo(f"error: {'; '.join(e.problems)}", err=True)
        return EXIT_USAGE
    except IngestError as e:
        typer.echo(f"error: {e.code}: {e.message}", err=True)
        return EXIT_FAILED
    except OSError as e:
        where = f" {e.filename}" if e.filename else ""
        typer.echo(f"error: cannot use{where}: {e.strerror or e}", err=True)
        return EXIT_USAGE
    except Exception as e:  # a bug: still one line, with what to report
        typer.echo(f"error: internal error ({type(e).__name__}: {e}); please report it", err=True)
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if code == EXIT_INTERRUPTED:
        typer.echo("error: interrupted; files finished so far are kept, run again to go on", err=True)
    return code if isinstance(code, int) else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
