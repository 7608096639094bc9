"""Active terms and leaders as the engine wants them, re-read only when the lists change.

Reading 100k terms on every check would dominate the cost, so the tuple is memoised per
process and keyed by the table's (count, latest update): any add, edit or delete changes it.
The leader list is kept the same way.
"""

from __future__ import annotations

from django.db.models import Count, Max

from ..models import Leader, Term, TermCategory

_cache: dict[str, object] = {"version": None, "value": ({}, ())}
_leader_cache: dict[str, object] = {"version": None, "value": ()}


def terms_version() -> tuple:
    stats = Term.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return stats["count"], stats["latest"]


def active_terms() -> tuple[dict[str, tuple[tuple[str, str], ...]], tuple[str, ...]]:
    """``(extra_terms by category, allow_terms)`` for ``EngineConfig``."""
    version = terms_version()
    if _cache["version"] != version:
        extra: dict[str, list[tuple[str, str]]] = {}
        allow: list[str] = []
        rows = Term.objects.filter(is_active=True).values_list("category", "term", "suggestion")
        for category, term, suggestion in rows.order_by("category", "term"):
            if category == TermCategory.ALLOW:
                allow.append(term)
            else:
                extra.setdefault(category, []).append((term, suggestion))
        _cache["value"] = ({k: tuple(v) for k, v in extra.items()}, tuple(allow))
        _cache["version"] = version
    return _cache["value"]


def leaders_version() -> tuple:
    stats = Leader.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return stats["count"], stats["latest"]


def active_leaders() -> tuple[tuple, ...]:
    """``(name, title, rank, valid_from, valid_to)`` rows for ``EngineConfig.leaders``.

    Every active row, current or past: past rows make a title "outdated"; the engine decides
    from the dates which rows are current on the day it checks.
    """
    version = leaders_version()
    if _leader_cache["version"] != version:
        rows = Leader.objects.filter(is_active=True).values_list(
            "name", "title", "rank", "valid_from", "valid_to"
        )
        _leader_cache["value"] = tuple(rows.order_by("rank", "name", "pk"))
        _leader_cache["version"] = version
    return _leader_cache["value"]
