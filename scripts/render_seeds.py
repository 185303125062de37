"""Render the seed text exports into DOCX and PDF test fixtures.

The five seeds in ``shared/seeds/*.txt`` (the ``shared`` folder beside this
repository; see --seeds) are Markdown-ish text exports of real minutes (and one
slide deck). The pipeline must read DOCX and PDF as well, so this script
rebuilds each seed as a Word document the way such minutes look in Word, then
lets LibreOffice print that DOCX to PDF:

* ``#``..``####`` headings -> Heading 1..4; ``**bold**``/``*italic*``/``<i>``
  -> bold/italic runs; ``[text](url)`` -> text; ``<p>`` tags dropped.
* ``- `` bullets -> "List Bullet" (" - " nested -> "List Bullet 2"); the glyph
  bullets of the exports ("- ❖", "•", "o") become real bullets with that glyph.
* Numbered agenda lines ("1. Inledning", "12) Övriga frågor") -> real Word
  numbering (numbering.xml, decimal, lvlText "%1." or "%1)", start = the
  printed number); "a." / "a)" sub-items -> level 2 (lowerLetter). The number
  is NOT in the paragraph text; Word/LibreOffice draw it. Headings that carry
  their number in the text ("### 1. Inledning") stay headings as written.
* Tab-separated blocks, pipe tables and space-aligned schedule rows -> tables.
* Attendance rows ("Närvarande", "Förhindrade", "Inbjudna") of a tab block ->
  table rows with one person per paragraph. The text exports flattened these
  table cells into one run, and the text alone cannot tell where one title
  ends and the next begins, so the run is cut at the names (and, for the
  three-column layout, the affiliations) listed in the matching gold file
  ``shared/gold/seeds/<stem>.json`` (see --gold). This reconstructs the original
  table; no word is added, dropped or changed.
* Everything else: body paragraphs, text verbatim. A body, bullet or numbered
  paragraph runs on over the following lines as soft line breaks (``<w:br/>``,
  Shift+Enter in Word), each line's text kept as written, so the line
  positions survive:
  - Markdown hard breaks: a line ending in two or more spaces continues on the
    next non-blank line ("Vid anteckningen  " / "Anette Forsberg  " / "LGS
    processledare" is one paragraph; so is a bullet with such a tail);
  - wrapped PDF exports (most lines end in a single space, like seed 004):
    every non-blank line continues the one before it.
  A blank line, a heading, a bullet, a numbered or lettered item, a table row
  and a "Ställningstagande:" / "Beslut:" line always start a new paragraph.

Outputs (deterministic names, commit-ready):
  tests/fixtures/seeds/<stem>.docx, tests/fixtures/seeds/<stem>.pdf
  data/raw/sample/<stem>.txt|.docx|.pdf   (bundled sample for the main job)

Re-run from the repository root:

    .venv/bin/python scripts/render_seeds.py            # DOCX + PDF
    .venv/bin/python scripts/render_seeds.py --no-pdf   # DOCX only
    .venv/bin/python scripts/render_seeds.py --seeds DIR --gold DIR --repo DIR

The PDF step needs ``soffice`` (Debian: libreoffice-writer-nogui). DOCX files
are byte-identical between runs (fixed core properties and zip timestamps);
PDF creation dates and IDs are pinned the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # the shared folder beside the repository
DEFAULT_SEEDS = SHARED / "seeds"
DEFAULT_GOLD = SHARED / "gold" / "seeds"
FIXTURE_DIR = Path("tests/fixtures/seeds")
SAMPLE_DIR = Path("data/raw/sample")

# Determinism: fixed document dates and zip member timestamps.
FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PDF_FIXED_DATE = b"20240101000000"
DOC_AUTHOR = "render_seeds.py"

# Page layout of Swedish minutes: A4, 2.5 cm margins, Arial, Swedish language.
PAGE_W_CM, PAGE_H_CM, MARGIN_CM = 21.0, 29.7, 2.5
BODY_FONT = "Arial"
LANGUAGE = "sv-SE"

# Column widths (cm) of attendance tables, keyed by column count.
ATTENDANCE_WIDTHS_CM = {2: (3.0, 13.0), 3: (2.7, 5.4, 7.9)}

# Word list geometry (twips): indent per level and hanging indent of the number.
INDENT_STEP, HANGING = 720, 360
SOFFICE_TIMEOUT_S = 600

# Attendance row headings (lower-case, without ":") -> gold attendance role.
ROLE_BY_HEADING = {
    "närvarande": "present",
    "förhindrade": "absent",
    "frånvarande": "absent",
    "ej närvarande": "absent",
    "inbjudna": "invited",
    "gäster": "invited",
}

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
BULLET_RE = re.compile(r"^(\s*)- (.*)$")
GLYPH_BULLET_RE = re.compile(r"^(•|o(?= [A-ZÅÄÖ])) (.*)$")
NUMBERED_RE = re.compile(r"^(\d{1,3})([.)])\s+(\S.*)$")
SUB_ITEM_RE = re.compile(r"^([a-z])([.)])\s+(\S.*)$")
STAR_GLYPH = "❖"
PARA_TAGS_RE = re.compile(r"</?p>")
PIPE_SEPARATOR_RE = re.compile(r"^\s*:?-+:?\s*$")
# Space-aligned schedule rows of PDF exports ("1 10/2 kl. 10-12 10/1 kl. 12:30-15:00").
SCHEDULE_CELL = r"\d{1,2}/\d{1,2} kl\.? [\d.:]+\s*[-–]\s*[\d.:]+"
SCHEDULE_ROW_RE = re.compile(rf"^(\d+)\s+({SCHEDULE_CELL})\s+({SCHEDULE_CELL})$")
INLINE_RE = re.compile(
    r"\[(?P<link>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]*)\)"
    r"|(?P<bold>\*\*|</?b>)"
    r"|(?P<ital>\*|</?i>)"
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!|])"
)
# A line ending in two or more spaces: Markdown hard line break.
HARD_BREAK_RE = re.compile(r"\S {2,}$")
# Wrapped PDF export: a line ending in exactly one space (end of a PDF text line).
WRAPPED_LINE_RE = re.compile(r"\S $")
WRAPPED_MIN_SHARE = 0.5
# Decision label lines always open their own paragraph.
LABEL_LINE_RE = re.compile(r"^(Ställningstagande|Beslut)\s*:", re.IGNORECASE)
LINE_BREAK = "\n"  # inside Run.text: a soft line break (w:br) in the DOCX
# Invited people in 003 carry the agenda item they attend ("2) Camilla ...").
ITEM_PREFIX_RE = re.compile(r"\d+\)\s*$")


# --------------------------------------------------------------------------
# Document model
# --------------------------------------------------------------------------

class Run(NamedTuple):
    """A stretch of text with one formatting."""

    text: str
    bold: bool
    italic: bool


@dataclass
class Style:
    """Inline emphasis state, carried across the lines of one text block."""

    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    """One paragraph; kind is body, heading, bullet, number or sub."""

    runs: list[Run]
    kind: str = "body"
    level: int = 1
    glyph: str | None = None
    number: int = 0
    delim: str = "."


@dataclass
class Table:
    """Rows of cells; each cell holds paragraphs (lists of runs)."""

    rows: list[list[list[list[Run]]]]
    widths_cm: tuple[float, ...] | None = None


Block = Para | Table


# --------------------------------------------------------------------------
# Inline markdown
# --------------------------------------------------------------------------

def parse_inline(text: str, style: Style) -> list[Run]:
    """Turn **bold**, *italic*, <i>, links and escapes into runs; updates style."""
    runs: list[Run] = []
    pos = 0
    for m in INLINE_RE.finditer(text):
        _add_run(runs, text[pos:m.start()], style)
        pos = m.end()
        if m.group("link") is not None:
            runs.extend(parse_inline(m.group("link"), style))
        elif m.group("bold"):
            style.bold = _toggle(m.group("bold"), style.bold)
        elif m.group("ital"):
            style.italic = _toggle(m.group("ital"), style.italic)
        else:
            _add_run(runs, m.group("esc"), style)
    _add_run(runs, text[pos:], style)
    return _merge_runs(runs)


def _toggle(marker: str, current: bool) -> bool:
    """Markdown markers toggle; HTML tags set (<i>) or clear (</i>)."""
    if marker.startswith("</"):
        return False
    if marker.startswith("<"):
        return True
    return not current


def _add_run(runs: list[Run], text: str, style: Style) -> None:
    """Append text in the current style, skipping empty strings."""
    if text:
        runs.append(Run(text, style.bold, style.italic))


def _merge_runs(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of equal formatting (as Word would store them)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1][1:] == run[1:]:
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def plain_runs(text: str) -> list[Run]:
    """Runs for a self-contained snippet (a table cell line)."""
    return parse_inline(text, Style())


# --------------------------------------------------------------------------
# Attendance splitting (reconstructs flattened table cells via the gold file)
# --------------------------------------------------------------------------

def load_attendance(gold_path: Path) -> list[dict]:
    """Gold attendance rows (name, role, affiliation); [] if no gold file."""
    if not gold_path.exists():
        return []
    return json.loads(gold_path.read_text(encoding="utf-8")).get("attendance", [])


def loose_pattern(phrase: str) -> re.Pattern:
    """Regex for phrase tolerant to spacing ("Anna- Clara" = "Anna-Clara")."""
    parts = []
    for ch in re.sub(r"\s*([-–])\s*", r"\1", phrase.strip()):
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "-–":
            parts.append(r"\s*[-–]\s*")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts) + r"(?!\w)")


def split_at_anchors(text: str, anchors: list[str], keep_item_prefix: bool) -> list[str]:
    """Cut text where each anchor (in order) starts; one segment per anchor."""
    starts, cursor = [], 0
    for anchor in anchors:
        m = loose_pattern(anchor).search(text, cursor)
        if not m:
            warn(f"attendance: {anchor!r} not found, left unsplit")
            continue
        start = m.start()
        prefix = ITEM_PREFIX_RE.search(text[:start]) if keep_item_prefix else None
        if prefix and prefix.start() >= cursor:
            start = prefix.start()
        starts.append(start)
        cursor = m.end()
    if not starts:
        return [text.strip()]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    segments = [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return [s for s in segments if s]


def attendance_cells(cells: list[str], role: str, attendance: list[dict]) -> list[list[str]]:
    """Split a flattened attendance row into one paragraph per person."""
    people = [p for p in attendance if p["role"] == role]
    names = [p["name"] for p in people]
    out = [[cells[0]]]
    if len(cells) >= 3 and cells[2].strip():
        out.append(split_at_anchors(cells[1], names, keep_item_prefix=False))
        affiliations = [p["affiliation"] for p in people if p.get("affiliation")]
        out.append(split_at_anchors(cells[2], affiliations, keep_item_prefix=False))
        out.extend([c] for c in cells[3:])
    else:
        out.append(split_at_anchors(cells[1], names, keep_item_prefix=True))
    return out


def attendance_role(heading: str) -> str | None:
    """Role for an attendance row heading such as "Närvarande:"."""
    return ROLE_BY_HEADING.get(heading.strip().rstrip(":").strip().lower())


# --------------------------------------------------------------------------
# Block parsing
# --------------------------------------------------------------------------

def parse_blocks(text: str, attendance: list[dict]) -> list[Block]:
    """Parse a seed export into paragraphs and tables."""
    lines = [PARA_TAGS_RE.sub("", line) for line in text.splitlines()]
    wrapped = is_wrapped_export(lines)
    blocks: list[Block] = []
    style = Style()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            style = Style()
            i += 1
        elif line.lstrip().startswith("|"):
            i = _take(lines, i, lambda s: s.lstrip().startswith("|"), blocks, pipe_table)
            style = Style()
        elif "\t" in line:
            i = _take(lines, i, lambda s: "\t" in s,
                      blocks, lambda rows: tab_table(rows, attendance))
            style = Style()
        elif (schedule := schedule_table(lines, i)) is not None:
            table, i = schedule
            blocks.append(table)
            style = Style()
        else:
            para = parse_line(line, style)
            i += 1
            while para.kind != "heading" and continues(lines, i, wrapped):
                para.runs = _merge_runs(para.runs + [Run(LINE_BREAK, style.bold, style.italic)]
                                        + parse_inline(lines[i].strip(), style))
                i += 1
            blocks.append(para)
    return blocks


def is_wrapped_export(lines: list[str]) -> bool:
    """Given a seed's lines, return whether it is a line-wrapped PDF export.

    Such exports end (nearly) every text line in a single space and separate
    paragraphs by blank lines only; Markdown-ish exports never end a line in
    exactly one space.
    """
    text_lines = [line for line in lines if line.strip()]
    wrapped = sum(1 for line in text_lines if WRAPPED_LINE_RE.search(line))
    return bool(text_lines) and wrapped / len(text_lines) >= WRAPPED_MIN_SHARE


def continues(lines: list[str], i: int, wrapped: bool) -> bool:
    """Given line i, return whether it continues the paragraph of line i - 1."""
    if i >= len(lines) or not lines[i].strip():
        return False
    if not (wrapped or HARD_BREAK_RE.search(lines[i - 1])):
        return False
    return not starts_block(lines, i)


def starts_block(lines: list[str], i: int) -> bool:
    """Given line i, return whether it opens a new block (never a continuation)."""
    line, text = lines[i], lines[i].strip()
    return bool(
        HEADING_RE.match(text)
        or BULLET_RE.match(line.rstrip())
        or GLYPH_BULLET_RE.match(text)
        or NUMBERED_RE.match(text)
        or SUB_ITEM_RE.match(text)
        or LABEL_LINE_RE.match(text)
        or text.startswith("|")
        or "\t" in line
        or SCHEDULE_ROW_RE.match(text)
    )


def _take(lines, i, belongs, blocks, build) -> int:
    """Collect consecutive lines matching belongs, build one block from them."""
    j = i
    while j < len(lines) and lines[j].strip() and belongs(lines[j]):
        j += 1
    blocks.append(build(lines[i:j]))
    return j


def parse_line(line: str, style: Style) -> Para:
    """Classify one non-table line: heading, bullet, numbered item or body."""
    if m := HEADING_RE.match(line.strip()):
        level = min(len(m.group(1)), 4)
        return Para(parse_inline(m.group(2).strip(), style), "heading", level)
    if m := BULLET_RE.match(line.rstrip()):
        return bullet_para(m.group(2).strip(), 2 if m.group(1) else 1, style)
    text = line.strip()
    if m := GLYPH_BULLET_RE.match(text):
        if m.group(1) == "•":  # Word's default bullet, as List Bullet draws it
            return Para(parse_inline(m.group(2), style), "bullet", 1)
        return Para(parse_inline(m.group(2), style), "bullet", 2, m.group(1))
    if m := NUMBERED_RE.match(text):
        return Para(parse_inline(m.group(3), style), "number", 1, None, int(m.group(1)), m.group(2))
    if m := SUB_ITEM_RE.match(text):
        return sub_item(m, style)
    return Para(parse_inline(text, style), "body")


def bullet_para(text: str, level: int, style: Style) -> Para:
    """A "- " list line: sub-item ("- a. ..."), glyph bullet ("- ❖ ...") or plain."""
    if m := SUB_ITEM_RE.match(text):
        return sub_item(m, style)
    if text.startswith(STAR_GLYPH + " "):
        body = text[len(STAR_GLYPH):].strip()
        return Para(parse_inline(body, style), "bullet", level, STAR_GLYPH)
    return Para(parse_inline(text, style), "bullet", level)


def sub_item(m: re.Match, style: Style) -> Para:
    """A lettered sub-item ("a." / "a)") rendered as level-2 numbering."""
    letter = ord(m.group(1)) - ord("a") + 1
    return Para(parse_inline(m.group(3), style), "sub", 2, None, letter, m.group(2))


def pipe_table(lines: list[str]) -> Table:
    """A Markdown pipe table; the |---| separator row is dropped."""
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(PIPE_SEPARATOR_RE.match(c) for c in cells):
            continue
        rows.append([[plain_runs(c)] if c else [[]] for c in cells])
    return Table(_pad(rows))


def tab_table(lines: list[str], attendance: list[dict]) -> Table:
    """A tab-separated block; attendance rows get one person per paragraph."""
    rows, is_attendance = [], False
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        role = attendance_role(cells[0]) if len(cells) > 1 else None
        if role and attendance:
            is_attendance = True
            paragraphs = attendance_cells(cells, role, attendance)
        else:
            paragraphs = [[c] for c in cells]
        rows.append([[plain_runs(p) for p in cell if p] or [[]] for cell in paragraphs])
    rows = _pad(rows)
    widths = ATTENDANCE_WIDTHS_CM.get(len(rows[0])) if is_attendance else None
    return Table(rows, widths)


def schedule_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    """Space-aligned schedule (PDF export lost the tabs), with optional header."""
    header_line = None
    j = _next_nonblank(lines, i)
    if not SCHEDULE_ROW_RE.match(lines[i].strip()):
        k = _next_nonblank(lines, i + 1)
        if k is None or not SCHEDULE_ROW_RE.match(lines[k].strip()):
            return None
        header_line, j = lines[i].strip(), k
    rows, end = [], j
    while j is not None and (m := SCHEDULE_ROW_RE.match(lines[j].strip())):
        rows.append(list(m.groups()))
        end = j + 1
        j = _next_nonblank(lines, end)
    if header_line:
        ncols = len(rows[0])
        tokens = header_line.split()
        if len(tokens) < ncols:
            return None
        rows.insert(0, [" ".join(tokens[: len(tokens) - ncols + 1])] + tokens[len(tokens) - ncols + 1:])
    return Table([[[plain_runs(c)] for c in row] for row in rows]), end


def _next_nonblank(lines: list[str], i: int) -> int | None:
    """Index of the next non-blank line at or after i."""
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


def _pad(rows: list) -> list:
    """Give every row the same number of cells (empty cells appended)."""
    width = max(len(r) for r in rows)
    return [r + [[[]] for _ in range(width - len(r))] for r in rows]


# --------------------------------------------------------------------------
# Word numbering
# --------------------------------------------------------------------------

@dataclass
class ListInstance:
    """One Word list (w:num with its own w:abstractNum)."""

    num_id: int
    abstract_id: int
    top_delim: str = "."
    top_start: int = 1
    sub_delim: str | None = None
    sub_start: int = 1
    next_top: int = 1
    next_sub: int = 1
    glyph: str | None = None
    glyph_level: int = 1


@dataclass
class Numbering:
    """Assigns list instances so printed numbers equal the text's numbers."""

    next_num_id: int
    next_abstract_id: int
    instances: list[ListInstance] = field(default_factory=list)
    top: ListInstance | None = None
    sub: ListInstance | None = None
    bullets: dict = field(default_factory=dict)

    def new(self, **kw) -> ListInstance:
        """Allocate a fresh w:num / w:abstractNum pair."""
        inst = ListInstance(self.next_num_id, self.next_abstract_id, **kw)
        self.next_num_id += 1
        self.next_abstract_id += 1
        self.instances.append(inst)
        return inst

    def top_item(self, number: int, delim: str) -> tuple[int, int]:
        """numId/ilvl for "N." or "N)": continue the list or restart at N."""
        top = self.top
        if top is None or top.top_delim != delim or top.next_top != number:
            top = self.new(top_delim=delim, top_start=number, next_top=number)
        top.next_top = number + 1
        top.next_sub = 1
        self.top = self.sub = top
        return top.num_id, 0

    def sub_item(self, letter: int, delim: str) -> tuple[int, int]:
        """numId/ilvl for "a." / "a)": level 2 of the current item if it fits."""
        sub = self.sub
        if sub is None or sub.sub_delim not in (None, delim) or sub.next_sub != letter:
            sub = self.new(sub_delim=delim, sub_start=letter, next_sub=letter)
            self.sub = sub
        sub.sub_delim = delim
        sub.next_sub = letter + 1
        return sub.num_id, 1

    def bullet(self, glyph: str, level: int) -> tuple[int, int]:
        """numId for a bullet with a specific glyph (shared per glyph/level)."""
        key = (glyph, level)
        if key not in self.bullets:
            self.bullets[key] = self.new(glyph=glyph, glyph_level=level)
        return self.bullets[key].num_id, 0

    def break_list(self) -> None:
        """A heading ends the current list context."""
        self.top = self.sub = None


