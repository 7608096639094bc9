"""Engine configuration: which checks run, severities, and extra terms a site adds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import SEVERITIES

TERM_CATEGORIES = ("sensitive", "prohibited", "outdated_name", "political", "typo")


@dataclass
class EngineConfig:
    """What a site switches on or off; turned into a spaCy pipeline by the engine.

    - ``enabled``: check names (finding codes such as ``"pii.mobile"`` or ``"typo"``) to run;
      ``None`` runs every registered check. ``disabled`` removes names from that set
      (``"term.typo"`` and ``"typo"`` are the same check; a prefix like ``"pii"`` disables a group).
    - ``severity``: ``{code: "block" | "warn"}`` overrides.
    - ``lexicon_paths``: extra lexicon files (category from the file's header or name).
    - ``extra_terms``: ``{category: [(term, suggestion_or_empty), ...]}`` kept in memory (the
      admin-managed lists); category is one of :data:`TERM_CATEGORIES`.
    - ``allow_terms``: terms never reported (an allow-list; also protects longer current names).
    - ``allowed_domains``: domains ``link.external`` accepts besides the built-in official ones.
    - ``leaders``: the site's leader list for ``term.leader``, rows of
      ``(name, title, rank, valid_from, valid_to)``; dates are ``datetime.date``, ISO text or
      ``None`` (open-ended); a lower rank is listed first.
    """

    enabled: Iterable[str] | None = None
    disabled: Iterable[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    lexicon_paths: Iterable[str] = ()
    extra_terms: Mapping[str, Iterable[Any]] = field(default_factory=dict)
    allow_terms: Iterable[str] = ()
    allowed_domains: Iterable[str] = ()
    leaders: Iterable[tuple] = ()

    def __post_init__(self) -> None:
        for code, level in dict(self.severity).items():
            if level not in SEVERITIES:
                raise ValueError(f"severity for {code!r} must be 'block' or 'warn', not {level!r}")
        for category in dict(self.extra_terms):
            if category not in TERM_CATEGORIES:
                raise ValueError(
                    f"unknown term category {category!r}; use one of {TERM_CATEGORIES}"
                )

    def key(self) -> tuple:
        """A hashable summary: equal keys build identical engines (used by ``get_engine``)."""

        def terms(entries: Iterable[Any]) -> tuple:
            out = []
            for entry in entries:
                if isinstance(entry, str):
                    out.append((entry, ""))
                else:
                    term, *rest = entry
                    out.append((str(term), str(rest[0]) if rest and rest[0] else ""))
            return tuple(sorted(out))

        return (
            None if self.enabled is None else tuple(sorted(self.enabled)),
            tuple(sorted(self.disabled)),
            tuple(sorted(dict(self.severity).items())),
            tuple(str(p) for p in self.lexicon_paths),
            tuple(sorted((c, terms(v)) for c, v in dict(self.extra_terms).items())),
            tuple(sorted(self.allow_terms)),
            tuple(sorted(self.allowed_domains)),
            leader_rows(self.leaders),
        )


def _iso(value: object) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def leader_rows(
    leaders: Iterable[tuple],
) -> tuple[tuple[str, str, int, str | None, str | None], ...]:
    """``leaders`` as sorted plain rows (dates as ISO text): hashable and JSON-friendly."""
    rows = []
    for name, title, rank, valid_from, valid_to in leaders:
        rows.append((str(name), str(title or ""), int(rank), _iso(valid_from), _iso(valid_to)))
    return tuple(sorted(rows))
