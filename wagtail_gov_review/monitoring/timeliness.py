"""Timeliness (seeds 000 第十四条, 001, 003): late items and columns that stopped updating.

*Deadline* of an item: its column's ``timeliness_hours``, else ``TIMELINESS_HOURS`` of the
column kind. *Event time*: the page field named by ``MONITORING["EVENT_TIME_FIELD"]`` when the
site has one and it is filled in, otherwise the moment the item entered the system (its first
revision) — the earliest moment the plugin can prove the information existed. An item is late
when it was first published more than the deadline after its event time. A policy
interpretation (column kind ``interpretation``) must go live with its policy: it is late when
first published more than ``INTERPRETATION_GRACE_HOURS`` after the policy document it
interprets (the page's ``policy`` attribute).

A column is *not updated* (栏目不更新) when it has ``update_frequency_days`` and no live item
under it (sub-columns included: the public listing shows them) was first published within
that many days.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from ..conf import gov_review_settings
from ..models import Column, ColumnKind, GovInfoPageMixin
from .models import RunKind, ScanRun
from .placement import Placement
from .recording import Problem, record
from .runs import advance, finish, set_total, start_run

logger = logging.getLogger("wagtail_gov_review.monitoring")


@dataclass(frozen=True)
class Lateness:
    event_at: datetime
    published_at: datetime
    deadline: timedelta

    @property
    def delay(self) -> timedelta:
        return self.published_at - self.event_at

    @property
    def is_late(self) -> bool:
        return self.delay > self.deadline


def deadline_for(column: Column | None) -> timedelta | None:
    """The publication deadline of items in ``column`` (None: the column has none)."""
    if column is None:
        return None
    if column.timeliness_hours:
        return timedelta(hours=column.timeliness_hours)
    hours = gov_review_settings.TIMELINESS_HOURS.get(column.kind)
    return timedelta(hours=hours) if hours else None


def with_first_revision_at(pages: QuerySet[Page]) -> QuerySet[Page]:
    """``pages`` annotated with their first revision's time (the default event time), so that
    a job over many items reads it in the same query instead of one query per item."""
    first = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return pages.annotate(first_revision_at=Subquery(first))


def event_time(page) -> datetime | None:
    """The event field if the site has one, else the first revision's creation time
    (annotated by ``with_first_revision_at``, else read now)."""
    field = gov_review_settings.MONITORING["EVENT_TIME_FIELD"]
    if field and (value := getattr(page, field, None)):
        if not isinstance(value, datetime):  # a DateField: the start of that day
            value = timezone.make_aware(datetime(value.year, value.month, value.day))
        return value
    if hasattr(page, "first_revision_at"):
        return page.first_revision_at
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    ).aggregate(first=Min("created_at"))["first"]


def lateness(page, column: Column | None) -> Lateness | None:
    """How late ``page`` went live, or None when no rule applies or it was never published."""
    if page.first_published_at is None or column is None:
        return None
    if column.kind == ColumnKind.INTERPRETATION:
        policy = getattr(page, "policy", None)
        if policy is not None and policy.first_published_at:
            grace = gov_review_settings.MONITORING["INTERPRETATION_GRACE_HOURS"]
            return Lateness(
                policy.first_published_at, page.first_published_at, timedelta(hours=grace)
            )
    deadline = deadline_for(column)
    event_at = event_time(page) if deadline else None
    if event_at is None:
        return None
    return Lateness(event_at, page.first_published_at, deadline)


def _hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f}"


def column_latest(columns) -> dict[int, datetime | None]:
    """Newest live item under each column (sub-columns included, as the listing shows them)."""
    items = Page.objects.live().type(GovInfoPageMixin)
    return {
        column.pk: items.descendant_of(column.page).aggregate(latest=Max("first_published_at"))[
            "latest"
        ]
        for column in columns
    }


def stale_columns(
    now: datetime | None = None, latest: dict[int, datetime | None] | None = None
) -> list[tuple[Column, datetime | None]]:
    """Columns with an update frequency whose newest item is older than it allows.

    ``latest`` is ``column_latest()`` of these columns when the caller already has it.
    """
    now = now or timezone.now()
    columns = list(
        Column.objects.filter(update_frequency_days__isnull=False).select_related("page")
    )
    if latest is None:
        latest = column_latest(columns)
    return [
        (column, latest[column.pk])
        for column in columns
        if latest[column.pk] is None
        or latest[column.pk] < now - timedelta(days=column.update_frequency_days)
    ]


def check_timeliness(now: datetime | None = None) -> ScanRun | None:
    """Report stale columns and late items (first published in the look-back window)."""
    now = now or timezone.now()
    run = start_run(RunKind.TIMELINESS)
    if run is None:
        return None
    try:
        lookback = timedelta(days=gov_review_settings.MONITORING["TIMELINESS_LOOKBACK_DAYS"])
        recent = with_first_revision_at(
            Page.objects.live()
            .type(GovInfoPageMixin)
            .filter(first_published_at__gte=now - lookback)
            .order_by("path")
        ).specific()
        columns = list(Column.objects.select_related("page", "unit"))
        set_total(run, len(columns))
        problems: list[Problem] = []
        for column, latest in stale_columns(now):
            problems.append(
                Problem(
                    page_id=column.page_id,
                    code="timeliness.column_stale",
                    severity="warn",
                    text=column.page.title,
                    message=_("Column not updated: nothing new for %(days)s days (last: %(last)s)")
                    % {
                        "days": column.update_frequency_days,
                        "last": timezone.localtime(latest).strftime("%Y-%m-%d") if latest else "—",
                    },
                    suggestion=_("Publish new information or adjust the column"),
                    unit_id=column.unit_id,
                    column_id=column.pk,
                )
            )
        placement = Placement()
        looked_at = [column.page_id for column in columns]
        for page in recent.iterator(chunk_size=200):
            looked_at.append(page.pk)
            column = placement.column_for(page)
            late = lateness(page, column)
            if late and late.is_late:
                problems.append(
                    Problem(
                        page_id=page.pk,
                        code="timeliness.late",
                        severity="warn",
                        text=page.title,
                        message=_(
                            "Published %(delay)s hours after the event; the deadline is %(deadline)s hours"
                        )
                        % {"delay": _hours(late.delay), "deadline": _hours(late.deadline)},
                        unit_id=placement.unit_id_for(page, column),
                        column_id=column.pk if column else None,
                    )
                )
        stored = record(RunKind.TIMELINESS, looked_at, problems, run=run)
        advance(run, len(columns), stored)
    except Exception as exc:
        logger.exception("Timeliness check failed")
        finish(run, error=repr(exc))
        raise
    finish(run)
    return run