def _lvl_xml(ilvl: int, start: int, fmt: str, text: str,
             font: str | None = None, depth: int | None = None) -> str:
    """One w:lvl; hanging indent grows with depth (default: the level itself)."""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    left = INDENT_STEP * ((ilvl if depth is None else depth) + 1)
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{HANGING}"/></w:pPr>{rpr}</w:lvl>'
    )


def abstract_num_xml(inst: ListInstance) -> str:
    """w:abstractNum for a list instance (decimal + lowerLetter, or a glyph)."""
    if inst.glyph:
        font = "Courier New" if inst.glyph == "o" else None
        levels = _lvl_xml(0, 1, "bullet", inst.glyph, font, depth=inst.glyph_level - 1)
        kind = "singleLevel"
    else:
        sub_delim = inst.sub_delim or "."
        levels = (_lvl_xml(0, inst.top_start, "decimal", "%1" + inst.top_delim)
                  + _lvl_xml(1, inst.sub_start, "lowerLetter", "%2" + sub_delim))
        kind = "multilevel"
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{inst.abstract_id}">'
        f'<w:multiLevelType w:val="{kind}"/>{levels}</w:abstractNum>'
    )


def write_numbering(document, numbering: Numbering) -> None:
    """Add the collected list definitions to numbering.xml (abstractNums first)."""
    root = document.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    for inst in numbering.instances:
        abstract = parse_xml(abstract_num_xml(inst))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{inst.num_id}">'
            f'<w:abstractNumId w:val="{inst.abstract_id}"/></w:num>'
        ))


