"""OCR of scanned PDF pages with Tesseract's Swedish model, cached by content.

A page is rendered by pdfium at `DPI`, cleared of ruling lines (tesseract's layout
analysis drops the text of ruled tables otherwise) and read by tesseract (through
pytesseract) with `--psm 1`: automatic page segmentation with orientation detection, so
a page scanned sideways still reads. Tesseract's words are then put back into visual
rows, the way a text layer reads: tesseract lines that sit side by side on one row (a
label and its value, table cells) are joined with a tab, and so are words inside a line
that stand further apart than `COLUMN_GAP_EM` line heights.

Rows come back as the raw line dicts `pdf.read` builds from a text layer (PDF points, y
upwards, `size` 0 since a scan gives no reliable font size) plus `confidence`: the mean
of tesseract's word confidences (0-100, as tesseract reports them) over the row's words.

Tesseract's word data is cached as JSON under `cache_dir()`, keyed by the sha256 of the
PDF bytes, the page number, tesseract's version, the language, the render DPI and the
settings here, so a re-run of the same file reads the cache and starts no tesseract.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

LANGUAGE = "swe"
DPI = 300
CONFIG = "--psm 1"
TIMEOUT_S = 120
COLUMN_GAP_EM = 1.5
SAME_ROW = 0.5
INK = 128
FAINT = 220
RULE_MIN_INCH = 0.5
RULE_GROW_PX = 3
INSTALL_HINT = ("OCR needs Tesseract with its Swedish model; on Debian/Ubuntu: "
                "apt-get install tesseract-ocr tesseract-ocr-swe")
WORD_KEYS = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")


@lru_cache(maxsize=1)
def missing() -> str | None:
    """Return why OCR cannot run here (with what to install), or None when it can."""
    try:
        import pytesseract
    except ImportError:
        return f"pytesseract is not installed. {INSTALL_HINT}"
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as e:
        return f"tesseract cannot be run ({str(e).strip() or type(e).__name__}). {INSTALL_HINT}"
    if LANGUAGE not in languages:
        return f"tesseract has no {LANGUAGE!r} model. {INSTALL_HINT}"
    return None


@lru_cache(maxsize=1)
def engine_version() -> str:
    import pytesseract

    return str(pytesseract.get_tesseract_version())


def cache_dir() -> Path:
    """$MINUTES_CACHE_DIR, else $XDG_CACHE_HOME/minutes/ocr, else ~/.cache/minutes/ocr."""
    if os.environ.get("MINUTES_CACHE_DIR"):
        return Path(os.environ["MINUTES_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "minutes" / "ocr"


def cache_key(pdf_sha256: str, number: int) -> str:
    """The content key of one page's OCR: PDF bytes, page, engine version, language, DPI."""
    parts = (pdf_sha256, number, engine_version(), LANGUAGE, DPI, CONFIG, RULE_MIN_INCH)
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _cache_path(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.json"


def _load(key: str) -> dict | None:
    try:
        return json.loads(_cache_path(key).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _store(key: str, result: dict) -> None:
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _long_runs(dark: np.ndarray, min_len: int) -> np.ndarray:
    """Given a boolean image, return the pixels that lie in a run of at least `min_len`
    True pixels along a row."""
    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    keep = ends - starts >= min_len
    mask = np.zeros(dark.shape, dtype=bool)
    for row, start, end in zip(rows[keep], starts[keep], ends[keep]):
        mask[row, start:end] = True
    return mask


def remove_rules(gray: np.ndarray) -> np.ndarray:
    """Given a greyscale page (0 is black), return a copy with ruling lines whitened: dark
    runs across or down longer than `RULE_MIN_INCH`, and their grey edges."""
    dark = gray < INK
    min_len = int(DPI * RULE_MIN_INCH)
    rules = _long_runs(dark, min_len) | _long_runs(dark.T, min_len).T
    grown = rules.copy()
    for k in range(1, RULE_GROW_PX + 1):
        grown[k:] |= rules[:-k]
        grown[:-k] |= rules[k:]
        grown[:, k:] |= rules[:, :-k]
        grown[:, :-k] |= rules[:, k:]
    out = gray.copy()
    out[grown & (gray < FAINT)] = 255
    return out


def run_tesseract(gray: np.ndarray) -> dict:
    """Given a greyscale page image, return tesseract's words: {"size": [w, h], "words": [...]}."""
    import pytesseract

    data = pytesseract.image_to_data(remove_rules(gray), lang=LANGUAGE, config=CONFIG,
                                     timeout=TIMEOUT_S, output_type=pytesseract.Output.DICT)
    words = [{k: data[k][i] for k in WORD_KEYS} for i in range(len(data["text"]))
             if data["level"][i] == 5 and str(data["text"][i]).strip()]
    return {"size": [gray.shape[1], gray.shape[0]], "words": words}


def _cores() -> int:
    """The cores this process may use for OCR: all of them, or its share when it is one of
    `$MINUTES_POOL_WORKERS` pool workers (more tesseract processes than cores only add
    memory: each holds its model and a 300 dpi page)."""
    try:
        sharing = max(1, int(os.environ.get("MINUTES_POOL_WORKERS", "1")))
    except ValueError:
        sharing = 1
    return max(1, (os.cpu_count() or 1) // sharing)


def read_pages(pdf, pdf_sha256: str, numbers: list[int]) -> tuple[dict[int, list[dict]], list[str]]:
    """Given an open pdfium document, its bytes' sha256 and 1-based page numbers, return
    the OCR rows of each page and warnings for pages tesseract failed on."""
    results: dict[int, dict] = {}
    todo = []
    for number in numbers:
        cached = _load(cache_key(pdf_sha256, number))
        if cached is not None:
            results[number] = cached
        else:
            todo.append(number)
    warnings: list[str] = []
    if todo:
        # tesseract's OpenMP threads slow it down several times on small machines; one
        # thread per process with pages in parallel is much faster
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        workers = max(1, min(len(todo), _cores()))
        with ThreadPoolExecutor(workers) as pool:
            for start in range(0, len(todo), workers):
                chunk = todo[start:start + workers]
                images = [pdf[n - 1].render(scale=DPI / 72, grayscale=True).to_numpy().copy()
                          for n in chunk]
                futures = [pool.submit(run_tesseract, image) for image in images]
                for number, future in zip(chunk, futures):
                    try:
                        results[number] = future.result()
                    except Exception as e:  # noqa: BLE001 - one failed page must not stop the file
                        warnings.append(f"page {number}: OCR failed ({str(e).strip()[:200]})")
                        continue
                    _store(cache_key(pdf_sha256, number), results[number])
    rows = {n: page_rows(r, pdf[n - 1].get_size()) for n, r in results.items()}
    return rows, warnings


def _quarter_turns(words: list[dict]) -> int:
    """Given tesseract's words, return how many quarter turns clockwise bring the page
    upright, read from the way words advance along their lines."""
    dx = dy = 0.0
    by_line: dict[tuple, list[dict]] = {}
    for w in words:
        by_line.setdefault((w["block_num"], w["par_num"], w["line_num"]), []).append(w)
    for line in by_line.values():
        for a, b in zip(line, line[1:]):
            dx += (b["left"] + b["width"] / 2) - (a["left"] + a["width"] / 2)
            dy += (b["top"] + b["height"] / 2) - (a["top"] + a["height"] / 2)
    if abs(dx) >= abs(dy):
        return 0 if dx >= 0 else 2
    return 1 if dy < 0 else 3


def _turn(w: dict, turns: int, width: int, height: int) -> tuple[int, int, int, int]:
    """Given a word and the image size, return its box (x0, y0, x1, y1) on the image
    turned `turns` quarter turns clockwise."""
    x0, y0, x1, y1 = w["left"], w["top"], w["left"] + w["width"], w["top"] + w["height"]
    return [(x0, y0, x1, y1), (height - y1, x0, height - y0, x1),
            (width - x1, height - y1, width - x0, height - y0), (y0, width - x1, y1, width - x0)][turns]


def page_rows(result: dict, page_size: tuple[float, float]) -> list[dict]:
    """Given tesseract's words for a page and the page size in points, return its rows
    top to bottom as raw line dicts (text, size, bold, top, bottom, left, confidence)."""
    words = result["words"]
    if not words:
        return []
    turns = _quarter_turns(words)
    lines: dict[tuple, list[tuple]] = {}
    for w in words:
        key = (w["block_num"], w["par_num"], w["line_num"])
        lines.setdefault(key, []).append((_turn(w, turns, *result["size"]), str(w["text"]),
                                          float(w["conf"])))
    units = []
    for ws in lines.values():
        ws.sort(key=lambda item: item[0][0])
        x0 = min(b[0] for b, _, _ in ws)
        y0 = min(b[1] for b, _, _ in ws)
        x1 = max(b[2] for b, _, _ in ws)
        y1 = max(b[3] for b, _, _ in ws)
        units.append(((x0, y0, x1, y1), ws))
    units.sort(key=lambda u: (u[0][1], u[0][0]))
    rows: list[list[tuple]] = []
    for unit in units:
        row = rows[-1] if rows else None
        if row is not None and _same_row(row, unit):
            row.append(unit)
        else:
            rows.append([unit])
    pt = 72 / DPI
    page_h = page_size[1] if turns % 2 == 0 else page_size[0]
    out = []
    for row in rows:
        row.sort(key=lambda u: u[0][0])
        text = "\t".join(_line_text(ws, box[3] - box[1]) for box, ws in row)
        confs = [c for _, ws in row for _, _, c in ws if c >= 0]
        top = min(u[0][1] for u in row)
        bottom = max(u[0][3] for u in row)
        out.append({"text": text, "size": 0.0, "bold": False,
                    "top": page_h - top * pt, "bottom": page_h - bottom * pt,
                    "left": min(u[0][0] for u in row) * pt,
                    "confidence": round(sum(confs) / len(confs), 1) if confs else None})
    return [r for r in out if r["text"].strip()]


def _same_row(row: list[tuple], unit: tuple) -> bool:
    """True when a tesseract line shares the row's height and overlaps none of its lines."""
    (x0, y0, x1, y1), _ = unit
    for (a0, b0, a1, b1), _ in row:
        overlap = min(y1, b1) - max(y0, b0)
        if overlap < SAME_ROW * min(y1 - y0, b1 - b0) or (min(x1, a1) - max(x0, a0)) > 0:
            return False
    return True


def _line_text(words: list[tuple], height: float) -> str:
    """Join one tesseract line's words, with a tab across a gap wider than a column gap."""
    parts, prev_right = [], None
    for (x0, _, x1, _), text, _ in words:
        if prev_right is not None:
            parts.append("\t" if x0 - prev_right > COLUMN_GAP_EM * height else " ")
        parts.append(text)
        prev_right = x1
    return "".join(parts)
