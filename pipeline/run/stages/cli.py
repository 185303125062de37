"""`minutes stage extract|link|load`: one command per stage, as dvc.yaml calls them.

`minutes run` does all three; these let DVC re-run only the stage whose inputs changed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Run one stage of the pipeline (what dvc.yaml calls).", no_args_is_help=True)

EXECUTORS = ("local", "dask")


def people_or_exit():
    """params.yaml's registry and thresholds, or exit with the registry's problems."""
    from ...people import People, RegistryError

    try:
        return People.load()
    except RegistryError as e:
        for problem in e.problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(1)


def executor_or_exit(kind: str, workers: int | None, timeout: float | None, scheduler: str | None,
                     extracts: bool = True):
    """The executor the options ask for (defaults from params.yaml's `run:` block);
    `extracts` False skips loading the extraction resources in the workers."""
    from ..batch import load_run_params
    from ..executors import PRELOAD, make_executor

    if kind not in EXECUTORS:
        typer.echo(f"error: unknown executor {kind!r} (local or dask)", err=True)
        raise typer.Exit(2)
    if kind == "dask" and not scheduler:
        typer.echo("error: --executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)", err=True)
        raise typer.Exit(2)
    params = load_run_params()
    workers = params.workers if workers is None else workers
    timeout = params.timeout if timeout is None else timeout
    if kind == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            typer.echo("error: the dask executor needs dask[distributed] installed", err=True)
            raise typer.Exit(2)
    return make_executor(kind, workers=workers, timeout=timeout, scheduler=scheduler,
                         preload=PRELOAD if extracts else ()), timeout


def _context(store: Path, timeout: float | None, people=None, extracts: bool = True):
    from . import work
    from ..version import extract_version, link_version

    return work.Context(store=str(store), extract_version=extract_version(),
                        link_version=link_version(people.digest) if people is not None else "",
                        people=people, timeout=timeout, extracts=extracts)


WORKERS_HELP = "Worker processes (default: params.yaml run.workers, else all cores; 0 = this process)."
TIMEOUT_HELP = "Seconds one file may take before it is stopped (default: params.yaml run.timeout)."


@app.command("extract")
def extract_cmd(input_dir: Path = typer.Argument(Path("data/raw"), help="Folder (or file) of minutes."),
                store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
                workers: Optional[int] = typer.Option(None, help=WORKERS_HELP),
                timeout: Optional[float] = typer.Option(None, help=TIMEOUT_HELP),
                executor: str = typer.Option("local", help="local (process pool) or dask."),
                scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address."),
                progress: Optional[bool] = typer.Option(None, "--progress/--no-progress")):
    """Extract every new or changed file under INPUT_DIR into STORE/extracted/.

    Example: minutes stage extract data/raw --store data/processed
    """
    from ..batch import discover
    from ..outputs import Store
    from .extract import extract_stage

    if not input_dir.exists():
        typer.echo(f"error: {input_dir} does not exist", err=True)
        raise typer.Exit(2)
    from ..executors import WorkerStartError

    ex, timeout = executor_or_exit(executor, workers, timeout, scheduler)
    try:
        r = extract_stage(discover(input_dir), Store(store), ex, _context(store, timeout), progress=progress)
    except WorkerStartError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    typer.echo(f"extract: {r.files} files, {r.hashed} hashed, {r.extracted} extracted ({r.pages} pages), "
               f"{r.failed} failed, {r.removed} outputs removed in {r.seconds:.1f} s")


@app.command("link")
def link_cmd(store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
             workers: Optional[int] = typer.Option(None, help=WORKERS_HELP),
             executor: str = typer.Option("local", help="local (process pool) or dask."),
             scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address."),
             progress: Optional[bool] = typer.Option(None, "--progress/--no-progress")):
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


@app.command("load")
def load_cmd(store: Path = typer.Option(Path("data/processed"), help="Folder of per-document outputs."),
             db: Path = typer.Option(Path("data/processed/minutes.duckdb"), help="DuckDB file to write."),
             rebuild: bool = typer.Option(False, help="Build the database anew from the outputs."),
             progress: Optional[bool] = typer.Option(None, "--progress/--no-progress")):
    """Bring the database up to date with STORE/linked/ (built atomically when new).

    Example: minutes stage load --store data/processed --db data/processed/minutes.duckdb
    """
    from ..outputs import Store
    from .load import load_stage

    people = people_or_exit()
    r = load_stage(Store(store), people.registry, db_path=db, rebuild=rebuild, progress=progress)
    typer.echo(f"load: {r.documents} documents, {r.loaded} loaded, {r.removed} removed, {r.moved} moved, "
               f"{r.unchanged} unchanged, {r.failures} failures{' (rebuilt)' if r.rebuilt else ''} "
               f"in {r.seconds:.1f} s")
