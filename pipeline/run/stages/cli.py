"""`minutes stage extract|link|load`: one command per stage, as dvc.yaml calls them.

`minutes run` does all three; these let DVC re-run only the stage whose inputs changed.
"""
from __future__ import annotations

import os
from pathlib import Path

import typer

app = typer.Typer(help="Run one stage of the pipeline (what dvc.yaml calls).", no_args_is_help=True)

EXECUTORS = ("local", "dask")
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE):
    """Say what is wrong in one line on stderr and exit (2: usage or setup)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def run_params_or_exit():
    """params.yaml's `run:` block, or exit saying what is wrong with it."""
    from ..batch import SettingsError, load_run_params

    try:
        return load_run_params()
    except SettingsError as e:
        fail(str(e))


def people_or_exit():
    """params.yaml's registry and thresholds, or exit with the registry's problems."""
    from ...people import People, RegistryError

    try:
        people = People.load()
    except RegistryError as e:
        for problem in e.problems[:-1]:
            typer.echo(f"error: {problem}", err=True)
        fail(e.problems[-1] if e.problems else "the person registry cannot be read")
    return people


def warn_if_no_registry(people) -> None:
    """Say so when the registry params.yaml names is not there (everything stays unlinked):
    the usual cause is a command run outside its project folder."""
    from ..params import project_path

    registry = project_path(people.params.registry)
    if not registry.exists():
        typer.echo(f"warning: no person registry at {registry}: names stay unlinked "
                   "(run in the project folder, or give --project DIR)", err=True)


def writable_db_or_exit(db: Path) -> None:
    """Exit when `db` cannot be a database file to write: a folder, or inside a file."""
    if db.is_dir():
        fail(f"--db {db} is a folder; give a file, e.g. {db / 'minutes.duckdb'}")
    for parent in db.parents:
        if parent.exists():
            if not parent.is_dir():
                fail(f"--db {db}: {parent} is a file, not a folder")
            break


def read_only_or_exit(db: Path):
    """An existing database opened for reading (retried while a run writes it, params.yaml
    run.reader_wait), or exit saying why not."""
    from ...store import db as load

    if db.is_dir():
        fail(f"--db {db} is a folder; give the database file")
    if not db.exists():
        fail(f"{db} does not exist; run `minutes run` first")
    return load.connect_read_only(db, wait_s=run_params_or_exit().reader_wait)