def new_numbering(document) -> Numbering:
    """Numbering allocator starting above the template's existing ids."""
    root = document.part.numbering_part.element
    num_ids = [int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))]
    abs_ids = [int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))]
    return Numbering(max(num_ids, default=0) + 1, max(abs_ids, default=-1) + 1)


def set_num_pr(paragraph, num_id: int, ilvl: int) -> None:
    """Attach a paragraph to Word list num_id at level ilvl."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


# --------------------------------------------------------------------------
# DOCX rendering
# --------------------------------------------------------------------------

def add_runs(paragraph, runs: list[Run]) -> None:
    """Write runs into a python-docx paragraph; LINE_BREAK becomes a w:br."""
    for run in runs:
        for k, piece in enumerate(run.text.split(LINE_BREAK)):
            if k:
                paragraph.add_run().add_break()  # soft line break, own run like Word
            if piece:
                r = paragraph.add_run(piece)
                r.bold = run.bold or None
                r.italic = run.italic or None


def render_para(document, para: Para, numbering: Numbering) -> None:
    """Add one paragraph with the style / numbering its kind calls for."""
    if para.kind == "heading":
        numbering.break_list()
        p = document.add_paragraph(style=f"Heading {para.level}")
    elif para.kind == "bullet":
        p = document.add_paragraph(style="List Bullet" if para.level == 1 else "List Bullet 2")
        if para.glyph:
            set_num_pr(p, *numbering.bullet(para.glyph, para.level))
    elif para.kind == "number":
        p = document.add_paragraph(style="List Paragraph")
        set_num_pr(p, *numbering.top_item(para.number, para.delim))
    elif para.kind == "sub":
        p = document.add_paragraph(style="List Paragraph")
        set_num_pr(p, *numbering.sub_item(para.number, para.delim))
    else:
        p = document.add_paragraph()
    add_runs(p, para.runs)


def render_table(document, table: Table) -> None:
    """Add a bordered table; cells hold one paragraph per entry."""
    ncols = len(table.rows[0])
    t = document.add_table(rows=len(table.rows), cols=ncols)
    t.style = "Table Grid"
    if table.widths_cm:
        t.autofit = False
        for column, width in zip(t.columns, table.widths_cm):
            column.width = Cm(width)  # w:gridCol, which LibreOffice lays out by
    for row, cells in zip(t.rows, table.rows):
        for col, (cell, paragraphs) in enumerate(zip(row.cells, cells)):
            if table.widths_cm:
                cell.width = Cm(table.widths_cm[col])
            for k, runs in enumerate(paragraphs):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                add_runs(p, runs)
    document.add_paragraph()  # Word always keeps a paragraph after a table


def setup_document():
    """Blank document: A4, Arial, Swedish, fixed core properties."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    _set_default_font_and_language(document)
    props = document.core_properties
    props.author = props.last_modified_by = DOC_AUTHOR
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    props.title = ""
    return document


