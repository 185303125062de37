"""Build the shipped Swedish pipeline: its word lists, its rule patterns, the pipeline itself.

Usage (from the repository root; `dvc repro` runs the same commands):
    .venv/bin/python scripts/build_nlp.py lexicon    # models/lexicon/ (needs hunspell-sv, hunspell-tools, faker)
    .venv/bin/python scripts/build_nlp.py patterns   # models/patterns/{dates,decision_verbs}.jsonl
    .venv/bin/python scripts/build_nlp.py assemble   # patterns, then models/sv_minutes from models/config.cfg

`assemble` fills the matcher from models/patterns/ and saves the pipeline; see models/README.md.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MODELS = REPO / "models"
LEXICON = MODELS / "lexicon"
PATTERNS = MODELS / "patterns"
CONFIG = MODELS / "config.cfg"
OUTPUT = MODELS / "sv_minutes"
HUNSPELL = Path("/usr/share/hunspell")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


# --- lexicon -----------------------------------------------------------------------------

def hunspell_forms(dic: Path, aff: Path) -> list[str]:
    """Given a hunspell dictionary, return every word form (affixes expanded by `unmunch`)."""
    if not shutil.which("unmunch"):
        sys.exit("unmunch not found: apt-get install -y hunspell-sv hunspell-tools")
    out = subprocess.run(["unmunch", str(dic), str(aff)], capture_output=True, check=True).stdout
    return [line.split("/")[0].strip() for line in out.decode("utf-8", "replace").splitlines()]


def lookup_forms() -> list[str]:
    """Every form and lemma in spacy-lookups-data's Swedish lemma table."""
    path = resources.files("spacy_lookups_data").joinpath("data/sv_lemma_lookup.json.gz")
    table = json.loads(gzip.decompress(path.read_bytes()))
    return list(table) + list(table.values())


def common_words(forms) -> list[str]:
    """Given word forms, return the lower-case ones (capitalised entries are proper nouns), casefolded."""
    return sorted({w.casefold() for w in forms if w[:1].islower() and WORD.fullmatch(w)})


def faker_names() -> tuple[list[str], list[str]]:
    """Faker's sv_SE given names and surnames."""
    try:
        from faker.providers.person.sv_SE import Provider
    except ImportError:
        sys.exit("faker not installed: .venv/bin/pip install -e '.[nlp]'")
    given = sorted(set(Provider.first_names_female) | set(Provider.first_names_male))
    return given, sorted(set(Provider.last_names))


