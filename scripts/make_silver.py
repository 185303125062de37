"""Derive silver NER training data (PER) from the project's own extraction and templates.

Usage: .venv/bin/python scripts/make_silver.py   (dvc.yaml stage `silver`; params under `ner:`)

1. Every seed (../shared/seeds/*.txt, tests/fixtures/seeds) and real document
   (../shared/realdocs) is read with `pipeline.ingest.ingest` and `pipeline.nlp.extract.extract`.
   The people it finds (attendance, chair, secretary, adjusters, rule-found mentions) are
   located in the document's lines; a full name, or a first name only one of them has, is
   a PER span. A line where a capitalised given name stays unlabelled is dropped, so a name
   the extraction missed is never taught as "not a name".
2. Sentences from models/silver_templates.txt are filled with names from the lexicon
   (Faker's sv_SE lists, gender-guesser's Swedish given names) and from the documents.
The gold annotations (../shared/gold, tests/gold) are never read. Writes data/silver/
train.spacy, dev.spacy and stats.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
import yaml  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from pipeline.nlp.extract import extract  # noqa: E402
from pipeline.ingest import IngestError, ingest  # noqa: E402
from pipeline.nlp.names import given_names, swedish_words  # noqa: E402
from pipeline.nlp.lexicon import _lines, GIVEN_FILE, SURNAMES_FILE, swedish_given_names  # noqa: E402

SHARED = REPO.parent / "shared"
SOURCES = [(SHARED / "seeds", "*.txt"), (REPO / "tests" / "fixtures" / "seeds", "*.*"),
           (SHARED / "realdocs", "*.pdf"), (SHARED / "realdocs", "*.docx")]
TEMPLATES = REPO / "models" / "silver_templates.txt"
OUT = REPO / "data" / "silver"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
NICKNAME = r"(?:\s+[“”\"'’‘][^“”\"'’‘\n]{1,20}[“”\"'’‘])?"
DEFAULTS = {"seed": 0, "template_sentences": 3000, "negative_ratio": 3.0, "dev_percent": 15,
            "document_name_share": 0.3}


def params() -> dict:
    data = yaml.safe_load((REPO / "params.yaml").read_text()) or {}
    return {**DEFAULTS, **{k: v for k, v in (data.get("ner") or {}).items() if k in DEFAULTS}}


# --- names found by the extraction, located in the document's lines -----------------------

def document_people(minutes) -> tuple[set[str], set[str]]:
    """Given extracted Minutes, return (full names it is sure of, names it is not sure of).

    Sure: attendees, officials, and rule-found mentions opening with a Swedish given name
    or an attendee's first name; other rule-found mentions are unsure (lines holding them
    are dropped).
    """
    m = minutes.meeting
    found = {a.name for a in minutes.attendance} | set(m.adjusters) | {n for n in (m.chair, m.secretary) if n}
    firsts = {n.split()[0] for n in found}
    mentioned = {p.name for p in minutes.mentions}
    found |= {n for n in mentioned if n.split()[0] in firsts or n.split()[0].casefold() in swedish_given_names()}
    sure = {n for n in found if len(n.split()) >= 2}
    return sure, {n for n in mentioned - sure if len(n.split()) >= 2}


def name_regex(name: str) -> re.Pattern:
    """Given a full name, return a regex for it in text (flexible spacing, a quoted nickname)."""
    parts = [re.escape(p).replace(r"\-", r"\s*[-‐–]\s*") for p in name.split()]
    return re.compile(r"(?<![\w-])" + (NICKNAME + r"\s+").join(parts) + r"(?![\w-])")


def label_line(text: str, full: list[re.Pattern], firsts: set[str],
               unsure: list[re.Pattern] = ()) -> list[tuple[int, int]] | None:
    """Given a line, return PER character spans, or None when it may hold an unlabelled name."""
    if any(rx.search(text) for rx in unsure):
        return None
    spans: list[tuple[int, int]] = []
    for rx in full:
        for m in rx.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    for m in WORD.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        word = m.group(0)
        if not (word[:1].isupper() and word[1:2].islower()):
            continue
        low = word.casefold()
        if word in firsts:
            spans.append((m.start(), m.end()))
        elif low in swedish_given_names() or (low in given_names() and low not in swedish_words()):
            return None
    return sorted(spans)


def document_examples(nlp, paths: list[Path]) -> tuple[list, list, set[str]]:
    """Given source files, return (positive, negative) (text, spans) lines and the names found."""
    pos, neg, seen, all_names = [], [], set(), set()
    for path in paths:
        try:
            minutes = extract(doc := ingest(path))
        except IngestError:
            continue
        people, unsure = document_people(minutes)
        all_names |= people
        unsure_rx = [name_regex(n) for n in sorted(unsure)]
        by_first: dict[str, set[str]] = {}
        for n in people:
            by_first.setdefault(n.split()[0], set()).add(n)
        firsts = {f for f, full in by_first.items() if len(full) == 1}
        regexes = [name_regex(n) for n in sorted(people, key=len, reverse=True)]
        for line in doc.lines:
            text = re.sub(r"\s+", " ", line.text).strip()
            if text in seen or not 2 <= len(WORD.findall(text)) <= 60:
                continue
            seen.add(text)
            spans = label_line(text, regexes, firsts, unsure_rx)
            if spans is None:
                continue
            (pos if spans else neg).append((text, spans))
    return pos, neg, all_names


# --- template sentences -------------------------------------------------------------------

def read_templates() -> tuple[list[str], dict[str, list[str]]]:
    templates, pools = [], {}
    for raw in TEMPLATES.read_text(encoding="utf-8").splitlines():
        if raw.startswith("@"):
            key, values = raw[1:].split(" ", 1)
            pools[key] = values.split("|")
        elif raw.strip() and not raw.startswith("#"):
            templates.append(raw.strip())
    return templates, pools


def make_name(rng: random.Random, given: list[str], last: list[str], doc_names: list[str], share: float) -> str:
    """A random full name: lexicon names in the shapes minutes use, or a name from the documents."""
    if doc_names and rng.random() < share:
        return rng.choice(doc_names)
    first, surname = rng.choice(given), rng.choice(last)
    shape = rng.random()
    if shape < 0.08:
        first = f"{first}-{rng.choice(given)}"
    elif shape < 0.14:
        first = f"{first} {rng.choice(given)}"
    elif shape < 0.22:
        surname = f"{surname} {rng.choice(last)}"
    elif shape < 0.24:
        surname = f"{rng.choice(['von', 'af', 'de'])} {surname}"
    elif shape < 0.27:
        surname = f"{surname}-{rng.choice(last)}"
    return f"{first} {surname}"


def capitalisable_words(names: set[str]) -> list[str]:
    """Swedish common words of 4-12 letters that are not names, for capitalised non-name phrases."""
    folded = {n.casefold() for n in names} | given_names()
    return sorted(w for w in swedish_words() if 4 <= len(w) <= 12 and w.isalpha() and w not in folded)[::50]


def template_examples(rng: random.Random, n: int, doc_names: list[str], share: float) -> list:
    templates, pools = read_templates()
    given = sorted({g for g in _lines(GIVEN_FILE) if WORD.fullmatch(g)})
    last = sorted({s for s in _lines(SURNAMES_FILE) if WORD.fullmatch(s)})
    words = capitalisable_words(set(given) | set(last))
    out = []
    for _ in range(n):
        template = rng.choice(templates)
        text, spans, pos = "", [], 0
        for m in re.finditer(r"\{(PER|FIRST|TITLE|ORG|CAPS)\}", template):
            text += template[pos:m.start()]
            key = m.group(1)
            if key == "PER":
                value = make_name(rng, given, last, doc_names, share)
            elif key == "FIRST":
                value = rng.choice(given) if rng.random() > 0.08 else f"{rng.choice(given)}-{rng.choice(given)}"
            elif key == "CAPS":
                value = " ".join(rng.choice(words).capitalize() for _ in range(rng.choice((2, 2, 3))))
            else:
                value = rng.choice(pools[key])
            if key in ("PER", "FIRST"):
                spans.append((len(text), len(text) + len(value)))
            text += value
            pos = m.end()
        out.append((text + template[pos:], spans))
    return out


# --- output -------------------------------------------------------------------------------

def to_doc(nlp, text: str, spans: list[tuple[int, int]]):
    doc = nlp.make_doc(text)
    ents = [doc.char_span(s, e, label="PER", alignment_mode="strict") for s, e in spans]
    if any(e is None for e in ents):
        return None
    doc.ents = ents
    return doc


def is_dev(text: str, percent: int) -> bool:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 100 < percent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default data/silver)")
    parser.add_argument("--no-realdocs", action="store_true",
                        help="seeds and templates only (to measure the NER on real documents it never saw)")
    args = parser.parse_args(argv)
    p = params()
    rng = random.Random(p["seed"])
    nlp = spacy.blank("sv")
    sources = [s for s in SOURCES if not (args.no_realdocs and s[0].name == "realdocs")]
    paths = sorted({f for folder, pattern in sources for f in folder.glob(pattern)})
    pos, neg, doc_names = document_examples(nlp, paths)
    rng.shuffle(neg)
    neg = neg[:int(len(pos) * p["negative_ratio"])]
    templ = template_examples(rng, p["template_sentences"], sorted(doc_names), p["document_name_share"])
    train, dev = DocBin(), DocBin()
    counts = {"document_lines_with_names": len(pos), "document_lines_without": len(neg),
              "template_sentences": len(templ), "documents": len(paths), "names_from_documents": len(doc_names),
              "train": 0, "dev": 0, "dropped_misaligned": 0}
    for text, spans in pos + neg + templ:
        doc = to_doc(nlp, text, spans)
        if doc is None:
            counts["dropped_misaligned"] += 1
            continue
        split = "dev" if is_dev(text, p["dev_percent"]) else "train"
        (dev if split == "dev" else train).add(doc)
        counts[split] += 1
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    (args.out / "stats.json").write_text(json.dumps(counts, indent=2) + "\n")
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":  # DocBin keeps strings in a set: fix their order
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    sys.exit(main())
