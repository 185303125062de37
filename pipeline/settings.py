"""Every threshold of extraction in one typed object, each with the reason for its value.

Modules read their numbers from `SETTINGS` (`SETTINGS.items.max_gap`); nothing else sets
them. The settings are part of the extraction version (pipeline/run/version.py), so a
change re-extracts. Unknown keys are an error.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Attendance(Group):
    """Thresholds of pipeline/nlp/attendance.py."""

    party_tagged_min: int = Field(2, description="lists where this many names carry a party tag are read as member lists")
    roll_call_cover: float = Field(0.6, description="share of a line's letters names must cover for it to be a roll-call entry")
    header_lines: int = Field(60, description="without items, the header (where lists stand) is taken as this many lines")
    opening_items: int = Field(3, description="a sentence saying who is present counts in the head and this many first items (and a roll-call item)")
    sentence_lines: int = Field(4, description="a sentence saying who is present spans at most this many lines (more is a block of text)")
    entry_words: int = Field(3, description="an entry of a list of people in a sentence is at most this many words")
    note_lines: int = Field(3, description="lines of a note under a row of an attendance table before its next row")


class Deciding(Group):
    """Thresholds of pipeline/nlp/deciding.py."""

    negation_window: int = Field(2, description="tokens before a deciding verb where a negation undoes it")
    modal_window: int = Field(3, description="tokens before a present passive where a modal makes it an infinitive (\"behöver ändringen godkännas\")")
    earlier_window: int = Field(4, description="words after \"vid\" that may name an earlier meeting (\"föregående års sista sammanträde\")")
    short_line_share: float = Field(0.6, description="a line shorter than this share of the wrap width ends where it ends: no wrapped sentence")
    label_words: int = Field(4, description="words of a label opening a line before its colon (\"Föregående mötes protokoll:\"), not a sentence")


class Decisions(Group):
    """Thresholds of pipeline/nlp/decisions.py."""

    min_margin_lines: int = Field(2, description="lines that must end in a decision keyword before the margin is read as the place decisions are marked")
    laid_out_share: float = Field(0.6, description="after 'enligt följande:' lines shorter than this share of the text width, none ending a sentence, are the list or table decided")
    run_on_sentences: int = Field(3, description="a paragraph of at most this many sentences is one decision with its conditions; a longer one is notes")
    bare_outcome_words: int = Field(2, description="an outcome this short (\"Godkänd\", \"Beviljades enhälligt\") decides what the sentences before it say")
    model_sure: float = Field(0.5, description="the line classifier's label counts when it is more likely than not")
    both_add: float = Field(0.9, description="'both': a line the classifier gives this much opens a decision the rules missed")
    answer_words: int = Field(12, description="an answer without a verb under a deciding heading is at most this long")
    answer_leftover_words: int = Field(2, description="words besides names on a line naming those elected ('Suppleant')")
    recap_similarity: int = Field(90, description="a decision this alike (0-100) to an earlier one in another item repeats it")
    recap_min_chars: int = Field(80, description="shorter decisions ('Godkändes.') are alike by chance, never recaps")
    summary_similarity: int = Field(60, description="in a summary item, a decision sharing this much (token set, 0-100) with an earlier one repeats it")


class Doc(Group):
    """Thresholds of pipeline/nlp/doc.py."""

    long_chunk: int = Field(64, description="a chunk without a space this long is tokenised in pieces of this size (spaCy's suffix search is quadratic)")
    form_cache: int = Field(500_000, description="word forms whose lemma and morphology a process remembers before starting afresh (about 100 MB; a year of minutes has fewer)")


class Items(Group):
    """Thresholds of pipeline/nlp/items.py."""

    max_gap: int = Field(4, description="numbers an item chain may skip (OCR losing a number or two)")
    same_number_items: int = Field(3, description="this many numbered points all numbered 1 are a list numbered by its renderer, each an item as printed")
    label_title_words: int = Field(6, description="a leading label of at most this many words is the title")
    full_line: float = Field(0.88, description="a title line this near the usual line width was wrapped by the page, so a capitalised next line still belongs to it")
    sentence_words: int = Field(3, description="after a heading's label, this many words ending in a full stop are a sentence, not the heading's rest")
    case_lines: int = Field(2, description="a case number stands within this many lines under the title")
    model_sure: float = Field(0.5, description="'model' mode: a line the classifier calls an item head more likely than not")
    head_lines: int = Field(5, description="lines under a title read for presenters and attachments")


class Kind(Group):
    """Thresholds of pipeline/nlp/kind.py."""

    minutes_score: int = Field(3, description="evidence points a document needs to count as minutes")
    head_lines: int = Field(15, description="lines at the top where a title ('Protokoll') is looked for")
    title_lines: int = Field(6, description="text lines at the top that may be the title")


class Layout(Group):
    """Thresholds of pipeline/nlp/layout.py."""

    furniture_repeats: int = Field(3, description="a page header or footer repeats on at least this many pages")
    furniture_chars: int = Field(80, description="... and is a short line")
    date_window: int = Field(4, description="lines after a meeting title that may hold its date")
    min_meeting_lines: int = Field(5, description="a 'meeting' shorter than this is a header repeated, not a meeting")
    appendix_heading_chars: int = Field(60, description="a line opening the appendices is a heading no longer than this")
    head_share: int = Field(10, description="the first 1/HEAD_SHARE of the text lines is the head, where no appendix starts")
    appendix_capitals: int = Field(4, description="a line in capitals with this many letters stands out as a heading (not 'NV' of a scanned stamp)")
    appendix_min_lines: int = Field(5, description="a text appended after the signatures has at least this many lines")


class Lines(Group):
    """Thresholds of pipeline/nlp/lines.py."""

    signature_cover: float = Field(0.7, description="share of a line's letters that names must cover for it to be a signature line")
    min_break_pairs: int = Field(4, description="line pairs a text needs before its line breaks are judged wrapping or not")
    max_wrapped_share: float = Field(0.2, description="below this share of line breaks going on in lower case, a text's lines are statements, not wrapped sentences")


class Members(Group):
    """Thresholds of pipeline/nlp/members.py."""

    max_range: int = Field(200, description="a § range longer than this is a misreading, not a presence limit")


class Mentions(Group):
    """Thresholds of pipeline/nlp/mentions.py."""

    name_cell_share: float = Field(0.9, description="a table cell is 'a name' when the name covers this share of its letters")
    max_cell_words: int = Field(8, description="cells longer than this are running text, not a member table")


class Metadata(Group):
    """Thresholds of pipeline/nlp/metadata.py."""

    same_name: int = Field(90, description="a name this alike to an attendee's is that attendee, spelled another way")
    header_lines: int = Field(60, description="without items, the header is taken as this many lines")
    opening_lines: int = Field(12, description="the date may stand in the opening sentence, after the header's labels")
    time_tail_words: int = Field(4, description="after its clock time a time label's value has at most this many words (\"- 20.00, Klubbstugan\"); more is a sentence")
    lower_place_words: int = Field(2, description="a place written in lower case after \"i\"/\"på\" is a noun of at most this many words (\"i klubbstugan\"), not a phrase")
    apposition_items: int = Field(3, description="'ordförande NAME' names the meeting's chair in its opening items only; later it may be a report's")


class Names(Group):
    """Thresholds of pipeline/nlp/names.py."""

    max_name_tokens: int = Field(4, description="a person's name has at most this many words besides particles")
    word_surname_len: int = Field(6, description="a surname that is also a Swedish word is short (Ek, Ström, Skog); a longer word after a word is no name")


class Organisation(Group):
    """Thresholds of pipeline/nlp/organisation.py."""

    head_lines: int = Field(12, description="text lines at the top read for the body's name")
    max_name_words: int = Field(8, description="a name longer than this is a sentence, not a name")
    subject_min: int = Field(2, description="a short name must decide this often to be the body")
    opening_words: int = Field(12, description="words of an opening sentence that may name the meeting (\"Protokoll nr 79 fört vid <Förening>s styrelsemöte\")")


class Proceedings(Group):
    """Thresholds of pipeline/nlp/proceedings.py."""

    follows_motion: int = Field(70, description="a decision this alike to a motion's text adopted it (partial ratio, 0-100)")


class Sections(Group):
    """Thresholds of pipeline/nlp/sections.py."""

    heading_words: int = Field(8, description="a heading line alone is at most this long")
    typo_similarity: int = Field(88, description="a heading word written with a letter or two wrong still opens its part")


class Align(Group):
    """Thresholds of pipeline/nlp/train/align.py."""

    title_match: int = Field(85, description="partial similarity of a gold title with the item's line(s)")
    start_match: int = Field(85, description="partial similarity of a decision's first words with its first line")
    start_chars: int = Field(40, description="that many characters of the decision are looked for")
    cover: float = Field(0.9, description="a decision's lines run until they hold this share of its text")


class Features(Group):
    """Thresholds of pipeline/nlp/train/features.py."""

    lemma_words: int = Field(6, description="lemmas of the first words of a line that are features")


class Settings(Group):
    """All of them, by the module that uses them."""

    attendance: Attendance = Field(default_factory=Attendance)
    deciding: Deciding = Field(default_factory=Deciding)
    decisions: Decisions = Field(default_factory=Decisions)
    doc: Doc = Field(default_factory=Doc)
    items: Items = Field(default_factory=Items)
    kind: Kind = Field(default_factory=Kind)
    layout: Layout = Field(default_factory=Layout)
    lines: Lines = Field(default_factory=Lines)
    members: Members = Field(default_factory=Members)
    mentions: Mentions = Field(default_factory=Mentions)
    metadata: Metadata = Field(default_factory=Metadata)
    names: Names = Field(default_factory=Names)
    organisation: Organisation = Field(default_factory=Organisation)
    proceedings: Proceedings = Field(default_factory=Proceedings)
    sections: Sections = Field(default_factory=Sections)
    align: Align = Field(default_factory=Align)
    features: Features = Field(default_factory=Features)


SETTINGS = Settings()
