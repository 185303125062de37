"""How long the SQLite mirror, the report and the feeds take for a large archive.

    .venv/bin/python benchmarks/site_build.py --meetings 2000

Writes a synthetic database (MEETINGS meetings of 8 bodies over 10 years, 20 items and
decisions each, 30 names in each attendance list from a pool of 600 people, a third of them
in the registry) into a temporary folder, then times `ensure_mirror`, `build_report`,
`write_feeds` and a few searches, and prints the numbers.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

from pipeline.store import db as load

WORDS = ("nämnden beslutade att godkänna förslaget om budget för förskolor skolskjuts detaljplan bygglov "
         "verksamhetsplan årsredovisning remissvar yttrande motion uppdrag förvaltningen återrapportera").split()


def synthesize(path: Path, meetings: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    people = [f"Person{k} Efternamn{k % 97}" for k in range(600)]
    con = load.connect(path)
    docs, mrows, items, decisions, attendance, persons = [], [], [], [], [], []
    for k, name in enumerate(people[:200]):
        persons.append([f"p{k}", name, [], "Kommunen", None, None, None, None])
    for m in range(meetings):
        doc, mid = f"doc{m}", f"m{m}"
        body = f"Nämnd {m % 8}"
        date = f"{2015 + m % 10}-{1 + m % 12:02d}-{1 + m % 28:02d}"
        docs.append([doc, f"/archive/{doc}.pdf", "pdf", None, 20, doc, "minutes", [], "2025-01-01 00:00", "b"])
        mrows.append([mid, doc, body, None, date, None, None, None, None, None])
        for i in range(20):
            iid = f"{mid}-i{i}"
            items.append([iid, mid, doc, i, str(i + 1), " ".join(rnd.sample(WORDS, 4)), None, None, [], [],
                          1 + i // 2, i * 10, i * 10 + 9, None, None, False, None])
            decisions.append([f"{iid}-d", mid, doc, iid, str(i + 1), "Beslut", " ".join(rnd.choices(WORDS, k=25)),
                              False, None, 1 + i // 2, i * 10 + 5, None, None, None, i % 7 == 0, None, None, None,
                              None, None, None])
        for a, name in enumerate(rnd.sample(people, 30)):
            k = people.index(name)
            attendance.append([f"{mid}-a{a}", mid, doc, name, "present" if a < 26 else "absent", None, None, None,
                               None, None, None, f"p{k}" if k < 200 else None, 1, a, a, None, None, False, None])
    con.executemany("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)", persons)
    with tempfile.TemporaryDirectory() as spool_dir:   # bulk insert, as the load stage does
        spool = load.RowSpool(spool_dir)
        spool.add({table: [dict(zip(load.COLUMNS[table], row)) for row in rows]
                   for table, rows in (("documents", docs), ("meetings", mrows), ("items", items),
                                       ("decisions", decisions), ("attendance", attendance))})
        spool.insert(con)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=2000)
    args = parser.parse_args()
    from pipeline.report.feeds import write_feeds
    from pipeline.report.params import SavedSearch
    from pipeline.report.site import build_report
    from pipeline.serve.app import make_datasette
    from pipeline.store.sqlite import ensure_mirror

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "minutes.duckdb"
        started = time.perf_counter()
        synthesize(db, args.meetings)
        print(f"synthetic database: {args.meetings} meetings, {args.meetings * 20} items and decisions, "
              f"{args.meetings * 30} attendance rows ({time.perf_counter() - started:.1f} s)")
        for label, step in (("mirror", lambda: ensure_mirror(db, progress=False)),
                            ("report", lambda: build_report(db.with_suffix(".sqlite"), Path(tmp) / "report",
                                                            progress=False)),
                            ("feeds", lambda: write_feeds(db.with_suffix(".sqlite"),
                                                          [SavedSearch(name="b", query="budget OR bygglov")],
                                                          Path(tmp) / "report"))):
            started = time.perf_counter()
            result = step()
            print(f"{label}: {time.perf_counter() - started:.1f} s ({getattr(result, 'pages', '')})")
        ds = make_datasette(db.with_suffix(".sqlite"))
        for path in ("/minutes/search.json?q=beslutade", "/minutes/decisions.json?_search=budget&_facet=body",
                     "/minutes/record.json?person=p3", "/minutes/attended.json?body=Nämnd 3&year=2019"):
            started = time.perf_counter()
            response = asyncio.run(ds.client.get(path))
            print(f"{path}: {response.status_code} in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
