"""The check engine as this site configures it: settings plus the term lists and leaders
managed in the admin, one engine per configuration, pinned for a job run.

Reading 100k terms on every check would dominate the cost, so the lists are memoised per
process and keyed by the table's (count, latest update): any add, edit or delete changes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Count, Max

from .checks import EngineConfig, get_engine
from .conf import gov_review_settings
from .models import Leader, Term, TermCategory

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


def engine_config():
    """The engine configuration: settings plus the term and leader lists managed in the admin."""
    checks = gov_review_settings.CHECKS
    extra_terms, allow_terms = active_terms()
    return EngineConfig(
        disabled=tuple(checks["DISABLED_COMPONENTS"]),
        severity=dict(checks["SEVERITY"]),
        lexicon_paths=tuple(str(p) for p in checks["EXTRA_LEXICONS"]),
        extra_terms=extra_terms,
        allow_terms=allow_terms,
        leaders=active_leaders(),
    )


_current: dict[str, object] = {"key": None, "engine": None}
# (engine, engine_version) fixed for one job run: see ``one_engine_per_run``.
_run_engine: ContextVar[tuple | None] = ContextVar("gov_review_run_engine", default=None)


@contextmanager
def one_engine_per_run() -> Iterator[None]:
    """Check everything inside the block with the engine of its start.

    Asking whether the term lists changed costs two queries; once per page it was most of a
    re-scan's queries. A run started before a term was added finds it on the next run.
    """
    token = _run_engine.set((current_engine(), engine_version()))
    try:
        yield
    finally:
        _run_engine.reset(token)


def current_engine():
    """The engine for the current settings and term lists.

    ``get_engine`` keys its cache on the whole configuration, which costs tens of
    milliseconds with 100k admin terms; here the key is the term lists' version and the
    settings, both cheap, so repeated checks skip that work.
    """
    if (pinned := _run_engine.get()) is not None:
        return pinned[0]
    key = (terms_version(), leaders_version(), repr(gov_review_settings.CHECKS))
    if _current["key"] != key:
        _current["engine"] = get_engine(engine_config())
        _current["key"] = key
    return _current["engine"]


def engine_version() -> str:
    """A key that changes whenever a check of the same file could give another result."""
    if (pinned := _run_engine.get()) is not None:
        return pinned[1]
    settings = (gov_review_settings.CHECKS, gov_review_settings.ATTACHMENTS)
    key = repr((terms_version(), repr(settings)))
    return hashlib.sha256(key.encode()).hexdigest()


def check_text(text: str, *, kind: str = "body") -> list:
    """Findings for one piece of text with the site's configuration (the "try a text" box)."""
    return current_engine().check(text, kind=kind)
