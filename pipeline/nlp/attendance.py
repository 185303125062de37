"""Attendance: the `minutes_attendance` component. Who was present, absent or invited,
with affiliation where the list gives it.

Lists come as heading + names on one line ("Ej närvarande: A, B."), as a heading with one
person per following line, as table rows (heading cell, names cell, titles cell, possibly
flattened into runs), and as member lists under group sub-headings with no heading at all
(then everyone listed is present unless an absent list names them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Attendee, Item, Line, Span, span_of
from ..settings import SETTINGS
from . import doc as docs
from .layout import Region, regions
from .lines import Lines, LineShape, is_signature
from .members import read_note, tagged_entries
from .names import Name, NameFinder, given_names, swedish_words
from .sections import sections
from .vocab import load, words

FIRST_NAME_ENTRY = re.compile(r"(?P<name>[A-ZÅÄÖ][A-Za-zÅÄÖåäöéü]+(?:-[A-Za-zÅÄÖåäöéü]+)?)"
                              r"(?P<initial>\s[A-ZÅÄÖ]\.?)?"
                              r"(?:(?:\s*[-–]\s*|\s+)(?P<note>[a-zåäö][\wåäö/-]*(?:\s+[a-zåäö][\wåäö/-]*)*))?")


@lru_cache(maxsize=1)
def roll_call_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in words("roll_call_words.txt"))

PARENS = re.compile(r"\([^)]*\)")
PARTY_TAG = re.compile(r"\s*,?\s*\([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,3}\)")
PARTY_TAGGED_MIN = SETTINGS.attendance.party_tagged_min
ROLL_CALL_COVER = SETTINGS.attendance.roll_call_cover
HEADER_LINES = SETTINGS.attendance.header_lines
NOTE_LINES = SETTINGS.attendance.note_lines
OPENING_ITEMS = SETTINGS.attendance.opening_items
ENTRY_WORDS = SETTINGS.attendance.entry_words
SENTENCE_LINES = SETTINGS.attendance.sentence_lines


@dataclass
class Attendance:
    """Attendees plus what the lists say about roles (chair, secretary) and where they stand."""

    attendees: list[Attendee] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)


def _mask_parens(text: str) -> str:
    return PARENS.sub(lambda m: " " * len(m.group(0)), text)


def _unknown_names(text: str, names: list[Name], finder: NameFinder) -> list[Name]:
    """In a list where most entries are names, an entry of two or three capitalised words
    that are not Swedish words is a name too (given names the gazetteer lacks)."""
    joiners = finder.vocab.words_pattern("conjunction")
    same_length = re.sub(rf"\s+(?:{joiners})\s+", lambda m: "," + " " * (len(m.group(0)) - 1), text)
    segments = [m for m in re.finditer(r"[^,;\t]+", same_length)
                if m.group(0).strip(" .")]
    if len(names) < 2 or len(names) < len(segments) / 2:
        return []
    out = []
    for seg in segments:
        if any(n.start < seg.end() and seg.start() < n.end for n in names):
            continue
        words = seg.group(0).strip(" .").split()
        if 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-ZÅÄÖ][a-zåäöéèüáíóúñ]+(?:-[A-ZÅÄÖ][a-zåäöéèü]+)?", w)
                                        and w.casefold() not in swedish_words()
                                        and w not in finder.vocab.not_names for w in words):
            start = seg.start() + seg.group(0).index(words[0])
            out.append(Name(" ".join(words), start, start + len(" ".join(words))))
    return out


def _person_name(text: str, finder: NameFinder) -> bool:
    """A person's name: it opens with a known given name, or with a word that is no
    Swedish word ("Haykanush Vardanyan")."""
    first = text.split()[0]
    return first[:1].isupper() and (finder.is_given(first) or first.casefold() not in swedish_words())


def _entries(text: str, finder: NameFinder) -> list[tuple[Name, str]]:
    """Names in a list text, each with the text that follows it up to the next name. Where
    names carry a party tag ("Anna Berg (S)"), the tags say where each name ends. A name
    after a proxy phrase ("Jan Berg – enl. fullmakt för Ylva Berg") is represented, not
    present: it stays in the tail of the name before it."""
    tagged = tagged_entries(text, lambda name: _person_name(name, finder))
    if tagged:
        return tagged
    masked = _mask_parens(text)
    names = finder.find(masked, list_mode=True)
    names = sorted(names + _unknown_names(masked, names, finder), key=lambda n: n.start)
    proxy = re.compile(rf"\b(?:{finder.vocab.words_pattern('proxy')})\s*$", re.I)
    names = [n for k, n in enumerate(names) if k == 0 or not proxy.search(text[names[k - 1].end:n.start])]
    out = []
    for k, name in enumerate(names):
        tail_end = names[k + 1].start if k + 1 < len(names) else len(text)
        out.append((name, text[name.end:tail_end]))
    return out


def _affiliation(tail: str) -> str | None:
    """What a list prints after a name, without its separators, a joining word and a mark of
    co-option ("adj.")."""
    vocab = load()
    tail = PARENS.sub("", tail)
    tail = re.sub(r"^\s*[,\-–:]\s*", "", tail)
    tail = re.sub(rf"\s*(?:,|\b(?:{vocab.words_pattern('conjunction')}))\s*$", "", tail.strip()).strip(" .,;")
    tail = re.sub(rf"^(?:{vocab.words_pattern('adjunct')})(?![\wåäö])\s*", "", tail, flags=re.I).strip(" .,")
    return tail or None


def _stops_block(shape: LineShape) -> bool:
    return bool(shape.heading_role or shape.label or shape.number or shape.keyword)


class _Collector:
    def __init__(self, lines: Lines, finder: NameFinder, meeting: int = 0):
        self.lines, self.finder, self.meeting = lines, finder, meeting
        self.result = Attendance()
        self.rows: list[tuple[str, str, str | None, list[Line], str]] = []   # role, name, affiliation, lines, note

    def add(self, role: str, name: str, affiliation: str | None, lines: list[Line], note: str = ""):
        self.rows.append((role, name, affiliation, lines, note))
        if note.strip():
            self.result.notes.setdefault(name, note)
        self.result.lines.update(line.index for line in lines)

    def add_text(self, role: str, text: str, lines: list[Line]) -> int:
        found = 0
        for name, tail in _entries(text, self.finder):
            self.add(role, name.text, _affiliation(tail), lines, note=tail)
            found += 1
        return found

    def table_block(self, role: str, head: Line):
        """Names in the cells right of a heading cell, in its row and in the rows under it
        whose heading column is empty (a label column with one label over many rows)."""
        self._table_row(role, head, self.lines.row_cells(head))
        assert head.table is not None   # a heading cell
        table, row, col = head.table
        for shape in self.lines.shapes[head.index + 1:]:
            line = shape.line
            if line.table is None or line.table[0] != table:
                if shape.blank:
                    continue
                break
            if line.table[1] == row:
                continue
            cells = self.lines.row_cells(line)
            if any(ln.text.strip() for c, ls in cells.items() if c <= col for ln in ls):
                break
            row = line.table[1]
            self._table_row(role, None, cells, col)

    def _table_row(self, role: str, head: Line | None, cells: dict[int, list[Line]], col: int | None = None):
        if head is not None:
            assert head.table is not None   # a heading cell
            col = head.table[2]
        assert col is not None   # without a heading cell, the caller gives its column
        cols = {c: ls for c, ls in cells.items() if c > col}
        if not cols:
            return
        per_col = {c: [_entries(ln.text, self.finder) for ln in ls] for c, ls in cols.items()}
        name_col = max(per_col, key=lambda c: sum(len(e) for e in per_col[c]))
        name_lines = cols[name_col]
        others = [c for c in cols if c != name_col and not any(per_col[c])]
        partner = next((cols[c] for c in others if len(cols[c]) == len(name_lines)), None)
        for k, (line, entries) in enumerate(zip(name_lines, per_col[name_col])):
            for name, tail in entries:
                aff = partner[k].text.strip() if partner and len(entries) == 1 else _affiliation(tail)
                self.add(role, name.text, aff, [line] + ([partner[k]] if partner else []), note=tail)
        for c in others:
            self.result.lines.update(ln.index for ln in cols[c])

    def line_block(self, role: str, head: Line, rest: str):
        """Names after a heading, paragraph by paragraph, until a line with none. Where a
        table starts right under the heading ("Närvarande:" over rows of unit and names),
        its rows are read as lines too."""
        self.result.lines.add(head.index)
        if rest and not _entries(rest, self.finder) and (first_names := _first_names(rest, self.finder)):
            for name, note in first_names:          # "Närvarande: Roland, Tora, Ulla-Karin och Sussi"
                self.add(role, name, None, [head], note=note or "")
            rest = ""
        paragraphs: list[tuple[str, list[Line]]] = [(rest, [head])] if rest else []
        following = [s for s in self.lines.shapes[head.index + 1:head.index + 200] if not s.blank]
        tabled = bool(following) and following[0].line.table is not None and head.table is None
        for k, shape in enumerate(following):
            line = shape.line
            if (line.table is not None and not tabled) or (_stops_block(shape) and not (
                    shape.number and _entries(line.text, self.finder))):
                break
            if line.continues and paragraphs and paragraphs[-1][1][-1].index == line.index - 1:
                text, lines = paragraphs[-1]
                paragraphs[-1] = (f"{text} {line.text}", lines + [line])
                continue
            if not _entries(line.text, self.finder):
                shaped = _name_shaped(line.text, self.finder)
                if shaped and (line.bullet or paragraphs):
                    self.add(role, shaped, None, [line])   # "Dragoljub Nešić": a name no list knows
                    continue
                first_names = _first_names(line.text, self.finder)
                if first_names and k == 0 and not rest:
                    for name, note in first_names:      # "LilliAnn, IngBritt, Björn, Våge"
                        self.add(role, name, None, [line], note=note or "")
                    continue
                if tabled and (line.table is not None
                               or any(s.line.table is not None for s in following[k + 1:k + 1 + NOTE_LINES])):
                    continue                        # the unit's cell beside the names, or a note under a row
                nxt = following[k + 1] if k + 1 < len(following) else None
                if not (line.continues and nxt is not None and nxt.line.continues
                        and _entries(nxt.text, self.finder) and not _stops_block(nxt)):
                    break
                self.result.lines.add(line.index)
                continue
            paragraphs.append((line.text, [line]))
        for text, lines in paragraphs:
            self.add_text(role, text, lines)


def _name_shaped(text: str, finder: NameFinder) -> str | None:
    """A line of a list under an attendance heading that is two or three capitalised words,
    the last no Swedish word: a name the gazetteers lack ("Fresia Pérez", "Dragoljub Nešić")."""
    words_ = text.strip(" *-•\t,.").split()
    if 2 <= len(words_) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha()
                                     and w not in finder.vocab.not_names for w in words_) \
            and words_[-1].casefold() not in swedish_words():
        return " ".join(words_)
    return None


def _first_names(text: str, finder: NameFinder) -> list[tuple[str, str | None]]:
    """The line right under an attendance heading, or the rest of the heading's line, as a list
    of first names only ("LilliAnn, IngBritt, Björn och Våge"), or with a surname's initial
    ("Martin I, Lars N"), each with the note after it ("Kerstin- internetansvarig, Sten –
    ekonomiansvarig"): capitalised single words, each a given name or no Swedish word,
    followed by nothing or by words in lower case; at least two of them, or one that is
    surely a given name ("Anmält förhinder: Marie")."""
    joiners = finder.vocab.words_pattern("conjunction")
    parts = [p.strip(" .") for p in re.split(rf",|\s+(?:{joiners})\s+", text.strip(" *-•\t")) if p.strip(" .")]
    out = []
    for part in parts:
        m = FIRST_NAME_ENTRY.fullmatch(part)
        if not m:
            return []
        name, note = m.group("name"), m.group("note")
        head, _, tail = name.partition("-")
        if tail[:1].islower() and name.replace("-", "").casefold() not in given_names():
            name, note = head, " ".join(filter(None, [tail, note]))   # "Tor-telefonansvarig"
        if not (finder.is_given(name) or name.casefold() in given_names() or name.casefold() not in swedish_words()):
            return []
        out.append((name + (m.group("initial") or "").rstrip("."), note))   # "Martin I"
        sure = finder.is_given(name)
    if len(out) >= 2 or (len(out) == 1 and sure):
        return out
    return []


def _cells(line: Line) -> list[str]:
    return [c.strip(" *") for c in re.split(r"\t", line.text) if c.strip(" *")]


def _roster_header(line: Line, vocab) -> int | None:
    """Column of the name heading when the line is a roster table's header row."""
    cells = [c.casefold().rstrip(":") for c in _cells(line)]
    kinds = [vocab.roster_headings.get(re.split(r"[/(]", c)[0].strip()) for c in cells]
    if 2 <= len(cells) <= 6 and "name" in kinds and "other" in kinds and all(kinds):
        return kinds.index("name")
    return None


def _roster(lines: Lines, finder: NameFinder, col: _Collector, end: int) -> None:
    """People in roster tables (Funktion | Namn | E-post): each row with a full name is present,
    the cells before the name are the affiliation."""
    for head in lines.lines[:end]:
        if head.table is not None or _roster_header(head, lines.vocab) is None:
            continue
        col.result.lines.add(head.index)
        for shape in lines.shapes[head.index + 1:end]:
            line = shape.line
            if shape.blank or shape.number or shape.heading_role:
                break
            names = finder.find(line.text, list_mode=True)
            if not names:
                continue
            name = names[0]
            aff = re.sub(r"\s+", " ", line.text[:name.start]).strip(" \t,:-") or None
            col.add("present", name.text, aff, [line], note=aff or "")


def _implicit_members(lines: Lines, start: int, end: int, finder: NameFinder,
                      taken: set[int]) -> list[tuple[Name, str, str | None, Line]]:
    """Name lines in the header with no attendance heading: a member list under group headings."""
    out = []
    group = None
    for line in lines.lines[start:end]:
        text = line.text.strip(" *")
        if not text or line.index in taken:
            continue
        if line.heading or line.bold:
            group = text.strip(" *:")
            continue
        entries = _entries(text, finder)
        if len(entries) == 1 and entries[0][0].start <= 2:
            name, tail = entries[0]
            out.append((name, tail, _affiliation(tail) or group, line))
    return out


GROUP_LINE = re.compile(r"^(?P<label>[^\W\d][\w ]{0,24}?)\s*:\s*(?P<names>\S.*)$")


def _group_lines(lines: Lines, start: int, end: int, finder: NameFinder,
                 taken: set[int]) -> list[tuple[Line, str, list[str]]]:
    """Lines in the header that list the people of a group after its label, with no
    attendance heading ("Åk 1: Ciara, Elias & Talia", "Styrelsen: Anna, Bo och Cia"): each
    entry one to three capitalised words opening with a given name or a word that is no
    Swedish word. The label is their affiliation."""
    joiners = finder.vocab.words_pattern("conjunction")
    out = []
    for shape in lines.shapes[start:end]:
        m = GROUP_LINE.match(shape.text.strip(" *\t"))
        if not m or shape.index in taken or shape.label is not None or shape.heading_role is not None:
            continue
        parts = [p.strip(" .") for p in re.split(rf",|\s+(?:{joiners})\s+", m.group("names")) if p.strip(" .")]
        if parts and all(1 <= len(p.split()) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha()
                                                           for w in p.split())
                         and _person_name(p, finder) for p in parts):
            out.append((shape.line, m.group("label").strip(), parts))
    return out


