"""The trained line classifier: the `minutes_line_model` component.

It labels every line of a Doc as an item head, a decision's first line, a decision's
continuation, an attendee, a metadata label or other (`train/align.py`), from the line's
lemmas, shape and layout and those of its neighbours (`train/features.py`). The model is a
spaCy text classifier (bag of words over those feature words) trained by `spacy train` on
labels derived from every gold file (`scripts/train_lines.py`), and saved inside the
pipeline folder.

How its labels are used is the component's `mode`:
- "rules": not at all (the component does nothing);
- "model": the items are the numbered lines it calls item heads, the decisions the runs of
  lines it calls decisions;
- "both": the rules decide, the model weighs in: an item candidate it finds likely weighs
  more in the item chain, and a line it is sure opens a decision the rules missed becomes one.
`scripts/train_lines.py loo` compares the three organisation by organisation; the shipped
mode is the one that won there (models/config.cfg).
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .train.features import doc_features

MODES = ("rules", "model", "both")
PROBS = "minutes.line_probs"
MODE = "minutes.line_mode"


@Language.factory("minutes_line_model", assigns=["doc.user_data"], requires=["doc._.lines"],
                  default_config={"mode": "rules"})
def make_line_model(nlp: Language, name: str, mode: str) -> LineModel:
    return LineModel(mode)


class LineModel:
    """Given a Doc with its lines, put each line's label probabilities in the Doc (unless the
    mode is "rules" or no model was trained) for the items and decisions components."""

    def __init__(self, mode: str = "rules"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self._model: Language | None = None
        self._folder: Path | None = None

    @property
    def model(self) -> Language | None:
        """The trained classifier, read from the pipeline folder on first use (so "rules"
        mode never loads it)."""
        if self._model is None and self._folder is not None and self._folder.exists():
            self._model = spacy.load(self._folder)
        return self._model

    @model.setter
    def model(self, value: Language | None) -> None:
        self._model = value

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[MODE] = self.mode
        if self.mode == "rules" or self.model is None:
            return doc
        texts = doc_features(doc)
        probs: list[dict[str, float] | None] = [None] * len(texts)
        todo = [i for i, t in enumerate(texts) if t]
        for i, scored in zip(todo, self.model.pipe(texts[i] for i in todo)):
            probs[i] = dict(scored.cats)
        doc.user_data[PROBS] = probs
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            self.model.to_disk(path / "classifier")

    def from_disk(self, path, exclude=()) -> LineModel:
        self._folder, self._model = Path(path) / "classifier", None
        return self


def line_probs(doc: Doc) -> list[dict[str, float] | None] | None:
    """The line classifier's probabilities per line, or None in "rules" mode."""
    return doc.user_data.get(PROBS)


def line_mode(doc: Doc) -> str:
    return doc.user_data.get(MODE, "rules")


def prob(probs: list[dict[str, float] | None] | None, i: int, *labels: str) -> float:
    """The probability that line `i` has one of `labels` (0 for a blank line)."""
    if probs is None or i >= len(probs) or (line := probs[i]) is None:
        return 0.0
    return sum(line.get(label, 0.0) for label in labels)
