"""Benchmark: pages per second per stage and end to end, peak memory, and the cost of
adding one file, on corpora of N = 10, 100 and 1,000 documents.

The corpus: variants of the five seeds (`../shared/seeds`), each with its agenda items'
contents shuffled among the item numbers and its people's names swapped for names of
other seeds, and an archive number of its own (so no two are the same bytes), rendered to DOCX by `scripts/render_seeds.py` and, for every other variant,
printed to PDF by LibreOffice (`soffice`, when installed; without it the PDFs are the seed
PDFs with a variant comment after `%%EOF`, so their hashes differ). Half PDF, half DOCX.
The corpus is made once into `--corpus` and reused.

Measured in the same run, on the corpus's born-digital PDFs:
- floor: pypdfium2 `get_text_range` over every page, one core;
- pdfplumber: `extract_text` over every page of a sample (`--plumber-docs`), one core;
- the pipeline's stages in this process, one core, on a sample of up to `--stage-docs`
  documents per format: ingest (read the file into lines), extract (rules), link
  (registry), rows (`load.document_rows`), load (bulk insert into DuckDB);
- end to end: `run_batch` on a fresh store and database with `--workers` processes, on the
  PDFs alone and on the whole corpus, each in a fresh child process whose peak memory
  (RSS of the main process and of the largest worker, PSS of the whole process tree) is
  sampled every 0.2 s;
- for the largest N: a second run with nothing changed, and adding one file (in the warm
  child process, and as a fresh `minutes run` command).

    .venv/bin/python benchmarks/throughput.py                      # N = 10, 100, 1000
    .venv/bin/python benchmarks/throughput.py --sizes 10 100 --workers 2
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

CORPUS_VERSION = "2"
ITEM = re.compile(r"^(\s*(?:#{1,4}\s*)?(?:§\s*)?)(\d{1,2})([.)]?\s+)(\S.*)$")


# ---------------------------------------------------------------- corpus

def _item_run(lines: list[str]) -> list[int]:
    """Line numbers of the longest run of agenda items numbered n, n+1, n+2, ..."""
    best: list[int] = []
    starts = [(i, int(m.group(2))) for i, line in enumerate(lines) if (m := ITEM.match(line))]
    for k, (i, n) in enumerate(starts):
        run, want = [i], n + 1
        for j, m in starts[k + 1:]:
            if m == want:
                run.append(j)
                want += 1
        if len(run) > len(best):
            best = run
    return best


def variant_text(text: str, names: dict[str, str], rng: random.Random) -> str:
    """The seed text with names swapped and the agenda items' contents shuffled (their
    numbers stay in order; the first and the last item stay in place)."""
    if names:
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        text = pattern.sub(lambda m: names[m.group(0)], text)
    lines = text.split("\n")
    run = _item_run(lines)
    if len(run) < 4:
        return text
    blocks = [lines[a:b] for a, b in zip(run, run[1:])]        # every item but the last
    middle = blocks[1:]
    order = list(range(len(middle)))
    rng.shuffle(order)
    out = lines[:run[0]] + blocks[0]
    for slot, source in zip(middle, order):
        head = ITEM.match(slot[0])
        body = middle[source]
        title = ITEM.match(body[0]).group(4)
        out += [f"{head.group(1)}{head.group(2)}{head.group(3)}{title}"] + body[1:]
    return "\n".join(out + lines[run[-1]:])


def make_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write (or reuse) n documents into folder; return their paths, in corpus order."""
    marker = folder / "corpus.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if info.get("version") == CORPUS_VERSION and info.get("n", 0) >= n:
            return [folder / p for p in info["files"][:n]]
    import render_seeds as rs

    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docx").mkdir(parents=True)
    (folder / "pdf").mkdir()
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    golds = {s.stem: json.loads((SHARED / "gold" / "seeds" / f"{s.stem}.json").read_text()) for s in seeds}
    pool = sorted({a["name"] for g in golds.values() for a in g["attendance"] if len(a["name"].split()) >= 2})
    rng = random.Random(seed)
    files, to_pdf = [], []
    staging = Path(tempfile.mkdtemp(prefix="bench-docx-"))
    for k in range(n):
        s = seeds[k % len(seeds)]
        gold = golds[s.stem]
        own = [a["name"] for a in gold["attendance"] if len(a["name"].split()) >= 2]
        names = dict(zip(own, rng.sample(pool, len(own)))) if own else {}
        attendance = [{**a, "name": names.get(a["name"], a["name"])} for a in gold["attendance"]]
        text = variant_text(s.read_text(encoding="utf-8"), names, rng) + f"\n\nArkivnummer {k:05d}\n"
        data = rs.build_docx(rs.parse_blocks(text, attendance))
        stem = f"v{k:05d}_{s.stem[:3]}"
        if k % 2 == 0:
            path = staging / f"{stem}.docx"
            path.write_bytes(data)
            to_pdf.append(path)
            files.append(f"pdf/{stem}.pdf")
        else:
            (folder / "docx" / f"{stem}.docx").write_bytes(data)
            files.append(f"docx/{stem}.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    for start in range(0, len(to_pdf), 100):
        chunk = to_pdf[start:start + 100]
        if soffice:
            rs.convert_to_pdf(chunk, folder / "pdf")
        else:
            for path in chunk:
                seed_pdf = REPO / "tests" / "fixtures" / "seeds" / f"{path.stem.split('_', 1)[1]}*.pdf"
                source = sorted(seed_pdf.parent.glob(seed_pdf.name))[0]
                (folder / "pdf" / f"{path.stem}.pdf").write_bytes(source.read_bytes() + f"\n%{path.stem}\n".encode())
    shutil.rmtree(staging, ignore_errors=True)
    marker.write_text(json.dumps({"version": CORPUS_VERSION, "n": n, "files": files,
                                  "pdf": "soffice" if soffice else "seed copies"}))
    old = time.time() - 3600
    for p in files:
        os.utime(folder / p, (old, old))
    return [folder / p for p in files]


# ---------------------------------------------------------------- one-core baselines

def floor(pdfs: list[Path]) -> tuple[int, float]:
    """pypdfium2 text of every page: (pages, seconds)."""
    import pypdfium2 as pdfium

    pages, start = 0, time.perf_counter()
    for path in pdfs:
        doc = pdfium.PdfDocument(path)
        for page in doc:
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
            pages += 1
        doc.close()
    return pages, time.perf_counter() - start


def plumber(pdfs: list[Path]) -> tuple[int, float]:
    """pdfplumber extract_text of every page: (pages, seconds)."""
    import pdfplumber

    pages, start = 0, time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages, time.perf_counter() - start


def stages(files: list[Path]) -> dict:
    """Each stage of the pipeline on `files`, in this process: seconds per stage and pages."""
    from pipeline.store import db as load
    from pipeline.nlp.extract import extract
    from pipeline.ingest import ingest
    from pipeline.people import People
    from pipeline.run.stages.work import warm

    warm()
    people = People.load(REPO / "params.yaml")
    people.link(extract(ingest(files[0])))   # registry index built outside the timing
    t = {"ingest": 0.0, "extract": 0.0, "link": 0.0, "rows": 0.0, "load": 0.0}
    pages = 0
    rows = []
    for path in files:
        a = time.perf_counter()
        doc = ingest(path)
        b = time.perf_counter()
        minutes = extract(doc)
        c = time.perf_counter()
        linked = people.link(minutes)
        d = time.perf_counter()
        rows.append(load.document_rows(doc, linked, "bench"))
        e = time.perf_counter()
        t["ingest"] += b - a
        t["extract"] += c - b
        t["link"] += d - c
        t["rows"] += e - d
        pages += doc.pages
    with tempfile.TemporaryDirectory() as tmp:
        con = load.connect(Path(tmp) / "m.duckdb")
        start = time.perf_counter()
        spool = load.RowSpool(tmp)
        for r in rows:
            spool.add(r)
        load.replace_documents(con, [], spool, [], {}, {})
        t["load"] = time.perf_counter() - start
        con.close()
    return {"pages": pages, "docs": len(files), "seconds": t}


# ---------------------------------------------------------------- end to end (child process)

class MemorySampler(threading.Thread):
    """Peak RSS of this process and of its largest descendant, and the peak of the whole
    tree's proportional set size (PSS: pages the workers share with the fork server they
    were forked from count once, not once per worker)."""

    def __init__(self, every: float = 0.2):
        super().__init__(daemon=True)
        import psutil

        self.me = psutil.Process()
        self.every = every
        self.peak = {"main": 0, "worker": 0, "tree": 0}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.sample()
            time.sleep(self.every)

    def sample(self):
        try:
            procs = [self.me, *self.me.children(recursive=True)]
            rss = [p.memory_info().rss for p in procs]
            pss = [getattr(p.memory_full_info(), "pss", r) for p, r in zip(procs, rss)]
        except Exception:
            return
        self.peak["main"] = max(self.peak["main"], rss[0])
        self.peak["worker"] = max([self.peak["worker"], *rss[1:]])
        self.peak["tree"] = max(self.peak["tree"], sum(pss))


def child(args) -> None:
    """Run the pipeline end to end as asked and print one JSON line of results."""
    from pipeline.run.batch import run_batch
    from pipeline.run.executors import LocalExecutor, PRELOAD
    from pipeline.people import People

    files = [Path(p) for p in json.loads(Path(args.files).read_text())]
    people = People.load(REPO / "params.yaml")
    work = Path(args.work)
    executor = LocalExecutor(workers=args.workers, timeout=120, preload=PRELOAD)
    sampler = MemorySampler()
    sampler.start()
    start = time.perf_counter()
    full = run_batch(files, db=work / "m.duckdb", people=people, executor=executor, progress=False)
    seconds = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    sampler.sample()
    out = {"seconds": seconds, "pages": full.pages, "docs": full.extracted, "failed": full.failed,
           "stage_seconds": full.seconds, "peak_mb": {k: v / 2**20 for k, v in sampler.peak.items()}}
    if args.incremental:
        start = time.perf_counter()
        same = run_batch(files, db=work / "m.duckdb", people=people, executor=executor, progress=False)
        out["nothing_changed_s"] = time.perf_counter() - start
        out["nothing_changed_extracted"] = same.extracted
        extra = Path(args.incremental)
        start = time.perf_counter()
        one = run_batch(files + [extra], db=work / "m.duckdb", people=people, executor=executor, progress=False)
        out["add_one_s"] = time.perf_counter() - start
        out["add_one_extracted"] = one.extracted
    print("RESULT " + json.dumps(out))


def end_to_end(files: list[Path], workers: int, incremental: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as work:
        listing = Path(work) / "files.json"
        listing.write_text(json.dumps([str(p) for p in files]))
        cmd = [sys.executable, __file__, "--child", "--files", str(listing), "--work", work,
               "--workers", str(workers)]
        if incremental is not None:
            cmd += ["--incremental", str(incremental)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            raise SystemExit(f"child failed:\n{done.stdout}\n{done.stderr}")
        result = json.loads(line[7:])
        if incremental is not None:   # the same archive plus one more file, as a fresh command
            cli_dir = Path(work) / "cli"
            shutil.copytree(Path(work), cli_dir, ignore=shutil.ignore_patterns("cli", "files.json"))
            raw = Path(work) / "raw"
            raw.mkdir()
            for p in files + [incremental]:
                (raw / p.name).symlink_to(p)
            cmd = [str(REPO / ".venv" / "bin" / "minutes"), "run", str(raw), "--db", str(cli_dir / "m.duckdb"),
                   "--workers", str(workers), "--no-progress"]
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=True)
            result["cli_full_s"] = time.perf_counter() - start   # new paths: every file re-hashed, none re-extracted
            extra2 = Path(work) / "extra2" / incremental.name.replace(".pdf", "-b.pdf")
            extra2.parent.mkdir()
            extra2.write_bytes(incremental.read_bytes() + b"\n%another\n")
            (raw / extra2.name).symlink_to(extra2)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=True)
            result["cli_add_one_s"] = time.perf_counter() - start
    return result


# ---------------------------------------------------------------- report

def rate(pages: int, seconds: float) -> float:
    return pages / seconds if seconds else float("inf")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "minutes-bench-corpus")
    ap.add_argument("--stage-docs", type=int, default=100, help="documents per format for the per-stage timing")
    ap.add_argument("--plumber-docs", type=int, default=30, help="PDFs for the pdfplumber baseline")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--incremental", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.chdir(REPO)
    if args.child:
        child(args)
        return 0
    biggest = max(args.sizes)
    start = time.perf_counter()
    corpus = make_corpus(args.corpus, biggest + 1)
    extra, corpus = corpus[-1], corpus[:-1]   # the one file added to the largest archive
    print(f"corpus: {len(corpus)} documents in {args.corpus} ({time.perf_counter() - start:.0f} s)", flush=True)

    rows = []
    for n in args.sizes:
        files = corpus[:n]
        pdfs = [p for p in files if p.suffix == ".pdf"]
        docx = [p for p in files if p.suffix == ".docx"]
        fl_pages, fl_s = floor(pdfs)
        pl_pages, pl_s = plumber(pdfs[:args.plumber_docs])
        st_pdf = stages(pdfs[:args.stage_docs])
        st_docx = stages(docx[:args.stage_docs])
        e2e_pdf = end_to_end(pdfs, args.workers)
        e2e_all = end_to_end(files, args.workers, incremental=extra if n == biggest and extra.suffix == ".pdf"
                             else None)
        row = {"n": n, "pdfs": len(pdfs), "pdf_pages": fl_pages, "docx": len(docx),
               "floor_pps": rate(fl_pages, fl_s), "plumber_pps": rate(pl_pages, pl_s),
               "stages_pdf": {k: rate(st_pdf["pages"], v) for k, v in st_pdf["seconds"].items()},
               "stages_pdf_one_core_pps": rate(st_pdf["pages"], sum(st_pdf["seconds"].values())),
               "stages_docx_docs_per_s": {k: rate(st_docx["docs"], v) for k, v in st_docx["seconds"].items()},
               "e2e_pdf_pps": rate(e2e_pdf["pages"], e2e_pdf["seconds"]), "e2e_pdf": e2e_pdf,
               "e2e_all_docs_per_s": rate(e2e_all["docs"], e2e_all["seconds"]), "e2e_all": e2e_all}
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(table(rows, args.workers))
    return 0


