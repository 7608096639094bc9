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
from wagtail.models import Page, get_page_models

from ..conf import gov_review_settings
from ..models import Column, GovInfoPageMixin, Unit
from ..models.units import sees_everything, user_unit_ids

_CACHE_ATTR = "_gov_security_scope"


@dataclass(frozen=True)
class Scope:
    """The pages one user may access (``accessible``) and list (``navigable``), and the
    units whose rows (requests, registers) the user may open."""

    accessible: Q
    navigable: Q
    unit_ids: frozenset[int] = frozenset()


NOTHING = Q(pk__in=[])


def _item_models() -> list[type[Page]]:
    return [
        model
        for model in get_page_models()
        if issubclass(model, GovInfoPageMixin) and not model._meta.abstract
    ]


def _ancestor_paths(path: str) -> list[str]:
    steplen = Page.steplen
    return [path[:end] for end in range(steplen, len(path), steplen)]


def _build_scope(user) -> Scope | None:
    if not gov_review_settings.SECURITY.get("UNIT_SCOPE", True) or sees_everything(user):
        return None
    unit_ids = frozenset(user_unit_ids(user))
    if not unit_ids:
        return Scope(NOTHING, NOTHING)
    return scope_of_units(unit_ids)


def scope_of_units(unit_ids: frozenset[int]) -> Scope:
    """The pages owned by ``unit_ids`` (``accessible``) and the ancestors leading to them."""
    columns = list(Column.objects.values_list("page__path", "unit_id"))
    own = [path for path, unit_id in columns if unit_id in unit_ids]
    others = [path for path, unit_id in columns if unit_id not in unit_ids]

    # A column's subtree, minus the subtrees of other units' columns nested inside it;
    # own columns nested inside those are added back by their own term.
    by_column = NOTHING
    for path in own:
        term = Q(path__startswith=path)
        for other in others:
            if other.startswith(path) and other != path:
                term &= ~Q(path__startswith=other)
        by_column |= term

    # An item's own ``unit`` field overrides its column's unit, both ways.
    granted = NOTHING
    denied = NOTHING
    for model in _item_models():
        granted |= Q(pk__in=model._default_manager.filter(unit_id__in=unit_ids).values("pk"))
        denied |= Q(
            pk__in=model._default_manager.filter(unit__isnull=False)
            .exclude(unit_id__in=unit_ids)
            .values("pk")
        )
    accessible = (by_column & ~denied) | granted

    roots = list(own)
    roots += Page.objects.filter(granted).values_list("path", flat=True)
    ancestors = {ancestor for path in roots for ancestor in _ancestor_paths(path)}
    navigable = accessible | Q(path__in=sorted(ancestors))
    return Scope(accessible, navigable, unit_ids)


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
    if sees_everything(user):
        return queryset
    pages = visible_pages_for(user, Page.objects.all())
    return queryset.filter(**{f"{page_field}__in": pages.values("pk")})


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
    return scope_of_units(unit_ids).accessible if unit_ids else NOTHING