def _roll_call(lines: Lines, finder: NameFinder, col: _Collector, items: list[Item]) -> None:
    """The people listed under an agenda point that fixes the roll ("Fastställande av
    röstlängd", "Upprop"): present, one per line, until the first line naming nobody."""
    words = roll_call_words()
    for item in items:
        if not any(w.strip(".,:;").casefold() in words for w in item.title.split()):
            continue
        started = False
        for shape in lines.shapes[span_of(item).line_start + 1:span_of(item).line_end + 1]:
            if shape.blank:
                continue
            text = re.sub(r"[\dX]*\d[\dX-]*", " ", shape.text)
            entries = _entries(text, finder)
            letters = len(re.sub(r"[\W\d_]", "", text))
            named = sum(len(re.sub(r"[\W\d_]", "", name.text)) for name, _ in entries)
            if not entries or named < ROLL_CALL_COVER * letters:
                if started:
                    break
                continue
            started = True
            for name, _tail in entries:
                col.add("present", name.text, None, [shape.line])


def _said_present(lines: Lines, col: _Collector, items: list[Item], start: int, first_item: int) -> None:
    """People a sentence says are present or absent, in the head, the opening items and an
    item fixing the roll: "Emmis, Foxears och Kotte är närvarande", "Följande medlemmar
    närvarade med rösträtt: nsg, kaj, katy", "Dessutom närvarade map utan rösträtt". The
    sentence says who the entries are, so nicknames count as they are written."""
    vocab = lines.vocab
    words_ = roll_call_words()
    spans = [(start, first_item)] + [
        (span_of(item).line_start + 1, span_of(item).line_end + 1) for k, item in enumerate(items)
        if k < OPENING_ITEMS or any(w.strip(".,:;").casefold() in words_ for w in item.title.split())]
    for first, stop in spans:
        k = first
        while k < stop:
            if lines[k].blank or k in col.result.lines or lines[k].number is not None:
                k += 1
                continue
            para = [k]
            while para[-1] + 1 < stop and not lines[para[-1] + 1].blank and lines[para[-1] + 1].number is None \
                    and not lines[para[-1]].text.rstrip().endswith(":"):
                para.append(para[-1] + 1)
            k = para[-1] + 1
            if len(para) > SENTENCE_LINES or any(lines[i].line.table is not None for i in para):
                continue                            # a block of text or a table, not one sentence
            text = " ".join(lines[i].text.strip(" *-•\t") for i in para)
            if text.endswith(":"):                  # the list follows, one person a line
                while k < stop and (lines[k].line.bullet or lines[k].blank) and not lines[k].number:
                    if not lines[k].blank:
                        text += (" " if text.endswith(":") else ", ") + lines[k].text.strip(" *-•\t")
                        para.append(k)
                    k += 1
            found = _present_list(text, vocab, col.finder)
            if found:
                role, entries = found
                for entry in entries:
                    col.add(role, entry, None, [lines[i].line for i in para])


