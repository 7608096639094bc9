"""Keep items that are not proactively disclosed out of public listings and search."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import get_page_models

from .models import Disclosure, GovInfoPageMixin


def gov_item_models() -> list[type]:
    """Concrete page models that use GovInfoPageMixin."""
    return [m for m in get_page_models() if issubclass(m, GovInfoPageMixin)]


def exclude_unlisted(queryset: QuerySet) -> QuerySet:
    """Drop pages whose disclosure is not ``public`` from a Page queryset."""
    for model in gov_item_models():
        hidden = model.objects.exclude(disclosure=Disclosure.PUBLIC).values("pk")
        queryset = queryset.exclude(pk__in=hidden)
    return queryset
