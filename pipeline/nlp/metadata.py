"""Meeting metadata, the `minutes_metadata` component: body, date, times, place, chair, secretary and adjusters.

Labelled values come first ("Datum:", "Tid:", "Plats:", "Vid anteckningen", "Justerat");
then what the attendance list says ("Anna Berg, ordf."), elections in the text ("Till
justerare valdes ..."), and last the closing signature block (a name over "ordförande").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from ..records import Decision, Item, Line, Meeting, span_of
from ..settings import SETTINGS
from . import doc as docs
from .attendance import Attendance, attendees, list_lines, notes
from .dates import parse_date, parse_time_range
from .layout import Region, regions
from .lines import Labelled, Lines
from .names import INITIALS, Name, NameFinder
from .organisation import deciding_subjects, find_body
from .vocab import Vocabulary, alternation, load


@lru_cache(maxsize=1)
def adjuster_words() -> tuple[str, ...]:
    return tuple(w.casefold() for w in load().adjuster_words)

ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{2,6}\b")
FULL_WITH_ACRONYM = re.compile(r"([A-ZÅÄÖ][\wåäöÅÄÖ\- ]{3,80}?)\s*\(([A-ZÅÄÖ]{2,6})\)")
ROMAN = re.compile(r"[IVXLC]+")
COLUMNS = re.compile(r"\t|\s{3,}")
SIGNED_WITH_TITLE = re.compile(r"([^,–]+?)\s*[,–]\s*([^,–\d]{3,40})")
SAME_NAME = SETTINGS.metadata.same_name
HEADER_LINES = SETTINGS.metadata.header_lines
OPENING_LINES = SETTINGS.metadata.opening_lines
LOWER_PLACE_WORDS = SETTINGS.metadata.lower_place_words
TIME_TAIL_WORDS = SETTINGS.metadata.time_tail_words
APPOSITION_ITEMS = SETTINGS.metadata.apposition_items
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass
class MetadataResult:
    meeting: Meeting
    lines: set[int] = field(default_factory=set)


def _word_in(words: list[str], text: str) -> bool:
    return bool(_words_pattern(tuple(words)).search(f" {text.casefold()} "))


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` standing as a word of its own."""
    if not words:
        return re.compile("(?!)")
    return re.compile(r"(?<![\wåäö])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\wåäö])")


def _role_of(note: str, vocab: Vocabulary) -> str | None:
    """'chair' or 'secretary' when an annotation names that role (not a deputy's)."""
    text = note.casefold()
    if _word_in(vocab.vice_words, text):
        return None
    if _word_in(vocab.chair_words, text):
        return "chair"
    if _word_in(vocab.secretary_words, text):
        return "secretary"
    return None


def inline_labels(text: str, vocab: Vocabulary, colon_only: bool = False) -> list[tuple[str, str, int]]:
    """Labels inside a line and the value after each, up to the next ("Justeringens plats och
    tid Huskvarna 2016-04-05 ... Sekreterare Linda Byman Ordförande AnneMarie Grennhag"):
    (field, value, where the label starts). A label inside a line starts with a capital, or
    is followed by a colon; with `colon_only` (a line that opens with no label) only the
    latter."""
    pattern = vocab._once("inline_label_pattern", lambda: re.compile(
        rf"(?<![\wåäöÅÄÖ])(?P<label>{alternation(vocab.metadata_labels)})(?![\wåäöÅÄÖ])\s*(?P<colon>:?)", re.I))
    found = [m for m in pattern.finditer(text)
             if m.start() > 0 and (m.group("colon") or (m.group("label")[0].isupper() and not colon_only))]
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        value = text[m.end():end].strip(" ,;")
        if value:
            out.append((vocab.label_field(" ".join(m.group("label").split()).casefold()), value, m.start()))
    return out


def time_span(text: str) -> tuple[str | None, str | None]:
    """Start and end of a meeting from its time text; with a break ("10:00 – 12:00 / 13:00 –
    17.00") the start of the first part and the end of the last."""
    start, end = parse_time_range(text)
    parts = re.split(rf"\s[/;]\s|\s(?:{load().words_pattern('conjunction')})\s", text)
    if len(parts) > 1:
        last_start, last_end = parse_time_range(parts[-1])
        end = last_end or end
    return start, end


