"""智能校对: the check engine (pure Python + spaCy, no Django).

Public API (kept small and stable): :class:`Finding`, :class:`EngineConfig`,
:class:`CheckEngine`, :func:`get_engine`, :func:`mask`. See ``docs/checks.md``.
"""

from .config import EngineConfig
from .engine import CheckEngine, get_engine
from .findings import Finding
from .mask import mask

__all__ = ["CheckEngine", "EngineConfig", "Finding", "get_engine", "mask"]
