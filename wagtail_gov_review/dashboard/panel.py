"""The manager's dashboard panel (admin home page): what waits where, what is late, what the
monitoring jobs found.

Shown to superusers and the members of ``DASHBOARD["MANAGER_GROUPS"]`` (网站管理员, 网站负责人);
reviewers and editors keep their own panels. Unit-scoped: a unit's manager sees the rows of
their own units only, central units see every unit. Each count links to the explorer filtered
to exactly those items (``filters.py``), each alert to the monitoring findings page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from ..conf import gov_review_settings
from ..models import Unit
from ..models.stages import HUMAN_STAGES
from ..monitoring.views import VIEW_FINDINGS
from ..workflows.tasks import ReviewTask
from .alerts import open_alert_counts
from .filters import STAGE_PARAM, UNIT_PARAM
from .waiting import STAGE_LABELS, WaitingItem, waiting_items

OVERDUE_REASONS = {
    "stage": _("waiting at this stage longer than %(hours)s hours"),
    "column": _("past the column's publication deadline"),
}


def is_manager(user) -> bool:
    """Superusers and members of the manager groups get the panel."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    groups = gov_review_settings.DASHBOARD["MANAGER_GROUPS"]
    return user.groups.filter(name__in=groups).exists()


@dataclass
class UnitRow:
    label: str
    unit_id: int | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _stages_in_use() -> list[tuple[str, str]]:
    """The human stages of the active chain tasks, in chain order (columns of the table)."""
    used = set(ReviewTask.objects.filter(active=True).values_list("stage", flat=True))
    return [(value, label) for value, label in HUMAN_STAGES if value in used]


def _unit_rows(items: list[WaitingItem]) -> list[UnitRow]:
    units = Unit.objects.in_bulk({item.unit_id for item in items if item.unit_id})
    rows: dict[int | None, UnitRow] = {}
    for item in items:
        if item.unit_id not in rows:
            unit = units.get(item.unit_id)
            label = unit.name if unit else str(_("No unit"))
            rows[item.unit_id] = UnitRow(label, item.unit_id if unit else None)
        counts = rows[item.unit_id].counts
        counts[item.stage] = counts.get(item.stage, 0) + 1
    return sorted(rows.values(), key=lambda row: (row.unit_id is None, row.label))


def _explorer_url(root: Page | None, **params) -> str | None:
    if root is None:
        return None
    query = {key: value for key, value in params.items() if value is not None}
    return f"{reverse('wagtailadmin_explore', args=[root.pk])}?{urlencode(query)}"


def _cells(row: UnitRow, stages, root) -> list[dict]:
    cells = []
    for stage, _label in stages:
        count = row.counts.get(stage, 0)
        url = None
        if count and row.unit_id is not None:
            url = _explorer_url(root, **{STAGE_PARAM: stage, UNIT_PARAM: row.unit_id})
        cells.append({"count": count, "url": url})
    return cells


def _overdue(items: list[WaitingItem], units: dict[int, str]) -> list[dict]:
    hours = gov_review_settings.DASHBOARD["STAGE_OVERDUE_HOURS"]
    overdue = sorted((item for item in items if item.is_overdue), key=lambda i: i.waiting_since)
    return [
        {
            "page": item.page,
            "stage": STAGE_LABELS.get(item.stage, item.stage),
            "unit": units.get(item.unit_id, ""),
            "waiting_since": timezone.localtime(item.waiting_since),
            "reasons": [str(OVERDUE_REASONS[r]) % {"hours": hours} for r in item.overdue_reasons],
        }
        for item in overdue
    ]


class ManagerDashboardPanel(Component):
    name = "gov_review_manager_dashboard"
    template_name = "wagtail_gov_review/dashboard/manager_panel.html"
    order = 90  # above the review panels: the overview first

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        items = waiting_items(user)
        stages = _stages_in_use()
        root = policy_registry.get_by_type(Page).explorable_root_instance(user)
        rows = _unit_rows(items)
        overdue = _overdue(items, {row.unit_id: row.label for row in rows})
        can_see_findings = user.has_perm(VIEW_FINDINGS)
        findings_url = reverse("gov_review_monitoring:findings")
        return {
            "request": request,
            "stages": [label for _value, label in stages],
            "rows": [
                {"label": row.label, "cells": _cells(row, stages, root), "total": row.total}
                for row in rows
            ],
            "total": len(items),
            "stage_totals": [sum(r.counts.get(s, 0) for r in rows) for s, _label in stages],
            "overdue_count": len(overdue),
            "overdue": overdue[: gov_review_settings.DASHBOARD["OVERDUE_LISTED"]],
            "alerts": [
                {
                    "label": kind.label,
                    "count": count,
                    "url": f"{findings_url}?{kind.query}" if can_see_findings else None,
                }
                for kind, count in open_alert_counts(user)
            ],
            "findings_url": findings_url if can_see_findings else None,
        }

    def render_html(self, parent_context=None):
        if not is_manager(parent_context["request"].user):
            return ""
        return render_to_string(self.template_name, self.get_context_data(parent_context))
