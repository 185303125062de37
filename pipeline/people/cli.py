"""`minutes people ...`: bootstrap, review and check the person registry (thin commands)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..run.params import project_path
from .params import load_params
from .registry import RegistryError, load_registry, save_registry

app = typer.Typer(help="The person registry: propose it, review unlinked names, check it.",
                  no_args_is_help=True, add_completion=False)

DEFAULT_DB = Path("data/processed/minutes.duckdb")
PARAMS = Path("params.yaml")


def _fail(problems: list[str], code: int = 1):
    for p in problems:
        typer.echo(f"error: {p}", err=True)
    raise typer.Exit(code)


def _open(db: Path):
    """The database opened for reading (retried while a run writes it), or exit saying why not."""
    from ..run.stages.cli import read_only_or_exit

    return read_only_or_exit(db)


@app.command()
def bootstrap(db: Path = typer.Option(DEFAULT_DB, help="Database to read names from."),
              out: Path | None = typer.Option(None, help="Registry file to write (default: params.yaml's)."),
              extend: bool = typer.Option(False, "--extend", help="Keep the persons of OUT, add new names."),
              force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
              running_text: bool = typer.Option(False, "--running-text",
                                                help="Also take names from presenters and mentions.")):
    """Propose a registry from every attendance list and signature in the database.

    Spelling variants are merged (same blocking and thresholds as linking); near misses
    become persons of their own with a "review:" note. Example:
    minutes people bootstrap --db data/processed/minutes.duckdb --out data/registry/persons.csv
    """
    from ..store import db as load
    from .bootstrap import Sighting
    from .bootstrap import bootstrap as run_bootstrap

    params = load_params(PARAMS)
    out = out or Path(params.registry)
    if out.exists() and not (extend or force):
        _fail([f"{out} exists: --extend adds new names to it, --force replaces it"], 2)
    try:
        registry = load_registry(out) if extend else None
    except RegistryError as e:
        _fail(e.problems)
    con = _open(db)
    sightings = [Sighting(**row) for row in load.person_sightings(con, running_text)]
    con.close()
    registry, report = run_bootstrap(sightings, params, registry)
    save_registry(registry, out)
    typer.echo(f"{out}: {report.persons} persons ({report.new_persons} new) from {len(sightings)} names; "
               f"{len(report.aliases)} spellings merged, {len(report.near_misses)} near misses noted, "
               f"{len(report.skipped)} skipped")
    for alias, pid, score in report.aliases:
        typer.echo(f"  merged   {alias} -> {pid} ({score:g})")
    for name, pid, score in report.near_misses:
        typer.echo(f"  review   {name} ~ {pid} ({score:g})")
    for name in report.skipped:
        typer.echo(f"  skipped  {name} (not a person's name?)")


@app.command()
def review(db: Path = typer.Option(DEFAULT_DB, help="Database whose link_review table to read."),
           registry_path: Path | None = typer.Option(None, "--registry", help="Registry file to update."),
           accept: list[str] = typer.Option([], "--accept", help="NAME=PERSON_ID: NAME is that person."),
           new: list[str] = typer.Option([], "--new", help="NAME is a person of their own."),
           interactive: bool = typer.Option(False, "--interactive", "-i", help="Ask about each name."),
           unknown: bool = typer.Option(False, "--unknown", help="Also list names with no candidate.")):
    """List unlinked and ambiguous names with their candidates, or settle them.

    Accepting writes the name as an alias into the registry; the next `minutes run` links
    it. Example: minutes people review --accept "Ami Svensson=anne-marie-svensson" --new "Alex Hirschi"
    """
    from .review import accept as accept_name
    from .review import add_new, parse_accept, review_items

    path = registry_path or project_path(load_params(PARAMS).registry)
    try:
        registry = load_registry(path)
        changed = False
        for text in accept:
            name, pid = parse_accept(text)
            changed |= accept_name(registry, name, pid)
            typer.echo(f"alias: {name} -> {pid}")
        for name in new:
            entry = add_new(registry, name)
            changed = True
            typer.echo(f"new person: {entry.person_id} ({entry.name})")
        if accept or new:
            if changed:
                save_registry(registry, path)
                typer.echo(f"wrote {path}; run `minutes run` to relink")
            return
    except RegistryError as e:
        _fail(e.problems)
    from ..store import db as load

    con = _open(db)
    items = review_items(load.review_rows(con), with_unknown=unknown or interactive)
    con.close()
    if not items:
        typer.echo("nothing to review")
        return
    changed = False
    for item in items:
        typer.echo(f"{item.name}  [{item.reason}; {item.count}x as {', '.join(sorted(item.sources))}"
                   + (f"; {', '.join(sorted(item.places)[:3])}" if item.places else "") + "]")
        for k, (pid, cname, score) in enumerate(item.ranked, 1):
            typer.echo(f"    {k}. {pid}  {cname}  {score:g}")
        if not interactive:
            continue
        answer = typer.prompt("    number = that person, n = new person, Enter = skip, q = quit",
                              default="", show_default=False).strip().lower()
        if answer == "q":
            break
        try:
            if answer == "n":
                entry = add_new(registry, item.name)
                typer.echo(f"    new person {entry.person_id}")
                changed = True
            elif answer.isdigit() and 1 <= int(answer) <= len(item.ranked):
                changed |= accept_name(registry, item.name, item.ranked[int(answer) - 1][0])
        except RegistryError as e:
            typer.echo(f"    {e}", err=True)
    if changed:
        save_registry(registry, path)
        typer.echo(f"wrote {path}; run `minutes run` to relink")


@app.command()
def check(registry_path: Path | None = typer.Argument(None, help="Registry file (default: params.yaml's).")):
    """Validate the registry file; every bad line is reported with its number.

    Example: minutes people check data/registry/persons.csv
    """
    path = registry_path or project_path(load_params(PARAMS).registry)
    if not path.exists():
        _fail([f"{path} does not exist"], 2)
    try:
        registry = load_registry(path)
    except RegistryError as e:
        _fail(e.problems)
    aliases = sum(len(e.aliases) for e in registry)
    typer.echo(f"{path}: {len(registry)} persons, {aliases} aliases, ok")
