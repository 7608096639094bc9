"""Monthly statistics per unit (seed 000 第二十条): 报送数量, 采用数量, 及时性, 准确性, 规范性.

Definitions (also in docs/monitoring.md), for unit U and calendar month M (site time zone):

- 报送数量 *submitted*: distinct items of U with a review run (Wagtail ``WorkflowState``)
  started in M.
- 采用数量 *adopted*: of those, the items first published before the end of M.
- 及时性 *timely*: of the adopted items, those published within their column deadline
  (``timeliness.lateness``); rate = timely / adopted.
- 准确性 *accurate*: of the adopted items, those never withdrawn and with no content finding
  (``pii.*``, ``term.*``, ``typo``) from the post-publish checks (re-scan, re-check);
  rate = accurate / adopted.
- 规范性 *compliant*: of the submitted items, those that went through without a failed
  automated check, a rejection or a refused publish (ReviewRecord ``check_failed``,
  ``reject``, ``publish_refused``); rate = compliant / submitted.

An item's unit is its issuing unit, else the unit owning its column. Generating a month twice
overwrites that month's rows with the same numbers (idempotent).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from ..models import GovInfoPageMixin, ReviewAction, ReviewRecord, Unit
from .models import MonthlyStatistics, RunKind, ScanFinding
from .placement import Placement
from .timeliness import lateness, with_first_revision_at

CONTENT_CODES = Q(code__startswith="pii.") | Q(code__startswith="term.") | Q(code="typo")
NUMBER_FIELDS = ("submitted", "adopted", "timely", "accurate", "compliant")
NOT_FIRST_TIME = (ReviewAction.CHECK_FAILED, ReviewAction.REJECT, ReviewAction.PUBLISH_REFUSED)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    year, mon = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return start, timezone.make_aware(datetime(year, mon, 1))


def previous_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def compute_month(month: date) -> dict[int, dict[str, int]]:
    """The five numbers for every unit with activity in ``month``: {unit_id: {...}}."""
    start, end = month_bounds(month)
    page_ids = set(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            created_at__gte=start,
            created_at__lt=end,
        ).values_list("object_id", flat=True)
    )
    pages = with_first_revision_at(
        Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).type(GovInfoPageMixin)
    ).specific()
    ids = [int(pk) for pk in page_ids]
    withdrawn = set(
        ReviewRecord.objects.filter(
            page_id_snapshot__in=ids, action=ReviewAction.WITHDRAW
        ).values_list("page_id_snapshot", flat=True)
    )
    with_errors = set(
        ScanFinding.objects.filter(
            CONTENT_CODES, page_id__in=ids, source__in=[RunKind.RESCAN, RunKind.PUBLISHED]
        ).values_list("page_id", flat=True)
    )
    not_first_time = set(
        ReviewRecord.objects.filter(
            page_id_snapshot__in=ids, action__in=NOT_FIRST_TIME
        ).values_list("page_id_snapshot", flat=True)
    )
    placement = Placement()
    numbers: dict[int, dict[str, int]] = {}
    for page in pages:
        column = placement.column_for(page)
        unit_id = placement.unit_id_for(page, column)
        if unit_id is None:
            continue
        row = numbers.setdefault(
            unit_id, dict(submitted=0, adopted=0, timely=0, accurate=0, compliant=0)
        )
        row["submitted"] += 1
        row["compliant"] += page.pk not in not_first_time
        if page.first_published_at is None or page.first_published_at >= end:
            continue
        row["adopted"] += 1
        late = lateness(page, column)
        row["timely"] += not (late and late.is_late)
        row["accurate"] += page.pk not in withdrawn and page.pk not in with_errors
    return numbers


def month_statistics(
    month: date, unit_ids: Collection[int] | None = None
) -> list[MonthlyStatistics]:
    """The numbers of ``month`` for every active unit (and any unit with activity), unsaved;
    only the units ``unit_ids`` if given (a unit-scoped viewer).

    The statistics screen shows these for a month not stored yet, e.g. the current month so
    far; ``generate_monthly_statistics`` stores the same rows.
    """
    month = date(month.year, month.month, 1)
    numbers = compute_month(month)
    empty = dict(submitted=0, adopted=0, timely=0, accurate=0, compliant=0)
    units = Unit.objects.filter(Q(is_active=True) | Q(pk__in=list(numbers))).order_by("name")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    return [
        MonthlyStatistics(unit=unit, month=month, **numbers.get(unit.pk, empty)) for unit in units
    ]


def generate_monthly_statistics(month: date | None = None) -> list[MonthlyStatistics]:
    """Store one row per active unit for ``month`` (default: the previous month)."""
    rows = []
    for preview in month_statistics(month or previous_month()):
        values = {name: getattr(preview, name) for name in NUMBER_FIELDS}
        row, _created = MonthlyStatistics.objects.update_or_create(
            unit=preview.unit, month=preview.month, defaults=values
        )
        rows.append(row)
    return rows


@dataclass(frozen=True)
class MonthTotals:
    """All units' numbers of one stored month, for the trend across months."""

    month: date
    submitted: int
    adopted: int
    timely: int
    accurate: int
    compliant: int

    timeliness_rate = property(lambda self: MonthlyStatistics._rate(self.timely, self.adopted))
    accuracy_rate = property(lambda self: MonthlyStatistics._rate(self.accurate, self.adopted))
    compliance_rate = property(lambda self: MonthlyStatistics._rate(self.compliant, self.submitted))


def monthly_trend(
    until: date, months: int = 12, unit_ids: Collection[int] | None = None
) -> list[MonthTotals]:
    """Totals of the stored months up to ``until`` (at most ``months`` of them), oldest first,
    over every unit or only ``unit_ids``; one grouped query."""
    stored = MonthlyStatistics.objects.filter(month__lte=until)
    if unit_ids is not None:
        stored = stored.filter(unit_id__in=unit_ids)
    rows = (
        stored.values("month")
        .annotate(**{name: Sum(name) for name in NUMBER_FIELDS})
        .order_by("-month")[:months]
    )
    return [MonthTotals(**row) for row in reversed(rows)]
