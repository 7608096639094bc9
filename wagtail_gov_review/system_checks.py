"""Django system checks: tell an installer exactly what is missing, before anything breaks."""

from __future__ import annotations

import inspect
import re
import sys
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.urls import URLResolver, get_resolver
from django.utils.module_loading import import_string
from wagtail.models import get_page_models

from .conf import DEFAULTS, SETTINGS_NAME
from .forms.errors import PdfFontError
from .forms.pdf_fonts import pdf_font_files
from .models import GovInfoPageMixin
from .user_units import UnitUserViewSet

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}

REQUIRED_APPS = {
    "simple_history": (
        "wagtail_gov_review.E001",
        "django-simple-history keeps the audit history of page attributes and term lists.",
    ),
    "django_q": (
        "wagtail_gov_review.E002",
        "django-q2 runs the daily re-scans, link patrol and monthly statistics.",
    ),
    "wagtail.snippets": (
        "wagtail_gov_review.E003",
        "Units, columns and term lists are edited as Wagtail snippets.",
    ),
}


@register(Tags.compatibility)
def check_required_apps(app_configs=None, **kwargs):
    errors = []
    for app_name, (check_id, why) in REQUIRED_APPS.items():
        if not apps.is_installed(app_name):
            errors.append(
                Error(
                    f"'{app_name}' is not in INSTALLED_APPS.",
                    hint=f"Add '{app_name}' to INSTALLED_APPS. {why}",
                    id=check_id,
                )
            )
    return errors


@register(Tags.models)
def check_page_models_use_mixin(app_configs=None, **kwargs):
    if any(issubclass(model, GovInfoPageMixin) for model in get_page_models()):
        return []
    return [
        Warning(
            "No page model uses GovInfoPageMixin, so no page is reviewed or gated.",
            hint=(
                "Mix it into your item page models: "
                "class NewsPage(GovInfoPageMixin, Page), then run makemigrations and migrate."
            ),
            id="wagtail_gov_review.W004",
        )
    ]


@register(Tags.compatibility)
def check_settings_namespace(app_configs=None, **kwargs):
    user = getattr(settings, SETTINGS_NAME, {})
    if not isinstance(user, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict.",
                hint="See the Configuration section of the README.",
                id="wagtail_gov_review.E005",
            )
        ]
    errors = []
    for key, value in user.items():
        if key not in DEFAULTS:
            errors.append(
                Error(
                    f"Unknown setting {SETTINGS_NAME}[{key!r}].",
                    hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
                    id="wagtail_gov_review.E006",
                )
            )
        elif isinstance(DEFAULTS[key], dict):
            if not isinstance(value, dict):
                errors.append(
                    Error(
                        f"{SETTINGS_NAME}[{key!r}] must be a dict.",
                        id="wagtail_gov_review.E005",
                    )
                )
                continue
            for sub in value:
                if sub not in DEFAULTS[key] and key != "TIMELINESS_HOURS":
                    errors.append(
                        Error(
                            f"Unknown setting {SETTINGS_NAME}[{key!r}][{sub!r}].",
                            hint=f"Known keys: {', '.join(sorted(DEFAULTS[key]))}.",
                            id="wagtail_gov_review.E006",
                        )
                    )
    return errors


@register(Tags.compatibility)
def check_task_queue_configured(app_configs=None, **kwargs):
    if apps.is_installed("django_q") and not getattr(settings, "Q_CLUSTER", None):
        return [
            Warning(
                "Q_CLUSTER is not set, so django-q2 falls back to its defaults.",
                hint=(
                    f"Set Q_CLUSTER = {RECOMMENDED_Q_CLUSTER} to use the database as the "
                    "broker (see the README)."
                ),
                id="wagtail_gov_review.W007",
            )
        ]
    return []


# The longest job (the daily re-scan of every live page) took 3–4 minutes for 100,000 pages;
# django-q2 re-delivers a job still running after ``retry`` seconds and kills it after
# ``timeout``, so both must leave room for it, and ``retry`` must exceed ``timeout``.
MIN_JOB_TIMEOUT_SECONDS = 1800
RECOMMENDED_Q_CLUSTER = (
    '{"name": "gov_review", "orm": "default", "timeout": 1800, "retry": 3600, "catch_up": False}'
)


@register(Tags.compatibility)
def check_task_queue_timeouts(app_configs=None, **kwargs):
    cluster = getattr(settings, "Q_CLUSTER", None)
    if not apps.is_installed("django_q") or not isinstance(cluster, dict):
        return []
    timeout, retry = cluster.get("timeout"), cluster.get("retry")
    if timeout is None or retry is None:
        problem = "Q_CLUSTER sets no 'timeout' or no 'retry'"
    elif timeout < MIN_JOB_TIMEOUT_SECONDS:
        problem = f"Q_CLUSTER['timeout'] is {timeout} s, shorter than the daily re-scan may take"
    elif retry <= timeout:
        problem = f"Q_CLUSTER['retry'] ({retry} s) is not longer than its 'timeout' ({timeout} s)"
    else:
        return []
    return [
        Warning(
            f"{problem}: django-q2 would kill the re-scan or deliver it twice.",
            hint=f"Set Q_CLUSTER = {RECOMMENDED_Q_CLUSTER} (see the README).",
            id="wagtail_gov_review.W008",
        )
    ]