def _present_list(text: str, vocab, finder: NameFinder) -> tuple[str, list[str]] | None:
    """The role and the people of a sentence saying who is present ("A, B och C är
    närvarande"), or None."""
    tokens = re.findall(r"[\wåäöÅÄÖéü-]+|[:.,;]", PARENS.sub(" ", text))   # "Anna Berg (abe)": the name
    low = [t.casefold() for t in tokens]
    hit = next((i for i, t in enumerate(low) if (t in vocab.grammar("presence") or t in vocab.grammar("absence"))
                and (not t.endswith("nde") or (i and low[i - 1] in vocab.grammar("copula")))), None)
    if not hit or low[hit - 1] in vocab.grammar("modal"):
        return None                                 # none, a heading ("Närvarande: ..."), an attribute
                                                    # ("närvarande tjänstepersoner") or a plan ("ska närvara")
    role = "absent" if low[hit] in vocab.grammar("absence") else "present"
    if ":" in tokens[hit:]:
        sides = [tokens[tokens.index(":", hit) + 1:]]
    else:
        before = tokens[:hit]
        while before and before[-1].casefold() in vocab.grammar("copula"):
            before = before[:-1]
        after = []
        for t in tokens[hit + 1:]:
            if t.casefold() in vocab.grammar("list_stop") or t in ".;:":
                break
            after.append(t)
        sides = [before, after]
    for side in sides:
        entries = _list_entries(side, vocab)
        named = sum(_name_like(e, finder) for e in entries)
        if entries and named and named * 2 >= len(entries):
            return role, entries
    return None


