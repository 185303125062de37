"""The token matcher runs spaCy's Matcher only around each pattern's anchor, and must find
exactly what the Matcher finds over the whole Doc."""
from spacy.matcher import Matcher
from spacy.util import filter_spans

from pipeline.nlp import get_nlp
from pipeline.nlp.components import Anchor

TEXT = ("Protokoll fört vid styrelsens möte den 3 mars 2023 kl. 18.00–20.30 i Lund.\n"
        "§ 4 Styrelsen beslutade att godkänna budgeten. Årsmötet har i dag valt Eva Ek.\n"
        "Förslaget godkändes 2023-03-03. Ordförande blev Per Holm. Mötet har beslutat 12/4.\n"
        "Nästa möte 21 april kl 19.")


def whole_doc_spans(doc, patterns):
    matcher = Matcher(doc.vocab)
    for row in patterns:
        matcher.add(row["label"], [row["pattern"]])
    found = [doc[start:end] for key, start, end in matcher(doc)]
    for span, (key, _, _) in zip(found, matcher(doc)):
        span.label = key
    return {(s.start, s.end, s.label_) for s in filter_spans(found)}


def test_matching_around_anchors_finds_what_the_whole_doc_gives():
    nlp = get_nlp()
    doc = nlp(TEXT)
    component = nlp.get_pipe("minutes_matcher")
    got = {(s.start, s.end, s.label_) for s in doc.spans["minutes"]}
    assert got == whole_doc_spans(doc, component.patterns)
    assert {"DATE", "TIME", "DECIDING"} <= {label for _, _, label in got}


def test_a_pattern_of_unbounded_reach_has_no_anchor():
    vocab = get_nlp().vocab
    assert Anchor.of([{"LOWER": "kl"}, {"IS_DIGIT": True, "OP": "+"}], vocab, {}) is None


def test_a_pattern_of_conditions_not_read_from_arrays_has_no_anchor():
    vocab = get_nlp().vocab
    assert Anchor.of([{"IS_TITLE": True}, {"IS_PUNCT": True}], vocab, {}) is None


def test_the_anchor_is_the_rarer_required_token():
    nlp = get_nlp()
    doc = nlp("3 3 3 3 maj 3 3")
    from pipeline.nlp.components import Forms
    anchor = Anchor.of([{"TEXT": {"REGEX": r"^\d$"}}, {"LOWER": "maj"}], nlp.vocab, {})
    assert anchor.windows(Forms(doc, {})) == [(3, 5)]
