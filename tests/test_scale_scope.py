"""Unit scope as an indexed filter (issue 19, point 2): a unit's explorer, search, page chooser
and scoped lists cost the same number of queries at 100 and at 2,000 items, and their page
queries read through indexes instead of scanning the page table."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from bench.bulk_pages import bulk_live_pages
from example_site.portal.models import NoticePage
from wagtail_gov_review.models import ReviewRecord, Unit
from wagtail_gov_review.security.scoping import scope_queryset, visible_pages_for

SMALL, LARGE = 100, 2000
TOWN_COLUMN, OFFICE_COLUMN = "town-news", "notices"


@pytest.fixture
def demo(module_demo):
    return module_demo


def grow(column_slug: str, count: int, *, unit: Unit | None = None) -> list[Page]:
    """``count`` more live items in the column (written in bulk, ``bench/bulk_pages.py``)."""
    parent = Page.objects.get(slug=column_slug)
    start = parent.numchild
    rows = [
        {
            "title": f"规模信息{column_slug}{n}",
            "slug": f"s-{column_slug}-{n}",
            "unit": unit and unit.pk,
        }
        for n in range(start, start + count)
    ]
    pages = bulk_live_pages(parent, NoticePage, rows)
    ReviewRecord.objects.bulk_create(
        ReviewRecord(
            page=p, page_id_snapshot=p.pk, page_title=p.title, stage="first", action="approve"
        )
        for p in pages
    )
    return pages


def grow_both(count: int) -> None:
    """The town's column and another unit's column grow alike: the scope must not care."""
    grow(TOWN_COLUMN, count)
    grow(OFFICE_COLUMN, count)


SCOPED_VIEWS = {
    "explorer": lambda: reverse("wagtailadmin_explore", args=[_pk(TOWN_COLUMN)]),
    "explorer of the parent": lambda: reverse("wagtailadmin_explore", args=[_pk("news")]),
    "search": lambda: reverse("wagtailadmin_pages:search") + "?q=规模信息",
    "chooser": lambda: reverse("wagtailadmin_choose_page_child", args=[_pk(TOWN_COLUMN)]),
    "chooser search": lambda: reverse("wagtailadmin_choose_page_search") + "?q=规模信息",
    "review records": lambda: "/admin/gov-review/records/",
}


# Bulk items are not in the search index; the other views list the town's items.
LISTS_TOWN_ITEMS = {"explorer", "chooser", "review records"}


def _pk(slug: str) -> int:
    return Page.objects.get(slug=slug).pk


def _get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), _html(response)


def _html(response) -> str:
    if response["Content-Type"].startswith("application/json"):  # the chooser's steps
        return response.json()["html"]
    return response.content.decode()


@pytest.mark.parametrize("view", SCOPED_VIEWS)
def test_scoped_views_cost_the_same_queries_at_100_and_2000_items(
    demo, client, login, django_assert_max_num_queries, view
):
    grow_both(SMALL)
    user = login("town_editor")
    user.user_permissions.add(Permission.objects.get(codename="view_reviewrecord"))
    url = SCOPED_VIEWS[view]()
    small, html = _get(client, url)
    assert f"规模信息{OFFICE_COLUMN}" not in html  # another unit's items stay hidden
    if view in LISTS_TOWN_ITEMS:
        assert f"规模信息{TOWN_COLUMN}" in html

    grow_both(LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    assert f"规模信息{OFFICE_COLUMN}" not in _html(response)


def test_scope_lists_items_written_in_bulk_and_issued_elsewhere(demo, client, login):
    """Rows written by ``bulk_live_pages`` carry their owning unit; an item the town issues
    into the office's column is the town's, and its column becomes navigable."""
    town = Unit.objects.get(name="城关镇人民政府")
    grow_both(SMALL)
    (issued,) = grow(OFFICE_COLUMN, 1, unit=town)
    user = get_user_model().objects.get(username="town_editor")
    mine = visible_pages_for(user, Page.objects.type(NoticePage))
    assert mine.filter(slug__startswith=f"s-{TOWN_COLUMN}-").count() == SMALL
    assert set(mine.exclude(slug__startswith=f"s-{TOWN_COLUMN}-")) == {issued}
    records = scope_queryset(user, ReviewRecord.objects.all())
    assert records.count() == SMALL + 1
    login("town_editor")
    html = client.get(reverse("wagtailadmin_explore", args=[_pk(OFFICE_COLUMN)])).content
    assert issued.title in html.decode()
    assert "规模信息notices0<" not in html.decode()


def _plan(queryset) -> str:
    return queryset.explain()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("navigable", [False, True])
def test_scoped_page_queries_read_through_indexes_not_a_table_scan(demo, navigable):
    """The old scope (path prefixes with LIKE, a subquery per item table) scanned the page
    table on every COUNT and SELECT; the stored owning unit is read through its index."""
    grow_both(SMALL)
    user = get_user_model().objects.get(username="town_editor")
    children = Page.objects.get(slug=TOWN_COLUMN).get_children()
    for pages in (children, Page.objects.all()):
        plan = _plan(visible_pages_for(user, pages, navigable=navigable))
        assert "SCAN wagtailcore_page" not in plan.replace('"', ""), plan
