"""Settings of person linking, read from the `people:` block of params.yaml.

Scores run 0-100. A name links when its best candidate reaches `link_threshold` and beats
every other person by `margin`; a best score from `review_threshold` up (or a tie) sends
the name to review with its candidates; below that the name is simply unknown.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..run.params import params_block

REGISTRY = "data/registry/persons.csv"
LINK_THRESHOLD = 90.0
REVIEW_THRESHOLD = 75.0
MARGIN = 4.0
SURNAME_MIN = 80.0
MEETING_BOOST = 8.0
ORGANISATION_BOOST = 4.0
PARTY_BOOST = 6.0
MAX_CANDIDATES = 5


class PeopleParams(BaseModel):
    """Typed `people:` settings; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    registry: str = REGISTRY
    link_threshold: float = Field(LINK_THRESHOLD, ge=0, le=100)
    review_threshold: float = Field(REVIEW_THRESHOLD, ge=0, le=100)
    margin: float = Field(MARGIN, ge=0, le=100)
    surname_min: float = Field(SURNAME_MIN, ge=0, le=100)
    meeting_boost: float = Field(MEETING_BOOST, ge=0, le=100)
    organisation_boost: float = Field(ORGANISATION_BOOST, ge=0, le=100)
    party_boost: float = Field(PARTY_BOOST, ge=0, le=100)
    max_candidates: int = Field(MAX_CANDIDATES, ge=1)

    def fingerprint(self) -> str:
        return self.model_dump_json()


def load_params(path: str | Path = "params.yaml") -> PeopleParams:
    """The `people:` block of a params file; defaults when the file or block is missing."""
    return PeopleParams(**params_block("people", path))
