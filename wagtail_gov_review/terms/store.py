"""Active terms as the engine wants them, re-read only when the lists change.

Reading 100k terms on every check would dominate the cost, so the tuple is memoised per
process and keyed by the table's (count, latest update): any add, edit or delete changes it.
"""

from __future__ import annotations

from django.db.models import Count, Max

from ..models import Term, TermCategory

_cache: dict[str, object] = {"version": None, "value": ({}, ())}


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
