"""Run every indicator, store the day's snapshot, and build the weekly trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from ..conf import gov_review_settings
from .models import InspectionSnapshot
from .rules import RULES, IndicatorResult


@dataclass
class InspectionReport:
    generated_at: datetime
    results: list[IndicatorResult]

    @property
    def passed(self) -> bool:
        """Qualified unless a single-veto indicator failed (国办秘函〔2019〕19号)."""
        return not any(r.veto and r.passed is False for r in self.results)

    @property
    def warnings(self) -> list[tuple[IndicatorResult, object]]:
        return [(r, w) for r in self.results for w in r.warnings]


def run_inspection(now: datetime | None = None) -> InspectionReport:
    now = now or timezone.now()
    return InspectionReport(now, [rule(now) for rule in RULES])


def save_snapshot(report: InspectionReport) -> InspectionSnapshot:
    """Store the report as the snapshot of its day (a second run that day replaces it)."""
    snapshot, _created = InspectionSnapshot.objects.update_or_create(
        date=timezone.localdate(report.generated_at),
        defaults={
            "created_at": report.generated_at,
            "passed": report.passed,
            "results": [r.to_dict() for r in report.results],
        },
    )
    return snapshot


@dataclass
class TrendWeek:
    start: date
    snapshot: InspectionSnapshot | None

    def status_of(self, code: str) -> str | None:
        return self.snapshot.status_of(code) if self.snapshot else None


def weekly_trend(today: date | None = None, weeks: int | None = None) -> list[TrendWeek]:
    """The last ``TREND_WEEKS`` weeks (Monday first), each with its latest snapshot."""
    today = today or timezone.localdate()
    weeks = weeks or gov_review_settings.INSPECTION["TREND_WEEKS"]
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    snapshots = InspectionSnapshot.objects.filter(date__gte=first, date__lte=today).order_by("date")
    latest: dict[date, InspectionSnapshot] = {}
    for snapshot in snapshots:
        latest[snapshot.date - timedelta(days=snapshot.date.weekday())] = snapshot
    return [
        TrendWeek(start, latest.get(start))
        for start in (first + timedelta(weeks=i) for i in range(weeks))
    ]