def table(rows: list[dict], workers: int) -> str:
    """The Markdown tables for the README."""
    out = [f"| N | PDFs (pages) | floor: pypdfium2 text, 1 core | pdfplumber text, 1 core | pipeline, 1 core "
           f"(ingest / extract / link / rows / load) | pipeline end to end, {workers} workers | ratio to floor | "
           f"peak MB: main RSS / worker RSS / all PSS |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s = r["stages_pdf"]
        peak = r["e2e_pdf"]["peak_mb"]
        out.append(f"| {r['n']:,} | {r['pdfs']} ({r['pdf_pages']}) | {r['floor_pps']:.0f} p/s | "
                   f"{r['plumber_pps']:.0f} p/s | {r['stages_pdf_one_core_pps']:.0f} p/s "
                   f"({s['ingest']:.0f} / {s['extract']:.0f} / {s['link']:.0f} / {s['rows']:.0f} / {s['load']:.0f}) | "
                   f"{r['e2e_pdf_pps']:.0f} p/s | {r['e2e_pdf_pps'] / r['floor_pps']:.2f} | "
                   f"{peak['main']:.0f} / {peak['worker']:.0f} / {peak['tree']:.0f} |")
    out += ["", f"| N | documents (PDF + DOCX) | end to end, {workers} workers | seconds | DOCX per stage, 1 core "
                "(docs/s: ingest / extract / link / rows / load) | peak MB: main RSS / worker RSS / all PSS |",
            "|---|---|---|---|---|---|"]
    for r in rows:
        e, d = r["e2e_all"], r["stages_docx_docs_per_s"]
        peak = e["peak_mb"]
        out.append(f"| {r['n']:,} | {r['pdfs'] + r['docx']} | {r['e2e_all_docs_per_s']:.1f} docs/s | "
                   f"{e['seconds']:.1f} | {d['ingest']:.0f} / {d['extract']:.0f} / {d['link']:.0f} / "
                   f"{d['rows']:.0f} / {d['load']:.0f} | {peak['main']:.0f} / {peak['worker']:.0f} / "
                   f"{peak['tree']:.0f} |")
    big = rows[-1]["e2e_all"]
    if "add_one_s" in big:
        out += ["", f"Archive of {rows[-1]['n']:,}: full run {big['seconds']:.1f} s; run again with nothing "
                    f"changed {big['nothing_changed_s']:.2f} s ({big['nothing_changed_extracted']} extracted); "
                    f"add one file {big['add_one_s']:.2f} s ({big['add_one_extracted']} extracted, "
                    f"{100 * big['add_one_s'] / big['seconds']:.2f} % of the full run). As fresh `minutes run` "
                    f"commands: {big['cli_add_one_s']:.2f} s to add one more file "
                    f"({100 * big['cli_add_one_s'] / big['seconds']:.1f} % of the full run; "
                    f"interpreter start and imports included)."]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
