"""A piece of text taken from a file, and where in the file it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Segment:
    """``text`` from one place of a file; ``location`` says where, e.g. ``{"sheet": "Sheet1",
    "cell": "C7"}``, ``{"page": 3}``, ``{"paragraph": 12}``, ``{"line": 40}``."""

    text: str
    location: dict[str, Any] = field(default_factory=dict, hash=False)