def executor_or_exit(kind: str, workers: int | None, timeout: float | None, scheduler: str | None,
                     extracts: bool = True, params=None, tasks: int | None = None):
    """The executor the options ask for (defaults from params.yaml's `run:` block, or
    `params`); `extracts` False skips loading the extraction resources in the workers;
    `tasks` caps the worker count when the number of files is known."""
    from ..executors import PRELOAD, make_executor

    if kind not in EXECUTORS:
        fail(f"unknown executor {kind!r} (local or dask)")
    if kind == "dask" and not scheduler:
        fail("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if workers is not None and workers < 0:
        fail(f"--workers must be 0 (work in this process) or more, not {workers}")
    if timeout is not None and not timeout > 0:
        fail(f"--timeout must be more than 0 seconds, not {timeout:g}")
    params = params or run_params_or_exit()
    workers = params.workers if workers is None else workers
    timeout = params.timeout if timeout is None else timeout
    if tasks is not None and workers != 0:
        workers = max(1, min(workers or os.cpu_count() or 1, tasks))
    if kind == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            typer.echo("error: the dask executor needs dask[distributed] installed", err=True)
            raise typer.Exit(2) from None
    return make_executor(kind, workers=workers, timeout=timeout, scheduler=scheduler,
                         preload=PRELOAD if extracts else (), memory_mb=params.max_memory_mb), timeout


def _context(store: Path, timeout: float | None, people=None, extracts: bool = True):
    from ..version import extract_version, link_version
    from . import work

    return work.Context(store=str(store), extract_version=extract_version(),
                        link_version=link_version(people.digest) if people is not None else "",
                        people=people, timeout=timeout, extracts=extracts, limits=run_params_or_exit().limits)


WORKERS_HELP = "Worker processes (default: params.yaml run.workers, else all cores; 0 = this process)."
TIMEOUT_HELP = "Seconds one file may take before it is stopped (default: params.yaml run.timeout)."


@app.command("extract")
def extract_cmd(input_dir: Path = typer.Argument(Path("data/raw"), help="Folder (or file) of minutes."),
                store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
                workers: int | None = typer.Option(None, help=WORKERS_HELP),
                timeout: float | None = typer.Option(None, help=TIMEOUT_HELP),
                executor: str = typer.Option("local", help="local (process pool) or dask."),
                scheduler: str | None = typer.Option(None, help="Dask scheduler address."),
                progress: bool | None = typer.Option(None, "--progress/--no-progress")):
    """Extract every new or changed file under INPUT_DIR into STORE/extracted/.

    Example: minutes stage extract data/raw --store data/processed
    """
    from ..batch import discover
    from ..outputs import Store
    from .extract import extract_stage

    if not input_dir.exists():
        fail(f"{input_dir} does not exist")
    ex, timeout = executor_or_exit(executor, workers, timeout, scheduler)
    r = extract_stage(discover(input_dir), Store(store), ex, _context(store, timeout), progress=progress)
    typer.echo(f"extract: {r.files} files, {r.hashed} hashed, {r.extracted} extracted ({r.pages} pages), "
               f"{r.failed} failed, {r.removed} outputs removed in {r.seconds:.1f} s")


@app.command("link")
def link_cmd(store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
             workers: int | None = typer.Option(None, help=WORKERS_HELP),
             executor: str = typer.Option("local", help="local (process pool) or dask."),
             scheduler: str | None = typer.Option(None, help="Dask scheduler address."),
             progress: bool | None = typer.Option(None, "--progress/--no-progress")):
    """Link the names of every new or changed extracted document to the registry (STORE/linked/).

    Example: minutes stage link --store data/processed
    """
    from ..outputs import Store
    from .link import link_stage

    people = people_or_exit()
    ex, timeout = executor_or_exit(executor, workers, None, scheduler, extracts=False)
    r = link_stage(Store(store), ex, _context(store, timeout, people, extracts=False), progress=progress)
    typer.echo(f"link: {r.documents} documents, {r.linked} linked, {r.failed} failed, "
               f"{r.removed} outputs removed in {r.seconds:.1f} s")
    warn_if_no_registry(people)


@app.command("load")
def load_cmd(store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
             db: Path = typer.Option(Path("data/processed/minutes.duckdb"), help="DuckDB file to write."),
             rebuild: bool = typer.Option(False, help="Build the database anew from the outputs."),
             progress: bool | None = typer.Option(None, "--progress/--no-progress"),
             wait: bool = typer.Option(True, "--wait/--no-wait", help="When a run holds the database: wait "
                                                                      "for it (default) or stop at once.")):
    """Bring the database up to date with STORE/linked/ (built atomically when new).

    Takes the database's run lock, as `minutes run` does.

    Example: minutes stage load --store data/processed --db data/processed/minutes.duckdb
    """
    from ..lock import run_lock
    from ..outputs import Store
    from .load import load_stage

    params = run_params_or_exit()
    writable_db_or_exit(db)
    people = people_or_exit()
    with run_lock(db, wait, say=lambda message: typer.echo(message, err=True)):
        r = load_stage(Store(store), people.registry, db_path=db, rebuild=rebuild, progress=progress,
                       wait_s=params.reader_wait)
    typer.echo(f"load: {r.documents} documents, {r.loaded} loaded, {r.removed} removed, {r.moved} moved, "
               f"{r.unchanged} unchanged, {r.failures} failures{' (rebuilt)' if r.rebuilt else ''} "
               f"in {r.seconds:.1f} s")