def _elected_role(text: str, vocab: Vocabulary) -> str | None:
    """The meeting role an election text names: 'adjusters' ("justerare", "att jämte
    ordföranden justera"), 'secretary' or 'chair' (not a vice chair), or None; None also
    when it names both chair and secretary and so does not tell which."""
    words_ = [w.strip(".,:;()/") for w in text.casefold().replace("/", " ").split()]
    def has(stems) -> bool:
        stems = tuple(stems)
        return any(w.startswith(stems) for w in words_)
    if has(adjuster_words()):
        return "adjusters"
    chair = any(w.startswith(tuple(vocab.chair_words)) and (k == 0 or words_[k - 1] not in vocab.vice_words)
                for k, w in enumerate(words_))
    secretary = has(vocab.secretary_words)
    if chair and secretary:
        return None
    return "chair" if chair else "secretary" if secretary else None


def _joined_roles(text: str, vocab: Vocabulary) -> bool:
    """True when a chair word and a secretary word stand joined by "och" ("till
    mötesordförande och mötessekreterare"): one person elected to both."""
    chair = "|".join(re.escape(w) for w in vocab.chair_words if w.isalpha())
    secretary = "|".join(re.escape(w) for w in vocab.secretary_words if w.isalpha())
    pattern = rf"\w*(?:{chair})\w*\s+och\s+\w*(?:{secretary})\w*|\w*(?:{secretary})\w*\s+och\s+\w*(?:{chair})\w*"
    return bool(re.search(pattern, text, re.I))


def _after_time(text: str) -> str:
    """What a place-and-time value says after its last clock time: the place, when the
    date and time come first."""
    times = list(re.finditer(r"\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?", text))
    return text[times[-1].end():] if times else ""


def value_lines(lines: Lines, line: Line, rest: str, max_lines: int = 3) -> list[str]:
    """The value of a label: its inline rest, else the cells after it, else the next lines.
    Where one cell stacks several labels and the next cell their values line by line
    ("Sekreterare / Ordförande" beside "Thomas Embrink / Stig-Arne Tengmer"), the value is
    the line level with the label; beside a list of another length (members, times) only the
    top label's value can be told, the columns being aligned at the top."""
    if rest:
        return [rest]
    if line.table is not None:
        cols = lines.row_cells(line)
        own = [ln.index for ln in cols.get(line.table[2], [])]
        values = [ln for c in sorted(cols) if c > line.table[2] for ln in cols[c]]
        if len(own) > 1 and len(own) - 1 <= len(values) <= len(own) + 1:
            k = own.index(line.index)
            return [values[k].text] if k < len(values) else []
        if len(own) > 1:                            # stacked labels beside a longer list: the two columns
            return [values[0].text] if own.index(line.index) == 0 and values else []   # meet only at the top
        return [ln.text for ln in values]
    out: list[str] = []
    for nxt in lines.lines[line.index + 1:line.index + 1 + max_lines + 2]:
        if not nxt.text.strip():
            if out:
                break
            continue
        out.append(nxt.text)
        if len(out) >= max_lines:
            break
    return out


