"""Security middleware: unit scope on admin page URLs, forced password changes and a clear
answer to malformed or oversize admin form posts.

Add them to ``MIDDLEWARE`` after ``AuthenticationMiddleware`` and ``MessageMiddleware``::

    "wagtail_gov_review.security.middleware.UnitScopeMiddleware",
    "wagtail_gov_review.security.middleware.PasswordExpiryMiddleware",
    "wagtail_gov_review.security.middleware.MalformedPostMiddleware",
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
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


# The page editor's POSTs: with an expired password they are saved as a draft, nothing more.
PAGE_EDITOR_VIEWS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:add"}
# What turns an editor POST into more than a draft: publishing and workflow actions.
PUBLISHING_POST_KEYS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
    "workflow-action-name",
)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class PasswordExpiryMiddleware:
    """Send admin users whose password is too old to the account page to change it.

    An expired password authorises nothing but changing it: other admin requests (POSTs
    included) are redirected to the account page. One exception keeps work from being lost:
    a page typed in the editor when the password expired is saved as a *draft* (publish and
    workflow actions are dropped from the post), then the editor sends the user on to change
    the password.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
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
        if request.method not in SAFE_METHODS and match.view_name in PAGE_EDITOR_VIEWS:
            _keep_as_draft_only(request)
            return None
        messages.warning(
            request,
            _("Your password has expired. Change it before you continue working."),
        )
        if request.method not in SAFE_METHODS:
            logger.info(
                "Refused %s %s: the password of %s has expired", request.method, request.path, user
            )
        return redirect("wagtailadmin_account")


def _keep_as_draft_only(request: HttpRequest) -> None:
    """Drop publish and workflow actions from an editor post: the view saves a draft."""
    post = request.POST.copy()
    dropped = [key for key in PUBLISHING_POST_KEYS if key in post]
    for key in dropped:
        del post[key]
    request.POST = post
    messages.warning(
        request,
        _(
            "Your password has expired: your changes were saved as a draft only, not published "
            "or submitted for review. Change your password, then continue."
        ),
    )


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


# Django refuses posts over DATA_UPLOAD_MAX_MEMORY_SIZE / _NUMBER_FIELDS / _NUMBER_FILES with
# these; left alone they reach Django's bare English "Bad Request (400)".
OVERSIZE_POST_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


class MalformedPostMiddleware:
    """Answer malformed or oversize admin form posts with a 400 and a sentence, not a 500.

    Nothing of the post is saved, and nothing saved before is touched: the last draft stays
    the page's latest revision. The traceback is logged for the site's operators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read the post here, before any middleware's process_view (CSRF reads it first):
        # Django's own limits raise while it is parsed.
        if request.method == "POST" and _is_admin(request):
            try:
                request.POST  # noqa: B018  (parsing is the point)
            except OVERSIZE_POST_ERRORS as error:
                return _oversize_post_response(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MALFORMED_POST_ERRORS):
            return None
        if not _is_admin(request):
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


def _is_admin(request: HttpRequest) -> bool:
    try:
        return request.path.startswith(reverse("wagtailadmin_home"))
    except NoReverseMatch:
        return False


def _oversize_post_response(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.warning("Oversize admin form post refused: %s %s", request.path, error)
    too_many = not isinstance(error, RequestDataTooBig)
    # Returned from __call__, outside the view stage that renders template responses.
    return TemplateResponse(
        request,
        "wagtail_gov_review/security/oversize_post.html",
        {
            "page_title": _("The form is too large"),
            "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
            "too_many": too_many,
        },
        status=400,
    ).render()
