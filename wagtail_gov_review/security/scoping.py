"""Unit scope: which pages a user may see and work on in the admin.

One module answers the question for every part of the plugin (explorer, chooser, search,
reports, direct URLs, exports, review tasks). The rules:

* superusers and members of a central unit (``CENTRAL_UNIT_KINDS``) see every page;
* everyone else may *access* (open, edit, review, export) the pages of their own units
  (``UnitMembership`` to an active unit): a page belongs to the unit of its nearest column
  (``Column.for_page``), unless it is an item (``GovInfoPageMixin``) whose ``unit`` field
  names an issuing unit, which then wins;
* the ancestors of their own columns and items are *navigable*: listed in the explorer so
  the user can reach a sub-column nested in another unit's column, but not openable;
* pages without a unit (outside every column) belong to the central units only.

The owning unit of every page is stored (``models.PageUnit``, kept current by
``receivers.py`` on save, copy, move and column change), so a scope is an indexed
``unit_id IN (...)`` plus the few ancestor paths to list, built once per request and user.

Public API::

    visible_pages_for(user, queryset, navigable=False)  # filter a Page queryset
    user_can_access_page(user, page)                     # open / edit / review / export
    user_can_navigate_page(user, page)                   # list in explorer / chooser
    scope_queryset(user, queryset, page_field="page")    # any model pointing at a page
    pages_of_units(unit_ids)                             # Q: the pages these units own
    sees_everything(user)                                # no scoping at all for this user
    page_unit(page)                                      # the unit owning a page, or None
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from ..conf import gov_review_settings
from ..models import Column, GovInfoPageMixin, PageUnit, Unit
from ..models.page_units import ancestor_paths
from ..models.units import sees_everything, user_unit_ids

_CACHE_ATTR = "_gov_security_scope"


@dataclass(frozen=True)
class Scope:
    """The pages one user may access (``accessible``) and list (``navigable``), and the
    units whose rows (requests, registers) the user may open."""

    accessible: Q
    navigable: Q
    unit_ids: frozenset[int] = frozenset()
    # The ids of the accessible pages as a subquery (rows pointing at pages filter on it).
    page_ids: QuerySet | None = None


NOTHING = Q(pk__in=[])


def _navigation_paths(unit_ids: frozenset[int]) -> set[str]:
    """Paths the user must be able to list to reach their pages: the ancestors of their units'
    columns (one query), and of their items issued into other units' columns or outside every
    column (one query on a partial index, usually a handful of rows)."""
    columns = Column.objects.filter(unit_id__in=unit_ids).values_list("page__path", flat=True)
    paths = {ancestor for path in columns for ancestor in ancestor_paths(path)}
    parents = (
        PageUnit.objects.filter(unit_id__in=unit_ids, outside_own_column=True)
        .annotate(parent=Substr("page__path", 1, Length("page__path") - Page.steplen))
        .values_list("parent", flat=True)
        .distinct()
    )
    for parent in parents:
        paths.update(ancestor_paths(parent, inclusive=True))
    return paths


def _build_scope(user) -> Scope | None:
    if not gov_review_settings.SECURITY.get("UNIT_SCOPE", True) or sees_everything(user):
        return None
    unit_ids = frozenset(user_unit_ids(user))
    if not unit_ids:
        return Scope(NOTHING, NOTHING)
    return scope_of_units(unit_ids)


def scope_of_units(unit_ids: frozenset[int]) -> Scope:
    """The pages owned by ``unit_ids`` (``accessible``) and the ancestors leading to them."""
    owned = _owned_page_ids(unit_ids)
    accessible = Q(pk__in=owned)
    navigable = accessible | Q(path__in=sorted(_navigation_paths(unit_ids)))
    return Scope(accessible, navigable, unit_ids, owned)


def _owned_page_ids(unit_ids: frozenset[int]) -> QuerySet:
    # The owning unit is stored per page (``PageUnit``, kept current on save, move, copy
    # and column change), so the scope is an indexed ``unit_id IN (...)``.
    return PageUnit.objects.filter(unit_id__in=unit_ids).values("page_id")


def get_scope(user) -> Scope | None:
    """The user's scope (None: unrestricted), computed once per request and user object."""
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached
    scope = _build_scope(user)
    try:
        setattr(user, _CACHE_ATTR, scope)
    except AttributeError:  # AnonymousUser and similar read-only objects
        pass
    return scope


def clear_scope_cache(user) -> None:
    """Forget the cached scope (after memberships or columns changed in the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def visible_pages_for(user, queryset: QuerySet, *, navigable: bool = False) -> QuerySet:
    """Filter a page queryset (``Page`` or a specific page model) to the user's scope.

    ``navigable=True`` also keeps the ancestors of the user's columns (explorer, chooser).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    scope = get_scope(user)
    if scope is None:
        return queryset
    return queryset.filter(scope.navigable if navigable else scope.accessible)


def _page_matches(user, page: Page, navigable: bool) -> bool:
    if page is None or page.pk is None:
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    scope = get_scope(user)
    if scope is None:
        return True
    return (
        Page.objects.filter(pk=page.pk)
        .filter(scope.navigable if navigable else scope.accessible)
        .exists()
    )


def user_can_access_page(user, page: Page) -> bool:
    """Whether the user may open, edit, review or export ``page`` (a direct URL included)."""
    return _page_matches(user, page, navigable=False)


def user_can_navigate_page(user, page: Page) -> bool:
    """Whether ``page`` may be listed for the user (its own pages and their ancestors)."""
    return _page_matches(user, page, navigable=True)


def scope_queryset(user, queryset: QuerySet[Model], page_field: str = "page") -> QuerySet[Model]:
    """Filter any queryset whose rows point at a page (records, reports, findings, exports)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    scope = get_scope(user)
    if scope is None:
        return queryset
    if scope.page_ids is None:  # no unit at all
        return queryset.none()
    return queryset.filter(**{f"{page_field}__in": scope.page_ids})


def page_unit(page: Page) -> Unit | None:
    """The unit owning ``page``: an item's issuing unit, else its nearest column's unit."""
    specific = page.specific if isinstance(page, Page) else page
    if isinstance(specific, GovInfoPageMixin):
        return specific.get_gov_unit()
    if not isinstance(page, Page):
        return None  # e.g. a snippet in a workflow: no place in the page tree
    column = Column.for_page(page)
    return column.unit if column else None


def pages_of_units(unit_ids) -> Q:
    """A ``Page`` filter for the pages owned by ``unit_ids`` (the rule of ``page_unit``)."""
    unit_ids = frozenset(unit_ids)
    # Only the owned pages: the navigation paths ``scope_of_units`` adds would cost two queries.
    return Q(pk__in=_owned_page_ids(unit_ids)) if unit_ids else NOTHING