def _name_like(entry: str, finder: NameFinder) -> bool:
    """A name, or one word that is no Swedish word (a nickname: "nsg", "Foxears")."""
    return bool(finder.find(entry, list_mode=True)) or (len(entry.split()) == 1
                                                        and entry.casefold() not in swedish_words())


def _list_entries(tokens: list[str], vocab) -> list[str]:
    """The entries of a list of people: runs of words between commas and conjunctions, each
    of at most ENTRY_WORDS words, none a number; [] when any run is longer (a sentence)."""
    joiners = set(vocab.grammar("conjunction"))
    entries: list[list[str]] = []
    run: list[str] = []
    for t in [*tokens, ","]:
        if t in ",;." or t.casefold() in joiners:
            if run:
                entries.append(run)
            run = []
        else:
            run.append(t)
    if any(len(e) > ENTRY_WORDS or any(w.isdigit() for w in e) for e in entries):
        return []
    return [" ".join(e) for e in entries]


def read_attendance(lines: Lines, region: Region, header_end: int, items: list[Item] | None = None,
                    deciding: set[int] | frozenset[int] = frozenset()) -> Attendance:
    """Return the attendance lists of one meeting; lists in its appendices (from
    `region.body_end`) count only when the minutes proper have none. Member lists
    ("Ledamöter:") inside an item are a board elected or described there, not attendance.
    `deciding` holds the lines with a deciding predicate ("Anna Berg valdes till
    ordförande"): an election, not an entry of a member list."""
    finder = lines.finder
    col = _Collector(lines, finder, region.meeting)
    end = region.body_end
    first_item = span_of(items[0]).line_start if items else None
    for shape in lines.shapes[region.start:region.stop]:
        line = shape.line
        if line.index == end and not col.rows:
            _roster(lines, finder, col, end)
        if line.index >= end and col.rows:
            break
        found = shape.bare_heading_role
        if not found or line.index in col.result.lines:
            continue
        if found.kind == "members" and first_item is not None and line.index > first_item:
            continue
        if found.rest and shape.heading_role is None:
            names = finder.find(found.rest, list_mode=True)
            if not names or names[0].start > 0:
                continue
        if line.table is not None and not found.rest:
            col.table_block(found.kind, line)
        else:
            col.line_block(found.kind, line, found.rest)
    if items:
        _roll_call(lines, finder, col, items)
    _said_present(lines, col, items or [], region.start, first_item if first_item is not None else header_end)
    roles = {r for r, *_ in col.rows}
    if not roles & {"present", "members"}:
        _roster(lines, finder, col, end)
        roles = {r for r, *_ in col.rows}
    if not roles & {"present", "members"}:
        groups = _group_lines(lines, region.start, header_end, finder, col.result.lines | set(deciding))
        if len(groups) >= 2:
            for line, label, names in groups:
                for name in names:
                    col.add("present", name, label, [line])
            roles = {r for r, *_ in col.rows}
    if not roles & {"present", "members"}:
        members = _implicit_members(lines, region.start, header_end, finder, col.result.lines | set(deciding))
        if len(members) >= 3:
            for name, tail, aff, line in members:
                col.add("members", name.text, aff, [line], note=tail)
            col.result.lines.update(range(members[0][3].index, members[-1][3].index + 2))
    _complete_first_names(lines, region, col)
    return _resolve(col)


