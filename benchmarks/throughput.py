"""Benchmark: throughput against a floor measured in the same run, per wall second and per
CPU-second, peak memory over the whole process tree, start-up, and the cost of adding one
file, on archives of N = 10, 100 and 1,000 documents per format.

The corpus (made once into `--corpus`, reused while its recipe is unchanged):
- born-digital PDFs: the realdocs and realdocs2 PDFs where no page is a scan, the seed
  renders of `tests/fixtures/seeds`, and, when LibreOffice (`soffice`) is installed,
  variants of the five seeds (agenda items shuffled among their numbers, people swapped for
  people of other seeds, an archive number of their own) printed to PDF; one real file for
  every variant. Without LibreOffice every PDF is a real one. Each copy's bytes are made
  unique (a comment after `%%EOF`), so every file is new work for the pipeline;
- DOCX: the realdocs DOCX and the seed renders (each copy unique by its zip comment),
  alternating with seed variants written by `scripts/render_seeds.py`;
- scans: the PDFs where some page is mostly one image, once each, measured on their own
  (OCR has its own cost) with an empty OCR cache.

Every figure comes from one run, each measured as a fresh command in a child process:
wall time, CPU time of the whole process tree (every descendant, fork server and workers
included, reaped by this process as their subreaper), and the peak of the tree's summed
RSS and PSS, sampled every 0.1 s. For each N:
- floor, PDF: pypdfium2 `get_text_range` over every page of the same files, with the same
  number of processes (`--workers`, a fork pool);
- floor, DOCX: python-docx's own paragraph reading (`Document(f).paragraphs`' text), likewise;
- `minutes run DIR --workers W` on a fresh database, PDFs and DOCX each on their own;
- one core in this process, on up to `--stage-docs` files per format: the floor, then the
  pipeline's stages (ingest, extract, link, rows, load), per CPU-second.
For the largest N: `minutes run` again with nothing changed and with one file added, as
fresh commands; one file added in a running process (`run_batch`, its pool warm); and
start-up: `minutes extract FILE` and where its time goes.

    .venv/bin/python benchmarks/throughput.py                      # N = 10, 100, 1000 (~10 min)
    .venv/bin/python benchmarks/throughput.py --sizes 10 100 --workers 2 --no-scans
"""
from __future__ import annotations

import argparse
import ctypes
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MINUTES_SHARED", REPO.parent / "shared"))   # the real documents
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

CORPUS_VERSION = "3"
SCAN_COVER = 0.5     # as pipeline/ingest/pdf.py: an image covering half a page makes it a scan
ITEM = re.compile(r"^(\s*(?:#{1,4}\s*)?(?:§\s*)?)(\d{1,2})([.)]?\s+)(\S.*)$")
SAMPLE_EVERY_S = 0.1
MINUTES = REPO / ".venv" / "bin" / "minutes"


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


def is_scan(path: Path) -> bool:
    """Given a PDF, return whether an image covers `SCAN_COVER` of one of its pages."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            width, height = page.get_size()
            for obj in page.get_objects(max_depth=3):
                if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
                    left, bottom, right, top = obj.get_bounds()
                    if (right - left) * (top - bottom) >= SCAN_COVER * width * height:
                        return True
    finally:
        pdf.close()
    return False


def sources() -> dict[str, list[Path]]:
    """The real files the corpus is made of: born-digital PDFs, scans and DOCX."""
    pdfs = sorted((SHARED / "realdocs").glob("*.pdf")) + sorted((SHARED / "realdocs2").glob("*.pdf"))
    seeds = REPO / "tests" / "fixtures" / "seeds"
    scans = [p for p in pdfs if is_scan(p)]
    born = [p for p in pdfs if p not in scans] + sorted(seeds.glob("*.pdf"))
    docx = sorted((SHARED / "realdocs").glob("*.docx")) + sorted((SHARED / "realdocs2").glob("*.docx")) \
        + sorted(seeds.glob("*.docx"))
    return {"pdf": born, "scan": scans, "docx": docx}


def unique_pdf(data: bytes, tag: str) -> bytes:
    return data + f"\n%minutes-bench {tag}\n".encode()


def unique_docx(data: bytes, tag: str) -> bytes:
    """The same DOCX with a zip comment of its own (the members are untouched)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.comment = f"minutes-bench {tag}".encode()
    return out.getvalue()


