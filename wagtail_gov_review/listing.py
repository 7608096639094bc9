"""Keep items that are not proactively disclosed out of public listings, search and sitemap.

Use ``exclude_unlisted()`` on any Page queryset a public listing shows, and
``public_search()`` for a public search box. (The sitemap needs nothing: the mixin's
``get_sitemap_urls()`` returns no URL for such items, and ``serve()`` enforces disclosure
whatever a listing does.)
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page, get_page_models

from .models import Disclosure, GovInfoPageMixin


def gov_item_models() -> list[type]:
    """Concrete page models that use GovInfoPageMixin."""
    return [m for m in get_page_models() if issubclass(m, GovInfoPageMixin)]


def exclude_unlisted(queryset: QuerySet) -> QuerySet:
    """Drop items whose disclosure is not ``public`` (or that involve secrets)."""
    for model in gov_item_models():
        hidden = model.objects.filter(
            ~Q(disclosure=Disclosure.PUBLIC) | Q(involves_secret=True)
        ).values("pk")
        queryset = queryset.exclude(pk__in=hidden)
    return queryset


def public_search(query: str, queryset: QuerySet | None = None):
    """Search live, public pages for ``query``, leaving out unlisted items.

    The search index also serves the admin (editors must find on-request drafts), so items
    are filtered here, before searching, rather than kept out of the index.
    """
    if queryset is None:
        queryset = Page.objects.live().public()
    hidden = set()
    for model in gov_item_models():
        hidden.update(
            model.objects.filter(
                ~Q(disclosure=Disclosure.PUBLIC) | Q(involves_secret=True)
            ).values_list("pk", flat=True)
        )
    if hidden:
        queryset = queryset.exclude(id__in=list(hidden))
    return queryset.search(query)
