"""The stored owning unit (``PageUnit``) follows every change of hands at once: a page moved
between units' columns, a copy, a column added or handed to another unit, an issuing unit
named. Each change goes through Wagtail's own views or the column request's decide view, and
each test checks what the unit's editor can open, list and find right after it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from example_site.portal.models import ColumnIndexPage, NoticePage
from wagtail_gov_review.forms.column_changes import request_column_change
from wagtail_gov_review.models import Column, PageUnit, Unit, UnitMembership
from wagtail_gov_review.models.page_units import fill_page_units

OFFICE_ITEM = "2026年度临时救助对象名单公示"  # 通知公告, 区政府办公室
TOWN_ITEM = "關於做好冬季防火工作的通知"  # 乡镇动态, 城关镇人民政府


@pytest.fixture
def demo(module_demo):
    return module_demo


def page(title: str) -> Page:
    return Page.objects.get(title=title)


def slug(value: str) -> Page:
    return Page.objects.get(slug=value)


def opens(client, target: Page) -> bool:
    status = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk])).status_code
    assert status in (200, 403), status
    return status == 200


def listed(client, parent: Page, target: Page) -> bool:
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    return f"/admin/pages/{target.pk}/edit/" in response.content.decode()


def as_admin(client, login, method: str, url: str, data=None):
    login("admin")
    response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    return response


def move(client, login, target: Page, destination: Page) -> None:
    url = reverse("wagtailadmin_pages:move_confirm", args=[target.pk, destination.pk])
    as_admin(client, login, "post", url)
    target.refresh_from_db()
    assert target.get_parent().pk == destination.pk


def assert_rows_match_a_full_rebuild() -> None:
    """What the receivers kept is what a rebuild from the tree and the columns gives."""
    kept = set(PageUnit.objects.values_list("page_id", "unit_id", "outside_own_column"))
    PageUnit.objects.all().delete()
    fill_page_units()
    assert set(PageUnit.objects.values_list("page_id", "unit_id", "outside_own_column")) == kept


def test_item_moved_between_units_columns_changes_hands(demo, client, login):
    office_item, town_item = page(OFFICE_ITEM), page(TOWN_ITEM)
    move(client, login, office_item, slug("town-news"))
    move(client, login, town_item, slug("notices"))

    login("town_editor")
    assert opens(client, office_item)
    assert listed(client, slug("town-news"), office_item)
    assert not opens(client, town_item)
    assert client.get(reverse("wagtailadmin_explore", args=[slug("notices").pk])).status_code == (
        403
    )
    assert_rows_match_a_full_rebuild()


def test_a_folder_moved_into_a_units_column_takes_its_pages_along(demo, client, login):
    """A sub-folder (no column of its own) and its item follow their new nearest column."""
    admin = get_user_model().objects.get(username="admin")
    folder = slug("notices").add_child(instance=ColumnIndexPage(title="专题", slug="topic"))
    inner = folder.add_child(
        instance=NoticePage(title="专题通知", slug="topic-notice", owner=admin, live=False)
    )
    login("town_editor")
    assert not opens(client, folder) and not opens(client, inner)

    move(client, login, folder, slug("town-news"))
    login("town_editor")
    assert opens(client, folder) and opens(client, inner)
    assert listed(client, folder, inner)

    move(client, login, folder, slug("notices"))
    login("town_editor")
    assert not opens(client, folder) and not opens(client, inner)
    assert_rows_match_a_full_rebuild()


def test_an_issuing_unit_survives_a_move(demo, client, login):
    """Moving saves the base ``Page`` row; the item's own issuing unit must not be lost."""
    town = Unit.objects.get(name="城关镇人民政府")
    item = page(OFFICE_ITEM).specific
    item.unit = town
    item.save()
    move(client, login, item, slug("policies"))
    login("town_editor")
    assert opens(client, item)
    assert listed(client, slug("policies"), item)  # its column is on the town's path now
    assert not opens(client, slug("policies"))
    assert_rows_match_a_full_rebuild()