class _Reader:
    def __init__(self, lines: Lines, region: Region, finder: NameFinder, items: list[Item],
                 attendance: Attendance, decisions: list[Decision], subjects: Counter | None = None,
                 hints: dict[str, str] | None = None, marked_up: bool = False):
        self.shapes, self.vocab, self.finder = lines, lines.vocab, finder
        self.doc = lines
        self.start = region.start
        self.subjects = subjects or Counter()
        self.hints = hints or {}
        self.marked_up = marked_up
        self.end = region.body_end
        self.items, self.attendance, self.decisions = items, attendance, decisions
        self.header_end = span_of(items[0]).line_start if items else min(region.stop, region.start + HEADER_LINES)
        self.last_item = span_of(items[-1]).line_start if items else region.stop
        self.text = "\n".join(line.text for line in lines.lines[region.start:region.stop])
        self.lines: set[int] = set()
        self.full_names = {a.name for a in attendance.attendees}

    def resolve(self, name: str) -> str:
        """A first name alone becomes the one attendee with that first name; a full name
        spelled a little differently from an attendee's is that attendee, in the spelling the
        minutes use more often ("Grennahag" once in a signature, "Grennhag" elsewhere)."""
        if " " in name:
            if name in self.full_names:
                return name
            spelled = self._spelled_out(name)
            if spelled:
                return spelled
            best = process.extractOne(name, list(self.full_names), scorer=fuzz.ratio, score_cutoff=SAME_NAME)
            if not best:
                return name
            return best[0] if self.text.count(best[0]) >= self.text.count(name) else name
        hits = {a for a in self.full_names if a.split()[0].casefold() == name.casefold()}
        return hits.pop() if len(hits) == 1 else name

    def _spelled_out(self, name: str) -> str | None:
        """The one name in these minutes that spells out initials ("Nils Georg Brännström" for
        "N-G Brännström"), or None."""
        given, _, surname = name.partition(" ")
        if not INITIALS.fullmatch(given):
            return None
        letters = [p.casefold() for p in re.split(r"[-‐]", given)]
        found = {n.text for n in self.finder.find(self.text, list_mode=False) if n.text.endswith(" " + surname)
                 and [w[0].casefold() for w in re.split(r"[\s-]", n.text)[:-1]] == letters}
        return found.pop() if len(found) == 1 else None

    def names_in(self, texts: list[str]) -> list[str]:
        out = []
        for text in texts:
            found = self.finder.find(text, list_mode=True)
            if not found:
                found = self.finder.bare_first_names(text)
            out += [self.resolve(n.text) for n in found]
        return out

    def labelled(self) -> dict[str, list[tuple[int, list[str]]]]:
        """Every labelled value in the document, by field, with its line index."""
        out: dict[str, list[tuple[int, list[str]]]] = {}
        for line in self.doc.lines[:self.end]:
            found = self.shapes[line.index].label
            if found and found.rest and line.index < self.header_end:
                runs = inline_labels(found.rest, self.vocab)
                if runs:                            # "Plats: X Tid: Y" or run-on labels without colons
                    found = Labelled(found.kind, found.label, found.rest[:runs[0][2]].strip(" ,;"))
                    for kind, value, _ in runs:
                        out.setdefault(kind, []).append((line.index, [value]))
            if not found:
                if line.index < self.header_end or line.index >= self.last_item:
                    for kind, value, _ in inline_labels(line.text, self.vocab, colon_only=True):
                        out.setdefault(kind, []).append((line.index, [value]))
                continue
            bare_title = found.label.casefold() in (*self.vocab.chair_words, *self.vocab.secretary_words)
            if (found.kind == "chair" or (found.kind == "secretary" and bare_title)) and not found.rest \
                    and line.table is None and not line.text.rstrip().endswith(":"):
                continue  # a title word alone: a signature caption, not a label with a value
            values = value_lines(self.doc, line, found.rest, max_lines=8 if found.kind == "adjusters" else 3)
            out.setdefault(found.kind, []).append((line.index, values))
        return out

    def signature_block(self) -> list[tuple[str, str]]:
        """(name, title text) pairs of the closing signatures after the last decision."""
        last = max([d.span.line_end for d in self.decisions if d.span] or
                   [span_of(self.items[-1]).line_start if self.items else self.header_end])
        pairs: list[tuple[str, str]] = []
        lines = self.doc.lines
        for k in range(last + 1, self.end):
            line = lines[k]
            text = line.text.strip(" *")
            if not text or k in self.attendance.lines:
                continue
            cols = [c.strip(" *") for c in COLUMNS.split(text) if c.strip(" *")]
            captioned = [self._captioned(c) for c in cols]       # "Anna Berg, ordförande     Per Ek, justerare"
            if cols and all(captioned):
                pairs.extend(p for p in captioned if p)
                self.lines.add(k)
                continue
            names = [self.finder.find(c, list_mode=True) for c in cols]
            if not cols or not all(len(n) == 1 and len(n[0].text) >= len(c) - 2 for n, c in zip(names, cols)):
                for name in self.finder.find(text, list_mode=False):   # "Justerat av X och ordf Karin Andersson"
                    before = text[:name.start].split()
                    if before and _role_of(before[-1], self.vocab) in ("chair", "secretary"):
                        pairs.append((name.text, before[-1]))
                continue
            titles = []
            for nxt in lines[k + 1:k + 4]:
                t = nxt.text.strip(" *")
                if not t or self.finder.find(t, list_mode=True):
                    break
                titles.append([c.strip() for c in COLUMNS.split(t)])
            for j, n in enumerate(names):
                title = " ".join(row[j] if len(row) == len(cols) else " ".join(row) for row in titles)
                pairs.append((n[0].text, title))
            self.lines.add(k)
        return pairs

    def _captioned(self, text: str) -> tuple[str, str] | None:
        """(name, title) of a signature column that gives both ("Anna Berg, ordförande")."""
        m = SIGNED_WITH_TITLE.fullmatch(text)
        if not m or not _role_of(m.group(2), self.vocab):
            return None
        found = self.finder.find(m.group(1), list_mode=True)
        if len(found) == 1 and len(found[0].text) >= len(m.group(1)) - 2:
            return found[0].text, m.group(2)
        return None

    def elected(self) -> dict[str, list[str]]:
        """Who the meeting elected chair, secretary and adjusters, from its election decisions
        ("Till ordförande valdes X", "Mötesordförande: X", names under "Val av
        mötessekreterare"): the role named in the decision, else in its item's title. The
        first election of each role counts: a board chair elected later is not the meeting's."""
        titles = {i.number: i.title for i in self.items}
        out: dict[str, list[str]] = {}
        for d in self.decisions:
            role = _elected_role(d.text, self.vocab) or _elected_role(titles.get(d.item or "", ""), self.vocab)
            if role is None:
                found = self._names(d.text)
                parts = self.name_parts(d.text, found)
                respective = self._respective(d.text, parts, found)
                for role_, name in respective.items():   # "Val av ordförande och sekreterare blev A och B"
                    out.setdefault(role_, [name])
                if respective:
                    continue
                if len(parts) > 1 and _elected_role(d.text[:found[0].start], self.vocab):
                    parts = self.name_parts(d.text, found, before=True)   # "Till ordförande valdes X och till ..."
                for name, part in parts:                # "X till ordförande och Y till sekreterare"
                    each = _elected_role(part, self.vocab)
                    both = ("chair", "secretary") if each is None and len(parts) == 1 \
                        and _joined_roles(part, self.vocab) else (each,)
                    for role_ in both:                  # "X valdes till mötesordförande och mötessekreterare"
                        if role_ in ("chair", "secretary") and role_ not in out:
                            out[role_] = [name]
                continue
            if role in out:
                continue
            names = self.names_in([d.text])
            if names:
                out[role] = names
        return out

    def _respective(self, text: str, parts: list[tuple[str, str]], found: list[Name]) -> dict[str, str]:
        """Chair and secretary named joined before two names joined, in the same order ("Val
        av ordförande och sekreterare blev A och B"): each name takes its role in turn."""
        if len(parts) != 2 or not _joined_roles(text[:found[0].start], self.vocab) \
                or parts[0][1].strip().casefold() not in load().grammar("conjunction"):
            return {}
        head = text[:found[0].start].casefold()
        at = {role: min((head.find(w) for w in words if w.isalpha() and w in head), default=-1)
              for role, words in (("chair", self.vocab.chair_words), ("secretary", self.vocab.secretary_words))}
        order = sorted(at, key=lambda r: at[r])
        return {role: parts[k][0] for k, role in enumerate(order)}

    def _names(self, text: str) -> list[Name]:
        """The names in `text`, or else the attendees' first names in it ("valdes Niclas")."""
        return self.finder.find(text, list_mode=True) or self.finder.bare_first_names(text)

    def name_parts(self, text: str, found: list[Name], before: bool = False) -> list[tuple[str, str]]:
        """Each of the names `found` in `text` with the words from it to the next name, or with
        `before` the words from the name before it up to it."""
        if before:
            return [(self.resolve(n.text), text[found[k - 1].end if k else 0:n.start]) for k, n in enumerate(found)]
        return [(self.resolve(n.text), text[n.end:found[k + 1].start if k + 1 < len(found) else len(text)])
                for k, n in enumerate(found)]

    def apposition(self, role: str) -> str | None:
        """The person the opening of the meeting names by role, the title word right before
        the name ("Ordföranden Anna Berg öppnade mötet", "öppnades av ordförande Per Ek") or
        right after a name opening the sentence ("Carin Nises, ordförande, hälsar ..."):
        read only in the first items, where the meeting's own officers act."""
        words = self.vocab.chair_words if role == "chair" else self.vocab.secretary_words
        title = "|".join(re.escape(w) + "(?:e?n)?" for w in words if w.isalpha())
        pattern = re.compile(rf"(?<![\w.])(?:{title})\s+", re.I)
        stop = span_of(self.items[min(len(self.items), APPOSITION_ITEMS)]).line_start \
            if len(self.items) > APPOSITION_ITEMS else self.end
        for line in self.doc.lines[self.header_end:stop]:
            if line.index in self.attendance.lines or line.table is not None:
                continue
            for m in pattern.finditer(line.text):
                before = line.text[:m.start()].split()
                if before and before[-1].casefold() in self.vocab.vice_words:
                    continue
                rest = line.text[m.end():]
                found = self.finder.find(rest, list_mode=False)
                if found and found[0].start == 0 and " " in found[0].text \
                        and re.match(r"\s+[a-zåäö]", rest[found[0].end:]):   # a sentence goes on: "... öppnade mötet"
                    return self.resolve(found[0].text)
            after = re.compile(rf",?\s*(?:{title}),?\s+[a-zåäö]", re.I)
            for name in self.finder.find(line.text, list_mode=False):
                if name.start == 0 and " " in name.text and after.match(line.text[name.end:]):
                    return self.resolve(name.text)  # "Carin Nises ordförande hälsar alla välkomna"
        return None

    def read(self) -> MetadataResult:
        labelled = self.labelled()
        header = [(i, v) for i, v in labelled.get("date", []) if i < self.header_end + 3]
        meeting = Meeting()
        for _i, values in header:
            meeting.meeting_date = parse_date(" ".join(values), self.vocab, compact=True)
            if meeting.meeting_date:
                break
        if not meeting.meeting_date:
            year = self._year()
            for line in self.doc.lines[self.start:max(self.header_end, self.start + OPENING_LINES)]:
                label = self.shapes[line.index].label
                if label and label.kind not in ("date", "time"):
                    continue
                meeting.meeting_date = parse_date(line.text, self.vocab, year=year)
                if meeting.meeting_date:
                    break
        if not meeting.meeting_date:
            meeting.meeting_date = next(filter(None, (parse_date(t, self.vocab, compact=True)
                                                      for t in self._title())), None)
        if not meeting.meeting_date and self.hints.get("date"):
            meeting.meeting_date = parse_date(self.hints["date"], self.vocab, compact=True)
        for i, values in labelled.get("place_time", []):
            if i <= self.header_end + 3 and values:
                place = self._before_when(values[0])
                if not place.strip(" ,.") or parse_date(place, self.vocab, year=self._year()):
                    place = _after_time(values[0])  # "Måndagen den 20 juni 2022 kl 18.00–21.15, Kommunhuset"
                meeting.location = place.strip(" ,.") or None
                meeting.start_time, meeting.end_time = time_span(" ".join(values))
                meeting.meeting_date = meeting.meeting_date or parse_date(" ".join(values), self.vocab)
                break
        clocked = re.compile(rf"\b(?:{self.vocab.words_pattern('clock')})\b", re.I)
        dated = [(i, v) for i, v in labelled.get("date", []) if clocked.search(" ".join(v))]
        for i, values in labelled.get("time", []) + dated:          # "Datum: 12/3 2024 kl 19.00"
            if i <= self.header_end + 3 and not meeting.start_time:
                text = " ".join(values)
                clock_at = re.search(r"\d{1,2}[.:]\d{2}", text)
                if clock_at and len(text[clock_at.end():].split()) > TIME_TAIL_WORDS:
                    continue                        # "Klockan 19:41 stängde X dörren ...": a sentence
                meeting.start_time, meeting.end_time = time_span(text[at.start():] if
                                                                 (at := clocked.search(text)) else text)
                if meeting.start_time:
                    break
        if not meeting.start_time:
            for line in self.doc.lines[:self.header_end]:
                if self.shapes[line.index].label:
                    continue
                if re.search(rf"\d{{1,2}}[.:]\d{{2}}\s*[-–]\s*\d{{1,2}}[.:]\d{{2}}|\b(?:{self.vocab.words_pattern('clock')})\.?\s*\d",  # noqa: E501
                             line.text, re.I):
                    meeting.start_time, meeting.end_time = parse_time_range(line.text)
                    if meeting.start_time:
                        break
        self._clock_from_sentences(meeting)
        for i, values in labelled.get("location", []):
            if meeting.location is None and i <= self.header_end + 3 and values and values[0].strip():
                place = self._before_when(values[0]) or values[0]   # "Plats: Lainio kapell 230501 kl 14.00"
                meeting.location = re.sub(r"\s+[a-zåäö|]$", "", re.sub(r"\s+", " ", place).strip(" ,.|")).strip()
                if not meeting.start_time:
                    meeting.start_time, meeting.end_time = time_span(values[0][len(place):])
                meeting.meeting_date = meeting.meeting_date or parse_date(values[0], self.vocab, compact=True)
                break
        if meeting.location is None:
            meeting.location = self._place_after_date()
        self._people(meeting, labelled)
        meeting.body, meeting.body_name = find_body(self.doc, self.start, self.header_end, self.attendance.lines,
                                                    self.finder, self.subjects, self.hints, self.marked_up)
        return MetadataResult(meeting=meeting, lines=self.lines)

    def _before_when(self, text: str) -> str:
        """The part of a place value before the date or time it goes on with ("Lainio kapell"
        of "Lainio kapell 230501 kl 14.00", "Kommunhuset" of "Kommunhuset, kl 13.30")."""
        clock = self.vocab.words_pattern("clock")
        when = rf"\b(?:{clock})\b\.?|\d{{1,2}}[.:]\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}|(?<!\w)\d{{6}}(?!\w)"
        return re.split(rf",?\s*(?:{when})", text, maxsplit=1)[0]

    def _place_after_date(self) -> str | None:
        """The place an opening line gives right after the meeting's date and time ("Den 4
        augusti 2024, i Matteröds församlingshem", "Årsmöte 2025-08-03 på Klubbstugan",
        "den 10 april 2024 kl. 19.00 i klubbstugan", "2024-05-02, kl 18-20, Zoom",
        "den 23:e februari klockan 19.30 i Q21"): after a
        preposition a capitalised place or a common noun of one or two words; after a time
        and a comma alone, a capitalised one."""
        clock = self.vocab.words_pattern("clock")
        pattern = self.vocab._once("place_after_date", lambda: re.compile(
            rf"(?:(?<!\d)(?:19|20)\d{{2}}(?:-\d{{2}}-\d{{2}})?"
            rf"(?P<time>\s*,?\s*(?:(?:{clock})\.?\s*)?\d{{1,2}}(?:[.:]\d{{2}})?(?:\s*[-–]\s*\d{{1,2}}(?:[.:]\d{{2}})?)?)?"
            rf"|\b(?:{clock})\.?\s*\d{{1,2}}[.:]\d{{2}}(?:\s*[-–]\s*\d{{1,2}}(?:[.:]\d{{2}})?)?)"
            rf"(?:\s*,?\s+(?:{self.vocab.words_pattern('place')})\s+(?P<place>[\wÅÄÖåäö][^,.;:()]*?)"
            rf"|\s*,\s*(?P<bare>[A-ZÅÄÖ][^,.;:()]*?))"
            rf"\s*(?:,|\.|;|\(|\b(?:{clock})\b|\d{{1,2}}[.:]\d{{2}}|$)", re.I))
        for line in self.doc.lines[self.start:max(self.header_end, self.start + OPENING_LINES)]:
            if line.index in self.attendance.lines:
                continue
            m = pattern.search(" ".join(line.text.split()))
            if not m:
                continue
            place, bare = m.group("place"), m.group("bare")
            if place and (place[:1].isupper() or len(place.split()) <= LOWER_PLACE_WORDS
                          or re.search(r"\b(?:[A-ZÅÄÖ]|\w*\d)", place)):   # "i sal Q22 på KTH"
                return place.strip()
            if bare and m.group("time") and bare[:1].isupper() and not self.finder.find(bare):
                return bare.strip()
        return None

    def _year(self) -> int | None:
        """The year the head of the minutes states ("Protokoll från årsmöte år 2014"), for
        dates written without one."""
        for line in self.doc.lines[self.start:max(self.header_end, self.start + OPENING_LINES)]:
            m = YEAR.search(line.text)
            if m:
                return int(m.group(0))
        titled = next(filter(None, (parse_date(t, self.vocab, compact=True) for t in self._title())), None)
        if titled:
            return int(titled[:4])                  # "Möte 171101 ... den 11 januari"
        m = YEAR.search(" ".join(self.hints.values()))
        return int(m.group(0)) if m else None

    def _title(self) -> list[str]:
        """The first two text lines of the minutes, where a title may carry the date in the
        Swedish six-digit form, year first ("Styrelsemöte 220320")."""
        return [line.text for line in self.doc.lines[self.start:self.header_end + 1] if line.text.strip()][:2]

    def _clock_from_sentences(self, meeting: Meeting) -> None:
        """Start and end times from "förklarar mötet öppnat 12:09" / "avslutat 13:09" lines,
        where no labelled time gave them."""
        first = max(self.start, self.header_end - 5) if self.items else self.start
        body = self.doc.lines[first:self.end]
        if meeting.start_time is None:
            for k, line in enumerate(body):
                if self.vocab.meeting_clock["start"].search(line.text):
                    start, _ = parse_time_range(line.text)
                    following = next((ln for ln in body[k + 1:k + 3] if ln.text.strip()), None)
                    if not start and following is not None and re.match(r"\s*\D{0,8}?\d{1,2}[.:]\d{2}", following.text):
                        start, _ = parse_time_range(following.text)
                    if start:
                        meeting.start_time = start
                        break
        if meeting.end_time is None:
            for line in reversed(body):
                if self.vocab.meeting_clock["end"].search(line.text):
                    end, _ = parse_time_range(line.text)
                    if end:
                        meeting.end_time = end
                        break

    def _people(self, meeting: Meeting, labelled: dict):
        for kind in ("chair", "secretary", "adjusters"):
            for i, values in labelled.get(kind, []):
                names = self.names_in(values)
                self.lines.add(i)
                if not names:
                    continue
                if kind == "adjusters":
                    meeting.adjusters += [n for n in names if n not in meeting.adjusters]
                elif getattr(meeting, kind) is None:
                    setattr(meeting, kind, names[0])
        for name, note in self.attendance.notes.items():
            role = _role_of(note, self.vocab)
            if role and getattr(meeting, role) is None:
                setattr(meeting, role, name)
        elected = self.elected()
        if meeting.chair is None and elected.get("chair"):
            meeting.chair = elected["chair"][0]
        if meeting.secretary is None and elected.get("secretary"):
            meeting.secretary = elected["secretary"][0]
        signatures = self.signature_block()
        for name, title in signatures:
            role = _role_of(title, self.vocab)
            if role and getattr(meeting, role) is None:
                setattr(meeting, role, name)
        for role in ("chair", "secretary"):
            if getattr(meeting, role) is None:
                setattr(meeting, role, self.apposition(role))
        if not meeting.adjusters:
            meeting.adjusters = list(elected.get("adjusters", []))
        if not meeting.adjusters:
            meeting.adjusters = [n for n, _ in signatures if n != meeting.secretary]
        if meeting.secretary in meeting.adjusters and "adjusters" not in labelled:
            meeting.adjusters.remove(meeting.secretary)


