"""``load_demo --history``: six months of items written, reviewed and published in the past.

Review records are append-only and stamped by the database field's ``auto_now_add``; pages,
revisions, workflow states and log entries are stamped with ``timezone.now()`` too. So instead
of writing dates afterwards (impossible for the records, and a bypass of the publish gate), the
clock travels back (``time-machine``) and each item goes through the real chain at that moment:
written, submitted, checked by 智能校对, approved stage by stage by the demo reviewers, published
by the gate. Every timestamp then matches, and nothing is backdated from the gate's point of
view. Then the monitoring jobs run once, at the real time, so their pages have data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from wagtail_gov_review.inspection.report import run_inspection, save_snapshot
from wagtail_gov_review.monitoring.links import patrol_links
from wagtail_gov_review.monitoring.rescan import rescan_live_pages
from wagtail_gov_review.monitoring.statistics import generate_monthly_statistics
from wagtail_gov_review.monitoring.timeliness import check_timeliness
from wagtail_gov_review.workflows.demo import DEMO_REVIEWERS, review_and_publish

from .demo_history import HISTORY_ITEMS, HistoryItem
from .models import ColumnIndexPage, PolicyDocumentPage

# Share of an item's review time spent before it is submitted, and per reviewing stage.
BEFORE_SUBMIT = 0.5
PER_STAGE = 0.15
# Mails about reviews of months ago are not sent today (a plain context manager, not a test).
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"
# The town's own first reviewer acts on the town's items; the district's reviewers after.
TOWN_REVIEWERS = ["town_reviewer1", *DEMO_REVIEWERS]


@dataclass
class HistoryResult:
    created: list[Page] = field(default_factory=list)
    months: list[date] = field(default_factory=list)  # statistics stored for these months
    jobs: list[str] = field(default_factory=list)  # one summary line per monitoring job


def written_at(today: date, days_ago: int, nth_of_day: int) -> datetime:
    """Office hours of the day ``days_ago`` before ``today``; a day's items 40 minutes apart."""
    day = today - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(9, 0))) + timedelta(
        minutes=40 * nth_of_day
    )


def load_history(columns: dict[str, ColumnIndexPage]) -> HistoryResult:
    """Create the missing history items (oldest first), then run the monitoring jobs once.

    Idempotent: an item whose slug exists in its column is skipped, and when nothing was
    created the jobs do not run again.
    """
    result = HistoryResult()
    today = timezone.localdate()
    # Oldest first; on one day in the order listed (a policy before its interpretation).
    items = sorted(HISTORY_ITEMS, key=lambda item: -item.days_ago)
    written_that_day: Counter[int] = Counter()
    with override_settings(EMAIL_BACKEND=NO_MAIL):
        for item in items:
            nth_of_day = written_that_day[item.days_ago]
            written_that_day[item.days_ago] += 1
            column = columns[item.column]
            if column.get_children().filter(slug=item.slug).exists():
                continue
            moment = written_at(today, item.days_ago, nth_of_day)
            result.created.append(publish_in_the_past(item, column, moment))
        if result.created:
            result.months = months_between(min(p.first_published_at for p in result.created))
            result.jobs = run_monitoring_jobs(result.months)
    return result


def publish_in_the_past(item: HistoryItem, column: ColumnIndexPage, moment: datetime) -> Page:
    """Write ``item`` at ``moment`` and take it through the review chain in the hours after."""
    owner = get_user_model().objects.get(username=item.owner)
    fields = dict(item.fields)
    if item.policy:
        fields["policy"] = PolicyDocumentPage.objects.get(slug=item.policy)
    reviewers = TOWN_REVIEWERS if item.owner == "town_editor" else DEMO_REVIEWERS
    step = timedelta(hours=item.review_hours)
    # tick=True: the clock runs on from each stop, as code that waits on it expects.
    with time_machine.travel(moment, tick=True) as traveller:
        page = item.model(title=item.title, slug=item.slug, owner=owner, live=False, **fields)
        column.add_child(instance=page)
        revision = page.save_revision(user=owner, log_action=True)
        traveller.shift(step * BEFORE_SUBMIT)
        review_and_publish(
            revision, reviewers, between_steps=lambda: traveller.shift(step * PER_STAGE)
        )
    page.refresh_from_db()
    return page


def months_between(start: datetime) -> list[date]:
    """First days of the months from ``start``'s up to the previous one (what the monthly
    statistics job would have stored on each first of the month)."""
    month = timezone.localtime(start).date().replace(day=1)
    current = timezone.localdate().replace(day=1)
    months = []
    while month < current:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def run_monitoring_jobs(months: list[date]) -> list[str]:
    """The daily jobs and the monthly statistics, once and synchronously, at the real time."""
    summaries = []
    for job in (rescan_live_pages, patrol_links, check_timeliness):
        run = job()
        if run is not None:
            summaries.append(f"{run.get_kind_display()}: {run.findings_count}")
    for month in months:
        generate_monthly_statistics(month)
    report = run_inspection()
    save_snapshot(report)
    failed = [result.code for result in report.results if result.passed is False]
    summaries.append(f"inspection: {'passed' if report.passed else 'failed'} {failed}")
    return summaries
