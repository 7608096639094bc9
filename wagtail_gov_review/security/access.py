"""Refusing out-of-scope pages on every admin URL that names a page id.

Wagtail has hooks before editing, copying, moving and deleting a page, but none before its
history, revisions, previews, workflow history, lock or privacy views. The middleware below
looks at the resolved admin URL instead, so a direct URL to another unit's page id is refused
whatever the view (403, with a sentence saying why), and new admin page views are covered
without a list to keep up to date.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .scoping import get_scope, page_unit

logger = logging.getLogger("wagtail_gov_review.security")

# URL kwargs that carry a page id in Wagtail's admin URLs.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# Views that only list a page's children: navigating through an ancestor is allowed there.
LISTING_URL_NAMES = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}
ADMIN_NAMESPACES = {"wagtailadmin_pages", "wagtailadmin_workflows"}


def is_admin_page_route(resolver_match) -> bool:
    return resolver_match.url_name in LISTING_URL_NAMES or bool(
        ADMIN_NAMESPACES & set(resolver_match.namespaces)
    )


def refuse(request: HttpRequest, page: Page | None) -> HttpResponse:
    """The 403 response for an out-of-scope page, logged for the security audit."""
    unit = page_unit(page) if page is not None else None
    logger.warning(
        "Out-of-scope admin access refused: user=%s path=%s page=%s",
        getattr(request.user, "pk", None),
        request.path,
        getattr(page, "pk", None),
    )
    from .events import record
    from .models import SecurityEventKind

    record(
        SecurityEventKind.SCOPE_REFUSED,
        user=request.user,
        request=request,
        path=request.path[:500],
        page=getattr(page, "pk", None),
    )
    message = _("This page belongs to %(unit)s. Staff of other units cannot open or change it.") % {
        "unit": unit.name if unit else _("a central unit")
    }
    return TemplateResponse(
        request,
        "wagtail_gov_review/security/out_of_scope.html",
        {"message": message, "page_title": _("Outside your unit")},
        status=403,
    )


def check_page_ids(request: HttpRequest, page_ids, *, navigable: bool = False):
    """A 403 response when one of ``page_ids`` is outside the user's scope, else None."""
    user = request.user
    scope = get_scope(user)
    if scope is None:
        return None
    pages = Page.objects.filter(pk__in=list(page_ids))
    if user.is_authenticated and user.is_active:  # anyone else is refused every page
        pages = pages.exclude(scope.navigable if navigable else scope.accessible)
    outside = pages.first()  # one query, whatever the number of pages
    return refuse(request, outside) if outside is not None else None


class UnitScopeMiddleware:
    """Refuse admin page URLs (edit, history, revisions, preview, …) outside the unit scope."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if not is_admin_page_route(match):
            return None
        page_ids = [view_kwargs[key] for key in PAGE_ID_KWARGS if key in view_kwargs]
        if not page_ids:
            return None
        return check_page_ids(request, page_ids, navigable=match.url_name in LISTING_URL_NAMES)
