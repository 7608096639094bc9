"""Admin lists of rows that belong to a page (review records, the gate's records): each user sees
the rows of the pages in their unit scope; rows whose page was deleted stay with the central
units (the route registry's ``RowOfPage`` rule, applied to the list)."""

from __future__ import annotations

from wagtail.admin.views.generic.models import IndexView

from .scoping import scope_queryset


class PageScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scope_queryset(self.request.user, super().get_base_queryset())
