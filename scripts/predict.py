"""Write gold-format predictions for a set of files (used by `make eval` and the notes).

Usage: .venv/bin/python scripts/predict.py OUT_DIR FILE...
"""
import json
import sys
import traceback
from pathlib import Path

from pipeline.extract import extract
from pipeline.ingest import IngestError, ingest

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for f in sys.argv[2:]:
    try:
        minutes = extract(ingest(f))
    except IngestError as e:
        print(f"{f}: {e.code}: {e.message}", file=sys.stderr)
        continue
    except Exception:
        print(f"{f}: crashed", file=sys.stderr)
        traceback.print_exc()
        continue
    (out / (Path(f).stem + ".json")).write_text(json.dumps(minutes.to_gold(), ensure_ascii=False, indent=1))
