"""Propose a registry from the names the minutes list.

Given every sighting of a name in an attendance list or a signature (chair, secretary,
adjuster), return a registry with one person per human as far as spelling shows: names
are taken most frequent and fullest first, and each is linked against the persons made so
far with the same blocking index and thresholds as the link stage (so no pair of names is
compared unless they share a block). A name that links becomes an alias; one that only
comes close becomes a new person whose note names the near miss, for the reviewer.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..nlp.names import given_names, normalize_name
from .link import Linker
from .normalize import fold, name_key, particles
from .params import PeopleParams
from .registry import Membership, Registry


@dataclass(frozen=True)
class Sighting:
    """One name in one place: attendance row, signature, presenter or mention."""

    name: str
    source: str
    affiliation: str | None = None
    body: str | None = None
    meeting_date: dt.date | None = None
    party: str | None = None


@dataclass
class _Group:
    name: str
    count: int = 0
    listed: bool = False
    affiliations: Counter = field(default_factory=Counter)
    bodies: Counter = field(default_factory=Counter)
    dates: list[dt.date] = field(default_factory=list)
    parties: list[tuple[dt.date | None, str]] = field(default_factory=list)


@dataclass
class BootstrapReport:
    """What the bootstrap did: persons proposed, names merged into them, names skipped."""

    persons: int = 0
    new_persons: int = 0
    aliases: list[tuple[str, str, float]] = field(default_factory=list)   # (alias, person_id, score)
    near_misses: list[tuple[str, str, float]] = field(default_factory=list)  # (name, other id, score)
    skipped: list[str] = field(default_factory=list)


def looks_like_person(name: str, listed: bool) -> bool:
    """Two or more capitalised words (particles aside), not initials; a name seen only
    outside attendance lists must also open with a known given name, which rules out a
    signature line such as "Västra Götalandsregionen"."""
    key = name_key(name)
    words = [w for w in name.split() if w not in particles()]
    if len(key) < 2 or key.is_initial or not all(w[:1].isupper() for w in words):
        return False
    return listed or known_given_name(name)


def known_given_name(name: str) -> bool:
    """True when the name opens with a given name of the name dictionary."""
    first = name.split()[0].split("-")[0].casefold() if name.split() else ""
    return first in given_names() or fold(first) in given_names()


def _groups(sightings: list[Sighting]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    spellings: dict[str, Counter] = {}
    for s in sightings:
        name = normalize_name(s.name)
        key = name_key(name).exact
        g = groups.setdefault(key, _Group(name))
        spellings.setdefault(key, Counter())[name] += 1
        g.count += 1
        g.listed = g.listed or s.source == "attendance"
        if s.affiliation and not (s.party and s.affiliation.startswith(s.party)):
            g.affiliations[s.affiliation] += 1      # a member's "(S)" is their party, not an organisation
        if s.body:
            g.bodies[s.body] += 1
        if s.meeting_date:
            g.dates.append(s.meeting_date)
        if s.party:
            g.parties.append((s.meeting_date, s.party))
    for key, g in groups.items():
        g.name = spellings[key].most_common(1)[0][0]
    return sorted(groups.values(), key=lambda g: (-g.count, -len(name_key(g.name)), -len(g.name), g.name))


def memberships(seen: list[tuple[dt.date | None, str]]) -> list[Membership]:
    """A person's parties from the party tags beside their name, in date order: one party
    throughout gives an open membership; a change of party closes the earlier one the day
    before the first sighting under the next, so linking by party stays right on both sides
    of the change."""
    dated = sorted((d, p) for d, p in seen if d is not None)
    if not dated:
        parties = Counter(p for _, p in seen)
        return [Membership(party=parties.most_common(1)[0][0])] if parties else []
    runs: list[list] = []
    for date, party in dated:
        if runs and runs[-1][0] == party:
            runs[-1][2] = date
        else:
            runs.append([party, date, date])
    if len(runs) == 1:
        return [Membership(party=runs[0][0])]
    return [Membership(party=party, valid_from=start if k else None,
                       valid_to=runs[k + 1][1] - dt.timedelta(days=1) if k < len(runs) - 1 else None)
            for k, (party, start, _) in enumerate(runs)]


def _note(g: _Group) -> str:
    where = ", ".join(b for b, _ in g.bodies.most_common(3))
    span = f"{min(g.dates)}..{max(g.dates)}" if g.dates else "undated"
    return f"seen {g.count}x" + (f" in {where}" if where else "") + f", {span}"


def bootstrap(sightings: list[Sighting], params: PeopleParams | None = None,
              registry: Registry | None = None) -> tuple[Registry, BootstrapReport]:
    """Given sightings (and optionally a registry to extend), return the proposed registry
    and a report. Existing persons keep their ids; names they already cover are skipped."""
    params = params or PeopleParams()
    registry = registry if registry is not None else Registry()
    before = len(registry)
    linker = Linker(registry, params)
    report = BootstrapReport()
    for g in _groups(sightings):
        if not looks_like_person(g.name, g.listed):
            report.skipped.append(g.name)
            continue
        link = linker.link(g.name)
        if link.person_id:
            if link.method not in ("exact", "alias"):
                registry.add_alias(link.person_id, g.name)
                report.aliases.append((g.name, link.person_id, link.score))
            continue
        organisation = g.affiliations.most_common(1)[0][0] if g.affiliations else None
        note = _note(g)
        if not known_given_name(g.name):
            note += "; check: first word is not a known given name"
        if link.candidates:
            near = link.candidates[0]
            note += f"; review: close to {near.name} ({near.person_id}, score {near.score:g})"
            report.near_misses.append((g.name, near.person_id, near.score))
        registry.add_person(g.name, organisation=organisation, note=note, parties=memberships(g.parties))
    report.persons = len(registry)
    report.new_persons = len(registry) - before
    return registry, report
