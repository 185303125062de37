"""The shipped Swedish spaCy pipeline (models/sv_minutes): loading, components, lemmas, patterns, word lists."""
import socket
import time

import pytest
import spacy

from pipeline.nlp import MODEL_DIR, get_nlp, model_available
from pipeline.nlp.lexicon import is_swedish_surname, is_swedish_word, swedish_given_names
from pipeline.nlp.names import swedish_words

EXPECTED = ["minutes_lemmatizer", "minutes_morphology", "minutes_matcher", "minutes_lines", "minutes_layout",
            "minutes_line_model", "minutes_items",
            "minutes_sections", "minutes_attendance", "minutes_decisions", "minutes_proceedings", "minutes_metadata", "minutes_mentions", "minutes_kind"]


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def test_loads_from_models_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    import pipeline.nlp.components  # noqa: F401  (factories registered before loading)

    start = time.perf_counter()
    loaded = spacy.load(MODEL_DIR)
    assert time.perf_counter() - start < 5
    assert loaded.pipe_names == EXPECTED


def test_model_is_shipped_and_small():
    assert model_available()
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 6_000_000


def test_deciding_verb_date_and_time_by_pattern(nlp):
    doc = nlp.get_pipe("minutes_matcher")(nlp.get_pipe("minutes_morphology")(nlp.get_pipe("minutes_lemmatizer")(nlp.make_doc(
        "Beslut: Mötet beslöt den 30 november 2023 kl. 09.00–12.00 att godkänna dagordningen."))))
    found = {(s.text, s.label_) for s in doc.spans["minutes"]}
    assert ("Mötet beslöt", "DECIDING") in found  # by lemma and morphology: besluta, finite, with the meeting as subject
    assert ("30 november 2023", "DATE") in found
    assert ("kl. 09.00–12.00", "TIME") in found


def test_lemmas_from_lookup_table(nlp):
    doc = nlp.get_pipe("minutes_lemmatizer")(nlp.make_doc("Styrelsen beslutade att godkänna dagordningarna."))
    assert [t.lemma_ for t in doc][1:5] == ["besluta", "att", "godkänna", "dagordning"]


def test_word_list_tells_words_from_names():
    for word in ("Ordförande", "Beslut", "Dagordning"):
        assert is_swedish_word(word) and word.casefold() in swedish_words()
    for name in ("Anna", "Erik", "Johansson", "Strömvall"):
        assert not is_swedish_word(name)
    assert "ingvor" not in swedish_given_names() and "anna" in swedish_given_names()
    assert is_swedish_surname("Johansson") and is_swedish_surname("Strömvall")
    assert not is_swedish_surname("Dagordning")


def test_shipped_patterns_agree_with_the_vocabulary():
    """A deciding verb or month added to pipeline/resources/sv reaches the pipeline only
    through `scripts/build_nlp.py assemble`; this fails until it is run."""
    import importlib.util
    import json

    from pipeline.nlp.vocab import load

    spec = importlib.util.spec_from_file_location("build_nlp", MODEL_DIR.parents[1] / "scripts" / "build_nlp.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    wanted = build.month_patterns(load()) + build.read_jsonl(build.PATTERNS / "date_formats.jsonl") \
        + build.deciding_patterns()
    shipped = [json.loads(line) for line in (MODEL_DIR / "minutes_matcher" / "patterns.jsonl").read_text().splitlines()]
    assert shipped == wanted