def _set_default_font_and_language(document) -> None:
    """Explicit fonts (not theme fonts) so LibreOffice renders predictably."""
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for name in ["Normal"] + [f"Heading {n}" for n in range(1, 5)]:
        style_rpr = document.styles[name].element.get_or_add_rPr()
        _replace_fonts(style_rpr)
    _replace_fonts(r_pr)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)


def _replace_fonts(r_pr) -> None:
    """Set rFonts to BODY_FONT, dropping theme-font attributes."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        r_pr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), BODY_FONT)


def build_docx(blocks: list[Block]) -> bytes:
    """Render blocks into DOCX bytes (deterministic zip)."""
    document = setup_document()
    numbering = new_numbering(document)
    for block in blocks:
        if isinstance(block, Table):
            numbering.break_list()
            render_table(document, block)
        else:
            render_para(document, block, numbering)
    write_numbering(document, numbering)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so reruns are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------
# PDF via LibreOffice
# --------------------------------------------------------------------------

def find_soffice() -> str:
    """Path of soffice, or exit with an explanation."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        sys.exit("render_seeds: soffice not found. Install LibreOffice "
                 "(apt-get install -y libreoffice-writer-nogui) or pass --no-pdf.")
    return path


def convert_to_pdf(docx_paths: list[Path], out_dir: Path) -> None:
    """Convert DOCX files to PDF in out_dir with a throwaway LO profile."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile, \
            tempfile.TemporaryDirectory(prefix="lo-out-") as tmp_out:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp_out, *map(str, docx_paths)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S)
        for path in docx_paths:
            produced = Path(tmp_out) / (path.stem + ".pdf")
            if not produced.exists():
                sys.exit(f"render_seeds: soffice did not produce {produced.name}\n"
                         f"{result.stdout}\n{result.stderr}")
            (out_dir / produced.name).write_bytes(pin_pdf_metadata(produced.read_bytes()))


def pin_pdf_metadata(pdf: bytes) -> bytes:
    """Pin creation date, file ID and checksum (same lengths keep xref valid)."""
    pdf = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}",
                 lambda m: m.group(1) + PDF_FIXED_DATE, pdf)
    pdf = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)",
                 lambda m: m.group(1) + b"0" * len(m.group(2)), pdf)
    return re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>",
                  lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)), pdf)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def warn(message: str) -> None:
    """Print a warning to stderr."""
    print(f"render_seeds: warning: {message}", file=sys.stderr)


def render_seed(txt: Path, gold_dir: Path, fixture_dir: Path) -> Path:
    """Write <stem>.docx for one seed into fixture_dir; returns its path."""
    attendance = load_attendance(gold_dir / f"{txt.stem}.json")
    blocks = parse_blocks(txt.read_text(encoding="utf-8"), attendance)
    out = fixture_dir / f"{txt.stem}.docx"
    out.write_bytes(build_docx(blocks))
    return out


def copy_sample(txts: list[Path], fixture_dir: Path, sample_dir: Path, with_pdf: bool) -> None:
    """Bundle the text seeds and their renders as the main job's sample."""
    for txt in txts:
        shutil.copyfile(txt, sample_dir / txt.name)
        for ext in (".docx", ".pdf") if with_pdf else (".docx",):
            shutil.copyfile(fixture_dir / f"{txt.stem}{ext}", sample_dir / f"{txt.stem}{ext}")


def main(argv: list[str] | None = None) -> int:
    """Render all seeds; see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="dir of seed .txt files")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="dir of gold .json files")
    ap.add_argument("--repo", type=Path, default=REPO, help="repository root")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF step")
    args = ap.parse_args(argv)

    txts = sorted(args.seeds.glob("*.txt"))
    if not txts:
        sys.exit(f"render_seeds: no .txt seeds in {args.seeds}")
    fixture_dir, sample_dir = args.repo / FIXTURE_DIR, args.repo / SAMPLE_DIR
    fixture_dir.mkdir(parents=True, exist_ok=True)
    sample_dir.mkdir(parents=True, exist_ok=True)
    if not args.no_pdf:
        find_soffice()  # fail early, before writing anything

    docx_paths = [render_seed(txt, args.gold, fixture_dir) for txt in txts]
    if not args.no_pdf:
        convert_to_pdf(docx_paths, fixture_dir)
    copy_sample(txts, fixture_dir, sample_dir, with_pdf=not args.no_pdf)
    for path in docx_paths:
        print(path.relative_to(args.repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