def test_copies_belong_to_the_column_they_land_in(demo, client, login):
    office_item, town_item = page(OFFICE_ITEM), page(TOWN_ITEM)
    for source, destination, new_slug in (
        (office_item, slug("town-news"), "copy-into-town"),
        (town_item, slug("notices"), "copy-out-of-town"),
    ):
        url = reverse("wagtailadmin_pages:copy", args=[source.pk])
        data = {"new_title": f"副本{new_slug}", "new_slug": new_slug}
        as_admin(client, login, "post", url, {**data, "new_parent_page": destination.pk})
    login("town_editor")
    assert opens(client, slug("copy-into-town"))
    assert not opens(client, office_item)
    assert not opens(client, slug("copy-out-of-town"))
    assert opens(client, town_item)
    assert_rows_match_a_full_rebuild()


def test_a_copied_column_page_is_not_the_units_column(demo, client, login):
    """Column settings are not copied: the copy of the town's column and its items, placed in
    the office's column, are the office's."""
    url = reverse("wagtailadmin_pages:copy", args=[slug("town-news").pk])
    data = {"new_title": "乡镇动态副本", "new_slug": "town-news-copy", "copy_subpages": "on"}
    as_admin(client, login, "post", url, {**data, "new_parent_page": slug("notices").pk})
    copied = slug("town-news-copy")
    assert copied.get_children().count() == slug("town-news").get_children().count() > 0
    login("town_editor")
    assert not opens(client, copied)
    for child in copied.get_children():
        assert not opens(client, child)
    assert opens(client, slug("town-news").get_children().get(title=TOWN_ITEM))
    assert_rows_match_a_full_rebuild()


def _decide(client, login, request) -> None:
    login("siteleader")  # the admin filed it; a second approver decides
    url = reverse("gov_review_column_requests:decide", args=[request.pk])
    response = client.post(url, {"approve": "1", "opinion": "同意"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"


def test_a_column_handed_to_another_unit_changes_hands_at_once(demo, client, login):
    admin = get_user_model().objects.get(username="admin")
    dept_unit = Unit.objects.get(name="区发展和改革局")
    dept = get_user_model().objects.create_user("dept_editor", password="x-Long-enough-1")
    dept.groups.add(Group.objects.get(name="信息员"))
    UnitMembership.objects.create(user=dept, unit=dept_unit)
    column = Column.objects.get(page__slug="town-news")
    request = request_column_change(
        operation="change",
        unit=column.unit,
        page=column.page,
        owning_unit=dept_unit,
        reason="乡镇动态交由发改局维护",
        user=admin,
    )
    _decide(client, login, request)

    login("town_editor")
    assert not opens(client, page(TOWN_ITEM))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": TOWN_ITEM})
    assert f"/admin/pages/{page(TOWN_ITEM).pk}/edit/" not in response.content.decode()
    login("dept_editor")
    assert opens(client, page(TOWN_ITEM))
    assert_rows_match_a_full_rebuild()


def test_a_new_column_gives_its_unit_the_subtree(demo, client, login):
    admin = get_user_model().objects.get(username="admin")
    folder = slug("notices").add_child(
        instance=ColumnIndexPage(title="镇公告", slug="town-notices")
    )
    inner = folder.add_child(
        instance=NoticePage(title="镇公告一", slug="town-notice-1", owner=admin, live=False)
    )
    town = Unit.objects.get(name="城关镇人民政府")
    request = request_column_change(
        operation="add",
        unit=town,
        page=folder,
        kind="notice",
        reason="新增镇公告栏目",
        user=admin,
    )
    _decide(client, login, request)
    login("town_editor")
    assert opens(client, folder) and opens(client, inner)
    assert listed(client, slug("notices"), folder)  # the way there is listed
    assert not listed(client, slug("notices"), page(OFFICE_ITEM))
    assert_rows_match_a_full_rebuild()
