"""Benchmark: how extraction time grows with input size, for inputs that once grew quadratically.

Each shape is a small document in which one thing grows (doubling from `--start`):
- `dashes`, `commas`, `colons`, `spaces`, `mixed` (" -:," over and over): a run of that
  many characters inside the title line ("Protokoll ----...---- styrelsemöte"); 16 kB of
  dashes took 49 s;
- `items`: the number of "§ N Title / Beslut: ..." items (numbers past 999 included);
- `title`: one title line of that many words.

For each size: the median seconds of `--repeat` runs of `pipeline.nlp.extract.extract` on the
`Document` (ingest is not timed), and the growth exponent against the size before it,
log2(t(2n) / t(n)): about 1 for linear time, 2 for quadratic. Ratios, not seconds, are the
result; `--check` exits 1 when a shape's exponent over its two largest sizes passes
`--max-exponent` (1.5 by default).

    .venv/bin/python benchmarks/scaling.py                              # every shape, 1k..16k
    .venv/bin/python benchmarks/scaling.py --shapes dashes items --start 500 --steps 4 --check
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.nlp.extract import extract  # noqa: E402
from pipeline.records import Document, Line  # noqa: E402

RUNS = {"dashes": "-", "commas": ",", "colons": ":", "spaces": " ", "mixed": " -:,"}
SHAPES = (*RUNS, "items", "title")
TIME_CAP_S = 120.0   # a size that takes longer than this ends the shape (its growth is already plain)


def document(texts: list[str]) -> Document:
    """A Document with these lines, numbered as the ingestors number them."""
    lines, offset = [], 0
    for i, text in enumerate(texts):
        lines.append(Line(index=i, text=text, page=1, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    return Document(id="scaling", path="scaling.txt", format="txt", pages=1, lines=lines)


def make(shape: str, n: int) -> Document:
    """Given a shape and a size, return the document."""
    body = ["Närvarande: Anna Svensson, Björn Ek", "§ 1 Mötets öppnande", "Beslut: Mötet öppnades."]
    if shape in RUNS:
        run = (RUNS[shape] * n)[:n]
        return document([f"Protokoll {run} styrelsemöte 2024-03-01", *body])
    if shape == "items":
        items = [line for k in range(1, n + 1) for line in (f"§ {k} Ärende {k}", "Beslut: Godkändes.")]
        return document(["Protokoll styrelsemöte 2024-03-01", "Närvarande: Anna Svensson", *items])
    if shape == "title":
        return document([" ".join(["Protokoll"] + ["styrelsemöte"] * n), *body])
    raise ValueError(f"unknown shape {shape!r} ({', '.join(SHAPES)})")


def measure(shape: str, sizes: list[int], repeat: int) -> list[tuple[int, float]]:
    """(size, median seconds) for each size, stopping after one past `TIME_CAP_S`."""
    out = []
    for n in sizes:
        doc = make(shape, n)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            extract(doc)
            times.append(time.perf_counter() - start)
        out.append((n, statistics.median(times)))
        if out[-1][1] > TIME_CAP_S:
            break
    return out


def exponents(rows: list[tuple[int, float]]) -> list[float | None]:
    """log(t2/t1) / log(n2/n1) for each row against the one before (None for the first)."""
    out: list[float | None] = [None]
    for (n1, t1), (n2, t2) in zip(rows, rows[1:]):
        out.append(math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(n2 / n1))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    ap.add_argument("--start", type=int, default=1000, help="first size (characters, items or words)")
    ap.add_argument("--steps", type=int, default=5, help="how many doublings of the size")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (the median is kept)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a shape grows faster than --max-exponent")
    ap.add_argument("--max-exponent", type=float, default=1.5)
    args = ap.parse_args(argv)
    extract(make("items", 1))   # load the vocabulary and word lists before timing
    sizes = [args.start * 2 ** k for k in range(args.steps)]
    print("| shape | size | seconds | exponent |")
    print("|---|---:|---:|---:|")
    too_fast_growing = []
    for shape in args.shapes:
        rows = measure(shape, sizes, args.repeat)
        grow = exponents(rows)
        for (n, t), e in zip(rows, grow):
            print(f"| {shape} | {n} | {t:.4f} | {'' if e is None else f'{e:.2f}'} |", flush=True)
        # the last exponent over sizes big enough to time (tiny times are noise)
        if len(rows) > 1 and rows[-1][1] > 0.05 and grow[-1] is not None and grow[-1] > args.max_exponent:
            too_fast_growing.append(f"{shape} (exponent {grow[-1]:.2f})")
    if too_fast_growing:
        print(f"grows faster than n^{args.max_exponent:g}: {', '.join(too_fast_growing)}")
    return 1 if args.check and too_fast_growing else 0


if __name__ == "__main__":
    sys.exit(main())
