"""Print the accuracy tables for the README: the seeds per format, the annotated sets per
organisation, and the closed lockboxes' totals, scored by ../shared/eval/score.py.

Usage: .venv/bin/python scripts/eval_table.py [--json FILE]   (or `make eval`)

Every figure here is for the shipped pipeline. Its rules were written while looking at the
annotated sets (the opened lockboxes among them), so those are training scores. The closed
lockboxes (tests/gold/lockbox5, lockbox9) were never read by anyone writing rules: only their
totals are printed, so that they stay unseen. The leave-one-organisation-out figures for the
trained line classifier come from `scripts/train_lines.py loo`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.ingest import IngestError, ingest  # noqa: E402
from pipeline.nlp.extract import extract  # noqa: E402
from pipeline.nlp.train.corpus import KEYS, Sample, samples, table  # noqa: E402


CLOSED = ("lockbox5", "lockbox9")


def predict(sample: Sample) -> dict | None:
    """The gold-format prediction for one sample; None when the file cannot be read."""
    try:
        return extract(ingest(sample.source)).to_gold()
    except IngestError:
        return None


def markdown(rows: list[tuple[str, int, dict]], first: str) -> str:
    out = [f"| {first} | documents | " + " | ".join(KEYS) + " |", "|---" * (len(KEYS) + 2) + "|"]
    for group, n, scores in rows:
        cells = [f"{scores.get(k, 0):.3f}" for k in KEYS]
        if group == "all":
            out.append(f"| **all** | {n} | " + " | ".join(f"**{c}**" for c in cells) + " |")
        else:
            out.append(f"| {group} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write every row as JSON here")
    args = parser.parse_args(argv)
    report: dict[str, list] = {}
    seeds = [s for s in samples(["seeds"]) if s.org != "Seeds-deck"]
    deck = [s for s in samples(["seeds"]) if s.org == "Seeds-deck"]
    rows = table({s: predict(s) for s in seeds}, by="format")
    print("Seeds (the four minutes; the slide deck must come out as kind other:",
          ", ".join(f"{s.format} {(predict(s) or {}).get('kind')}" for s in deck) + ")\n")
    print(markdown(rows, "format") + "\n")
    report["seeds"] = rows
    for name in ("realdocs", "realdocs2", "lockbox2", "lockbox3", "lockbox4", "lockbox6", "lockbox7", "lockbox8"):
        rows = table({s: predict(s) for s in samples([name])})
        print(f"{name} (per organisation)\n")
        print(markdown(rows, "organisation") + "\n")
        report[name] = rows
    for name in CLOSED:
        found = samples([name])
        if found:
            rows = [r for r in table({s: predict(s) for s in found}) if r[0] == "all"]
            print(f"{name} (closed: never read while writing rules; totals only)\n")
            print(markdown(rows, "set") + "\n")
            report[name] = rows
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
