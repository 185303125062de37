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

import hashlib
import re
import statistics
import unicodedata

from ..records import Line, PageInfo
from . import ocr
from .errors import IngestError
from .lexicon import word_share

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
DROP_CHARS = dict.fromkeys(map(ord, "\ufffe\u00ad\u0002\ufeff"), None)
COLUMN_GAP_EM = 1.2
PARAGRAPH_GAP = 1.7
BOLD_WEIGHT = 600
BULLET = re.compile(r"^\s*[•▪●◦❖➢\uf0b7\uf0a7\uf076\uf0d8-]\s+|^\s*o\s+(?=\S)")
SCAN_COVER = 0.5
PAGE_NUMBER = re.compile(r"^\s*(?:(?:sida|page|s\.)\s*)?(?P<number>\d+)(?:\s*(?:av|/|of)\s*\d+)?\s*$", re.I)
SHORT_PAGE_NUMBER = 999   # up to here any number alone on a page's last line is its page number


def clean_text(text: str) -> str:
    """Undo PDF text artefacts that no reader sees: ligature glyphs, soft hyphens."""
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    return unicodedata.normalize("NFC", text.translate(DROP_CHARS))


class _PageReader:
    """Reads one pdfium text page into raw line records."""

    def __init__(self, textpage, raw):
        self.tp = textpage
        self.raw = raw
        self.handle = textpage.raw

    def box(self, i: int):
        return self.tp.get_charbox(i)

    def lines(self):
        """Return dicts of text, size, bold, top and bottom for each text line of the page."""
        text = self.tp.get_text_range()
        out, pos = [], 0
        for part in re.split(r"(\r\n|\n|\r)", text):
            if part in ("\r\n", "\n", "\r"):
                pos += len(part)
                continue
            start, pos = pos, pos + len(part)
            if part.strip():
                out.append(self._line(part, start))
        return out

    def _line(self, part: str, start: int) -> dict:
        raw = self.raw
        idx = [start + k for k, ch in enumerate(part) if not ch.isspace()]
        sample = idx[:: max(1, len(idx) // 12)]
        sizes = [raw.FPDFText_GetFontSize(self.handle, i) for i in sample]
        weights = [raw.FPDFText_GetFontWeight(self.handle, i) for i in sample]
        size = statistics.median(sizes) if sizes else 0.0
        bold = bool(weights) and all(w >= BOLD_WEIGHT for w in weights)
        first, last = self.box(idx[0]), self.box(idx[-1])
        # A gap is measured only across spaces: from the right edge of the last character
        # before a space to the left edge of the first one after it, so only those
        # characters' boxes are read (reading every box was most of a page's time).
        chars, prev_right = [], None
        end = len(part) - 1
        for k, ch in enumerate(part):
            i = start + k
            if ch.isspace():
                chars.append(" ")
                continue
            if prev_right is not None and chars and chars[-1] == " " and size and \
                    self.box(i)[0] - prev_right > COLUMN_GAP_EM * size:
                while chars and chars[-1] == " ":
                    chars.pop()
                chars.append("\t")
            chars.append(ch)
            if k < end and part[k + 1].isspace():
                prev_right = self.box(i)[2]
        line_text = re.sub(r" +", " ", "".join(chars)).strip()
        line_text = re.sub(r" ?\t ?", "\t", line_text)
        if _spaced_out(line_text):
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
    return bool(m) and (int(m["number"]) <= SHORT_PAGE_NUMBER or int(m["number"]) <= pages)


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
    import pypdfium2.raw as raw

    width, height = page.get_size()
    cover = 0.0
    for obj in page.get_objects(max_depth=3):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            cover = max(cover, (right - left) * (top - bottom) / (width * height or 1.0))
    return min(cover, 1.0)


def _page_text(page_lines: list[dict]) -> str:
    return "\n".join(ln["text"] for ln in page_lines)


def needs_ocr(page, page_lines: list[dict]) -> bool:
    """Given a pdfium page and its text-layer lines, return whether to OCR it: it is a scan
    (an image covers `SCAN_COVER` of it). A scanner's own text layer is kept only when our
    reading is no better (see `_ocr_scans`): such layers often drop numbers and mix columns
    even when most of their words are right."""
    return _image_cover(page) >= SCAN_COVER


def _ocr_scans(pdf, data: bytes, pages_raw: list[list[dict]], page_info: list[PageInfo]) -> list[str]:
    """OCR the scanned pages that need it, in place; return warnings."""
    wanted = [info.number for info in page_info if needs_ocr(pdf[info.number - 1],
                                                             pages_raw[info.number - 1])]
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
        pages_raw, page_info, warnings = [], [], []
        for number in range(1, n_pages + 1):
            try:
                page = pdf[number - 1]
                textpage = page.get_textpage()
                count = textpage.count_chars()
                page_lines = _PageReader(textpage, raw).lines() if count > 0 else []
            except pdfium.PdfiumError as e:
                warnings.append(f"page {number}: unreadable ({e})")
                page_lines, count = [], 0
            has_text = any(ln["text"].strip() for ln in page_lines)
            page_info.append(PageInfo(number=number, chars=count, has_text_layer=has_text))
            pages_raw.append(page_lines)
        warnings += _ocr_scans(pdf, data, pages_raw, page_info)
    finally:
        pdf.close()
    warnings += [f"page {p.number}: no text layer (scanned image)" for p, page in
                 zip(page_info, pages_raw) if not page and not p.ocr]

    sized = [ln for page in pages_raw for ln in page if ln["size"] > 0]
    weighted = [ln["size"] for ln in sized for _ in range(len(ln["text"]))]
    body = statistics.median(weighted) if weighted else 0.0
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
