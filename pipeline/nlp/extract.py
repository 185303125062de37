"""One `Document` in, one `Minutes` out: the shipped spaCy pipeline run over the document's
Doc, and the records read back from it.

The pipeline (`models/sv_minutes`, assembled from `models/config.cfg`) runs its components
in order on one Doc: lemmas, then `minutes_lines` (what each line is), `minutes_layout`
(meetings, appendices), `minutes_items`, `minutes_attendance`, `minutes_decisions`,
`minutes_metadata`, `minutes_mentions` and `minutes_kind`. Each writes its findings into
the Doc; `minutes_from_doc` only collects them. A cumulative file (several meetings one
after another) gives one record whose rows say which meeting they belong to.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import Ballot, Decision, Document, Meeting, Minutes, Motion, Recusal, Reservation, Votes
from . import doc as docs
from . import get_nlp


def extract(document: Document, nlp=None) -> Minutes:
    """Extract items, decisions, attendance, metadata and mentions from one document."""
    nlp = nlp or get_nlp()
    doc = nlp(docs.make_doc(nlp, document))
    return minutes_from_doc(doc)


def minutes_from_doc(doc: Doc) -> Minutes:
    """Given a Doc the pipeline has run over, return its `Minutes` record."""
    source: Document = doc._.source
    name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
    kinds = docs.payloads(doc, "kinds")
    meetings = doc._.meeting or []
    kept = [k for k, kind in enumerate(kinds) if kind == "minutes"]
    mentions = docs.payloads(doc, "mentions")
    if not kept:
        return Minutes(document_id=source.id, file=name, kind="other", meeting=Meeting(),
                       mentions=[m.model_copy(update={"meeting": 0}) for m in mentions])
    renumber = {old: new for new, old in enumerate(kept)}

    def rows(group: str) -> list:
        out = []
        for row in docs.payloads(doc, group):
            row = row[0] if isinstance(row, tuple) else row
            if row.meeting in renumber:
                out.append(row.model_copy(update={"meeting": renumber[row.meeting]})
                           if renumber[row.meeting] != row.meeting else row)
        return out

    proceedings = [r for r in rows("proceedings")]
    ballots = [r for r in proceedings if isinstance(r, Ballot)]
    return Minutes(document_id=source.id, file=name, kind="minutes", meeting=meetings[kept[0]],
                   later_meetings=[meetings[k] for k in kept[1:]],
                   attendance=rows("attendance"), items=rows("items"),
                   decisions=with_roll_calls(rows("decisions"), ballots), mentions=rows("mentions"),
                   motions=[r for r in proceedings if isinstance(r, Motion)], ballots=ballots,
                   reservations=[r for r in proceedings if isinstance(r, Reservation)],
                   recusals=[r for r in proceedings if isinstance(r, Recusal)])


def with_roll_calls(decisions: list[Decision], ballots: list[Ballot]) -> list[Decision]:
    """A decision taken by roll call carries the counted totals where its text or its vote
    part gave none ("8 ja-röster mot 7 nej-röster" says nothing of those who abstained)."""
    out = []
    for d in decisions:
        cast = [b.vote for b in ballots if b.decision == d.id]
        if cast:
            stated = d.votes or Votes()
            d = d.model_copy(update={"votes": Votes(
                yes=stated.yes if stated.yes is not None else cast.count("ja"),
                no=stated.no if stated.no is not None else cast.count("nej"),
                abstained=stated.abstained if stated.abstained is not None else cast.count("avstår"),
                eligible=stated.eligible)})
        out.append(d)
    return out
