"""The page explorer lists items waiting in the review chain at a fixed query count (issue 19,
point 1): what Wagtail asks of each row in a workflow (its current task, whether it is locked
for the user) is answered once for the listing page (``workflows.listed``)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from bench.bulk_pages import bulk_live_pages
from example_site.portal.models import NoticePage
from wagtail_gov_review.dashboard import filters
from wagtail_gov_review.listing import gov_item_models
from wagtail_gov_review.models.page_permissions import ItemPermissionTester

from .waiting_items import add_waiting_items

SMALL, LARGE = 10, 100
COLUMN = "town-news"  # 城关镇's column: admin and the town's editor both list it
PAGE_SIZE = 50  # Wagtail's explorer lists 50 rows a page


@pytest.fixture
def demo(module_demo):
    return module_demo


@pytest.fixture
def column(demo) -> Page:
    """The column filled past one listing page with published items not in review, so that
    the plain listing shows 50 rows at both sizes and only the share waiting changes."""
    parent = Page.objects.get(slug=COLUMN)
    bulk_live_pages(
        parent,
        NoticePage,
        [{"title": f"已发布信息{n}", "slug": f"published-{n}"} for n in range(PAGE_SIZE)],
    )
    return parent


def _explore(client, column: Page, params: dict) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_explore", args=[column.pk]), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _waiting_rows(html: str) -> int:
    return len(set(re.findall(r"待审信息town-news\d+", html)))


@pytest.mark.parametrize("username", ["admin", "town_editor"])
# Ordered by title, descending: the items waiting (待审…) before the published ones (已发布…).
@pytest.mark.parametrize(
    "params",
    [{"ordering": "-title"}, {"ordering": "-title", "review_stage": "first"}],
    ids=["column", "by_stage"],
)
def test_explorer_queries_do_not_grow_with_items_waiting(
    client, login, column, django_assert_max_num_queries, username, params
):
    login(username)
    add_waiting_items(COLUMN, SMALL, owner="town_editor")
    small, html = _explore(client, column, params)
    assert _waiting_rows(html) == SMALL

    add_waiting_items(COLUMN, LARGE - SMALL, owner="town_editor")
    with django_assert_max_num_queries(small):
        _count, html = _explore(client, column, params)
    # The first listing page, all waiting items but for the demo's 转载信息…, sorted before them.
    assert _waiting_rows(html) >= PAGE_SIZE - 1


def _normalised(html: str) -> str:
    """The listing without what changes between two requests (CSRF tokens)."""
    return re.sub(r"[A-Za-z0-9]{64}", "", html)


def test_listing_judged_at_once_shows_what_each_row_judged_alone_shows(
    client, login, column, monkeypatch
):
    """Rows are locked as Wagtail's per-row checks lock them: the items admin submitted are
    locked for admin (segregation of duties: no 取消发布 in their menu), the others are not."""
    others = add_waiting_items(COLUMN, 3, owner="town_editor")
    add_waiting_items(COLUMN, 3, owner="admin")
    login("admin")
    params = {"ordering": "-title", "review_stage": "first"}
    _count, judged_at_once = _explore(client, column, params)
    monkeypatch.setattr(filters, "prepare_listed_pages", lambda pages, user: None)
    _count, judged_alone = _explore(client, column, params)
    assert _waiting_rows(judged_at_once) == 6
    unpublishable = {int(pk) for pk in re.findall(r"/admin/pages/(\d+)/unpublish/", judged_at_once)}
    assert unpublishable - {column.pk} == {page.pk for page in others}
    assert _normalised(judged_at_once) == _normalised(judged_alone)


def _indexed(pages: list[Page]) -> None:
    """Items written in bulk skip the search index; add them as saving would."""
    for item in NoticePage.objects.filter(pk__in=[p.pk for p in pages]):
        index.insert_or_update_object(item)


@pytest.mark.parametrize("username", ["admin", "town_editor"])
def test_page_search_queries_do_not_grow_with_items_waiting(
    client, login, demo, django_assert_max_num_queries, username
):
    """Wagtail's page search lists its results as the explorer does (the same preparation)."""
    url = reverse("wagtailadmin_pages:search")
    login(username)
    _indexed(add_waiting_items(COLUMN, SMALL, owner="town_editor"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, {"q": "待审信息"}).content.decode()
    small, found = len(queries), _waiting_rows(html)
    assert found == SMALL

    _indexed(add_waiting_items(COLUMN, LARGE - SMALL, owner="town_editor"))
    with django_assert_max_num_queries(small):
        html = client.get(url, {"q": "待审信息"}).content.decode()
    assert _waiting_rows(html) > found  # a full page of results, all waiting


def test_item_permission_tester_agrees_with_wagtail_on_can_delete(demo):
    """``ItemPermissionTester.can_delete`` answers from the row what Wagtail's tester asks
    the database: the same answer for every item and every demo user (drafts and live items,
    own and others')."""
    parent = Page.objects.get(slug=COLUMN)
    editor = get_user_model().objects.get(username="town_editor")
    draft = parent.add_child(instance=NoticePage(title="草稿信息", live=False, owner=editor))
    items = [page.specific for page in Page.objects.type(*gov_item_models())]
    assert draft.pk in {item.pk for item in items} and any(item.live for item in items)
    answers = set()
    for user in get_user_model().objects.all():
        for item in items:
            tester = item.permissions_for_user(user)
            assert isinstance(tester, ItemPermissionTester)
            expected = PagePermissionTester(user, item).can_delete()
            assert tester.can_delete() == expected, (user.username, item.title)
            answers.add((user.is_superuser, expected))
    assert answers == {(True, True), (False, True), (False, False)}
