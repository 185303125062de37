"""Repair text that reading damaged, before extraction sees it.

Four kinds of damage, each fixed only where the fix is sure:
- accents set apart from their letter, as LaTeX PDFs give them ("M¨otet" -> "Mötet");
- ligature glyphs that came out as one wrong character ("akƟvitet", "e\ue000ektiv"):
  the character is replaced by "ti", "tt", "fi", ... only when that makes a dictionary
  word of a word that was none;
- words hyphenated across a line end ("verksam-" / "heten"): joined on the first line
  when the halves form a dictionary word;
- item numbers misread by OCR on a line of their own or after a paragraph sign ("4l",
  "t5t", "$14", "§l4"), read back through the letters OCR confuses with digits and kept
  only when they fit the document's numbering.
Soft hyphens are dropped by the readers themselves. A changed line keeps its text as read
in `original`. Repairs run on every format: text exports of PDFs carry the same damage,
and each repair leaves undamaged text as it is.
"""
from __future__ import annotations

import re
import unicodedata

from ..records import Line
from .lexicon import is_word

SPACING_ACCENTS = {"¨": "\u0308", "˚": "\u030a", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302"}
LOOSE_ACCENT = re.compile(r"([¨˚´`ˆ])([A-Za-z])")
TRAILING_ACCENT = re.compile(r"\s+([¨˚])$")
WORD = re.compile(r"[^\W\d_]+")
LIGATURE_FILLS = ("ti", "tt", "fi", "fl", "ff", "ft", "tf", "ffi", "ffl")
WORD_CHARS = set("-'’.:/@_")
TOKEN = re.compile(r"\S+")
# Letters `_misread` never flags wherever they stand: small letters whose base letter is
# ASCII, digits and WORD_CHARS; a capital of that kind may open the word. A token made of
# only these has no misread character, so ligature repair leaves it without asking the
# dictionary (most tokens of a page).
PLAIN_SMALL = "a-zàáâäåçèéêëìíîïñòóôöùúûüýÿ0-9" + re.escape("".join(sorted(WORD_CHARS)))
PLAIN_FIRST = "A-Za-zÀÁÂÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜÝàáâäåçèéêëìíîïñòóôöùúûüýÿ"
PLAIN = re.compile(f"[{PLAIN_FIRST}]?[{PLAIN_SMALL}]*")
TOKEN_EDGE = ".,;:!?()[]\"'”“«»"   # stripped from a token before it is looked at
# A line every token of which is a plain core between edge characters: each token matches
# at its first try (atomic group), so the check is linear and says no at the first other token.
PLAIN_LINE = re.compile(rf"\s*+(?:(?>[{re.escape(TOKEN_EDGE)}]*[{PLAIN_FIRST}]?[{PLAIN_SMALL}]*"
                        rf"[{re.escape(TOKEN_EDGE)}]*)(?:\s++|\Z))*+")
HYPHEN_END = re.compile(r"(?:^|(?<=\s))(?P<head>[^\W\d_]{2,})[-‐]$")
TAIL_START = re.compile(r"^(?P<tail>[a-zåäöéü][^\W\d_]*)(?P<punct>[.,;:!?)]*)(?:\s+|$)")
DIGIT_LIKE = {"l": "1", "I": "1", "L": "1", "|": "1", "!": "1", "i": "1", "t": "1", "r": "1",
              "O": "0", "o": "0", "s": "5", "S": "5", "e": "9"}
NUMBER_CHARS = "0-9" + re.escape("".join(DIGIT_LIKE))
PARAGRAPH_LABEL = re.compile(rf"^(?P<sign>[§$])(?P<space>\s?)(?P<body>[{NUMBER_CHARS}]+?)(?=[.):]?(?:\s|$))")
SLASH_LABEL = re.compile(rf"^(?P<body>[{NUMBER_CHARS}]+?)(?P<slash>[/lIt|])$")
MAX_STEP = 2


def _accented(letter: str, accent: str) -> str | None:
    joined = unicodedata.normalize("NFC", letter + SPACING_ACCENTS[accent])
    return joined if len(joined) == 1 else None


def fix_accents(text: str) -> str:
    """Given text, join a spacing accent with the letter after it when they make one
    letter ("f¨or" -> "för", "p˚a" -> "på"). An accent left alone at the end of the line
    (a capital's, "Ovrigt ¨") goes on the one capitalised word it makes a dictionary word."""
    text = LOOSE_ACCENT.sub(lambda m: _accented(m.group(2), m.group(1)) or m.group(0), text)
    m = TRAILING_ACCENT.search(text)
    if m is None:
        return text
    body, fixes = text[:m.start()], []
    for word in WORD.finditer(body):
        first = _accented(word.group(0)[0], m.group(1))
        if word.group(0)[0].isupper() and first and not is_word(word.group(0)) \
                and is_word(first + word.group(0)[1:]):
            fixes.append((word.start(), first))
    if len(fixes) != 1:
        return text
    at, first = fixes[0]
    return body[:at] + first + body[at + 1:]


def _misread(word: str, i: int) -> bool:
    """True when word[i] cannot stand there: next to a small letter (both sides for ASCII)
    stands a symbol, a private or unassigned code point, a non-Latin letter, or a capital
    between small letters."""
    ch = word[i]
    before = word[i - 1] if i > 0 else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    if ch.isdigit() or ch in WORD_CHARS or not (before.islower() or after.islower()):
        return False
    if ch.isascii() and not (before.islower() and after.islower()):
        return False
    if ch.isalpha():
        inside = before.islower() and after.islower()
        return not unicodedata.normalize("NFD", ch)[0].isascii() or (ch.isupper() and inside)
    return True


def fix_ligatures(text: str) -> str:
    """Given text, replace a misread character inside a non-word with the ligature letters
    that make it a dictionary word, when exactly one of them does."""
    def fix(m: re.Match) -> str:
        token = m.group(0)
        core = token.strip(TOKEN_EDGE)
        if len(core) < 3 or PLAIN.fullmatch(core) or is_word(core):
            return token
        spots = [i for i in range(len(core)) if _misread(core, i)]
        if len(spots) != 1:
            return token
        i = spots[0]
        found = {core[:i] + fill + core[i + 1:] for fill in LIGATURE_FILLS
                 if is_word(core[:i] + fill + core[i + 1:])}
        return token.replace(core, found.pop(), 1) if len(found) == 1 else token

    if PLAIN_LINE.fullmatch(text):
        return text                             # no token with a letter to flag (most lines)
    return TOKEN.sub(fix, text)


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Given lines, move the rest of a word hyphenated at a line end up onto its first
    half when both halves make a dictionary word; a line left empty is dropped."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        head = HYPHEN_END.search(line.text)
        tail = TAIL_START.match(nxt.text) if nxt is not None and head else None
        if not (tail and nxt is not None and head is not None and nxt.continues and line.table is None
                and nxt.table is None and is_word(head.group("head") + tail.group("tail"))):
            out.append(line)
            i += 1
            continue
        word_rest = tail.group("tail") + tail.group("punct")
        joined = _changed(line, line.text[:-1] + word_rest)
        rest = nxt.text[tail.end():]
        if rest.strip():
            out += [joined, _changed(nxt, rest)]
        else:
            out.append(joined.model_copy(update={"original": f"{_original(line)}\n{_original(nxt)}"}))
        i += 2
    return out


def _decode(body: str) -> int | None:
    digits = "".join(DIGIT_LIKE.get(ch, ch) for ch in body)
    return int(digits) if digits.isdigit() else None


def _fits(number: int | None, last: int | None) -> bool:
    """A number read through confusable letters counts when it opens a numbering (1 or 2)
    or follows the last number of its kind by at most `MAX_STEP`."""
    if not number:
        return False
    return number <= MAX_STEP if last is None else 0 < number - last <= MAX_STEP


def fix_numbering(lines: list[Line]) -> list[Line]:
    """Given lines, restore item numbers OCR misread at the start of a line: "$" or "§"
    with a number ("$14", "§l4" -> "§14") and a number with a slash alone on its line
    ("4l", "t5t" -> "4/", "15/"). Anything but plain digits must fit the numbering so
    far; table cells are left alone."""
    last: dict[str, int | None] = {"§": None, "/": None}
    out = []
    for line in lines:
        text = line.text.strip()
        new, kind, number = None, None, None
        if line.table is None and (m := PARAGRAPH_LABEL.match(text)):
            kind, number = "§", _decode(m.group("body"))
            if m.group("body").isdigit() or _fits(number, last[kind]):
                new = f"§{m.group('space')}{number}{text[m.end():]}"
        elif line.table is None and (m := SLASH_LABEL.match(text)):
            kind, number = "/", _decode(m.group("body"))
            if (m.group("body").isdigit() and m.group("slash") == "/") or _fits(number, last[kind]):
                new = f"{number}/"
        if new is None:
            out.append(line)
            continue
        assert kind is not None   # set with new
        last[kind] = number
        out.append(_changed(line, new) if new != text else line)
    return out


def _original(line: Line) -> str:
    return line.original if line.original is not None else line.text


def _changed(line: Line, text: str) -> Line:
    """A copy of `line` with new text, keeping the text as first read in `original`."""
    if text == line.text:
        return line
    return line.model_copy(update={"text": text, "original": _original(line)})


def repair(lines: list[Line]) -> list[Line]:
    """Given a document's lines, return them with damaged text repaired (see module doc)."""
    lines = [_changed(line, fix_ligatures(fix_accents(line.text))) for line in lines]
    return fix_numbering(join_hyphenated(lines))