PASSWORD_RECORDER = "wagtail_gov_review.security.accounts.PasswordChangeRecorder"
PASSWORD_EXPIRY_MIDDLEWARE = "wagtail_gov_review.security.middleware.PasswordExpiryMiddleware"


@register(Tags.security)
def check_password_change_recorder(app_configs=None, **kwargs):
    """Without the recorder no password change is recorded: once passwords expire, every user
    is sent to the password page, and changing the password does not let them out."""
    if PASSWORD_EXPIRY_MIDDLEWARE not in getattr(settings, "MIDDLEWARE", []):
        return []
    validators = getattr(settings, "AUTH_PASSWORD_VALIDATORS", [])
    if any(validator.get("NAME") == PASSWORD_RECORDER for validator in validators):
        return []
    return [
        Error(
            "PasswordExpiryMiddleware is installed but PasswordChangeRecorder is not in "
            "AUTH_PASSWORD_VALIDATORS: password changes are not recorded, so users whose "
            "password expired stay locked out after changing it.",
            hint=f'Add {{"NAME": "{PASSWORD_RECORDER}"}} to AUTH_PASSWORD_VALIDATORS.',
            id="wagtail_gov_review.E009",
        )
    ]


@register(Tags.compatibility)
def check_pdf_fonts(app_configs=None, **kwargs):
    """The review-form PDFs need a TrueType font with Chinese; say so before someone exports."""
    try:
        pdf_font_files()
    except PdfFontError as error:
        return [
            Warning(
                f"Review-form PDF exports will fail: {error}",
                hint="Run make system-deps, or see docs/forms.md (PDF fonts).",
                id="wagtail_gov_review.W030",
            )
        ]
    return []


@register(Tags.compatibility)
def check_admin_base_url(app_configs=None, **kwargs):
    """Review and monitoring mails link into the admin: they need the site's real address."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if not base:
        problem = "WAGTAILADMIN_BASE_URL is not set, so notification mails carry no usable links."
    elif not settings.DEBUG and urlsplit(base).hostname in LOOPBACK_HOSTS:
        problem = f"WAGTAILADMIN_BASE_URL is {base!r}: mails would link to this machine only."
    else:
        return []
    return [
        Warning(
            problem,
            hint="Set WAGTAILADMIN_BASE_URL to the admin's public address, "
            'e.g. "https://www.example.gov.cn".',
            id="wagtail_gov_review.W031",
        )
    ]


@register(Tags.compatibility)
def check_user_screens_have_unit_field(app_configs=None, **kwargs):
    """Staff are put in their units where accounts are made: Wagtail's user screens."""
    if not apps.is_installed("wagtail.users"):
        return []
    configured = apps.get_app_config("wagtailusers").user_viewset
    viewset = import_string(configured) if isinstance(configured, str) else configured
    if issubclass(viewset, UnitUserViewSet):
        return []
    return [
        Warning(
            f"The user viewset {configured} has no units field: staff can only be put in "
            "their units under 单位与人员 → 单位人员.",
            hint="Base your user viewset on wagtail_gov_review.user_units.UnitUserViewSet "
            "(and your forms on UnitUserCreationForm / UnitUserEditForm).",
            id="wagtail_gov_review.W032",
        )
    ]


# A search over live pages, as Wagtail's starter writes it: ``Page.objects.live().search(q)``
# (other filters may sit between ``live()`` and ``search()``).
LIVE_PAGE_SEARCH = re.compile(r"\.live\(\)(?:\s*\.\s*\w+\([^()]*\))*\s*\.\s*search\(")
UNLISTED_HELPERS = ("public_search", "exclude_unlisted")
# Views of these packages are not the site's own (Wagtail's admin search is meant to find
# on-request drafts).
FOREIGN_VIEW_MODULES = ("django.", "wagtail.", "wagtail_gov_review.", "rest_framework.")


def _view_modules(patterns, prefix: str = ""):
    """(route, module name) of every view in the URLconf, included URLconfs too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _view_modules(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), getattr(pattern.callback, "__module__", None)


@register(Tags.urls)
def check_search_views_leave_out_unlisted_items(app_configs=None, **kwargs):
    """A site search view that searches live pages without the helpers lists 依申请公开 items.

    Read from the source of each URL's view module: a search written elsewhere (a helper
    module, a template tag, an API) is not seen, so this catches the common case only.
    """
    warnings = []
    seen = set()
    for route, module_name in _view_modules(get_resolver().url_patterns):
        if not module_name or module_name in seen or module_name.startswith(FOREIGN_VIEW_MODULES):
            continue
        seen.add(module_name)
        try:
            source = inspect.getsource(sys.modules[module_name])
        except (KeyError, OSError, TypeError):
            continue
        if LIVE_PAGE_SEARCH.search(source) and not any(h in source for h in UNLISTED_HELPERS):
            warnings.append(
                Warning(
                    f"The view module {module_name} (URL {route or '/'}) searches live pages "
                    "without leaving out 依申请公开 and 不予公开 items.",
                    hint="Search with wagtail_gov_review.listing.public_search(query), or "
                    "filter the queryset with exclude_unlisted() before .search().",
                    obj=module_name,
                    id="wagtail_gov_review.W033",
                )
            )
    return warnings