def read_metadata(lines: Lines, region: Region, finder: NameFinder, items: list[Item],
                  attendance: Attendance, decisions: list[Decision], subjects: Counter | None = None,
                  hints: dict[str, str] | None = None, marked_up: bool = False) -> MetadataResult:
    """Return the meeting's metadata and the lines it was read from (not running text)."""
    return _Reader(lines, region, finder, items, attendance, decisions, subjects, hints, marked_up).read()


@Language.factory("minutes_metadata", assigns=["doc._.meeting", "doc.spans"], requires=["doc._.lines", "doc.spans"])
def make_metadata(nlp: Language, name: str) -> MetadataComponent:
    return MetadataComponent()


class MetadataComponent:
    """Given a Doc with its lines, regions, items, attendance and decisions, set
    `doc._.meeting` to the meetings' `Meeting` records (one per region) and mark the lines
    they were read from (labels, signatures) in `doc.spans["metadata"]`."""

    def __call__(self, doc: Doc) -> Doc:
        items, decisions = docs.payloads(doc, "items"), docs.payloads(doc, "decisions")
        subjects = deciding_subjects(doc)
        meetings, findings = [], []
        for region in regions(doc):
            lines = doc._.lines if region.whole else doc._.lines.section(region.start, region.stop)
            people = attendees(doc, region.meeting)
            attendance = Attendance(attendees=people, notes=notes(doc, region.meeting),
                                    lines=list_lines(doc, region.meeting))
            finder = lines.finder_knowing(a.name.split()[0] for a in people)
            result = read_metadata(lines, region, finder, [i for i in items if i.meeting == region.meeting],
                                   attendance, [d for d in decisions if d.meeting == region.meeting],
                                   subjects, doc._.source.hints, doc._.source.format == "md")
            meetings.append(result.meeting)
            findings += [(docs.line_span(doc, i, label="METADATA"), region.meeting) for i in sorted(result.lines)]
        doc._.meeting = meetings
        docs.put(doc, "metadata", findings)
        return doc
