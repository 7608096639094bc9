"""Explorer filters by 审核环节 (current review stage), 单位 (owning unit) and 公开属性.

Wagtail 8 routes the page explorer through the page viewset registered for ``Page``
(``page_viewset_registry``); the plugin registers a ``PageViewSet`` whose explorer listing
uses a filterset with three more filters. Choosing any filter lists matching pages of the
whole subtree, as Wagtail's own filters do. The unit choices are the user's own units (every
unit for central units), so nobody can filter to another unit; the explorer's unit scope
(``security.hooks.scope_explorer``) still applies to whatever is listed.
"""

from __future__ import annotations

from django.db.models import Q
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.translation import gettext_lazy as _
from django_filters.filters import ChoiceFilter, ModelMultipleChoiceFilter
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet

from ..listing import gov_item_models
from ..models import Disclosure, Unit
from ..models.stages import HUMAN_STAGES
from ..security.scoping import NOTHING, get_scope, pages_of_units
from ..workflows.listed import prepare_listed_pages
from .waiting import pages_waiting_at

STAGE_PARAM = "review_stage"
UNIT_PARAM = "unit"
DISCLOSURE_PARAM = "disclosure"


def units_for(request):
    """The units a user may filter by: their own units, or all active units when unscoped."""
    units = Unit.objects.filter(is_active=True)
    scope = get_scope(request.user) if request is not None else None
    if scope is not None:
        units = units.filter(pk__in=scope.unit_ids)
    return units


class GovPageFilterSet(GenericPageFilterSet):
    review_stage = ChoiceFilter(
        label=_("Review stage"),
        choices=HUMAN_STAGES,
        empty_label=_("Any"),
        method="filter_review_stage",
        widget=RadioSelect,
    )
    unit = ModelMultipleChoiceFilter(
        label=_("Unit"),
        queryset=units_for,
        method="filter_unit",
        widget=CheckboxSelectMultiple,
    )
    disclosure = ChoiceFilter(
        label=_("Disclosure"),
        choices=Disclosure.choices,
        empty_label=_("Any"),
        method="filter_disclosure",
        widget=RadioSelect,
    )

    def filter_review_stage(self, queryset, name, value):
        return queryset.filter(pk__in=pages_waiting_at(value)) if value else queryset

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pages_of_units(unit.pk for unit in value))

    def filter_disclosure(self, queryset, name, value):
        if not value:
            return queryset
        matching = NOTHING
        for model in gov_item_models():
            matching |= Q(pk__in=model.objects.filter(disclosure=value).values("pk"))
        return queryset.filter(matching)


class PreparedRowsMixin:
    """Reads the rows of the listing page once and answers what Wagtail asks of each row in
    a workflow (current task, lock) for all of them at once (issue 19)."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = list(object_list)
        prepare_listed_pages(page.object_list, self.request.user)
        return paginator, page, page.object_list, is_paginated


class GovExplorableIndexView(PreparedRowsMixin, ExplorableIndexView):
    base_filterset_class = GovPageFilterSet


class GovPageSearchView(PreparedRowsMixin, SearchView):
    """Wagtail's page search, its result rows prepared as the explorer's."""


class GovPageViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the explorer's extra filters."""

    index_view_class = GovExplorableIndexView
    search_view_class = GovPageSearchView
    # PageViewSet hands its own filterset (GenericPageFilterSet) to the index view.
    filterset_class = GovPageFilterSet


page_viewset = GovPageViewSet()
