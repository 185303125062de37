"""Gold-format predictions of any checkout of this repository, for measuring a lockbox on the
code of a given commit with today's environment.

Usage (from the repository root):
    git worktree add /tmp/old COMMIT
    .venv/bin/python scripts/score_checkout.py /tmp/old tests/fixtures/lockbox5 /tmp/pred
    python3 ../shared/eval/score.py tests/gold/lockbox5 /tmp/pred

It imports the checkout's own `pipeline` (and so its rules and shipped model) and writes one
JSON per readable source, as `minutes extract --out` does; a file the checkout cannot read is
reported and left out, which the scorer counts as a missing prediction.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    checkout, sources, out = (Path(a).resolve() for a in argv[1:4])
    sys.path.insert(0, str(checkout))
    import pipeline
    if not str(pipeline.__file__).startswith(str(checkout)):
        print(f"imported {pipeline.__file__}, not the checkout's pipeline", file=sys.stderr)
        return 2
    from pipeline.ingest import ingest
    try:
        from pipeline.nlp.extract import extract
    except ImportError:                             # checkouts before the spaCy path
        from pipeline.extract import extract
    out.mkdir(parents=True, exist_ok=True)
    for source in sorted(sources.iterdir()):
        if source.suffix not in (".txt", ".md", ".pdf", ".docx"):
            continue
        try:
            record = extract(ingest(source)).to_gold()
        except Exception as error:                  # an old checkout's failure is a result, not a crash
            print(f"failed {source.name}: {error}")
            continue
        (out / f"{source.stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
