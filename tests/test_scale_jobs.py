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


def test_internal_links_are_resolved_not_rendered(demo, monkeypatch):
    """Links to this site's URLs: route and page state decide, no page is served, and the
    number of queries does not grow with the number of URLs."""
    from wagtail.models import Page

    from wagtail_gov_review.monitoring.internal_links import check_internal_urls

    def no_rendering(*args, **kwargs):
        raise AssertionError("a page was rendered to check a link")

    monkeypatch.setattr(Page, "serve", no_rendering)
    live = list(Page.objects.live().filter(depth__gte=3).order_by("path")[:30])
    draft = Page.objects.get(pk=add_waiting_items("notices", 1)[0].pk)
    Page.objects.filter(pk=draft.pk).update(live=False)
    column = Page.objects.get(slug="notices")
    urls = {
        live[0].url: True,
        f"http://localhost{live[1].url}": True,
        f"{column.url}?page=2": True,
        "/search/?q=供暖": True,
        "/no-such-page/": False,
        f"{draft.url_path[len(draft.get_site().root_page.url_path) - 1 :]}": False,
        "/documents/987654/missing.pdf": False,
    }
    results = check_internal_urls(urls)
    assert {url: result.ok for url, result in results.items()} == urls

    with CaptureQueriesContext(connection) as few:
        check_internal_urls([p.url for p in live[:2]] + ["/no-such-page/"])
    with CaptureQueriesContext(connection) as many:
        check_internal_urls([p.url for p in live] + ["/no-such-page/", "/nope/either/"])
    assert len(many) == len(few)


def test_link_patrol_checks_site_urls_without_serving_pages(demo, monkeypatch):
    from wagtail.models import Page

    from wagtail_gov_review.monitoring.links import patrol_links
    from wagtail_gov_review.monitoring.models import ScanFinding

    target = Page.objects.get(slug="notices")
    body = f'<p><a href="{target.url}">通知公告</a> <a href="/no-such-page/">失效</a></p>'
    item = add_waiting_items("notices", 1, body=body)[0]
    monkeypatch.setattr(Page, "serve", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    patrol_links()
    broken = set(
        ScanFinding.objects.filter(page_id=item.pk, code="link.broken", resolved=False).values_list(
            "text", flat=True
        )
    )
    assert broken == {"/no-such-page/"}
