"""Train the line classifier and judge it organisation by organisation.

Usage (from the repository root):
    .venv/bin/python scripts/train_lines.py loo  [--json FILE]   # leave one organisation out, three modes
    .venv/bin/python scripts/train_lines.py ship                 # train on every organisation, save into models/sv_minutes

Training data: every annotated document (seeds in three formats, realdocs, realdocs2, lockbox2,
lockbox3, lockbox4, lockbox6, lockbox7, lockbox8; see pipeline/nlp/train/corpus.py) is run
through the shipped pipeline up to its layout component; each line becomes its feature words
(pipeline/nlp/train/features.py) labelled from the gold file (pipeline/nlp/train/align.py).
`spacy train` trains models/line_model.cfg on them.

`loo`: for each organisation, a classifier trained on all the others extracts that
organisation's documents in "rules", "model" and "both" mode (pipeline/nlp/linemodel.py),
and score.py scores them; a table per mode, per organisation, and the totals. The rules'
row is a training score for the organisations the rules were written against; the model's
rows are held out by construction.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from pipeline.ingest import IngestError, ingest  # noqa: E402
from pipeline.nlp import MODEL_DIR, get_nlp  # noqa: E402
from pipeline.nlp import doc as docs  # noqa: E402
from pipeline.nlp.extract import minutes_from_doc  # noqa: E402
from pipeline.nlp.train.align import LABELS, line_labels  # noqa: E402
from pipeline.nlp.train.corpus import KEYS, Sample, organisations, samples, score  # noqa: E402
from pipeline.nlp.train.features import doc_features  # noqa: E402

CONFIG = REPO / "models" / "line_model.cfg"
MODES = ("rules", "model", "both")
DEV_SHARE = 0.15        # documents of the training organisations kept for spaCy's dev scores
SEED = 0


def _until_line_model(nlp, sample: Sample):
    """The sample's Doc after the components before the line classifier, or None."""
    try:
        doc = docs.make_doc(nlp, ingest(sample.source))
    except IngestError:
        return None
    for name, proc in nlp.pipeline:
        if name == "minutes_line_model":
            break
        doc = proc(doc)
    return doc


def examples(nlp, found: list[Sample]) -> dict[Sample, list[tuple[str, str]]]:
    """(feature text, label) for every text line of each sample."""
    out = {}
    for sample in found:
        doc = _until_line_model(nlp, sample)
        if doc is None:
            continue
        labels = line_labels(doc._.lines, sample.gold_record())
        out[sample] = [(text, label) for text, label in zip(doc_features(doc), labels) if text]
    return out


def docbin(blank, rows: list[tuple[str, str]]) -> DocBin:
    bin_ = DocBin(store_user_data=False)
    for text, label in rows:
        doc = blank.make_doc(text)
        doc.cats = {name: float(name == label) for name in LABELS}
        bin_.add(doc)
    return bin_


def train(rows_by_sample: dict[Sample, list], output: Path) -> Path:
    """Train on these samples' lines; return the trained pipeline's folder."""
    from spacy.cli.train import train as spacy_train

    rng = random.Random(SEED)
    found = sorted(rows_by_sample, key=lambda s: (s.org, s.stem, s.format))
    dev = {s for s in found if rng.random() < DEV_SHARE} or {found[0]}
    blank = spacy.blank("xx")
    output.mkdir(parents=True, exist_ok=True)
    docbin(blank, [r for s in found if s not in dev for r in rows_by_sample[s]]).to_disk(output / "train.spacy")
    docbin(blank, [r for s in dev for r in rows_by_sample[s]]).to_disk(output / "dev.spacy")
    with contextlib.redirect_stdout(sys.stderr):          # spaCy's training log is not the report
        spacy_train(CONFIG, output / "model", overrides={"paths.train": str(output / "train.spacy"),
                                                          "paths.dev": str(output / "dev.spacy")})
    return output / "model" / "model-last"


def extract_with(nlp, sample: Sample, mode: str) -> dict | None:
    nlp.get_pipe("minutes_line_model").mode = mode
    try:
        return minutes_from_doc(nlp(docs.make_doc(nlp, ingest(sample.source)))).to_gold()
    except IngestError:
        return None


def loo(args) -> int:
    nlp = get_nlp()
    found = [s for s in samples() if s.org != "Seeds-deck"]
    rows = examples(nlp, found)
    report: dict[str, dict[str, dict]] = {mode: {} for mode in MODES}
    pairs: dict[str, list] = {mode: [] for mode in MODES}
    component = nlp.get_pipe("minutes_line_model")
    shipped = component.model
    with tempfile.TemporaryDirectory() as tmp:
        for org in organisations(found):
            held = [s for s in found if s.org == org]
            model_dir = train({s: r for s, r in rows.items() if s.org != org}, Path(tmp) / org)
            component.model = spacy.load(model_dir)
            for mode in MODES:
                got = [(s.gold_record(), extract_with(nlp, s, mode)) for s in held]
                report[mode][org] = score(got)
                pairs[mode] += got
            print(org, {m: round(report[m][org].get("decisions_f1", 0), 3) for m in MODES}, file=sys.stderr)
    component.model, component.mode = shipped, "rules"
    for mode in MODES:
        report[mode]["all"] = score(pairs[mode])
        print(f"\n{mode}\n")
        print("| organisation | " + " | ".join(KEYS) + " |")
        print("|---" * (len(KEYS) + 1) + "|")
        for org, totals in report[mode].items():
            cells = [f"{totals.get(k, 0):.3f}" for k in KEYS]
            if org == "all":
                cells = [f"**{c}**" for c in cells]
            print(f"| {org} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


def ship(args) -> int:
    """Train on every organisation and save the classifier into the shipped pipeline."""
    nlp = get_nlp()
    found = [s for s in samples() if s.org != "Seeds-deck"]
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = train(examples(nlp, found), Path(tmp))
        target = MODEL_DIR / "minutes_line_model" / "classifier"
        if target.exists():
            shutil.rmtree(target)
        spacy.load(model_dir).to_disk(target)
    print(f"saved {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("loo", help="leave one organisation out, rules / model / both")
    p.add_argument("--json", type=Path)
    sub.add_parser("ship", help="train on all organisations, save into models/sv_minutes")
    args = parser.parse_args(argv)
    return {"loo": loo, "ship": ship}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
