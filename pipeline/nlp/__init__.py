"""The project's Swedish spaCy pipeline, shipped in `models/sv_minutes` and loaded once.

`get_nlp()` is the only entry point the stages use: it registers the custom components
(importing `.components` runs their `@Language.factory` decorators) and `spacy.load`s the
pipeline from the repository's `models/` folder (inside the package when installed from a
wheel), never from the network. Built by
`scripts/build_nlp.py` from `models/config.cfg` (see `models/README.md`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# pipeline/models_shipped links to the repository's models/ folder; a wheel (`pip install .`)
# carries the folder itself there, so an installed package needs no checkout
MODELS = (Path(__file__).resolve().parents[1] / "models_shipped").resolve()
MODEL_DIR = MODELS / "sv_minutes"


class ModelMissing(RuntimeError):
    """The shipped pipeline directory is not there (run `python scripts/build_nlp.py assemble`)."""


def model_available(path: Path = MODEL_DIR) -> bool:
    """True when a built pipeline is at `path`."""
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


@lru_cache(maxsize=4)
def get_nlp(path: str | None = None):
    """Return the shipped pipeline (cached: every stage shares one object)."""
    import spacy

    from . import components  # noqa: F401  (registers the factories before loading)

    model = Path(path) if path else MODEL_DIR
    if not model_available(model):
        raise ModelMissing(f"no spaCy pipeline at {model}: run `python scripts/build_nlp.py assemble`")
    return spacy.load(model)
