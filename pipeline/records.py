"""Typed records passed from stage to stage.

`Document` is what an ingestor returns (format-independent lines with layout hints and
provenance); `Minutes` is what extraction returns for one document. Stages read and
write these records only; the storage schema lives separately in `schema.sql`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["present", "absent", "invited"]
VoteCast = Literal["ja", "nej", "avstår", "frånvarande"]
Outcome = Literal["won", "lost", "withdrawn"]
Kind = Literal["minutes", "other"]
OfficialRole = Literal["chair", "secretary", "adjuster"]


class Record(BaseModel):
    """Base for all records: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


def stable_id(*parts: object) -> str:
    """Return a short content-derived id, so re-runs give the same keys."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


class Line(Record):
    """One line of text with the hints layout gives; `continues` marks a line that goes on
    the previous line's paragraph (a wrapped or soft-broken line). `ocr_confidence` is
    tesseract's mean word confidence for the line (0-100) when `ocr` is set; `original`
    is the text as read, kept only when repair (`ingest/repair.py`) changed it."""

    index: int
    text: str
    page: int | None = None
    start: int = 0
    end: int = 0
    heading: int = 0
    bold: bool = False
    bullet: bool = False
    continues: bool = False
    list_label: str | None = None
    table: tuple[int, int, int] | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    original: str | None = None


class PageInfo(Record):
    """What the ingestor saw on one page."""

    number: int
    chars: int
    has_text_layer: bool
    ocr: bool = False


class Document(Record):
    """A source file read into lines; `id` is the sha256 of its bytes."""

    id: str
    path: str
    format: str
    encoding: str | None = None     # text files: the encoding detected (ingest/encoding.py)
    pages: int
    lines: list[Line]
    page_info: list[PageInfo] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # front matter of exports (title, date): not text of the minutes
    hints: dict[str, str] = Field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Span(Record):
    """Where a record came from: first and last line, page and character offsets."""

    page: int | None = None
    line_start: int
    line_end: int
    char_start: int
    char_end: int
    ocr: bool = False
    ocr_confidence: float | None = None  # lowest OCR line confidence (0-100) when ocr

    @classmethod
    def of_lines(cls, lines: list[Line]) -> Span:
        first, last = lines[0], lines[-1]
        confidences = [line.ocr_confidence for line in lines if line.ocr and line.ocr_confidence is not None]
        return cls(page=first.page, line_start=first.index, line_end=last.index,
                   char_start=first.start, char_end=last.end,
                   ocr=any(line.ocr for line in lines),
                   ocr_confidence=round(min(confidences), 1) if confidences else None)


class _Located(Protocol):
    @property
    def span(self) -> Span | None: ...


def span_of(record: _Located) -> Span:
    """The span of a record that extraction made, which gives every record one (the field is
    optional for records made without a source, such as gold annotations)."""
    if record.span is None:
        raise ValueError(f"{type(record).__name__} has no span")
    return record.span


LinkMethod = Literal["exact", "alias", "fuzzy", "first-name-in-meeting", "context"]


class LinkCandidate(Record):
    """A registry person a name might be, with its score (0-100)."""

    person_id: str
    name: str
    score: float


class PersonLink(Record):
    """Which registry person a name is, how it was decided and how sure (0-100). Unlinked
    when `person_id` is None; `candidates` then lists what a reviewer can choose from."""

    person_id: str | None = None
    score: float = 0.0
    method: LinkMethod | None = None
    candidates: list[LinkCandidate] = Field(default_factory=list)


class Attendee(Record):
    """A person the minutes list as present, absent or invited. In municipal protokoll the
    affiliation splits into `party` ("M") and `role_text` as printed ("1:e vice ordförande",
    "tjänstgörande ersättare"); `substitutes_for` is whom they replace ("ersätter X");
    `limited_to` a presence limit as written ("§§ 29-35", "från kl. 14.00") and
    `paragraphs` the § numbers it covers, when it names them."""

    name: str
    role: Role
    affiliation: str | None = None
    party: str | None = None
    role_text: str | None = None
    substitutes_for: str | None = None
    limited_to: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    meeting: int = 0  # which meeting of a cumulative file (0 = the first)
    span: Span | None = None
    link: PersonLink | None = None


class Item(Record):
    number: str
    title: str
    case_number: str | None = None   # "BUN 2020/123": the case number printed with the item, not in its title
    type_label: str | None = None
    presenters: list[str] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)
    meeting: int = 0  # which meeting of a cumulative file (0 = the first)
    span: Span | None = None
    presenter_links: list[PersonLink] = Field(default_factory=list)  # parallel to presenters


class Votes(Record):
    """A vote tally stated with a decision; None where the text gives no number."""

    yes: int | None = None
    no: int | None = None
    abstained: int | None = None
    eligible: int | None = None


class Decision(Record):
    id: str
    item: str | None
    label: Literal["Ställningstagande", "Beslut"]
    text: str
    recap: bool = False
    recap_of: str | None = None
    votes: Votes | None = None
    adjusted_immediately: bool = False   # "Paragrafen justeras omedelbart"
    meeting: int = 0  # which meeting of a cumulative file (0 = the first)
    span: Span | None = None


class Mention(Record):
    name: str
    surface: str
    meeting: int = 0  # which meeting of a cumulative file (0 = the first)
    span: Span | None = None
    link: PersonLink | None = None


class Official(Record):
    role: OfficialRole
    name: str
    meeting: int = 0  # which meeting of a cumulative file (0 = the first)
    link: PersonLink | None = None


class Meeting(Record):
    """Metadata of the meeting a set of minutes records."""

    body: str | None = None
    body_name: str | None = None
    meeting_date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    location: str | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = Field(default_factory=list)


class Motion(Record):
    """A proposal put to the meeting (a yrkande): who moved it, what, and whether it won,
    lost or was withdrawn, where the Beslutsgång or the vote says so. A party group's
    motion has `party` and no `person_name`."""

    decision: str | None = None      # the id of the decision it was put to
    item: str | None = None
    person_name: str | None = None
    party: str | None = None
    text: str
    outcome: Outcome | None = None
    meeting: int = 0
    span: Span | None = None
    link: PersonLink | None = None


class Ballot(Record):
    """One member's vote in a roll call (Omröstning)."""

    decision: str | None = None
    item: str | None = None
    person_name: str
    party: str | None = None
    vote: VoteCast
    meeting: int = 0
    span: Span | None = None
    link: PersonLink | None = None


