"""Refusing out-of-scope objects on every admin URL that takes an object id.

Wagtail has hooks before editing, copying, moving and deleting a page, but none before its
history, revisions, previews, workflow actions, editing sessions, lock or privacy views. The
middleware below looks the resolved URL up in ``security.routes`` (one table for every admin
route that takes an id) and lets the route's rule derive the pages or units from *every* id
in it (a revision's or a task state's page must be the page in the URL) and, for the admin
API, from the request body. An out-of-scope object is refused whatever the view (403, with
a sentence saying why, and a security log entry). An admin route with ids that is missing
from the table is refused for scoped users: a new Wagtail view is closed until classified.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..models import Unit
from .events import record
from .models import SecurityEventKind
from .route_rules import PAGE, UNIT, Targets
from .routes import rule_for
from .scoping import get_scope, page_unit

logger = logging.getLogger("wagtail_gov_review.security")

# Routes answered in JSON (the admin API, the editor's editing-session pings).
JSON_NAMESPACES = {"wagtailadmin_api", "wagtailadmin_editing_sessions"}


def _response(request: HttpRequest, message: str) -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    if match is not None and JSON_NAMESPACES & set(match.namespaces):
        return JsonResponse({"detail": message}, status=403)
    return TemplateResponse(
        request,
        "wagtail_gov_review/security/out_of_scope.html",
        {"message": message, "page_title": _("Outside your unit")},
        status=403,
    )


def refuse(
    request: HttpRequest, page: Page | None, *, message: str | None = None, **detail
) -> HttpResponse:
    """The 403 response for an out-of-scope object, logged for the security audit."""
    logger.warning(
        "Out-of-scope admin access refused: user=%s path=%s page=%s",
        getattr(request.user, "pk", None),
        request.path,
        getattr(page, "pk", None),
    )
    record(
        SecurityEventKind.SCOPE_REFUSED,
        user=request.user,
        request=request,
        path=request.path[:500],
        page=getattr(page, "pk", None),
        **detail,
    )
    if message is None:
        unit = page_unit(page) if page is not None else None
        message = _(
            "This page belongs to %(unit)s. Staff of other units cannot open or change it."
        ) % {"unit": unit.name if unit else _("a central unit")}
    return _response(request, message)


def check_page_ids(
    request: HttpRequest, page_ids: Iterable[int], *, navigable: bool = False, strict=False
) -> HttpResponse | None:
    """A 403 response when one of ``page_ids`` is outside the user's scope, else None.

    ``strict``: a page id that no longer exists is refused as well (a record of a deleted
    page stays with the central units); otherwise the view answers its own 404.
    """
    ids = set(page_ids)
    user = request.user
    scope = get_scope(user)
    if scope is None or not ids:
        return None
    pages = Page.objects.filter(pk__in=ids)
    if user.is_authenticated and user.is_active:  # anyone else is refused every page
        pages = pages.exclude(scope.navigable if navigable else scope.accessible)
    outside = pages.first()  # one query, whatever the number of pages
    if outside is not None:
        return refuse(request, outside)
    if strict and Page.objects.filter(pk__in=ids).count() < len(ids):
        return refuse(request, None)
    return None


def check_unit_ids(request: HttpRequest, unit_ids: Iterable[int | None]) -> HttpResponse | None:
    """A 403 response when a row belongs to a unit other than the user's (or to none)."""
    scope = get_scope(request.user)
    if scope is None:
        return None
    foreign = [unit_id for unit_id in unit_ids if unit_id not in scope.unit_ids]
    if not foreign:
        return None
    unit = Unit.objects.filter(pk=foreign[0]).first()
    message = _("This record belongs to %(unit)s. Staff of other units cannot open it.") % {
        "unit": unit.name if unit else _("a central unit")
    }
    return refuse(request, None, message=message, unit=foreign[0])


def check_targets(request: HttpRequest, targets: Targets) -> HttpResponse | None:
    """Refuse when any id of the request leads outside the user's scope."""
    if targets.mismatch:
        message = _(
            "The ids in this address belong to different pages. Open the item from its own page."
        )
        return refuse(request, None, message=message, mismatch=True)
    return (
        check_page_ids(request, targets.page_ids, navigable=targets.navigable)
        or check_page_ids(request, targets.derived_page_ids, strict=True)
        or check_unit_ids(request, targets.unit_ids)
    )


def admin_root() -> str | None:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


class UnitScopeMiddleware:
    """Refuse admin URLs whose ids (page, revision, task state, workflow state, record …)
    lead outside the user's unit scope; see ``security.routes`` for the table."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        rule = rule_for(match.view_name)
        if rule is None:
            return self.unclassified(request, match, view_args, view_kwargs)
        if rule.category not in (PAGE, UNIT):
            return None  # deliberately global: no scope to compute
        if get_scope(user) is None:
            return None
        return check_targets(request, rule.targets(request, view_kwargs))

    def unclassified(self, request, match, view_args, view_kwargs) -> HttpResponse | None:
        """Fail closed: an admin route with ids that nobody classified yet."""
        root = admin_root()
        if not (view_args or view_kwargs) or root is None or not request.path.startswith(root):
            return None
        if get_scope(request.user) is None:
            return None
        logger.error("Admin route %s has ids but no unit scope rule", match.view_name)
        message = _(
            "This admin address is not yet checked for unit scope. Ask the site administrator."
        )
        return refuse(request, None, message=message, route=match.view_name)
