"""``load_demo --history``: months of items through the real chain, data for every monitoring view.

The history is loaded once for the module (it takes the chain 40 times) inside a transaction
rolled back at the end; each test runs in a savepoint on top.
"""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from example_site.portal.demo_history import (
    BROKEN_LINK_ITEMS,
    HISTORY_ITEMS,
    LATE_ITEMS,
    OUTDATED_NAME_ITEMS,
    STALE_COLUMNS,
)
from example_site.portal.management.commands.load_demo import COLUMNS
from wagtail_gov_review.inspection.models import InspectionSnapshot
from wagtail_gov_review.models import ReviewAction, ReviewRecord, ReviewStage
from wagtail_gov_review.monitoring.models import MonthlyStatistics, RunKind, ScanFinding, ScanRun
from wagtail_gov_review.monitoring.timeliness import stale_columns

HISTORY_SLUGS = {item.slug for item in HISTORY_ITEMS}


@pytest.fixture(scope="module")
def _history_loaded(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo", "--history", verbosity=0, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def history(_history_loaded, db):
    cache.clear()
    return _history_loaded


def _history_pages():
    return Page.objects.filter(slug__in=HISTORY_SLUGS).specific()


def _slugs_with(source: str, code: str) -> set[str]:
    page_ids = ScanFinding.objects.filter(source=source, code=code).values("page_id")
    return set(Page.objects.filter(pk__in=page_ids).values_list("slug", flat=True))


def test_history_items_are_live_in_every_column_over_six_months(history):
    pages = list(_history_pages())
    assert len(pages) == len(HISTORY_ITEMS) >= 36
    assert all(page.live for page in pages)
    column_slugs = {page.get_parent().slug for page in pages}
    assert column_slugs == {slug for slug, *_rest in COLUMNS}
    months = {timezone.localtime(page.first_published_at).strftime("%Y-%m") for page in pages}
    assert len(months) >= 6
    oldest = min(page.first_published_at for page in pages)
    assert (timezone.now() - oldest).days >= 170
    assert "History: 40 new items" in history


def test_history_timestamps_match_along_the_real_chain(history):
    """Revision, every stage's record and the publish carry the item's own past time, in
    order: nothing was stamped afterwards, nothing is backdated."""
    for page in _history_pages():
        first_revision = (
            Revision.objects.filter(object_id=str(page.pk)).order_by("created_at").first()
        )
        records = list(ReviewRecord.objects.filter(page_id_snapshot=page.pk))
        stages = [(record.stage, record.action) for record in records]
        assert (ReviewStage.AUTO_CHECK, ReviewAction.CHECK_PASSED) in stages, page.slug
        assert stages[-1] in {
            (ReviewStage.FINAL, ReviewAction.APPROVE),
            (ReviewStage.SITE_LEADER, ReviewAction.APPROVE),  # 互动类: the short chain
        }, page.slug
        assert first_revision.created_at <= records[0].created_at
        assert records[-1].created_at <= page.first_published_at
        assert page.first_published_at - first_revision.created_at < timezone.timedelta(days=1)
        assert all(record.user_name for record in records if record.action == "approve")


def test_history_leaves_stale_columns_and_a_late_item(history):
    stale = {column.page.slug for column, _latest in stale_columns()}
    assert stale == STALE_COLUMNS
    assert _slugs_with(RunKind.TIMELINESS, "timeliness.column_stale") == STALE_COLUMNS
    assert _slugs_with(RunKind.TIMELINESS, "timeliness.late") == LATE_ITEMS


def test_history_gives_the_rescan_and_link_patrol_findings(history, client, login):
    assert _slugs_with(RunKind.RESCAN, "term.outdated_name") == OUTDATED_NAME_ITEMS
    assert BROKEN_LINK_ITEMS <= _slugs_with(RunKind.LINKS, "link.broken")
    assert set(ScanRun.objects.values_list("kind", flat=True)) >= {
        RunKind.RESCAN,
        RunKind.LINKS,
        RunKind.TIMELINESS,
    }
    login("admin")
    html = client.get(reverse("gov_review_monitoring:findings")).content.decode()
    assert "国土资源局" in html and "部门动态" in html and "broken-link.invalid" in html


def test_history_stores_monthly_statistics_with_a_trend(history, client, login):
    months = sorted(set(MonthlyStatistics.objects.values_list("month", flat=True)))
    assert len(months) >= 5
    assert months[-1] < timezone.localdate().replace(day=1)  # past months only, as the job
    office = MonthlyStatistics.objects.filter(unit__name="区政府办公室", submitted__gt=0)
    assert office.count() == len(months)
    login("admin")
    url = reverse("gov_review_monitoring:statistics")
    html = client.get(url, {"month": f"{months[-1]:%Y-%m}"}).content.decode()
    assert "data-gov-trend" in html
    for month in months:
        assert f"{month:%Y-%m}"[2:] in html or f"{month:%m}" in html


def test_history_gives_the_self_inspection_a_report(history, client, login):
    assert InspectionSnapshot.objects.filter(date=timezone.localdate()).exists()
    login("admin")
    response = client.get(reverse("gov_review_inspection:report"))
    assert response.status_code == 200
    assert "部门动态" in response.content.decode() or "领导活动" in response.content.decode()


def test_history_twice_adds_nothing(history):
    def counts():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            ReviewRecord.objects.count(),
            ScanRun.objects.count(),
            ScanFinding.objects.count(),
            MonthlyStatistics.objects.count(),
        )

    before = counts()
    out = io.StringIO()
    call_command("load_demo", "--history", verbosity=0, stdout=out)
    assert counts() == before
    assert "History: 0 new items" in out.getvalue()
