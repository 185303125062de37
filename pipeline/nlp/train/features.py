"""What the line classifier sees of a line: its text's lemmas, its word shape and its layout,
and those of the lines around it, written as a bag of feature words.

Each line of a Doc becomes one short text of feature words (letters and digits only, so
spaCy's tokenizer keeps each whole): "fnumpara fbold fhead2 wbesluta fdeciding pfheading
nfkeyword ..." The features are what carries over between organisations: that a line opens
with a § number, is bold, follows a heading, holds a deciding predicate, a party tag or
a list of names, stands near the top; the words themselves are lemmas, lower-cased. With
`rules`, the rule components' own answers for the line are features too ("rule" mode
features: ritem, rdecision, rattendee), which is how the "both" mode combines them.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...settings import SETTINGS
from .. import doc as docs
from ..lines import LineShape

LEMMA_WORDS = SETTINGS.features.lemma_words
PARTY = re.compile(r"\([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,3}\)")
DATE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}\s+[a-zåäö]{3,9}\s+(?:19|20)\d{2}")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
CONTEXT = ("fnum", "fhead", "fbold", "fkeyword", "flabel", "frole", "fnames", "fdeciding", "fcolon", "fbullet",
           "ftable", "fsection")


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def shape_features(shape: LineShape, doc_lines: int, names: int, deciding: bool, section: str | None) -> list[str]:
    """The features of one line from its own shape."""
    line = shape.line
    text = shape.text.strip()
    out = []
    if shape.number is not None:
        out += ["fnum", f"fnum{shape.number.marker or 'bare'}".replace("§", "para")]
        if shape.number.punct:
            out.append("fnumpunct")
        if not shape.number.title.strip():
            out.append("fnumalone")
    if shape.table_number is not None:
        out += ["fnum", "fnumcell"]
    if line.heading:
        out += ["fhead", f"fhead{min(line.heading, 4)}"]
    if line.bold:
        out.append("fbold")
    if line.bullet:
        out.append("fbullet")
    if line.list_label:
        out.append("flistlabel")
    if line.table is not None:
        out += ["ftable", f"ftablecol{min(line.table[2], 3)}"]
    if line.continues:
        out.append("fcontinues")
    if shape.keyword is not None:
        out += ["fkeyword", f"fkeyword{shape.keyword.label.casefold()}"]
    if shape.label is not None:
        out += ["flabel", f"flabel{shape.label.kind}"]
    if shape.heading_role is not None:
        out += ["frole", f"frole{shape.heading_role.kind}"]
    if shape.sub_item:
        out.append("fsubitem")
    if shape.type_label:
        out.append("ftypelabel")
    if shape.closing:
        out.append("fclosing")
    if text.endswith(":"):
        out.append("fcolon")
    if text.endswith("."):
        out.append("fperiod")
    if text[:1].islower():
        out.append("flower")
    if text.isupper() and len(text) > 3:
        out.append("fcaps")
    if PARTY.search(text):
        out.append("fparty")
    if DATE.search(text):
        out.append("fdate")
    if TIME.search(text):
        out.append("ftime")
    out.append(f"flen{_bin(len(text.split()), (2, 4, 8, 15, 30))}")
    out.append(f"fpos{min(9, int(10 * line.index / max(doc_lines, 1)))}")
    if names:
        out += ["fnames", f"fnames{min(names, 3)}"]
    if deciding:
        out.append("fdeciding")
    if section:
        out += ["fsection", f"fsection{section}"]
    return out


def doc_features(doc: Doc, rules: bool = False) -> list[str]:
    """One feature text per line of the Doc (blank lines give an empty text)."""
    lines = doc._.lines
    n = len(lines)
    deciding_lines = {span[0]._.line for span in doc.spans.get("minutes", []) if span.label_ == "DECIDING"}
    sections = {}
    for part in docs.payloads(doc, "sections"):
        for i in range(part.head, part.last + 1):
            sections[i] = part.kind
    lemmas: dict[int, list[str]] = {}
    for token in doc:
        if token.is_alpha:
            words = lemmas.setdefault(token._.line, [])
            if len(words) < LEMMA_WORDS:
                words.append(token.lemma_.casefold())
    own: list[list[str]] = []
    for shape in lines.shapes:
        if shape.blank:
            own.append([])
            continue
        feats = shape_features(shape, n, len(lines.names(shape.index)), shape.index in deciding_lines,
                               sections.get(shape.index))
        feats += ["w" + w for w in lemmas.get(shape.index, [])]
        if lemmas.get(shape.index):
            feats.append("first" + lemmas[shape.index][0])
        own.append(feats)
    rule = _rule_features(doc) if rules else {}
    text_lines = [i for i in range(n) if own[i]]
    out = [""] * n
    for k, i in enumerate(text_lines):
        feats = list(own[i])
        before = own[text_lines[k - 1]] if k else []
        after = own[text_lines[k + 1]] if k + 1 < len(text_lines) else []
        if k and text_lines[k - 1] < i - 1:
            feats.append("fgapbefore")
        if k + 1 < len(text_lines) and text_lines[k + 1] > i + 1:
            feats.append("fgapafter")
        feats += ["p" + f for f in before if f.startswith(CONTEXT)]
        feats += ["n" + f for f in after if f.startswith(CONTEXT)]
        feats += rule.get(i, [])
        out[i] = " ".join(dict.fromkeys(feats))
    return out


def _rule_features(doc: Doc) -> dict[int, list[str]]:
    """What the rule components answered for each line."""
    out: dict[int, list[str]] = {}
    for first, _ in docs.payloads(doc, "item_titles"):
        out.setdefault(first, []).append("ritem")
    for d in docs.payloads(doc, "decisions"):
        out.setdefault(d.span.line_start, []).append("rdecisionstart")
        for i in range(d.span.line_start + 1, d.span.line_end + 1):
            out.setdefault(i, []).append("rdecision")
    for a, _ in docs.payloads(doc, "attendance"):
        out.setdefault(a.span.line_start, []).append("rattendee")
    for span, _ in docs.found(doc, "metadata"):
        out.setdefault(span[0]._.line, []).append("rmetadata")
    return out
