"""Monitoring alerts for the dashboard: open findings of the monitoring jobs, by kind.

Counted in one grouped query over the findings the user may see (unit scope, by page), each
kind with the findings-page filter that lists exactly those findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..monitoring.models import ScanFinding
from ..security.scoping import scope_queryset

BROKEN_LINK = "link.broken"
STALE_COLUMN = "timeliness.column_stale"
LATE_ITEM = "timeliness.late"


@dataclass(frozen=True)
class AlertKind:
    key: str
    label: str
    # The findings view's query string that lists this kind (its filter form's fields).
    query: str


KINDS = [
    AlertKind("links", _("Broken links"), f"code={BROKEN_LINK}"),
    AlertKind("stale", _("Columns not updated"), f"code={STALE_COLUMN}"),
    AlertKind("late", _("Items published late"), f"code={LATE_ITEM}"),
    # the findings page has no "everything else" filter: it opens on all open findings
    AlertKind("content", _("Content problems on live pages"), "status=open"),
]
_BY_CODE = {BROKEN_LINK: "links", STALE_COLUMN: "stale", LATE_ITEM: "late"}


def kind_of(code: str) -> str:
    return _BY_CODE.get(code, "content")


def content_findings(queryset):
    """Findings that are not about links or timeliness: what the re-scans found in the text."""
    return queryset.exclude(code__in=list(_BY_CODE))


def open_alert_counts(user) -> list[tuple[AlertKind, int]]:
    """Open findings the user may see, per kind (kinds with none included, as 0)."""
    findings = scope_queryset(user, ScanFinding.objects.filter(resolved=False))
    counts = {kind.key: 0 for kind in KINDS}
    for row in findings.order_by().values("code").annotate(n=Count("pk")):
        counts[kind_of(row["code"])] += row["n"]
    return [(kind, counts[kind.key]) for kind in KINDS]
