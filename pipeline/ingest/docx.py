"""Word documents: paragraphs with styles and list numbering, tables, headers and footers.

Word list numbering ("1.", "a)") is not part of a paragraph's text; it is computed here
from numbering.xml the way Word renders it and put in front of the text, with the label
kept in `list_label`, so rules see what a reader sees. Table cells keep each paragraph as
its own line with (table, row, column) coordinates, since attendance tables often hold one
person per line.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from ..records import Line, PageInfo
from .errors import IngestError
from .spacing import drop_invisible, normalize_spacing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T_TAG, R_TAG, HYPERLINK, NO_BREAK_HYPHEN = f"{W}t", f"{W}r", f"{W}hyperlink", f"{W}noBreakHyphen"
PPR, RPR, VAL = f"{W}pPr", f"{W}rPr", f"{W}val"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def format_number(n: int, fmt: str) -> str:
    """Given a counter and a Word numFmt, return the rendered number."""
    formats: dict[str, Callable[[int], str]] = {
        "decimal": str, "decimalZero": lambda k: f"{k:02d}", "lowerLetter": _letter,
        "upperLetter": lambda k: _letter(k).upper(), "lowerRoman": _roman,
        "upperRoman": lambda k: _roman(k).upper()}
    return formats.get(fmt, str)(n)


class Numbering:
    """Word list definitions and the running counters that render them."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in absn.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                start = lvl.find(f"{W}start")
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                levels[ilvl] = (int(start.get(f"{W}val", "1")) if start is not None else 1,
                                fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                                text.get(f"{W}val", "") if text is not None else "")
            self.levels[absn.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.num_abstract[num_id] = ref.get(f"{W}val")
            for ov in num.findall(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    self.overrides[(num_id, int(ov.get(f"{W}ilvl", "0")))] = int(so.get(f"{W}val"))

    def label(self, num_id: str, ilvl: int) -> tuple[str | None, bool]:
        """Advance the counters for one list paragraph; return (label, is_bullet)."""
        levels = self.levels.get(self.num_abstract.get(num_id, ""), {})
        if num_id == "0" or ilvl not in levels:
            return None, False
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return None, True
        if fmt == "none":
            return None, False
        counters = self.counters.setdefault(num_id, [None] * 9)
        count = counters[ilvl]
        if count is None:
            counters[ilvl] = self.overrides.get((num_id, ilvl), start)
        else:
            counters[ilvl] = count + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counters[k]
            if value is None:
                value = levels.get(k, (1,))[0]
            return format_number(value, levels.get(k, (1, "decimal"))[1])

        return re.sub(r"%(\d)", render, text).strip() or None, False


def _num_pr(paragraph, facts: _StyleFacts):
    """Return (numId, ilvl) from the paragraph or its style chain, or None."""
    ppr = paragraph._p.find(PPR)
    if ppr is not None and ppr.find(f"{W}numPr") is not None:
        ppr = paragraph._p.pPr
        if ppr.numPr.numId is not None:
            ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
            return str(ppr.numPr.numId.val), int(ilvl)
    return facts.num_pr


def _style_num_pr(style):
    """(numId, ilvl) of the first style in the chain from `style` that has list numbering."""
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None and sppr.numPr.numId is not None:
            ilvl = sppr.numPr.ilvl.val if sppr.numPr.ilvl is not None else 0
            return str(sppr.numPr.numId.val), int(ilvl)
        style = style.base_style
    return None


def _heading_level(style) -> int:
    name = (style.name if style is not None else "") or ""
    m = re.match(r"(?:Heading|Rubrik)\s*(\d)", name, re.I)
    if m:
        return int(m.group(1))
    if name.lower() in ("title", "rubrik", "titel"):
        return 1
    return 0


class _StyleFacts:
    """What a paragraph style tells every paragraph in it, worked out once."""

    def __init__(self, style):
        self.heading = _heading_level(style)
        self.bold = bool(style is not None and style.font.bold)
        self.num_pr = _style_num_pr(style)


class _Styles:
    """One document's styles as its paragraphs and runs ask for them, each style looked up
    and read once (python-docx reads the style part on every access)."""

    def __init__(self):
        self._paragraph: dict = {}
        self._run_bold: dict = {}

    def paragraph(self, paragraph) -> _StyleFacts:
        key = _style_id(paragraph._p.find(PPR), f"{W}pStyle")
        if key not in self._paragraph:
            self._paragraph[key] = _StyleFacts(paragraph.style)
        return self._paragraph[key]

    def run_bold(self, run, rpr) -> bool:
        key = _style_id(rpr, f"{W}rStyle")
        if key not in self._run_bold:
            style = run.style
            self._run_bold[key] = bool(style is not None and style.font.bold)
        return self._run_bold[key]


def _style_id(properties, tag: str) -> str | None:
    """The style id a `w:pPr` or `w:rPr` element names (python-docx's `CT_P.style`, `CT_R.style`)."""
    if properties is None:
        return None
    ref = properties.find(tag)
    return ref.get(VAL) if ref is not None else None


def _bold(rpr) -> bool | None:
    """python-docx's `Run.bold` for a run with properties `rpr`: None when it sets none."""
    if rpr is None:
        return None
    b = rpr.find(f"{W}b")
    return None if b is None else b.val


def _run_has_text(r) -> bool:
    """Whether python-docx's `Run.text` of the `w:r` element r has a non-space character:
    only `w:t` text and `w:noBreakHyphen` ("-") can give one."""
    for child in r:
        tag = child.tag
        if tag == T_TAG:
            if child.text and not child.text.isspace():
                return True
        elif tag == NO_BREAK_HYPHEN:
            return True
    return False


def _has_text(p) -> bool:
    """Whether python-docx's `Paragraph.text` of the `w:p` element p has a non-space character."""
    for child in p:
        if child.tag == R_TAG:
            if _run_has_text(child):
                return True
        elif child.tag == HYPERLINK and any(r.tag == R_TAG and _run_has_text(r) for r in child):
            return True
    return False


def _is_bold(paragraph, facts: _StyleFacts, styles: _Styles) -> bool:
    runs = [r for r in paragraph.runs if _run_has_text(r._r)]
    if not runs:
        return False
    for run in runs:
        rpr = run._r.find(RPR)
        bold = _bold(rpr)
        if not (bold or (bold is None and (facts.bold or styles.run_bold(run, rpr)))):
            return False
    return True


HIDDEN_PARENTS = {f"{W}del", f"{W}moveFrom"}


STRUCK = frozenset(f"{W}{tag}" for tag in ("strike", "dstrike", "vanish"))
OFF = ("false", "0", "off")


def _struck(run) -> bool:
    """Whether a run is struck through or hidden: the first `w:strike`, `w:dstrike` or
    `w:vanish` of its properties is on."""
    rpr = run.find(RPR)
    if rpr is None:
        return False
    seen = set()
    for el in rpr:
        tag = el.tag
        if tag in STRUCK and tag not in seen:
            if el.get(VAL, "true") not in OFF:
                return True
            seen.add(tag)
    return False


def visible_text(paragraph) -> str:
    """The paragraph as the final document shows it: tracked insertions in, tracked
    deletions, struck-through and hidden text out (a struck name was not there)."""
    parts = []
    for run in paragraph._p.iter(f"{W}r"):
        parent, hidden = run.getparent(), False
        while parent is not None and parent is not paragraph._p:
            if parent.tag in HIDDEN_PARENTS:
                hidden = True
                break
            parent = parent.getparent()
        if hidden or _struck(run):
            continue
        for child in run:
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag == f"{W}tab":
                parts.append("\t")
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif child.tag == f"{W}noBreakHyphen":
                parts.append("-")
    return "".join(parts)


def _paragraph_lines(paragraph, numbering: Numbering, styles: _Styles, table=None) -> list[Line]:
    text = drop_invisible(visible_text(paragraph))
    label, bullet = None, False
    facts = styles.paragraph(paragraph)
    num = _num_pr(paragraph, facts)
    if num is not None and text.strip():
        label, bullet = numbering.label(*num)
    heading = facts.heading
    bold = _is_bold(paragraph, facts, styles)
    out = []
    for k, part in enumerate(text.split("\n")):
        part = normalize_spacing(part)
        if k == 0 and label:
            part = f"{label} {part}"
        out.append(Line(index=0, text=part, heading=heading, bold=bold,
                        bullet=bullet and k == 0, list_label=label if k == 0 else None,
                        table=table, continues=k > 0))
    return out


def _body_blocks(element):
    """Yield paragraph and table elements in document order, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag == f"{W}p" or child.tag == f"{W}tbl":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _cache_styles(part) -> None:
    """Memoise `part.get_style` for this document: python-docx finds a default style by
    scanning every style, which made style lookups most of a DOCX's reading time."""
    get_style, cache = part.get_style, {}

    def cached(style_id, style_type):
        key = (style_id, style_type)
        if key not in cache:
            cache[key] = get_style(style_id, style_type)
        return cache[key]

    part.get_style = cached


def read(data: bytes):
    """Given the bytes of a .docx, return (lines, pages, page_info, warnings)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data[:4] == OLE_MAGIC:
        raise IngestError("encrypted", "file is an OLE container: a password-protected DOCX "
                          "or a legacy .doc, neither of which can be read")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise IngestError("corrupt", f"DOCX cannot be opened: {e}") from e
    except MemoryError:
        raise   # over the worker's memory cap: the file fails out-of-memory, it is not corrupt
    except Exception as e:  # lxml and python-docx raise many types on damaged parts
        raise IngestError("corrupt", f"DOCX cannot be parsed: {type(e).__name__}: {e}") from e
    _cache_styles(document.part)
    numbering = Numbering(document)
    styles = _Styles()
    lines: list[Line] = []
    seen_header: set[str] = set()
    for section in document.sections:
        for p in section.header.paragraphs:
            if p.text.strip() and p.text not in seen_header:
                seen_header.add(p.text)
                lines.extend(_paragraph_lines(p, numbering, styles))
    table_no = -1
    for block in _body_blocks(document.element.body):
        if block.tag == f"{W}p":
            lines.extend(_paragraph_lines(Paragraph(block, document), numbering, styles))
            continue
        table_no += 1
        table = Table(block, document)
        for r, row in enumerate(table.rows):
            seen = set()
            for c, cell in enumerate(row.cells):
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for p in cell.paragraphs:
                    if _has_text(p._p):
                        lines.extend(_paragraph_lines(p, numbering, styles, table=(table_no, r, c)))
        lines.append(Line(index=0, text=""))
    footer_seen: set[str] = set()
    for section in document.sections:
        for p in section.footer.paragraphs:
            if p.text.strip() and p.text not in footer_seen:
                footer_seen.add(p.text)
                lines.extend(_paragraph_lines(p, numbering, styles))
    body = document.element.body
    breaks = len(body.findall(f".//{W}lastRenderedPageBreak")) + len(
        [b for b in body.iter(f"{W}br") if b.get(f"{W}type") == "page"])
    pages = breaks + 1
    chars = sum(len(line.text) for line in lines)
    return lines, pages, [PageInfo(number=1, chars=chars, has_text_layer=True)], []