class Reservation(Record):
    """A reservation against a decision. A party group's reservation ("S-ledamöterna
    reserverar sig") is one record per member of the group present, when the attendance
    says who they are, each keeping the `group` as written."""

    decision: str | None = None
    item: str | None = None
    person_name: str | None = None
    party: str | None = None
    group: str | None = None
    text: str
    meeting: int = 0
    span: Span | None = None
    link: PersonLink | None = None


class Recusal(Record):
    """A member who declared a conflict of interest (jäv) and took no part in an item."""

    item: str | None = None
    person_name: str
    party: str | None = None
    meeting: int = 0
    span: Span | None = None
    link: PersonLink | None = None


class Minutes(Record):
    """Everything extracted from one document."""

    document_id: str
    file: str
    kind: Kind
    meeting: Meeting = Field(default_factory=Meeting)
    later_meetings: list[Meeting] = Field(default_factory=list)
    attendance: list[Attendee] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)  # chair, secretary, adjusters, once linked
    motions: list[Motion] = Field(default_factory=list)
    ballots: list[Ballot] = Field(default_factory=list)
    reservations: list[Reservation] = Field(default_factory=list)
    recusals: list[Recusal] = Field(default_factory=list)

    @property
    def meetings(self) -> list[Meeting]:
        """Every meeting the document records; cumulative files hold more than one."""
        return [self.meeting, *self.later_meetings]

    @property
    def persons_mentioned(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.name, None)
        return list(seen)

    def to_gold(self) -> dict:
        """Return the gold-annotation shape (shared/gold/SCHEMA.md) plus provenance keys."""
        return {
            "file": self.file,
            "document_id": self.document_id,
            "kind": self.kind,
            **self.meeting.model_dump(),
            "attendance": [a.model_dump(exclude={"span", "link"}) for a in self.attendance],
            "items": [i.model_dump(include={"number", "title", "case_number", "type_label", "presenters",
                                            "attachments"}) for i in self.items],
            "decisions": [d.model_dump(exclude={"span"}) for d in self.decisions],
            "persons_mentioned": self.persons_mentioned,
            **({"meetings": [m.model_dump() for m in self.meetings]} if self.later_meetings else {}),
        }


class LinkedMinutes(Record):
    """What the link stage hands the load stage: the document (without its lines), its
    minutes with every name linked to the registry, and the versions that made them. Rows
    for the database are made from this by the store, in the load stage."""

    document: Document
    minutes: Minutes
    version: str                     # "<extract version>+<link version>", stored with every row
    ingested_at: dt.datetime


class Failure(Record):
    """A file that could not be processed, and why."""

    path: str
    stage: str
    code: str
    message: str
