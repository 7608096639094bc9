"""System check W033: a site search view that searches live pages without the helpers that
leave out 依申请公开 and 不予公开 items (issue 20). Read from the view modules' source."""

from __future__ import annotations

import importlib
import textwrap
from types import ModuleType

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import include, path

# Wagtail's starter (``wagtail start``), search/views.py as it comes.
STARTER = """
from django.template.response import TemplateResponse
from wagtail.models import Page


def search(request):
    search_query = request.GET.get("query", None)
    if search_query:
        search_results = Page.objects.live().search(search_query)
    else:
        search_results = Page.objects.none()
    return TemplateResponse(request, "search/search.html", {"search_results": search_results})
"""
# The same after the README's step 5.
README_FIX = STARTER.replace(
    "Page.objects.live().search(search_query)", "public_search(search_query)"
).replace("from wagtail.models import Page", "from wagtail_gov_review.listing import public_search")
FILTERED_CHAIN = STARTER.replace(
    "Page.objects.live().search(search_query)",
    "exclude_unlisted(Page.objects.live().public()).search(search_query)",
).replace(
    "from wagtail.models import Page",
    "from wagtail.models import Page\nfrom wagtail_gov_review.listing import exclude_unlisted",
)
OTHER_FILTERS = STARTER.replace(".live().search(", ".live().public().specific().search(")


@pytest.fixture
def view_module(tmp_path, monkeypatch):
    """Writes ``source`` as a module of the site and returns its ``search`` view."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def _make(name: str, source: str):
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
        return importlib.import_module(name).search

    return _make


def _urlconf(*patterns) -> ModuleType:
    module = ModuleType("site_urls")
    module.urlpatterns = list(patterns)
    return module


def _w033(*patterns) -> list[checks.CheckMessage]:
    urlconf = _urlconf(*patterns)
    with override_settings(ROOT_URLCONF=urlconf):
        return [m for m in checks.run_checks(tags=["urls"]) if m.id == "wagtail_gov_review.W033"]


@pytest.mark.parametrize("source", [STARTER, OTHER_FILTERS], ids=["starter", "other-filters"])
def test_site_search_over_live_pages_without_the_helpers_is_reported(view_module, source):
    view = view_module("starter_search_views", source)
    (warning,) = _w033(path("search/", view))
    assert "starter_search_views" in warning.msg and "search/" in warning.msg
    assert "public_search" in warning.hint


def test_search_view_inside_an_included_urlconf_is_found(view_module):
    view = view_module("nested_search_views", STARTER)
    nested = _urlconf(path("find/", view))
    (warning,) = _w033(path("portal/", include(nested)))
    assert "portal/find/" in warning.msg


@pytest.mark.parametrize("source", [README_FIX, FILTERED_CHAIN], ids=["readme", "exclude"])
def test_search_with_the_helpers_passes(view_module, source):
    view = view_module(f"fixed_search_views_{abs(hash(source))}", source)
    assert _w033(path("search/", view)) == []


def test_the_test_sites_urls_with_wagtails_own_views_pass(db):
    """tests.settings' URLconf: Wagtail's admin (its search finds drafts on purpose) and the
    demo portal's search view, which uses public_search."""
    found = [m for m in checks.run_checks(tags=["urls"]) if m.id == "wagtail_gov_review.W033"]
    assert found == []