def seed_variants(n: int, rng: random.Random) -> list[tuple[str, bytes]]:
    """n DOCX variants of the seeds: (stem, bytes)."""
    import render_seeds as rs

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    golds = {s.stem: json.loads((SHARED / "gold" / "seeds" / f"{s.stem}.json").read_text()) for s in seeds}
    pool = sorted({a["name"] for g in golds.values() for a in g["attendance"] if len(a["name"].split()) >= 2})
    out = []
    for k in range(n):
        s = seeds[k % len(seeds)]
        gold = golds[s.stem]
        own = [a["name"] for a in gold["attendance"] if len(a["name"].split()) >= 2]
        names = dict(zip(own, rng.sample(pool, len(own)))) if own else {}
        attendance = [{**a, "name": names.get(a["name"], a["name"])} for a in gold["attendance"]]
        text = variant_text(s.read_text(encoding="utf-8"), names, rng) + f"\n\nArkivnummer {k:05d}\n"
        out.append((f"var{k:05d}_{s.stem[:3]}", rs.build_docx(rs.parse_blocks(text, attendance))))
    return out


def make_corpus(folder: Path, n: int, extra: int = 3, seed: int = 0) -> dict:
    """Write (or reuse) n born-digital PDFs, n DOCX, `extra` more PDFs (files to add) and the
    scans into folder; return {"pdf", "docx", "extra", "scan": [paths], "lo": bool}."""
    marker = folder / "corpus.json"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if marker.exists():
        info = json.loads(marker.read_text())
        if info.get("version") == CORPUS_VERSION and info.get("n", 0) >= n and info["lo"] == bool(soffice):
            return {"pdf": [folder / p for p in info["pdf"][:n]], "docx": [folder / p for p in info["docx"][:n]],
                    "extra": [folder / p for p in info["extra"]], "scan": [folder / p for p in info["scan"]],
                    "lo": info["lo"]}
    import render_seeds as rs

    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("pdf", "docx", "extra", "scan"):
        (folder / sub).mkdir(parents=True)
    src = sources()
    rng = random.Random(seed)
    total = n + extra
    # PDFs: with LibreOffice, every other one a seed variant printed to PDF
    n_variants = total // 2 if soffice else 0
    pdf_variants = seed_variants(n_variants, rng)
    docx_variants = seed_variants(n - n // 2, rng)
    printed: dict[str, bytes] = {}
    if pdf_variants:
        with tempfile.TemporaryDirectory(prefix="bench-lo-") as tmp:
            staged = []
            for stem, data in pdf_variants:
                (Path(tmp) / f"{stem}.docx").write_bytes(data)
                staged.append(Path(tmp) / f"{stem}.docx")
            out = Path(tmp) / "pdf"
            out.mkdir()
            for start in range(0, len(staged), 100):
                rs.convert_to_pdf(staged[start:start + 100], out)
            printed = {stem: (out / f"{stem}.pdf").read_bytes() for stem, _ in pdf_variants}
    pdfs, real_k, var_k = [], 0, 0
    for k in range(total):
        if soffice and k % 2 == 1 and var_k < len(pdf_variants):
            stem = pdf_variants[var_k][0]
            data, var_k = printed[stem], var_k + 1
        else:
            path = src["pdf"][real_k % len(src["pdf"])]
            stem, data, real_k = f"real{k:05d}_{path.stem[:40]}", path.read_bytes(), real_k + 1
        name = f"{'extra' if k >= n else 'pdf'}/{stem}.pdf"
        (folder / name).write_bytes(unique_pdf(data, f"{k:05d}"))
        pdfs.append(name)
    docx = []
    for k in range(n):
        if k % 2 == 1:
            stem, data = docx_variants[k // 2]
        else:
            path = src["docx"][(k // 2) % len(src["docx"])]
            stem, data = f"real{k:05d}_{path.stem[:40]}", unique_docx(path.read_bytes(), f"{k:05d}")
        (folder / "docx" / f"{stem}.docx").write_bytes(data)
        docx.append(f"docx/{stem}.docx")
    scans = []
    for k, path in enumerate(src["scan"]):
        name = f"scan/{path.stem[:60]}.pdf"
        (folder / name).write_bytes(unique_pdf(path.read_bytes(), f"scan{k:03d}"))
        scans.append(name)
    info = {"version": CORPUS_VERSION, "n": n, "lo": bool(soffice), "pdf": pdfs[:n], "extra": pdfs[n:],
            "docx": docx, "scan": scans}
    marker.write_text(json.dumps(info))
    return make_corpus(folder, n, extra, seed)


# ---------------------------------------------------------------- measuring a command

def become_subreaper() -> None:
    """Orphaned descendants (a fork server whose parent exited) become this process's
    children, so their CPU time reaches RUSAGE_CHILDREN when they are reaped."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _reap_all(deadline_s: float = 20.0) -> None:
    end = time.monotonic() + deadline_s
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > end:
                return
            time.sleep(0.02)


def _smaps(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes, from /proc/PID/smaps_rollup."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """The peak, over time, of the summed RSS and PSS of every descendant of this process."""

    def __init__(self):
        super().__init__(daemon=True)
        import psutil

        self.me = psutil.Process()
        self.peak_rss = self.peak_pss = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(SAMPLE_EVERY_S)

    def sample(self):
        try:
            pids = [p.pid for p in self.me.children(recursive=True)]
        except Exception:
            return
        sizes = [_smaps(pid) for pid in pids]
        self.peak_rss = max(self.peak_rss, sum(s[0] for s in sizes))
        self.peak_pss = max(self.peak_pss, sum(s[1] for s in sizes))


def measured(cmd: list[str], env: dict | None = None, cwd: Path = REPO) -> dict:
    """Run cmd as a fresh command; return its wall and tree CPU seconds, peak tree memory
    (MB) and the JSON of its last `RESULT ` line (if any)."""
    _reap_all(0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler = TreeMemory()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                            env={**os.environ, **(env or {})})
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    _reap_all()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}\n{err[-3000:]}")
    line = next((x for x in reversed(out.splitlines()) if x.startswith("RESULT ")), None)
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "rss_mb": sampler.peak_rss / 2**20, "pss_mb": sampler.peak_pss / 2**20,
            "result": json.loads(line[7:]) if line else None, "stdout": out, "stderr": err}


def link_dir(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in files:
        (folder / p.name).symlink_to(p)
    return folder


# ---------------------------------------------------------------- floors (child commands)

def _pdf_pages(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    n = 0
    for page in doc:
        text = page.get_textpage()
        text.get_text_range()
        text.close()
        page.close()
        n += 1
    doc.close()
    return n


def _docx_paragraphs(path: str) -> int:
    import docx

    for p in docx.Document(path).paragraphs:
        p.text
    return 1


FLOORS = {"pdf": _pdf_pages, "docx": _docx_paragraphs}


def floor_child(kind: str, files: list[str], workers: int) -> dict:
    """The floor's work over files with `workers` processes: {"units": pages or documents}."""
    fn = FLOORS[kind]
    if kind == "docx":
        import docx  # noqa: F401  (imported before the fork, as the pipeline's fork server does)
    else:
        import pypdfium2  # noqa: F401
    if workers <= 1:
        return {"units": sum(map(fn, files))}
    import multiprocessing as mp

    with mp.get_context("fork").Pool(workers) as pool:
        return {"units": sum(pool.imap_unordered(fn, files, chunksize=4))}


def floor(kind: str, files: list[Path], workers: int, work: Path) -> dict:
    listing = work / f"floor-{kind}.json"
    listing.write_text(json.dumps([str(p) for p in files]))
    m = measured([sys.executable, __file__, "--child", f"floor-{kind}", "--files", str(listing),
                  "--workers", str(workers)])
    return {**m, "units": m["result"]["units"]}


# ---------------------------------------------------------------- the pipeline

def minutes_run(folder: Path, db: Path, workers: int, env: dict) -> dict:
    return measured([str(MINUTES), "run", str(folder), "--db", str(db), "--workers", str(workers),
                     "--no-progress"], env=env)


def warm_child(db: str, files: list[str], extra: list[str], workers: int) -> dict:
    """In one process: run_batch with one file added (the pool starts), then one more file
    added with the pool warm, then nothing changed; seconds of each."""
    from pipeline.people import People
    from pipeline.run.batch import run_batch
    from pipeline.run.executors import PRELOAD, LocalExecutor

    people = People.load(REPO / "params.yaml")
    executor = LocalExecutor(workers=workers, timeout=120, preload=PRELOAD)
    out = {}
    paths = [Path(p) for p in files]
    for key, batch in (("first_add_s", paths + [Path(extra[0])]),
                       ("warm_add_s", paths + [Path(e) for e in extra[:2]]),
                       ("warm_nothing_s", paths + [Path(e) for e in extra[:2]])):
        start = time.perf_counter()
        r = run_batch(batch, db=db, people=people, executor=executor, progress=False)
        out[key] = time.perf_counter() - start
        out[key.replace("_s", "_extracted")] = r.extracted
    return out


def stages(files: list[Path], kind: str) -> dict:
    """One core, this process: the floor and each stage of the pipeline on `files`, in CPU
    seconds; pages (PDF) or documents (DOCX) as units."""
    from pipeline.ingest import ingest
    from pipeline.nlp.extract import extract
    from pipeline.people import People
    from pipeline.run.stages.work import warm
    from pipeline.store import db as load

    warm()
    people = People.load(REPO / "params.yaml")
    people.link(extract(ingest(files[0])))   # registry index built outside the timing
    clock = time.process_time
    start = clock()
    for p in files:
        FLOORS[kind](str(p))
    t = {"floor": clock() - start, "ingest": 0.0, "extract": 0.0, "link": 0.0, "rows": 0.0, "load": 0.0}
    pages, rows = 0, []
    for path in files:
        a = clock()
        doc = ingest(path)
        b = clock()
        minutes = extract(doc)
        c = clock()
        linked = people.link(minutes)
        d = clock()
        rows.append(load.document_rows(doc, linked, "bench"))
        e = clock()
        t["ingest"] += b - a
        t["extract"] += c - b
        t["link"] += d - c
        t["rows"] += e - d
        pages += doc.pages
    with tempfile.TemporaryDirectory() as tmp:
        con = load.connect(Path(tmp) / "m.duckdb")
        start = clock()
        spool = load.RowSpool(tmp)
        for r in rows:
            spool.add(r)
        load.replace_documents(con, [], spool, [], {}, {})
        t["load"] = clock() - start
        con.close()
    units = pages if kind == "pdf" else len(files)
    return {"units": units, "docs": len(files), "cpu": t}


def startup_child(path: str) -> dict:
    """Where a fresh process's time goes before and during its first document: seconds
    and RSS (MB) after each step, in the order `minutes extract FILE` meets them."""
    import psutil

    me = psutil.Process()
    steps, last = [], time.perf_counter()

    def step(name):
        nonlocal last
        now = time.perf_counter()
        steps.append({"step": name, "s": now - last, "rss_mb": me.memory_info().rss / 2**20})
        last = now

    import pipeline.cli  # noqa: F401
    step("import pipeline.cli")
    from pipeline.ingest.lexicon import is_word

    is_word("qxzv")
    step("ingest dictionary (is_word)")
    from pipeline.ingest import ingest

    doc = ingest(path)
    step("first ingest")
    from pipeline.nlp import get_nlp

    nlp = get_nlp()
    step("get_nlp() (spaCy import and pipeline load)")
    lemmatizer = next((c for _, c in nlp.pipeline if isinstance(type(c).__dict__.get("table"), property)), None)
    if lemmatizer is not None:
        lemmatizer.table
        step("lemma table (spacy-lookups-data, nlp/components.py)")
    from pipeline.run.stages.work import _cached_loaders

    for load in _cached_loaders("pipeline.nlp", skip="pipeline.nlp.train"):
        last = time.perf_counter()
        load()
        if time.perf_counter() - last > 0.005:
            step(f"nlp list {load.__wrapped__.__module__}.{load.__wrapped__.__qualname__}()")
    last = time.perf_counter()
    from pipeline.nlp.extract import extract

    extract(doc)
    step("first extract")
    ingest(path)
    step("second ingest")
    extract(doc)
    step("second extract")
    return {"steps": steps}


def startup(path: Path, env: dict) -> dict:
    bare = measured([sys.executable, "-c", "pass"])
    cli = measured([str(MINUTES), "extract", str(path), "--workers", "0"], env=env)
    child = measured([sys.executable, __file__, "--child", "startup", "--files", str(path)], env=env)
    return {"python_s": bare["wall"], "extract_cmd": cli, "steps": child["result"]["steps"]}


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="documents per format")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "minutes-bench-corpus")
    ap.add_argument("--stage-docs", type=int, default=60, help="files per format for the one-core stage timing")
    ap.add_argument("--no-scans", action="store_true", help="skip the scanned PDFs (OCR)")
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--extra", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.chdir(REPO)
    if args.child:
        if args.child.startswith("floor-"):
            out = floor_child(args.child[6:], json.loads(Path(args.files).read_text()), args.workers)
        elif args.child == "warm":
            out = warm_child(args.db, json.loads(Path(args.files).read_text()), args.extra, args.workers)
        elif args.child.startswith("stages-"):
            out = stages([Path(p) for p in json.loads(Path(args.files).read_text())], args.child[7:])
        else:
            out = startup_child(args.files)
        print("RESULT " + json.dumps(out))
        return 0
    become_subreaper()
    biggest = max(args.sizes)
    start = time.perf_counter()
    corpus = make_corpus(args.corpus, biggest)
    print(f"corpus: {biggest} PDFs + {biggest} DOCX + {len(corpus['scan'])} scans in {args.corpus} "
          f"({'with' if corpus['lo'] else 'without'} LibreOffice variants; {time.perf_counter() - start:.0f} s)",
          flush=True)
    report: dict = {"workers": args.workers, "lo": corpus["lo"], "sizes": [], "load": [os.getloadavg()[0]]}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        env = {"MINUTES_CACHE_DIR": str(work / "cache")}
        for n in args.sizes:
            row = {"n": n}
            for kind in ("pdf", "docx"):
                files = corpus[kind][:n]
                base = work / f"{kind}{n}"
                fl = floor(kind, files, args.workers, work)
                run = minutes_run(link_dir(files, base / "raw"), base / "m.duckdb", args.workers, env)
                row[kind] = {"files": len(files), "units": fl["units"], "floor": _brief(fl), "run": _brief(run)}
                print(kind, n, json.dumps(row[kind]), flush=True)
                if n == biggest and kind == "pdf":
                    row["add"] = add_one(files, corpus["extra"], base, args.workers, env, run)
                    print("add", json.dumps(row["add"]), flush=True)
            report["sizes"].append(row)
        sample = {}
        for kind in ("pdf", "docx"):
            files = corpus[kind][:args.stage_docs]
            listing = work / f"stages-{kind}.json"
            listing.write_text(json.dumps([str(p) for p in files]))
            sample[kind] = measured([sys.executable, __file__, "--child", f"stages-{kind}", "--files",
                                     str(listing)], env=env)["result"]
        report["stages"] = sample
        print("stages", json.dumps(sample), flush=True)
        if not args.no_scans and corpus["scan"]:
            base = work / "scan"
            fl = floor("pdf", corpus["scan"], args.workers, work)
            run = minutes_run(link_dir(corpus["scan"], base / "raw"), base / "m.duckdb", args.workers, env)
            report["scan"] = {"files": len(corpus["scan"]), "units": fl["units"], "run": _brief(run)}
            print("scan", json.dumps(report["scan"]), flush=True)
        small = min(corpus["pdf"][:biggest], key=lambda p: p.stat().st_size)
        report["startup"] = startup(small, env)
        report["startup"]["file"] = small.name
        report["startup"]["extract_cmd"] = _brief(report["startup"]["extract_cmd"])
        print("startup", json.dumps(report["startup"]), flush=True)
    report["load"].append(os.getloadavg()[0])
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    print()
    print(tables(report))
    return 0


def _brief(m: dict) -> dict:
    return {k: m[k] for k in ("wall", "cpu", "rss_mb", "pss_mb")}


def add_one(files: list[Path], extra: list[Path], base: Path, workers: int, env: dict, full: dict) -> dict:
    """After the full run of `files` into base/m.duckdb: nothing changed and one file added,
    as fresh `minutes run` commands, then in a running process."""
    raw = base / "raw"
    same = minutes_run(raw, base / "m.duckdb", workers, env)
    (raw / extra[0].name).symlink_to(extra[0])
    one = minutes_run(raw, base / "m.duckdb", workers, env)
    listing = base / "files.json"
    listing.write_text(json.dumps([str(raw / p.name) for p in files + [extra[0]]]))
    (raw / extra[1].name).symlink_to(extra[1])
    (raw / extra[2].name).symlink_to(extra[2])
    warm = measured([sys.executable, __file__, "--child", "warm", "--db", str(base / "m.duckdb"),
                     "--files", str(listing), "--workers", str(workers),
                     "--extra", str(raw / extra[1].name), str(raw / extra[2].name)], env=env)
    return {"full": _brief(full), "nothing": _brief(same), "one": _brief(one), "warm": warm["result"]}


# ---------------------------------------------------------------- report

def _r(units: float, seconds: float) -> float:
    return units / seconds if seconds else float("inf")


def tables(rep: dict) -> str:
    """The Markdown tables for the README."""
    w = rep["workers"]
    out = [f"{os.cpu_count()} cores; load average (1 min) {rep['load'][0]:.1f} at the start, {rep['load'][-1]:.1f} at "
           "the end (other processes slow the wall figures; the CPU-second figures much less).", "",
           f"Born-digital PDF, {w} processes each (pages per wall second / per CPU-second of the whole "
           "process tree; peak MB summed over the tree, RSS / PSS):", "",
           f"| N | PDFs (pages) | floor: pypdfium2 text | `minutes run` | ratio to floor (wall / CPU) | "
           f"peak MB, `minutes run` |", "|---|---|---|---|---|---|"]
    for r in rep["sizes"]:
        d, fl, run = r["pdf"], r["pdf"]["floor"], r["pdf"]["run"]
        u = d["units"]
        out.append(f"| {r['n']:,} | {d['files']} ({u:,}) | {_r(u, fl['wall']):.0f} / {_r(u, fl['cpu']):.0f} | "
                   f"{_r(u, run['wall']):.0f} / {_r(u, run['cpu']):.0f} | "
                   f"{_r(u, run['wall']) / _r(u, fl['wall']):.2f} / {_r(u, run['cpu']) / _r(u, fl['cpu']):.2f} | "
                   f"{run['rss_mb']:.0f} / {run['pss_mb']:.0f} |")
    out += ["", f"DOCX, {w} processes each (documents per wall second / per CPU-second):", "",
            "| N | DOCX | floor: python-docx paragraphs | `minutes run` | ratio to floor (wall / CPU) | "
            "peak MB, `minutes run` |", "|---|---|---|---|---|---|"]
    for r in rep["sizes"]:
        d, fl, run = r["docx"], r["docx"]["floor"], r["docx"]["run"]
        u = d["units"]
        out.append(f"| {r['n']:,} | {d['files']} | {_r(u, fl['wall']):.1f} / {_r(u, fl['cpu']):.1f} | "
                   f"{_r(u, run['wall']):.1f} / {_r(u, run['cpu']):.1f} | "
                   f"{_r(u, run['wall']) / _r(u, fl['wall']):.2f} / {_r(u, run['cpu']) / _r(u, fl['cpu']):.2f} | "
                   f"{run['rss_mb']:.0f} / {run['pss_mb']:.0f} |")
    st = rep["stages"]
    out += ["", "One core, in one warm process (per CPU-second; pages for PDF, documents for DOCX):", "",
            "| format (files) | floor | ingest | extract | link | rows | load | whole | ingest / floor | "
            "whole / floor |", "|---|---|---|---|---|---|---|---|---|---|"]
    for kind in ("pdf", "docx"):
        s = st[kind]
        c, u = s["cpu"], s["units"]
        whole = sum(v for k, v in c.items() if k != "floor")
        out.append(f"| {kind.upper()} ({s['docs']}) | " + " | ".join(f"{_r(u, c[k]):,.0f}" for k in
                   ("floor", "ingest", "extract", "link", "rows", "load"))
                   + f" | {_r(u, whole):.0f} | {c['floor'] / c['ingest']:.2f} | {c['floor'] / whole:.2f} |")
    if "scan" in rep:
        s, run = rep["scan"], rep["scan"]["run"]
        out += ["", f"Scans (OCR, empty cache), {w} processes: {s['files']} PDFs, {s['units']} pages in "
                    f"{run['wall']:.1f} s ({run['cpu']:.1f} CPU-s): {_r(s['units'], run['wall']):.2f} pages/s, "
                    f"{_r(s['units'], run['cpu']):.2f} per CPU-second; peak {run['rss_mb']:.0f} MB RSS / "
                    f"{run['pss_mb']:.0f} MB PSS."]
    big = rep["sizes"][-1]
    if "add" in big:
        a = big["add"]
        full = a["full"]
        out += ["", f"Archive of {big['n']:,} PDFs, `minutes run` as fresh commands: full run {full['wall']:.1f} s "
                    f"({full['cpu']:.1f} CPU-s); nothing changed {a['nothing']['wall']:.2f} s "
                    f"({a['nothing']['cpu']:.2f} CPU-s); one file added {a['one']['wall']:.2f} s "
                    f"({a['one']['cpu']:.2f} CPU-s), {100 * a['one']['wall'] / full['wall']:.1f} % of the full run. "
                    f"In a running process (`run_batch`): one file added {a['warm']['first_add_s']:.2f} s with "
                    f"the pool starting, {a['warm']['warm_add_s']:.2f} s with it warm "
                    f"({100 * a['warm']['warm_add_s'] / full['wall']:.2f} %); nothing changed "
                    f"{a['warm']['warm_nothing_s']:.2f} s."]
    s = rep["startup"]
    cmd = s["extract_cmd"]
    out += ["", f"Start-up: `python -c pass` {s['python_s']:.2f} s; `minutes extract {s['file']} --workers 0` "
                f"{cmd['wall']:.2f} s ({cmd['cpu']:.2f} CPU-s, peak {cmd['rss_mb']:.0f} MB). "
                "In one fresh process, step by step:", "",
            "| step | seconds | RSS after (MB) |", "|---|---|---|"]
    out += [f"| {x['step']} | {x['s']:.3f} | {x['rss_mb']:.0f} |" for x in s["steps"]]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
