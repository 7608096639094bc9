"""Security middleware: unit scope on admin page URLs, forced password changes and a clear
answer to malformed admin form posts.

Add them to ``MIDDLEWARE`` after ``AuthenticationMiddleware`` and ``MessageMiddleware``::

    "wagtail_gov_review.security.middleware.UnitScopeMiddleware",
    "wagtail_gov_review.security.middleware.PasswordExpiryMiddleware",
    "wagtail_gov_review.security.middleware.MalformedPostMiddleware",
"""

from __future__ import annotations

import json
import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from .access import UnitScopeMiddleware
from .accounts import password_expired
from .events import record
from .models import SecurityEventKind

__all__ = ["MalformedPostMiddleware", "PasswordExpiryMiddleware", "UnitScopeMiddleware"]

logger = logging.getLogger("wagtail_gov_review.security")

# Admin views a user with an expired password may still use: changing it, leaving, assets.
ALLOWED_URL_NAMES = {
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
}
SESSION_FLAG = "gov_review_password_expired_logged"


class PasswordExpiryMiddleware:
    """Send admin users whose password is too old to the account page to change it.

    Only safe requests (GET/HEAD) are redirected: a form posted when the password expires
    mid-session (e.g. a page draft) is still saved, so no work is lost.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.method not in ("GET", "HEAD"):
            return None
        try:
            admin_root = reverse("wagtailadmin_home")
        except NoReverseMatch:
            return None
        match = request.resolver_match
        if not request.path.startswith(admin_root) or match is None:
            return None
        if match.url_name in ALLOWED_URL_NAMES or "password_reset" in match.route:
            return None
        if not password_expired(user):
            return None
        if hasattr(request, "session") and not request.session.get(SESSION_FLAG):
            request.session[SESSION_FLAG] = True
            record(SecurityEventKind.PASSWORD_EXPIRED, user=user, request=request)
        messages.warning(
            request,
            _("Your password has expired. Change it before you continue working."),
        )
        return redirect("wagtailadmin_account")


# What Wagtail's form code raises on tampered or truncated posts: a StreamField count that
# does not match its blocks, non-numeric orders, JSON that is not JSON or nested too deep.
MALFORMED_POST_ERRORS = (
    MultiValueDictKeyError,
    json.JSONDecodeError,
    RecursionError,
    ValueError,
    KeyError,
    TypeError,
)


class MalformedPostMiddleware:
    """Answer malformed admin form posts with a 400 and a sentence, not a 500.

    Nothing of the post is saved, and nothing saved before is touched: the last draft stays
    the page's latest revision. The traceback is logged for the site's operators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MALFORMED_POST_ERRORS):
            return None
        try:
            admin_root = reverse("wagtailadmin_home")
        except NoReverseMatch:
            return None
        if not request.path.startswith(admin_root):
            return None
        logger.warning(
            "Malformed admin form post refused: %s %s", request.path, exception, exc_info=True
        )
        return TemplateResponse(
            request,
            "wagtail_gov_review/security/malformed_post.html",
            {"page_title": _("The form could not be read")},
            status=400,
        )
