"""PDF files with a text layer, read through pdfium (pypdfium2).

pdfium's own text order and line breaks are used (fast: no layout analysis in Python);
per-character font size, weight and boxes give the layout hints: headings by font size,
bold lines, paragraph breaks from vertical gaps, and table columns from wide horizontal
gaps (marked with a tab in the line text).

A scanned page (an image covering most of it) is read by OCR (`ocr.py`); the reading
replaces the scanner's own text layer, if any, when it has the larger share of dictionary
words (scanner layers range from good to garbage, and even good ones drop numbers and mix
columns). OCR lines carry `ocr=True` and tesseract's confidence. Without
Tesseract such pages keep what they have and a warning says so.
"""
from __future__ import annotations

import ctypes
import hashlib
import re
import unicodedata
from itertools import chain, islice, starmap

from ..records import Line, PageInfo
from . import ocr
from .errors import IngestError
from .lexicon import word_share
from .spacing import INVISIBLE

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
DROP_CHARS = {**dict.fromkeys(map(ord, "\ufffe\u0002"), None), **INVISIBLE}
CLEAN = {**DROP_CHARS, **{ord(lig): plain for lig, plain in LIGATURES.items()}}
COLUMN_GAP_EM = 1.2
PARAGRAPH_GAP = 1.7
BOLD_WEIGHT = 600
SIZE_SAMPLES = 12   # about this many characters of a line give its font size and weight
BULLET = re.compile(r"^\s*[•▪●◦❖➢\uf0b7\uf0a7\uf076\uf0d8-]\s+|^\s*o\s+(?=\S)")
SCAN_COVER = 0.5
SCAN_DEPTH = 3      # image objects are looked for this deep inside form XObjects
PAGE_NUMBER = re.compile(r"^\s*(?:(?:sida|page|s\.)\s*)?(?P<number>\d+)(?:\s*(?:av|/|of)\s*\d+)?\s*$", re.I)
SHORT_PAGE_NUMBER = 999   # up to here any number alone on a page's last line is its page number
LINE_BREAK = re.compile(r"\r\n|\n|\r")
WORD = re.compile(r"\S+")


def clean_text(text: str) -> str:
    """Undo PDF text artefacts that no reader sees: ligature glyphs, soft hyphens."""
    if text.isascii() and "\x02" not in text:
        return text
    return unicodedata.normalize("NFC", text.translate(CLEAN))


