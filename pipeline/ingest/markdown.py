"""Markdown minutes (exports from Git repositories, wikis, Pandoc, converted PDFs).

The text is parsed as CommonMark with GitHub tables and strikethrough (markdown-it-py), and
every block becomes lines with the layout hints the other readers give: a heading's level, a
line bold throughout, a bullet, an ordered list item's number (written in front of its text
and kept in `list_label`, as Word lists are), table cells, and `continues` for a line that
goes on its paragraph (a soft break). A hard break (a trailing backslash, `<br>`) starts a
new line within the block. Blocks are separated by a blank line. Struck-through text is left
out, as a reader of the rendered page would.

Front matter is not text of the minutes: YAML between `---` lines, a Pandoc title block
(`% title`, `% authors`, `% date`) or an HTML comment of `.. key: value` lines at the top
become `hints` (title, date, ...) that metadata may fall back on.
"""
from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..records import Line, PageInfo
from .encoding import decode
from .spacing import drop_invisible, normalize_spacing

YAML_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
PANDOC_BLOCK = re.compile(r"\A(?P<body>%[^\n]*(?:\n(?:%|[ \t])[^\n]*)*)(?:\n|\Z)")
COMMENT_BLOCK = re.compile(r"\A\s*<!--(?P<body>.*?)-->", re.S)
COMMENT_FIELD = re.compile(r"^\s*\.\.\s*(?P<key>[\w-]+)\s*:\s*(?P<value>.*?)\s*$", re.M)
PANDOC_FIELDS = ("title", "author", "date")
TIGHT_HEADING = re.compile(r"^(#{1,6})(?=[^\s#])", re.M)   # "####1. Titel": a heading written without its space
BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")

_parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split leading front matter off the text: (hints, the rest). The rest keeps as many
    newlines as the front matter took, so line numbers stay those of the file."""
    def blank_out(m: re.Match) -> str:
        return "\n" * m.group(0).count("\n") + text[m.end():]

    m = YAML_BLOCK.match(text)
    if m:
        try:
            data = yaml.safe_load(m.group("body"))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            return {str(k).casefold(): str(v) for k, v in data.items() if v is not None}, blank_out(m)
    m = PANDOC_BLOCK.match(text)
    if m:
        fields = re.split(r"\n%", "\n" + m.group("body"))[1:]
        hints = {key: " ".join(v.replace("\\", " ").split()) for key, v in zip(PANDOC_FIELDS, fields) if v.strip()}
        return hints, blank_out(m)
    m = COMMENT_BLOCK.match(text)
    if m and COMMENT_FIELD.search(m.group("body")):
        hints = {f.group("key").casefold(): f.group("value") for f in COMMENT_FIELD.finditer(m.group("body"))}
        return hints, blank_out(m)
    return {}, text


class _Builder:
    """Lines from markdown-it's token stream."""

    _item_start: bool   # the inline content opens a list item (set by `feed`)

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.table = -1
        self.row = -1
        self.col = -1
        self.in_table = False
        self.list_stack: list[str] = []      # "ol" / "ul" for each open list
        self.pending_label: str | None = None
        self.heading = 0

    def gap(self) -> None:
        """A blank line between blocks (not two in a row, none at the start)."""
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(index=0, text=""))

    def inline(self, token: Token) -> None:
        segments = _segments(token.children or [])
        first = True
        for text, bold, soft in segments:
            text = normalize_spacing(text).strip()
            if not text:
                continue
            label = None
            if first and self.pending_label is not None:
                label = self.pending_label
                text = f"{label} {text}"
                self.pending_label = None
            bullet = first and bool(self.list_stack) and self.list_stack[-1] == "ul" and self._item_start
            table = (self.table, self.row, self.col) if self.in_table else None
            self.lines.append(Line(index=0, text=text, heading=self.heading, bold=bold,
                                   bullet=bullet, list_label=label, table=table,
                                   continues=soft and not first and table is None))
            first = False
        self._item_start = False

    def feed(self, tokens: list[Token]) -> list[Line]:
        self._item_start = False
        for token in tokens:
            kind = token.type
            if kind in ("paragraph_open", "blockquote_open") and not self.in_table:
                if not self._item_start:
                    self.gap()
            elif kind == "heading_open":
                self.gap()
                self.heading = int(token.tag[1])
            elif kind == "heading_close":
                self.heading = 0
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_stack.append("ul" if kind == "bullet_list_open" else "ol")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_stack.pop()
            elif kind == "list_item_open":
                self.gap()
                self._item_start = True
                if self.list_stack and self.list_stack[-1] == "ol":
                    self.pending_label = f"{token.info}{token.markup}"
            elif kind == "table_open":
                self.gap()
                self.table += 1
                self.row = -1
                self.in_table = True
            elif kind == "table_close":
                self.in_table = False
                self.gap()
            elif kind == "tr_open":
                self.row += 1
                self.col = -1
            elif kind in ("th_open", "td_open"):
                self.col += 1
            elif kind == "inline":
                self.inline(token)
            elif kind in ("code_block", "fence"):
                self.gap()
                for raw in token.content.splitlines():
                    self.lines.append(Line(index=0, text=normalize_spacing(raw)))
            elif kind == "html_block":
                text = TAG.sub(" ", BREAK_TAG.sub("\n", re.sub(r"<!--.*?-->", "", token.content, flags=re.S)))
                for raw in text.splitlines():
                    if raw.strip():
                        self.lines.append(Line(index=0, text=normalize_spacing(raw).strip()))
        while self.lines and not self.lines[-1].text:
            self.lines.pop()
        return self.lines


def _segments(children: list[Token]) -> list[tuple[str, bool, bool]]:
    """Given an inline token's children, return its lines as (text, bold throughout,
    reached by a soft break)."""
    out: list[tuple[str, bool, bool]] = []
    parts: list[tuple[str, bool]] = []
    soft = False
    strong = 0
    struck = 0

    def flush(next_soft: bool) -> None:
        nonlocal parts, soft
        text = "".join(t for t, _ in parts)
        letters = [b for t, b in parts for ch in t if ch.isalnum()]
        out.append((text, bool(letters) and all(letters), soft))
        parts, soft = [], next_soft

    for child in children:
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "s_open":
            struck += 1
        elif kind == "s_close":
            struck -= 1
        elif kind == "softbreak":
            flush(True)
        elif kind == "hardbreak":
            flush(False)
        elif kind == "html_inline":
            if BREAK_TAG.fullmatch(child.content.strip()):
                flush(False)
        elif kind in ("text", "code_inline") and not struck:
            parts.append((child.content, strong > 0))
        elif kind == "image" and not struck:
            parts.append((child.content, strong > 0))
    flush(False)
    return out


def read(data: bytes, text: str | None = None):
    """Given the bytes of a Markdown file, return (lines, pages, page_info, warnings, hints)."""
    if text is None:
        text = decode(data).text
    text = drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    hints, body = front_matter(text)
    body = TIGHT_HEADING.sub(r"\1 ", body)
    lines = _Builder().feed(_parser.parse(body))
    return lines, 1, [PageInfo(number=1, chars=len(text), has_text_layer=True)], [], hints
