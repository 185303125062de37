"""The Doc's tokens are spaCy's tokenizer's, though each chunk is tokenised once per process."""
import pytest

from pipeline.nlp import get_nlp
from pipeline.nlp.doc import tokenize


def tokens(doc):
    return [(t.text, t.norm_, t.whitespace_, t.idx) for t in doc]


@pytest.mark.parametrize("text", [
    "Protokoll 3 apr. 2023, kl. 18.00–20.30 (Lund).\n§ 4 Beslut: t.ex. bl.a. budgeten godkänns.",
    "  leading spaces\n\n two  spaces   and\ttabs\xa0and a no-break space \n",
    " \nstarts with a newline", "ends with a space ", "ends with a newline\n", "", " ", "\n",
    "Fattaru?  Apr. Apr. Apr.",
])
def test_tokenising_by_chunk_gives_what_spacys_tokenizer_gives(text):
    nlp = get_nlp()
    assert tokens(tokenize(nlp, text)) == tokens(nlp.tokenizer(text))


def test_a_chunk_seen_before_is_tokenised_as_the_first_time():
    nlp = get_nlp()
    text = "Apr. 2023: mötet (§ 5) beslöt.\n" * 3
    first, again = tokenize(nlp, text), tokenize(nlp, text)
    assert tokens(first) == tokens(again) == tokens(nlp.tokenizer(text))
    assert [t.norm_ for t in again if t.text == "Apr."] == ["April"] * 3   # spaCy's Swedish exception for "Apr."


def test_a_doc_the_pipeline_ran_over_holds_no_tokens_and_can_be_copied():
    nlp = get_nlp()
    doc = nlp("1. Budget\nMötet beslutade att godkänna budgeten.\nNärvarande: Anna Berg, Per Holm")
    assert doc.copy().text == doc.text
