"""Bytes of a text export -> text, whatever encoding the exporting program used.

Windows exports of Swedish minutes are often cp1252 or UTF-16, older ones cp850 or Mac
Roman; reading them as UTF-8 lost every line with å, ä or ö. The order of the checks:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. text that is valid UTF-8 is UTF-8;
3. text that is mostly valid UTF-8 (more well-formed multi-byte characters than broken
   bytes) is UTF-8 with damage: the broken bytes become U+FFFD and a warning says how many;
   text whose every other byte is NUL is UTF-16 without a mark;
4. otherwise charset-normalizer proposes encodings: UTF-16 without a mark is taken as it
   says; else among its single-byte code pages, and those Swedish exports use, the one
   whose reading has the most Swedish letters and the fewest stray ones wins (a multi-byte
   Asian encoding only when no code page reads the bytes): charset-normalizer alone cannot
   tell cp1252 from cp1250, or Mac Roman from cp850, on Swedish text (each reads the
   other's bytes as valid letters);
5. bytes nothing can read are decoded as UTF-8 with replacements, and a warning says so.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SWEDISH_CODE_PAGES = ("cp1252", "iso8859_15", "latin_1", "cp850", "mac_roman")   # in order of preference
SWEDISH_LETTERS = frozenset("åäöÅÄÖéÉüÜ")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
REPLACEMENT = "\ufffd"
UTF16_NUL_SHARE = 0.3    # Latin text in UTF-16: at least this share of high bytes is NUL ...
STRAY_NUL_SHARE = 0.05   # ... and at most this share of low bytes


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and a warning when bytes were replaced."""

    text: str
    encoding: str
    warning: str | None = None


def _with_replacements(data: bytes, encoding: str) -> Decoded:
    """Given bytes and an encoding, return the text with undecodable bytes as U+FFFD and a
    warning that counts them (none when there were none)."""
    text = data.decode(encoding, errors="replace")
    replaced = text.count(REPLACEMENT) - _count_strict(data, encoding)
    warning = None
    if replaced > 0:
        warning = (f"{replaced} character(s) could not be read as {encoding} and were replaced "
                   f"by \N{REPLACEMENT CHARACTER}")
    return Decoded(text, encoding, warning)


def _count_strict(data: bytes, encoding: str) -> int:
    """U+FFFD characters the file itself holds (not made by decoding); 0 when it is not
    decodable as a whole, which only undercounts what the file held."""
    try:
        return data.decode(encoding).count(REPLACEMENT)
    except UnicodeDecodeError:
        return 0


def swedish_score(text: str) -> int:
    """Given a reading of a file, return how Swedish its non-ASCII characters look: +1 for
    each Swedish letter, -1 for each other non-ASCII letter and for each non-ASCII symbol
    between two letters (what a wrong code page makes of å, ä and ö)."""
    score = 0
    for m in NON_ASCII.finditer(text):
        ch, i = m.group(), m.start()
        if ch in SWEDISH_LETTERS:
            score += 1
        elif ch.isalpha() or (text[i - 1:i].isalpha() and text[i + 1:i + 2].isalpha()):
            score -= 1
    return score


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes hold more well-formed UTF-8 multi-byte characters than bytes
    that are not UTF-8 (a UTF-8 file with a few damaged bytes, not another encoding)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count(REPLACEMENT) - _count_strict(data, "utf-8")
    good = sum(1 for ch in NON_ASCII.findall(text) if ch != REPLACEMENT)
    return good > 0 and good >= broken


def _utf16_without_mark(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for bytes whose every other byte is mostly NUL (Latin
    text in UTF-16 without a byte-order mark, which text never holds otherwise), else None."""
    half = len(data) // 2
    if half == 0 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= UTF16_NUL_SHARE * half and even <= STRAY_NUL_SHARE * half:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE * half and odd <= STRAY_NUL_SHARE * half:
        return "utf-16-be"
    return None


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """(encoding, text) for every encoding charset-normalizer finds plausible, then the
    Swedish code pages that decode the bytes at all."""
    from charset_normalizer import from_bytes

    out = [(match.encoding, str(match)) for match in from_bytes(data)]
    seen = {codecs.lookup(name).name for name, _ in out}
    for name in SWEDISH_CODE_PAGES:
        if codecs.lookup(name).name in seen:
            continue
        try:
            out.append((name, data.decode(name)))
        except UnicodeDecodeError:
            continue
    return out


def _rank(encoding: str) -> int:
    name = codecs.lookup(encoding).name
    preferred = [codecs.lookup(n).name for n in SWEDISH_CODE_PAGES]
    return preferred.index(name) if name in preferred else len(preferred)


@lru_cache(maxsize=1)   # the reader records the encoding and the text reader decodes: one detection per file
def decode(data: bytes) -> Decoded:
    """Given the bytes of a text file, return its text, the encoding detected and a warning
    when characters had to be replaced (see the module docstring for the order of checks)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _with_replacements(data[len(bom):], encoding)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _with_replacements(data, "utf-8")
    utf16 = _utf16_without_mark(data)
    if utf16 is not None:
        return _with_replacements(data, utf16)
    candidates = _candidates(data)
    if not candidates:
        return _with_replacements(data, "utf-8")
    single = [c for c in candidates if _is_single_byte(c[0])]
    if codecs.lookup(candidates[0][0]).name.startswith("utf") or not single:
        best, text = candidates[0]   # charset-normalizer's own choice: UTF-16 without a mark, or no code page fits
    else:
        order = {name: k for k, (name, _) in enumerate(candidates)}
        best, text = max(single, key=lambda c: (swedish_score(c[1]), -_rank(c[0]), -order[c[0]]))
    return Decoded(text, codecs.lookup(best).name)


def _is_single_byte(encoding: str) -> bool:
    return not codecs.lookup(encoding).name.startswith(("utf", "big5", "gb", "euc", "shift", "iso2022",
                                                        "cp949", "cp932", "cp950", "hz", "johab"))
