"""Monitoring jobs without per-item queries (issue 19, point 4): the re-scan reads the term
lists' version once per run, timeliness and the monthly statistics read every item's first
revision in the query that loads the items."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_gov_review.monitoring.models import RunKind, ScanRun
from wagtail_gov_review.monitoring.rescan import rescan_live_pages
from wagtail_gov_review.monitoring.statistics import compute_month
from wagtail_gov_review.monitoring.timeliness import check_timeliness

from .waiting_items import add_waiting_items

SMALL, LARGE = 5, 60


@pytest.fixture
def demo(module_demo):
    return module_demo


def queries_of(job) -> int:
    with CaptureQueriesContext(connection) as queries:
        job()
    return len(queries)


def grown(job) -> tuple[int, int]:
    """Queries of ``job`` with SMALL and with LARGE extra live items (one revision each)."""
    add_waiting_items("notices", SMALL)
    small = queries_of(job)
    add_waiting_items("notices", LARGE - SMALL)
    return small, queries_of(job)


def test_rescan_reads_the_term_lists_once_per_run(demo):
    small, large = grown(lambda: rescan_live_pages(batch_size=10_000))
    assert large == small
    assert ScanRun.objects.filter(kind=RunKind.RESCAN).latest("pk").error == ""


def test_timeliness_reads_event_times_with_the_items(demo):
    small, large = grown(check_timeliness)
    assert large == small


def test_monthly_statistics_read_event_times_with_the_items(demo):
    month = timezone.localdate().replace(day=1)
    small, large = grown(lambda: compute_month(month))
    assert large == small
    assert sum(row["submitted"] for row in compute_month(month).values()) >= LARGE
