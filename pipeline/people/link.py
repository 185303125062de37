"""Link every name of one `Minutes` to the person registry.

`link_minutes(minutes, registry, params)` is a pure function: it returns a copy whose
attendees, officials (chair, secretary, adjusters), item presenters and mentions carry a
`PersonLink` (person id or None, score, method, and the candidates when unsure); so do the
movers, voters, reservers and recused members of municipal protokoll. Attendees are linked
first; they are the context for everything else in the same meeting:

- exact / alias: the spelling (case, accents, hyphen spacing aside) is a registry name;
- fuzzy: a close spelling that beats every other person by the margin;
- context: a close spelling that only wins because that person attends this meeting, or
  works where the list says (organisation), or an exact name shared by several persons
  of whom one attends;
- first-name-in-meeting: a bare first name in the text ("Ingemar lyfter ...") that is the
  first name of exactly one attendee.

A name whose candidates are too close to call, or too weak, is not guessed: it stays
unlinked with its candidates, and the load stage writes it to the review table.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..records import LinkCandidate, Minutes, Official, PersonLink
from .index import Hit
from .normalize import fold, name_key
from .params import PeopleParams
from .registry import Registry

ORG_STOPWORDS = frozenset({"och", "for", "med", "samt", "till", "inom", "avd", "chef"})


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _org_words(text: str | None) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", fold(text or "")) if len(w) >= 3 and w not in ORG_STOPWORDS}


@dataclass
class MeetingContext:
    """What the meeting says about who is likely meant."""

    date: dt.date | None = None
    attendees: frozenset[str] = frozenset()  # person ids linked from the attendance lists


class Linker:
    """Links names against one registry with one set of thresholds."""

    def __init__(self, registry: Registry, params: PeopleParams):
        self.registry = registry
        self.params = params
        self.index = registry.index()

    def link(self, name: str, context: MeetingContext | None = None, affiliation: str | None = None,
             party: str | None = None) -> PersonLink:
        """Given a name, return its link (or an unlinked record with candidates); the party
        printed beside it ("(S)") favours a person of that party on the meeting's date."""
        context = context or MeetingContext()
        key = name_key(name)
        if len(key) < 2:
            return PersonLink()
        exact = self._valid(self.index.lookup(key), context)
        if len(exact) == 1:
            return PersonLink(person_id=exact[0].person_id, score=exact[0].score, method=exact[0].method)
        if len(exact) > 1:
            return self._choose_by_context(exact, context, affiliation, party)
        p = self.params
        slack = p.meeting_boost + p.organisation_boost + p.party_boost
        hits = self._valid(self.index.search(key, p.surname_min, max(p.review_threshold - slack, 0.0),
                                             enough=p.link_threshold), context)
        if not hits:
            return PersonLink()
        boosted = sorted(((min(h.score + self._boost(h, context, affiliation, party), 100.0), h) for h in hits),
                         key=lambda t: (-t[0], t[1].person_id))
        best_score, best = boosted[0]
        second = boosted[1][0] if len(boosted) > 1 else None
        if best_score >= p.link_threshold and (second is None or best_score - second >= p.margin):
            plain_ok = best.score >= p.link_threshold and (len(hits) == 1 or best.score - hits[1].score >= p.margin
                                                           and hits[0].person_id == best.person_id)
            return PersonLink(person_id=best.person_id, score=round(best_score, 1),
                              method="fuzzy" if plain_ok else "context")
        candidates = [LinkCandidate(person_id=h.person_id, name=self._canonical(h), score=round(s, 1))
                      for s, h in boosted if s >= p.review_threshold][:p.max_candidates]
        return PersonLink(score=round(best_score, 1) if candidates else 0.0, candidates=candidates)

    def _choose_by_context(self, hits: list[Hit], context: MeetingContext, affiliation: str | None,
                           party: str | None = None) -> PersonLink:
        """Several persons share this exact spelling: take the one the meeting points to."""
        scored = [(self._boost(h, context, affiliation, party), h) for h in hits]
        top = max(s for s, _ in scored)
        winners = [h for s, h in scored if s == top]
        if top > 0 and len(winners) == 1:
            return PersonLink(person_id=winners[0].person_id, score=winners[0].score, method="context")
        return PersonLink(score=hits[0].score, candidates=[
            LinkCandidate(person_id=h.person_id, name=self._canonical(h), score=h.score)
            for h in hits[:self.params.max_candidates]])

    def _boost(self, hit: Hit, context: MeetingContext, affiliation: str | None, party: str | None = None) -> float:
        boost = self.params.meeting_boost if hit.person_id in context.attendees else 0.0
        entry = self.registry.get(hit.person_id)
        if (affiliation and entry
                and _org_words(affiliation) & _org_words(f"{entry.organisation or ''} {entry.title or ''}")):
            boost += self.params.organisation_boost
        if party and entry and party in entry.party_on(context.date):
            boost += self.params.party_boost
        return boost

    def _valid(self, hits: list[Hit], context: MeetingContext) -> list[Hit]:
        if context.date is None:
            return hits
        return [h for h in hits if (e := self.registry.get(h.person_id)) is None or e.valid_on(context.date)]

    def _canonical(self, hit: Hit) -> str:
        entry = self.registry.get(hit.person_id)
        return entry.name if entry else hit.name


