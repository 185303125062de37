"""People: the person registry, linking names to it, bootstrapping and reviewing it.

    registry.py   PersonEntry, load/save of data/registry/persons.csv (line-numbered errors)
    normalize.py  name keys (folding, hyphen spacing, word order, particles)
    index.py      blocking index and the name score (rapidfuzz)
    link.py       link_minutes(minutes, registry, params): the link stage
    bootstrap.py  propose a registry from the names in a database
    review.py     unlinked and ambiguous names; accepting one writes an alias
    cli.py        `minutes people bootstrap|review|check`
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..run.params import project_path
from .link import Linker, link_minutes
from .params import PeopleParams, load_params
from .registry import PersonEntry, Registry, RegistryError, load_registry, save_registry


@dataclass
class People:
    """What the link stage needs: the registry and the thresholds."""

    registry: Registry = field(default_factory=Registry)
    params: PeopleParams = field(default_factory=PeopleParams)

    @classmethod
    def load(cls, params_path: str | Path = "params.yaml") -> People:
        """Read the `people:` params and the registry they name (missing file: empty)."""
        params = load_params(params_path)
        return cls(load_registry(project_path(params.registry)), params)

    @property
    def digest(self) -> str:
        """Changes when the registry file or the thresholds change, so results get relinked."""
        text = f"{self.registry.digest}:{self.params.fingerprint()}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

    def link(self, minutes):
        return link_minutes(minutes, self.registry, self.params)


__all__ = ["Linker", "People", "PeopleParams", "PersonEntry", "Registry", "RegistryError", "link_minutes",
           "load_params", "load_registry", "save_registry"]
