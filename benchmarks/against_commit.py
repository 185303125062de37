"""Ingest + extract CPU time of one checkout on the same born-digital files, in one warm
process (best of three), for comparing commits: `git worktree add /tmp/old COMMIT`, then
`.venv/bin/python benchmarks/against_commit.py /tmp/old` and `... against_commit.py .`.
The file list (files neither checkout OCRs) is written to /tmp/cmp_files.txt by the first
run and reused by the next, so both read the same files."""
import sys, time, resource
repo = sys.argv[1]
sys.path.insert(0, repo)
from pathlib import Path
from pipeline.ingest import ingest
try:
    from pipeline.nlp.extract import extract
except ImportError:
    from pipeline.extract import extract
files = [p for d in ("/work/shared/realdocs", "/work/shared/realdocs2", "/work/main/tests/fixtures/seeds") for p in sorted(Path(d).iterdir())
         if p.suffix in (".pdf", ".docx", ".md", ".txt")]
listed = Path("/tmp/cmp_files.txt")
if listed.exists():
    files = [Path(x) for x in listed.read_text().split("\n") if x]
ok = []
for p in files:
    try:
        d = ingest(p)
        if any(getattr(pi, "ocr", False) for pi in d.page_info):
            continue
        extract(d); ok.append(p)
    except Exception:
        pass
if not listed.exists():
    listed.write_text("\n".join(map(str, ok)))
best = None
for _ in range(3):
    t = time.process_time()
    pages = 0
    for p in ok:
        d = ingest(p); pages += d.pages; extract(d)
    el = time.process_time() - t
    best = el if best is None else min(best, el)
print(f"{repo}: {len(ok)} files, {pages} pages, best of 3: {best:.2f} CPU-s, {len(ok)/best:.1f} files/CPU-s, {pages/best:.1f} pages/CPU-s, maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024} MB")