def _first_name_link(name: str, attendees: dict[str, PersonLink]) -> PersonLink | None:
    """A one-word name that is the first name of exactly one attendee takes their link."""
    first = fold(name).split(" ")[0] if name else ""
    if not first or " " in fold(name):
        return None
    matches = {n: link for n, link in attendees.items() if fold(n).split(" ")[0] == first}
    if len(matches) != 1:
        return None
    link = next(iter(matches.values()))
    return link.model_copy(update={"method": "first-name-in-meeting"}) if link.person_id else link


def link_minutes(minutes: Minutes, registry: Registry, params: PeopleParams) -> Minutes:
    """Given extracted minutes, return them with every attendee, official, presenter and
    mention linked to the registry (or left unlinked with candidates for review)."""
    linker = Linker(registry, params)
    context = MeetingContext(date=_date(minutes.meeting.meeting_date))
    attendance = [a.model_copy(update={"link": linker.link(a.name, context, a.affiliation, a.party)})
                  for a in minutes.attendance]
    by_name = {a.name: a.link for a in attendance if a.link is not None}   # all of them
    context.attendees = frozenset(a.link.person_id for a in attendance if a.link is not None and a.link.person_id)

    def link_name(name: str, party: str | None = None) -> PersonLink:
        if name in by_name and by_name[name].person_id:
            return by_name[name]
        return _first_name_link(name, by_name) or linker.link(name, context, party=party)

    m = minutes.meeting
    roles = [("chair", m.chair), ("secretary", m.secretary)] + [("adjuster", a) for a in m.adjusters]
    officials = [Official(role=role, name=name, link=link_name(name)) for role, name in roles if name]
    items = [item.model_copy(update={"presenter_links": [link_name(p) for p in item.presenters]})
             for item in minutes.items]
    mentions = []
    for mention in minutes.mentions:
        if " " not in mention.surface.strip() and mention.name in by_name:
            link = by_name[mention.name]   # a bare first name resolved to this attendee
            if link.person_id:
                link = link.model_copy(update={"method": "first-name-in-meeting"})
        else:
            link = link_name(mention.name)
        mentions.append(mention.model_copy(update={"link": link}))
    def linked(rows):
        return [r.model_copy(update={"link": link_name(r.person_name, r.party)}) if r.person_name else r
                for r in rows]

    return minutes.model_copy(update={"attendance": attendance, "officials": officials, "items": items,
                                      "mentions": mentions, "motions": linked(minutes.motions),
                                      "ballots": linked(minutes.ballots),
                                      "reservations": linked(minutes.reservations),
                                      "recusals": linked(minutes.recusals)})