def _median(values: list[float]) -> float:
    """`statistics.median` of a non-empty list, without its overhead."""
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _weighted_median(counts: dict[float, int]) -> float:
    """The median of a list holding each value `counts[value]` times (0.0 when empty), as
    `statistics.median` of that list gives it, without making the list."""
    total = sum(counts.values())
    if not total:
        return 0.0
    wanted = [total // 2] if total % 2 else [total // 2 - 1, total // 2]
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2


def _address(pointer) -> int | None:
    return ctypes.cast(pointer, ctypes.c_void_p).value


class _Pdfium:
    """pdfium's per-character functions with plain integer arguments: a ctypes call that
    converts typed pointers costs several times the C function behind it, and a line asks
    a dozen characters for their box and font."""

    def __init__(self, raw):
        def fn(name, restype, *argtypes):
            address = _address(getattr(raw, name))
            assert address is not None   # a function of the library, never at NULL
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        ptr, int_ = ctypes.c_void_p, ctypes.c_int
        self.char_box = fn("FPDFText_GetCharBox", int_, ptr, int_, ptr, ptr, ptr, ptr)
        self.font_size = fn("FPDFText_GetFontSize", ctypes.c_double, ptr, int_)
        self.font_weight = fn("FPDFText_GetFontWeight", int_, ptr, int_)
        self.text_object = fn("FPDFText_GetTextObject", ptr, ptr, int_)


_PDFIUM: list[_Pdfium] = []


class _PageReader:
    """Reads one pdfium text page into raw line records, through pdfium's C functions
    directly (a character's box through pypdfium2's wrapper costs several times the call)."""

    def __init__(self, textpage, raw):
        if not _PDFIUM:
            _PDFIUM.append(_Pdfium(raw))
        self.c = _PDFIUM[0]
        self.tp = textpage
        self.raw = raw
        self.handle = _address(textpage.raw)
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._edge_addresses = [ctypes.addressof(e) for e in self._edges]
        # a character's font size and weight are its text object's: read once per object
        self._fonts: dict[int, tuple[float, int]] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        """Left, bottom, right and top of character i."""
        if not self.c.char_box(self.handle, i, *self._edge_addresses):   # (sic: l, r, b, t)
            from pypdfium2 import PdfiumError

            raise PdfiumError("Failed to get charbox.")
        left, right, bottom, top = self._edges
        return left.value, bottom.value, right.value, top.value

    def font(self, i: int) -> tuple[float, int]:
        """Font size and weight of character i, as `FPDFText_GetFontSize` and
        `FPDFText_GetFontWeight` give them."""
        c, handle = self.c, self.handle
        obj = c.text_object(handle, i)
        found = self._fonts.get(obj) if obj is not None else None
        if found is None:
            found = (c.font_size(handle, i), c.font_weight(handle, i))
            if obj is not None:
                self._fonts[obj] = found
        return found

    def lines(self):
        """Return dicts of text, size, bold, top and bottom for each text line of the page."""
        text = self.tp.get_text_range()
        out, pos = [], 0
        for m in LINE_BREAK.finditer(text):
            part = text[pos:m.start()]
            if part.strip():
                out.append(self._line(part, pos))
            pos = m.end()
        part = text[pos:]
        if part.strip():
            out.append(self._line(part, pos))
        return out

    def _line(self, part: str, start: int) -> dict:
        box, font = self.box, self.font
        words = [(start + m.start(), start + m.end()) for m in WORD.finditer(part)]
        step = max(1, sum(b - a for a, b in words) // SIZE_SAMPLES)   # every step-th non-space character
        fonts = [font(i) for i in islice(chain.from_iterable(starmap(range, words)), 0, None, step)]
        first_i, last_i = words[0][0], words[-1][1] - 1
        size = _median([f[0] for f in fonts])
        bold = min(f[1] for f in fonts) >= BOLD_WEIGHT
        first = box(first_i)
        last = first if last_i == first_i else box(last_i)
        # A gap is measured only across spaces: from the right edge of the last character
        # before a space to the left edge of the first one after it, so only those
        # characters' boxes are read (reading every box was most of a page's time).
        pieces = [part[words[0][0] - start:words[0][1] - start]]
        if len(words) > 1 and size:
            limit = COLUMN_GAP_EM * size
            known = {first_i: first, last_i: last}   # a one-letter word's box is read once
            for (_, end), (begin, stop) in zip(words, words[1:]):
                right = known.get(end - 1) or box(end - 1)
                left = known.get(begin) or box(begin)
                if stop - 1 == begin:
                    known[begin] = left
                pieces.append("\t" if left[0] - right[2] > limit else " ")
                pieces.append(part[begin - start:stop - start])
        elif len(words) > 1:
            for begin, stop in words[1:]:
                pieces += (" ", part[begin - start:stop - start])
        line_text = "".join(pieces)
        if "\t" in line_text and _spaced_out(line_text):
            line_text = line_text.replace("\t", " ")
        return {"text": clean_text(line_text), "size": size, "bold": bold,
                "top": max(first[3], last[3]), "bottom": min(first[1], last[1]),
                "left": first[0]}


def is_page_number(text: str, pages: int) -> bool:
    """Given a page's last line and the document's page count, return whether it is the
    page number ("12", "Sida 12 av 40", "1021" in a document of that many pages): a
    number of four digits or more counts only when the document has that many pages, so
    a year on the last line stays text."""
    m = PAGE_NUMBER.match(text)
    return m is not None and (int(m["number"]) <= SHORT_PAGE_NUMBER or int(m["number"]) <= pages)


def _spaced_out(text: str) -> bool:
    """True for running text whose every word gap is wide (some Pages and justified exports),
    which the column rule would cut into one cell per word: no plain space at all, at least
    four cells, and cells that read as a sentence (punctuation on words, lower-case words)."""
    cells = text.split("\t")
    if " " in text or len(cells) < 4:
        return False
    punctuated = sum(c[-1:] in ",.:;!?" for c in cells)
    lower = sum(c[:1].islower() for c in cells)
    return punctuated >= 1 and punctuated + lower >= len(cells) / 3 or lower >= len(cells) / 2


def _heading_levels(sizes: list[float], body: float) -> dict[float, int]:
    """Given the font sizes in use and the body size, map larger sizes to heading levels."""
    larger = sorted({round(s, 1) for s in sizes if s >= body * 1.15}, reverse=True)
    return {s: min(k + 1, 6) for k, s in enumerate(larger)}


def _image_cover(page) -> float:
    """Given a pdfium page, return the share of its area that its largest image covers."""
    width, height = page.get_size()
    return min(_largest_image(page.raw) / (width * height or 1.0), 1.0)


def _largest_image(handle) -> float:
    """Given a raw pdfium page, return the area of its largest image object (looked for
    `SCAN_DEPTH` deep into form XObjects), with pdfium's own calls: wrapping every object
    of a page in Python cost more than reading its text."""
    import pypdfium2.raw as raw
    from pypdfium2 import PdfiumError

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    image, form, largest = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM, 0.0
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    todo = [(handle, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, 0)]
    while todo:
        parent, count, get, level = todo.pop()
        n = count(parent)
        if n < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = get_type(obj)
            if kind == image:
                if not get_bounds(obj, left, bottom, right, top):
                    raise PdfiumError("Failed to locate pageobject.")
                largest = max(largest, (right.value - left.value) * (top.value - bottom.value))
            elif kind == form and level < SCAN_DEPTH - 1:
                todo.append((obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, level + 1))
    return largest


def _page_text(page_lines: list[dict]) -> str:
    return "\n".join(ln["text"] for ln in page_lines)


def needs_ocr(page, page_lines: list[dict]) -> bool:
    """Given a pdfium page and its text-layer lines, return whether to OCR it: it is a scan
    (an image covers `SCAN_COVER` of it). A scanner's own text layer is kept only when our
    reading is no better (see `_ocr_scans`): such layers often drop numbers and mix columns
    even when most of their words are right."""
    return _image_cover(page) >= SCAN_COVER


def _ocr_scans(pdf, data: bytes, pages_raw: list[list[dict]], page_info: list[PageInfo],
               wanted: list[int]) -> list[str]:
    """OCR the scanned pages `wanted` (1-based numbers), in place; return warnings."""
    if not wanted:
        return []
    reason = ocr.missing()
    if reason:
        return [f"page {n}: scanned page not read by OCR: {reason}" for n in wanted]
    rows, warnings = ocr.read_pages(pdf, hashlib.sha256(data).hexdigest(), wanted)
    for number, page_rows in rows.items():
        for row in page_rows:
            row.update(text=clean_text(row["text"]), ocr=True)
        old = pages_raw[number - 1]
        if old and word_share(_page_text(page_rows))[0] <= word_share(_page_text(old))[0]:
            warnings.append(f"page {number}: OCR read no better than the text layer; kept it")
            continue
        pages_raw[number - 1] = page_rows
        page_info[number - 1] = page_info[number - 1].model_copy(update={"ocr": True})
    return warnings


def read(data: bytes):
    """Given the bytes of a PDF, return (lines, pages, page_info, warnings)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise IngestError("encrypted", "PDF is encrypted (password protected)") from e
        raise IngestError("corrupt", f"PDF cannot be opened: {msg}") from e
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise IngestError("empty", "PDF has no pages")
        pages_raw, page_info, warnings, scans = [], [], [], []
        for number in range(1, n_pages + 1):
            page = None
            try:
                page = pdf[number - 1]
                if _image_cover(page) >= SCAN_COVER:   # the page as loaded for its text
                    scans.append(number)
                textpage = page.get_textpage()
                count = textpage.count_chars()
                page_lines = _PageReader(textpage, raw).lines() if count > 0 else []
                textpage.close()
            except pdfium.PdfiumError as e:
                warnings.append(f"page {number}: unreadable ({e})")
                page_lines, count = [], 0
            if page is not None:
                page.close()
            has_text = any(ln["text"].strip() for ln in page_lines)
            page_info.append(PageInfo(number=number, chars=count, has_text_layer=has_text))
            pages_raw.append(page_lines)
        warnings += _ocr_scans(pdf, data, pages_raw, page_info, scans)
    finally:
        pdf.close()
    warnings += [f"page {p.number}: no text layer (scanned image)" for p, page in
                 zip(page_info, pages_raw) if not page and not p.ocr]

    sized = [ln for page in pages_raw for ln in page if ln["size"] > 0]
    chars: dict[float, int] = {}   # font size -> characters in it
    for ln in sized:
        chars[ln["size"]] = chars.get(ln["size"], 0) + len(ln["text"])
    body = _weighted_median(chars)
    levels = _heading_levels([ln["size"] for ln in sized], body)
    lines: list[Line] = []
    for number, page_lines in enumerate(pages_raw, start=1):
        if page_lines and is_page_number(page_lines[-1]["text"], len(pages_raw)):
            page_lines = page_lines[:-1]
        prev, prev_heading = None, 0
        for ln in page_lines:
            gap = False
            if prev is not None:
                height = max(prev["top"] - prev["bottom"], ln["size"] or 1.0, 1.0)
                gap = prev["bottom"] - ln["top"] > (PARAGRAPH_GAP - 1.0) * height
                if gap:
                    lines.append(Line(index=0, text="", page=number))
            heading = levels.get(round(ln["size"], 1), 0) if len(ln["text"]) < 150 and ln["size"] else 0
            text = ln["text"]
            bullet = bool(BULLET.match(text))
            if bullet:
                text = BULLET.sub("", text, count=1)
            lines.append(Line(index=0, text=text, page=number, heading=heading, bold=ln["bold"],
                              bullet=bullet, continues=prev is not None and not gap and not bullet
                              and not heading and not prev_heading, ocr=ln.get("ocr", False),
                              ocr_confidence=ln.get("confidence")))
            prev, prev_heading = ln, heading
        lines.append(Line(index=0, text="", page=number))
    return lines, len(pages_raw), page_info, warnings
