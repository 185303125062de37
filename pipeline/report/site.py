"""Write the static report: pages that open from disk with nothing from the network.

    index.html             counts, the plots, the bodies, the feeds
    bodies/<body>.html     a body's meetings (and a plot of them per year)
    meetings/<id>.html     a meeting's officials, attendance, items and decisions, with the file
    people.html            everyone in the person record
    people/<person>.html   a person's record
    failures.html          files that could not be read
    review.html            names waiting for `minutes people review`

Links between pages are relative, and links to a source file are file: URLs (with #page=N,
where a PDF viewer opens the page), so the folder can be opened anywhere on the machine
that holds the archive. Styles are in the pages and plots are SVG drawn at build time.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import charts, data
from .params import FEEDS_DIR, ReportParams

SUBFOLDERS = ("bodies", "meetings", "people")


@dataclass
class ReportResult:
    folder: Path
    pages: int


def slug(text: str) -> str:
    """Given a name, a file name for it: ASCII letters, digits and dashes ("Barn- och
    utbildningsnämnden" -> "barn-och-utbildningsnamnden")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "x"


def unique_slugs(keys: list[str], name=lambda key: key) -> dict[str, str]:
    """key -> a file name for it, unique among `keys` (a number added where two would meet)."""
    out, taken = {}, set()
    for key in sorted(keys, key=lambda k: (k is None, k or "")):
        base = slug(name(key) or "none")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        out[key] = candidate
    return out


def source_url(path: str | None, page: int | None = None) -> str:
    """A file: URL of a source file (a relative path is taken from the current folder),
    with #page=N for a page."""
    if not path:
        return ""
    url = Path(os.path.abspath(path)).as_uri()
    return url + (f"#page={page}" if page else "")


def build_report(mirror: str | Path, out: str | Path, params: ReportParams | None = None,
                 progress: bool | None = None) -> ReportResult:
    """Given the SQLite mirror, write the report's pages into `out`; pages of bodies, meetings
    and people that are gone are removed, the feeds folder is left alone."""
    from tqdm import tqdm

    params = params or ReportParams()
    out = Path(out)
    con = data.connect(mirror)
    try:
        bodies = data.bodies(con)
        people = data.people(con)
        meeting_ids = data.meeting_ids(con)
        body_slugs = unique_slugs([b["body"] for b in bodies], name=data.body_label)
        person_slugs = unique_slugs([p["person_key"] for p in people],
                                    name=lambda key: key.removeprefix("name:") if key.startswith("name:") else key)
        env = _environment(body_slugs, person_slugs)
        pages = 4 + len(bodies) + len(meeting_ids) + len(people)
        if progress is None:
            progress = sys.stderr.isatty() and not os.environ.get("CI")
        written: set[Path] = set()
        with tqdm(total=pages, desc="report", unit="page", dynamic_ncols=True, disable=not progress) as bar:
            def write(rel: str, template: str, **context) -> None:
                target = out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                root = "../" * rel.count("/")
                html = env.get_template(template).render(root=root, **context)
                tmp = target.with_name(f".{target.name}.tmp")
                tmp.write_text(html, encoding="utf-8")
                os.replace(tmp, target)
                written.add(target)
                bar.update(1)

            overview = data.overview(con)
            labels = sorted(data.body_label(b["body"]) for b in bodies)
            write("index.html", "index.html", overview=overview, bodies=bodies,
                  decisions_svg=charts.per_body_year(data.per_body_year(con, "decisions"), "decisions", labels),
                  meetings_svg=charts.per_body_year(data.per_body_year(con, "meetings"), "meetings", labels),
                  heatmap_svg=charts.attendance_heatmap(
                      data.attendance_grid(con, params.heatmap_people, params.heatmap_meetings)),
                  quality_svg=charts.quality(data.quality(con)), params=params,
                  feeds=sorted(p.name for p in (out / FEEDS_DIR).glob("*.atom")),
                  built=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
            write("people.html", "people.html", people=people)
            write("failures.html", "failures.html", failures=data.failures(con))
            write("review.html", "review.html", review=data.review(con))
            for b in bodies:
                meetings = data.body_meetings(con, b["body"])
                write(f"bodies/{body_slugs[b['body']]}.html", "body.html", body=b, meetings=meetings,
                      chart_svg=charts.per_year(_body_years(meetings), "Meetings and decisions per year"))
            for meeting_id in meeting_ids:
                write(f"meetings/{meeting_id}.html", "meeting.html", m=data.meeting(con, meeting_id))
            for p in people:
                write(f"people/{person_slugs[p['person_key']]}.html", "person.html",
                      p=data.person(con, p["person_key"]))
    finally:
        con.close()
    for folder in SUBFOLDERS:
        for page in (out / folder).glob("*.html"):
            if page not in written:
                page.unlink()
    return ReportResult(folder=out, pages=len(written))


def _body_years(meetings: list[dict]) -> list[dict]:
    """[{year, what, n}] of a body's meetings and decisions."""
    counts: dict = {}
    for m in meetings:
        if m["year"] is None:
            continue
        counts[(m["year"], "meetings")] = counts.get((m["year"], "meetings"), 0) + 1
        counts[(m["year"], "decisions")] = counts.get((m["year"], "decisions"), 0) + m["decisions"]
    return [{"year": y, "what": w, "n": n} for (y, w), n in sorted(counts.items())]


def _environment(body_slugs: dict, person_slugs: dict) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "xml"]), trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(
        body_href=lambda body: f"bodies/{body_slugs[body]}.html" if body in body_slugs else None,
        person_href=lambda key: f"people/{person_slugs[key]}.html" if key in person_slugs else None,
        meeting_href=lambda meeting_id: f"meetings/{meeting_id}.html",
        body_label=data.body_label,
        source_url=source_url,
        quote=quote,
    )
    env.filters["filename"] = lambda path: Path(path).name if path else ""
    env.filters["fromjson"] = lambda text: json.loads(text) if text else []
    env.filters["candidates"] = lambda text: ", ".join(f"{c['name']} ({c['score']:.0f})"
                                                       for c in (json.loads(text) if text else []))
    return env
