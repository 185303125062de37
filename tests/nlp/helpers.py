"""Small documents for the component tests: text in, the pipeline's Doc or Minutes out."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest import ingest
from pipeline.nlp import get_nlp
from pipeline.nlp import doc as docs
from pipeline.nlp.extract import minutes_from_doc


def doc_of(tmp_path: Path, text: str, suffix: str = ".txt"):
    """The Doc the shipped pipeline makes of a file holding `text`."""
    path = tmp_path / f"minutes{suffix}"
    path.write_text(text, encoding="utf-8")
    nlp = get_nlp()
    return nlp(docs.make_doc(nlp, ingest(path)))


def minutes_of(tmp_path: Path, text: str, suffix: str = ".txt"):
    return minutes_from_doc(doc_of(tmp_path, text, suffix))
