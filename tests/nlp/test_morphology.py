"""Verb forms read from their ending against the lemma."""
import pytest

from pipeline.nlp.morphology import verb_morph


@pytest.mark.parametrize("form, lemma, morph", [
    ("godkändes", "godkänna", "VerbForm=Fin|Voice=Pass|Tense=Past"),
    ("godkänns", "godkänna", "VerbForm=Fin|Voice=Pass|Tense=Pres"),
    ("beslöts", "besluta", "VerbForm=Fin|Voice=Pass|Tense=Past"),
    ("utses", "utse", "VerbForm=Fin|Voice=Pass|Tense=Pres"),
    ("beslutar", "besluta", "VerbForm=Fin|Voice=Act|Tense=Pres"),
    ("beslutade", "besluta", "VerbForm=Fin|Voice=Act|Tense=Past"),
    ("beslöt", "besluta", "VerbForm=Fin|Voice=Act|Tense=Past"),
    ("antog", "anta", "VerbForm=Fin|Voice=Act|Tense=Past"),
    ("beslutat", "besluta", "VerbForm=Sup"),
    ("fastställd", "fastställa", "VerbForm=Part"),
    ("antagna", "anta", "VerbForm=Part"),
    ("enades", "enas", "VerbForm=Fin|Voice=Act|Tense=Past"),
])
def test_the_ending_tells_the_form(form, lemma, morph):
    assert verb_morph(form, lemma) == morph


def test_the_bare_stem_is_no_verb_form():
    assert verb_morph("beslut", "besluta") is None


def test_the_infinitive_is_the_lemma():
    assert verb_morph("godkänna", "godkänna") == "VerbForm=Inf"