def _complete_first_names(lines: Lines, region: Region, col: _Collector) -> None:
    """An attendee listed by first name alone ("Närvarande: Roland, Tora") takes the full name
    the same minutes give for that first name in a line of names ("Roland Persson" under the
    signature), when they give exactly one; a name in a sentence ("... att Anne Berglund får
    fullmakt") does not say the list meant her, and a handle in lower case ("fabian") stays as
    written."""
    bare = {name.casefold() for _, name, *_ in col.rows if " " not in name.strip() and name[:1].isupper()}
    if not bare:
        return
    full: dict[str, set[str]] = {}
    for i in range(region.start, region.stop):
        names = lines.names(i)
        if not is_signature(lines[i].text, names):
            continue
        for name in names:
            words = name.text.split()
            if len(words) > 1 and words[0].casefold() in bare:
                full.setdefault(words[0].casefold(), set()).add(name.text)
    for k, (role, name, aff, used, note) in enumerate(col.rows):
        found = full.get(name.casefold(), set())
        if len(found) == 1:
            col.rows[k] = (role, found.pop(), aff, used, note)


def _merge_affiliation(attendees: list[Attendee], key: str, role: str, aff: str | None) -> None:
    """A person listed twice under one role (two functions in a roster) keeps both."""
    for k, a in enumerate(attendees):
        if a.name.casefold() == key and a.role == role and aff and aff != a.affiliation:
            attendees[k] = a.model_copy(update={"affiliation": ", ".join(filter(None, [a.affiliation, aff]))})


