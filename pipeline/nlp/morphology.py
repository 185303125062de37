"""Swedish verb morphology for the verbs that decide: the `minutes_morphology` component.

No trained Swedish tagger can be installed here, so the form of a verb is read from its
ending against its lemma (which the lookup lemmatiser gives): the s-passive ("beslutades",
"godkänns", "valdes"), a finite present ("beslutar") or past ("beslutade", strong "beslöt"),
the supine ("beslutat") and the participle ("fastställd", "antagen"). It is done for the
deciding verbs and the auxiliaries only (`resources/sv/deciding_verbs.txt`), where a
lemma's ending is reliable; the morphology lands in `token.morph`, so Matcher patterns can
ask for "Voice=Pass" or "VerbForm=Fin" as with any spaCy pipeline.

It also tells who decides: the meeting or a body ("mötet", "årsmötet", "styrelsen",
"utbildningsnämnden", an acronym such as "LGS") and "vi" become BODY entities, a role someone
is elected to ("kassör", "webbansvarig") a ROLE entity, in `doc.ents` (the pipeline has no
NER to share them with), so Matcher patterns ask `ENT_TYPE` natively; `token._.body` and
`token._.role` read the same.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..settings import SETTINGS
from .vocab import rows, words

AUXILIARIES = ("ha", "vara", "bli")
ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,6}")
BODY, ROLE = "BODY", "ROLE"
PAST_ENDINGS = ("de", "te")
PARTICIPLE_ENDINGS = ("d", "da", "dd", "dda", "tt", "ta", "en", "et", "na")
# strong pasts ending in t ("beslöt", "sköt", "lät"); supines end "-at", "-it", "-nt", "-tt" ...
STRONG_PAST_T = ("öt", "ät")


@lru_cache(maxsize=1)
def deciding_verbs() -> dict[str, tuple[str, tuple[str, ...]]]:
    """lemma -> (forms that decide: "all" or "passive", words the clause must also hold)."""
    out = {}
    for row in rows("deciding_verbs.txt"):
        needs = tuple(w.casefold() for w in row[2].split("|")) if len(row) > 2 and row[2] else ()
        out[row[0]] = (row[1], needs)
    return out


@lru_cache(maxsize=1)
def subjects() -> tuple[frozenset[str], tuple[str, ...]]:
    """The deciding subjects: whole words, and endings a compound may have."""
    listed = words("deciding_subjects.txt")
    return frozenset(listed), tuple(w for w in listed if len(w) > 3)


@lru_cache(maxsize=1)
def role_words() -> tuple[str, ...]:
    """Roles people are elected to (`election_roles.txt`), one word each, casefolded."""
    return tuple(w.casefold() for w in words("election_roles.txt") if " " not in w)


def role_word(text: str) -> bool:
    """True for a role someone is elected to, also as the end of a compound ("webbansvarig")."""
    return text.lower().endswith(role_words())


def body_word(text: str) -> bool:
    """True for a word naming who decides in minutes: the meeting, a body, "vi"."""
    whole, endings = subjects()
    low = text.lower()
    return low in whole or low.endswith(endings) or bool(ACRONYM.fullmatch(text))


def verb_morph(form: str, lemma: str) -> str | None:
    """The morphology of a verb form given its lemma, in Universal Dependencies features,
    or None when the form is the bare stem (a noun or imperative: "beslut")."""
    f, lemma = form.casefold(), lemma.casefold()
    if f == lemma:
        return "VerbForm=Inf" if not lemma.endswith("s") else "VerbForm=Fin|Voice=Act"
    if lemma.startswith(f):
        return None                                   # "beslut", "godkänn": stem, not a verb form
    if f.endswith("s") and not lemma.endswith("s"):
        base = f[:-1]
        past = base.endswith(PAST_ENDINGS) or not (lemma.startswith(base) or base.endswith("e") or base == lemma)
        return f"VerbForm=Fin|Voice=Pass|Tense={'Past' if past else 'Pres'}"
    if lemma.endswith("s"):                           # deponent ("enades", "enats")
        return "VerbForm=Sup" if f.endswith("ts") else "VerbForm=Fin|Voice=Act|Tense=Past"
    if f.endswith("r"):
        return "VerbForm=Fin|Voice=Act|Tense=Pres"
    if f.endswith(PAST_ENDINGS):
        return "VerbForm=Fin|Voice=Act|Tense=Past"
    if f.endswith("t") and not f.endswith(STRONG_PAST_T):
        return "VerbForm=Sup"
    if f.endswith(PARTICIPLE_ENDINGS):
        return "VerbForm=Part"
    return "VerbForm=Fin|Voice=Act|Tense=Past"      # strong past: "beslöt", "antog", "utsåg"


@Language.factory("minutes_morphology", assigns=["token.morph", "doc.ents"], requires=["token.lemma"])
def make_morphology(nlp: Language, name: str) -> Morphology:
    return Morphology()


class Morphology:
    """Given a lemmatised Doc, set `token.morph` on the forms of deciding verbs and auxiliaries."""

    def __init__(self) -> None:
        self.lemmas = frozenset(deciding_verbs()) | frozenset(AUXILIARIES)
        self._forms: dict[tuple[int, int], tuple[str | None, str | None]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.ents = []
            return doc
        table = doc.to_array(["ORTH", "LEMMA"])
        _, first, where = numpy.unique(table[:, 0], return_index=True, return_inverse=True)
        found = [self.of(form, lemma, doc.vocab.strings) for form, lemma in table[first].tolist()]
        marked = []
        for i, k in enumerate(where.tolist()):
            morph, entity = found[k]
            if morph:
                doc[i].set_morph(morph)   # type: ignore[attr-defined]  # in token.pyx, missing from spaCy's token.pyi
            if entity:
                marked.append(Span(doc, i, i + 1, label=entity))
        doc.ents = marked
        return doc

    def of(self, form: int, lemma: int, strings) -> tuple[str | None, str | None]:
        """A form's verb morphology and entity label (BODY, ROLE or None), worked out once
        per form and process."""
        key = (form, lemma)
        known = self._forms.get(key)
        if known is None:
            if len(self._forms) >= SETTINGS.doc.form_cache:
                self._forms.clear()
            text, lemma_text = strings[form], strings[lemma]
            morph = verb_morph(text, lemma_text) if lemma_text in self.lemmas else None
            entity = BODY if body_word(text) else ROLE if role_word(text) else None
            known = self._forms[key] = (morph, entity)
        return known


if not Token.has_extension("body"):
    Token.set_extension("body", getter=lambda token: token.ent_type_ == BODY)
if not Token.has_extension("role"):
    Token.set_extension("role", getter=lambda token: token.ent_type_ == ROLE)
