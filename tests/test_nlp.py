"""The shipped Swedish spaCy pipeline (models/sv_minutes) and its word lists."""
import socket
import time

import pytest
import spacy

from pipeline.nlp import mentions
from pipeline.nlp.names import swedish_words
from pipeline.nlp import MODEL_DIR, get_nlp, model_available
from pipeline.nlp.lexicon import is_swedish_surname, is_swedish_word, swedish_given_names

# Neither name is in the silver data, the templates' name lists or the documents.
UNSEEN = "Vid mötet redogjorde Ingvor Strömvall för budgeten."
EXPECTED = ["minutes_rules", "minutes_lemmatizer", "minutes_matcher", "ner", "minutes_gazetteer"]


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
    nlp = spacy.load(MODEL_DIR)
    assert time.perf_counter() - start < 5
    assert nlp.pipe_names == EXPECTED
    assert [e.text for e in nlp(UNSEEN).ents] == ["Ingvor Strömvall"]


def test_model_is_shipped_and_small():
    assert model_available()
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 6_000_000


def test_components_and_meta(nlp):
    assert nlp.lang == "sv"
    assert nlp.pipe_names == EXPECTED
    assert nlp.get_pipe("ner").labels == ("PER",)


def spans(doc, key="minutes"):
    return {(s.text, s.label_) for s in doc.spans[key]}


def test_role_heading_decision_and_date(nlp):
    doc = nlp("Närvarande: Anna Berg, ordförande. Beslut: Mötet beslöt den 30 november 2023 kl. 09.00–12.00 "
              "att godkänna dagordningen.")
    found = spans(doc)
    assert ("Närvarande", "HEADING") in found
    assert ("ordförande", "ROLE") in found
    assert ("Beslut", "DECISION") in found
    assert ("godkänna", "DECISION") in found  # by lemma: godkänna
    assert ("30 november 2023", "DATE") in found
    assert ("kl. 09.00–12.00", "TIME") in found


def test_iso_date_organisation_and_title(nlp):
    found = spans(nlp("Mötet 2023-11-30 med Region Halland och VGR leddes av verksamhetschefen."))
    assert ("2023-11-30", "DATE") in found
    assert ("Region Halland", "ORG") in found and ("VGR", "ORG") in found
    assert ("verksamhetschefen", "TITLE") in found


def test_lemmas_from_lookup_table(nlp):
    doc = nlp("Styrelsen beslutade att godkänna dagordningarna.")
    assert [t.lemma_ for t in doc][1:5] == ["besluta", "att", "godkänna", "dagordning"]


def test_ner_finds_a_person_it_never_saw(nlp):
    doc = nlp(UNSEEN)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ingvor Strömvall", "PER")]


def test_ner_leaves_capitalised_common_words(nlp):
    doc = nlp("Ordförande förklarade mötet öppnat. Beslut: Dagordning fastställdes.")
    assert list(doc.ents) == []


def test_gazetteer_spans(nlp):
    doc = nlp("Till justerare valdes Halvard Strömvall och Beslut Dagordning. Tjäder Berg")
    assert [s.text for s in doc.spans["persons"]] == ["Halvard Strömvall"]


def test_word_list_tells_words_from_names():
    for word in ("Ordförande", "Beslut", "Dagordning"):
        assert is_swedish_word(word) and word.casefold() in swedish_words()
    for name in ("Anna", "Erik", "Johansson", "Strömvall"):
        assert not is_swedish_word(name)
    assert "ingvor" not in swedish_given_names() and "anna" in swedish_given_names()
    assert is_swedish_surname("Johansson") and is_swedish_surname("Strömvall")
    assert not is_swedish_surname("Dagordning")


def test_mentions_modes_agree_on_a_plain_sentence():
    from pipeline.nlp.names import NameFinder
    from pipeline.records import Document, Line

    text = "Halvard Tjäder hälsade alla välkomna."
    doc = Document(id="x", path="x.txt", format="txt", pages=1, lines=[Line(index=0, text=text, end=len(text))])
    for mode in mentions.MODES:
        found = mentions.find_mentions(doc, NameFinder(), [], set(), mode=mode)
        assert [m.name for m in found] == ["Halvard Tjäder"], mode