def _resolve(col: _Collector) -> Attendance:
    """Turn list roles into present/absent/invited and drop duplicates."""
    absent = {name.casefold() for role, name, *_ in col.rows if role == "absent"}
    present = {name.casefold() for role, name, *_ in col.rows if role in ("present", "members")}
    seen = set()
    tagged = sum(1 for *_, note in col.rows if PARTY_TAG.match(note)) >= PARTY_TAGGED_MIN
    for role, name, aff, lines, note in col.rows:
        key = name.casefold()
        if role == "members":
            role = "absent" if key in absent else "present"
        elif role == "called":
            if key in present:
                continue
            role = "absent"
        elif role == "present" and key in absent:
            continue
        fields = {}
        if tagged:
            member = read_note(note)
            aff = member.affiliation or aff
            fields = {"party": member.party, "role_text": member.role_text, "substitutes_for": member.substitutes_for,
                      "limited_to": member.limited_to, "paragraphs": member.paragraphs}
        if (key, role) in seen and not fields.get("party"):
            _merge_affiliation(col.result.attendees, key, role, aff)
            continue
        if (key, role, fields.get("substitutes_for")) in seen:
            continue
        seen.update({(key, role), (key, role, fields.get("substitutes_for"))})
        col.result.attendees.append(Attendee(name=name, role=role, affiliation=aff, meeting=col.meeting,
                                             span=Span.of_lines(sorted(lines, key=lambda ln: ln.index)), **fields))
    return col.result