def build_lexicon(dic: Path, aff: Path) -> None:
    LEXICON.mkdir(parents=True, exist_ok=True)
    words = common_words(hunspell_forms(dic, aff) + lookup_forms())
    data = ("\n".join(words) + "\n").encode("utf-8")
    (LEXICON / "sv_words.txt.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    given, last = faker_names()
    header = "# {} from Faker {} (faker/providers/person/sv_SE), MIT licence, (c) Daniele Faraglia and contributors\n"
    import faker
    (LEXICON / "given_names_sv.txt").write_text(header.format("Swedish given names", faker.VERSION)
                                                + "\n".join(given) + "\n", encoding="utf-8")
    (LEXICON / "surnames_sv.txt").write_text(header.format("Swedish surnames", faker.VERSION)
                                             + "\n".join(last) + "\n", encoding="utf-8")
    print(f"lexicon: {len(words)} word forms, {len(given)} given names, {len(last)} surnames")


# --- patterns ----------------------------------------------------------------------------

def month_patterns(vocab) -> list[dict]:
    """Given the month names, return Matcher patterns for written-out dates ("30 november 2023")."""
    months = sorted({m.casefold() for m in vocab.months} | {f"{m.casefold()}." for m in vocab.months if len(m) <= 4})
    day = {"TEXT": {"REGEX": r"^\d{1,2}(?::e|:a)?$"}}
    year = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
    return [{"label": "DATE", "pattern": [day, {"LOWER": {"IN": months}}, {**year, "OP": "?"}]},
            {"label": "DATE", "pattern": [{"LOWER": {"IN": months}}, year]}]


def deciding_patterns() -> list[dict]:
    """Matcher patterns for a deciding predicate (resources/sv/deciding_verbs.txt): a deciding
    verb in the passive (also "är godkänd"), finite or in the perfect with the meeting or a
    body as subject on either side, up to three words before it ("Mötet beslutar", "Stämman gick igenom och godkände",
    "beslutade årsmötet", "Styrelsen har beslutat"), or "bli" with a role ("blir kassör"), also
    with the role before it and the name after ("Val av revisor blev Ulrika Liikavainio")."""
    from pipeline.nlp.morphology import deciding_verbs

    verbs = deciding_verbs()
    passive = sorted(v for v, (forms, _) in verbs.items() if forms in ("all", "passive"))
    active = sorted(v for v, (forms, _) in verbs.items() if forms == "all")
    roles = sorted(v for v, (forms, _) in verbs.items() if forms == "role")
    body = {"ENT_TYPE": "BODY"}
    gap = {"IS_PUNCT": False, "LOWER": {"NOT_IN": ["att"]}, "OP": "?"}
    finite = {"LEMMA": {"IN": active}, "MORPH": {"IS_SUPERSET": ["VerbForm=Fin", "Voice=Act"]}}
    have = {"LEMMA": "ha", "MORPH": {"IS_SUPERSET": ["VerbForm=Fin"]}}
    be = {"LEMMA": {"IN": ["vara", "bli"]}, "MORPH": {"IS_SUPERSET": ["VerbForm=Fin"]}}
    supine = {"LEMMA": {"IN": active}, "MORPH": {"IS_SUPERSET": ["VerbForm=Sup"]}}
    participle = {"LEMMA": {"IN": passive}, "MORPH": {"IS_SUPERSET": ["VerbForm=Part"]}}
    participle_t = {"LEMMA": {"IN": passive}, "MORPH": {"IS_SUPERSET": ["VerbForm=Sup"]}}
    patterns = [[{"LEMMA": {"IN": passive}, "MORPH": {"IS_SUPERSET": ["Voice=Pass"]}}],
                [be, gap, participle], [be, gap, participle_t],
                [body, gap, gap, gap, finite], [finite, body], [body, have, gap, supine], [have, body, supine],
                [{"LEMMA": {"IN": roles}, "MORPH": {"IS_SUPERSET": ["VerbForm=Fin"]}}, {"ENT_TYPE": "ROLE"}],
                [{"ENT_TYPE": "ROLE"}, {"LEMMA": {"IN": roles}, "MORPH": {"IS_SUPERSET": ["VerbForm=Fin"]}},
                 {"IS_TITLE": True, "ENT_TYPE": {"NOT_IN": ["ROLE"]}}]]
    return [{"label": "DECIDING", "pattern": p} for p in patterns]


def build_patterns() -> None:
    from pipeline.nlp.vocab import load

    vocab = load()
    PATTERNS.mkdir(parents=True, exist_ok=True)
    write_jsonl(PATTERNS / "dates.jsonl", month_patterns(vocab) + read_jsonl(PATTERNS / "date_formats.jsonl"))
    write_jsonl(PATTERNS / "decision_verbs.jsonl", deciding_patterns())


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- assembly ----------------------------------------------------------------------------

def assemble(config_path: Path, output: Path, overrides: dict) -> None:
    """Given models/config.cfg, initialise the pipeline and save it."""
    from spacy import util

    import pipeline.nlp.components  # noqa: F401  (registers factories and readers)

    config = util.load_config(config_path, overrides=overrides, interpolate=True)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    init = util.registry.resolve(config["initialize"]["components"])
    for name, settings in init.items():
        nlp.get_pipe(name).initialize(lambda: [], nlp=nlp, **settings)
    nlp.meta.update({"name": "minutes", "version": "0.1.0", "license": "MIT (model), see models/README.md",
                     "description": "Swedish pipeline for meeting minutes: lookup lemmas, dates and deciding "
                                    "verbs, and the components that read items, decisions, attendance, "
                                    "metadata and mentions."})
    nlp.meta.pop("_sourced_vectors_hashes", None)  # Python's salted hash: would change every build
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    print(f"assembled {output}: {nlp.pipe_names}, {size / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lex = sub.add_parser("lexicon", help="build models/lexicon/")
    lex.add_argument("--dic", type=Path, default=HUNSPELL / "sv_SE.dic")
    lex.add_argument("--aff", type=Path, default=HUNSPELL / "sv_SE.aff")
    sub.add_parser("patterns", help="write models/patterns/ from pipeline/resources/sv")
    asm = sub.add_parser("assemble", help="write patterns, then assemble models/sv_minutes")
    asm.add_argument("--config", type=Path, default=CONFIG)
    asm.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.command == "lexicon":
        build_lexicon(args.dic, args.aff)
    elif args.command == "patterns":
        build_patterns()
    else:
        build_patterns()
        os.chdir(REPO)  # paths saved in the pipeline's config.cfg are relative to the repository
        assemble(args.config, args.output, {"paths.patterns": os.path.relpath(PATTERNS, REPO)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