@Language.factory("minutes_attendance", assigns=["doc.spans"], requires=["doc._.lines", "doc.spans"])
def make_attendance(nlp: Language, name: str) -> AttendanceComponent:
    return AttendanceComponent()


class AttendanceComponent:
    """Given a Doc with its lines, regions and items, write each attendee to
    `doc.spans["attendance"]` (payload: the `Attendee` and the note beside the name) and
    the lines the lists take to `doc.spans["attendance_lists"]`."""

    def __call__(self, doc: Doc) -> Doc:
        people, lists = [], []
        items = docs.payloads(doc, "items")
        deciding = {token._.line for span in doc.spans.get("minutes", []) if span.label_ == "DECIDING"
                    for token in span}
        for region in regions(doc):
            lines = doc._.lines if region.whole else doc._.lines.section(region.start, region.stop)
            first = next((i.span.line_start for i in items if i.meeting == region.meeting), None)
            header_end = first if first is not None else min(region.stop, region.start + HEADER_LINES)
            parts = {i for s in sections(doc, region.meeting) for i in range(s.head, s.last + 1)}
            found = read_attendance(lines.blank_out(parts), region, header_end,
                                    [i for i in items if i.meeting == region.meeting], deciding)
            for a in found.attendees:
                people.append((docs.line_span(doc, span_of(a).line_start, span_of(a).line_end, label=a.role),
                               (a, found.notes.get(a.name, ""))))
            lists += [(docs.line_span(doc, i, label="LIST"), region.meeting) for i in sorted(found.lines)]
        docs.put(doc, "attendance", people)
        docs.put(doc, "attendance_lists", lists)
        return doc


def attendees(doc: Doc, meeting: int | None = None) -> list[Attendee]:
    """The attendees the component found (of one meeting, or all)."""
    return [a for a, _ in docs.payloads(doc, "attendance") if meeting is None or a.meeting == meeting]


def notes(doc: Doc, meeting: int) -> dict[str, str]:
    """Name -> the note printed beside it in the attendance list ("ordf.", "sekr.")."""
    out: dict[str, str] = {}
    for a, note in docs.payloads(doc, "attendance"):
        if a.meeting == meeting and note.strip():
            out.setdefault(a.name, note)
    return out


def list_lines(doc: Doc, meeting: int | None = None) -> set[int]:
    """The lines attendance lists take (headings, names, columns beside them)."""
    out = set()
    for span, m in docs.found(doc, "attendance_lists"):
        if meeting is None or m == meeting:
            out.add(span[0]._.line)
    return out
