"""Unit scope in the admin: a town's editor sees and opens only the town's pages.

Every test drives Wagtail's own admin URLs with ids of another unit's pages (what an attacker
or a curious colleague would type) and checks both the refusal and that nothing changed.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from example_site.portal.models import NewsPage
from wagtail_gov_review.models import Unit, UnitMembership
from wagtail_gov_review.security.models import SecurityEvent
from wagtail_gov_review.security.scoping import (
    scope_queryset,
    sees_everything,
    user_can_access_page,
    user_can_navigate_page,
    visible_pages_for,
)


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


OFFICE_DRAFT = "2026年度临时救助对象名单公示"  # 通知公告, 区政府办公室
OFFICE_LIVE = "区政府召开安全生产工作会议"  # 政务动态, 区政府办公室
TOWN_ITEM = "關於做好冬季防火工作的通知"  # 乡镇动态 (under 政务动态), 城关镇人民政府
REFUSAL = "其他单位的用户无法打开或修改"


def page(title: str) -> Page:
    return Page.objects.get(title=title)


@pytest.fixture
def dept(demo):
    """A 区发展和改革局 editor with an item in 部门动态 (a sub-column of the office's 政务动态)."""
    User = get_user_model()
    user = User.objects.create_user("dept_editor", password="x-Long-enough-1")
    user.groups.add(Group.objects.get(name="信息员"))
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name="区发展和改革局"))
    parent = Page.objects.get(slug="department-news")
    item = parent.add_child(
        instance=NewsPage(title="发改局召开项目推进会", slug="dept-item", owner=user, live=False)
    )
    item.save_revision(user=user)
    return user


def test_rules_for_central_and_unit_users(demo, dept):
    User = get_user_model()
    town = User.objects.get(username="town_editor")
    office = User.objects.get(username="editor")
    assert sees_everything(User.objects.get(username="admin"))
    assert sees_everything(office)  # 区政府办公室 is a central unit
    assert not sees_everything(town)

    assert user_can_access_page(town, page(TOWN_ITEM))
    assert not user_can_access_page(town, page(OFFICE_DRAFT))
    assert not user_can_access_page(town, page("发改局召开项目推进会"))
    # The office's 政务动态 leads to the town's 乡镇动态: listed, not openable.
    news = Page.objects.get(slug="news")
    assert user_can_navigate_page(town, news)
    assert not user_can_access_page(town, news)
    assert not user_can_navigate_page(town, Page.objects.get(slug="notices"))
    assert user_can_access_page(office, page(TOWN_ITEM))

    # The department's sub-column and item, nested inside the office's column.
    assert user_can_access_page(dept, page("发改局召开项目推进会"))
    assert user_can_access_page(dept, Page.objects.get(slug="department-news"))
    assert not user_can_access_page(dept, page(OFFICE_LIVE))
    assert not user_can_access_page(dept, page(TOWN_ITEM))

    titles = set(visible_pages_for(town, Page.objects.all()).values_list("title", flat=True))
    assert titles == {"乡镇动态", TOWN_ITEM}


def test_item_issuing_unit_overrides_the_column(demo, dept):
    town = get_user_model().objects.get(username="town_editor")
    item = page("发改局召开项目推进会").specific
    item.unit = Unit.objects.get(name="城关镇人民政府")
    item.save()
    assert user_can_access_page(town, item)
    assert not user_can_access_page(dept, item)
    assert user_can_navigate_page(town, Page.objects.get(slug="department-news"))


def test_user_without_unit_sees_nothing(demo):
    user = get_user_model().objects.create_user("nobody", password="x-Long-enough-1")
    user.groups.add(Group.objects.get(name="信息员"))
    assert not visible_pages_for(user, Page.objects.all()).exists()


def test_scope_queryset_filters_rows_pointing_at_pages(demo):
    from wagtail.models import PageLogEntry

    town = get_user_model().objects.get(username="town_editor")
    everything = {e.page.title for e in PageLogEntry.objects.select_related("page")}
    assert OFFICE_DRAFT in everything
    scoped = {e.page.title for e in scope_queryset(town, PageLogEntry.objects.all())}
    assert scoped == {"乡镇动态", TOWN_ITEM}


def test_explorer_lists_only_the_path_to_the_users_column(demo, client, login):
    login("town_editor")
    news = Page.objects.get(slug="news")
    response = client.get(reverse("wagtailadmin_explore", args=[news.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "乡镇动态" in html
    assert OFFICE_LIVE not in html
    assert "部门动态" not in html
    # The home page listing shows 政务动态 (the way to 乡镇动态) but not 通知公告.
    response = client.get(reverse("wagtailadmin_explore", args=[news.get_parent().pk]))
    html = response.content.decode()
    assert "政务动态" in html
    notices = Page.objects.get(slug="notices")
    assert f"/admin/pages/{notices.pk}/" not in html
    # Another unit's column cannot be listed by id.
    assert client.get(reverse("wagtailadmin_explore", args=[notices.pk])).status_code == 403


PAGE_URLS = [
    ("wagtailadmin_pages:edit", {}),
    ("wagtailadmin_pages:history", {}),
    ("wagtailadmin_pages:revisions_index", {}),
    ("wagtailadmin_pages:workflow_history", {}),
    ("wagtailadmin_pages:view_draft", {}),
    ("wagtailadmin_pages:usage", {}),
    ("wagtailadmin_pages:copy", {}),
    ("wagtailadmin_pages:move", {}),
    ("wagtailadmin_pages:delete", {}),
    ("wagtailadmin_pages:lock", {}),
    ("wagtailadmin_pages:set_privacy", {}),
    ("wagtailadmin_pages:preview_on_edit", {}),
]


@pytest.mark.parametrize("url_name,extra", PAGE_URLS, ids=[u for u, _ in PAGE_URLS])
def test_direct_urls_to_another_units_page_are_refused(demo, client, login, url_name, extra):
    login("town_editor")
    other = page(OFFICE_DRAFT)
    response = client.get(reverse(url_name, args=[other.pk]))
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert "区政府办公室" in response.content.decode()
    event = SecurityEvent.objects.get(kind="scope_refused")
    assert event.username == "town_editor"
    assert event.detail["page"] == other.pk


def test_own_page_opens_in_the_editor(demo, client, login):
    login("town_editor")
    own = page(TOWN_ITEM)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:history", args=[own.pk])).status_code == 200


def test_revision_view_and_revert_of_another_unit_refused(demo, client, login):
    other = page(OFFICE_DRAFT)
    revision = other.latest_revision
    login("town_editor")
    for name in ("revisions_view", "revisions_revert"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[other.pk, revision.pk])
        assert client.get(url).status_code == 403


def test_posting_an_edit_to_another_units_page_changes_nothing(demo, client, login):
    login("town_editor")
    other = page(OFFICE_DRAFT)
    before = other.latest_revision_id
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        {"title": "篡改", "slug": other.slug, "body": "<p>x</p>"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.latest_revision_id == before
    assert other.title == OFFICE_DRAFT


def test_creating_in_another_units_column_refused(demo, client, login):
    login("town_editor")
    notices = Page.objects.get(slug="notices")
    url = reverse("wagtailadmin_pages:add", args=["portal", "noticepage", notices.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"title": "冒名通知", "slug": "fake", "body": "<p>x</p>"})
    assert response.status_code == 403
    assert not Page.objects.filter(slug="fake").exists()
    town_news = Page.objects.get(slug="town-news")
    own = reverse("wagtailadmin_pages:add", args=["portal", "newspage", town_news.pk])
    assert client.get(own).status_code == 200


def test_department_editor_reaches_own_sub_column_but_not_parents_items(dept, client, login):
    login("dept_editor")
    news = Page.objects.get(slug="news")
    listing = client.get(reverse("wagtailadmin_explore", args=[news.pk]))
    assert listing.status_code == 200
    assert "部门动态" in listing.content.decode()
    assert OFFICE_LIVE not in listing.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).status_code == 403
    own = page("发改局召开项目推进会")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    other = page(OFFICE_LIVE)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code == 403


def test_move_and_copy_into_another_units_column_refused(demo, client, login):
    login("town_editor")
    own = page(TOWN_ITEM)
    notices = Page.objects.get(slug="notices")
    url = reverse("wagtailadmin_pages:move_confirm", args=[own.pk, notices.pk])
    assert client.post(url).status_code == 403
    own.refresh_from_db()
    assert own.get_parent().slug == "town-news"
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[own.pk]),
        {"new_title": "副本", "new_slug": "copy-x", "new_parent_page": notices.pk},
    )
    assert response.status_code == 403
    assert not Page.objects.filter(slug="copy-x").exists()


def _html(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def _search_hits(client, url_name: str, title: str) -> bool:
    """Whether the search lists the page (its edit link; the query itself is echoed)."""
    response = client.get(reverse(url_name), {"q": title})
    assert response.status_code == 200
    return f"/admin/pages/{page(title).pk}/edit/" in _html(response)


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"]
)
def test_admin_search_and_chooser_search_hide_other_units(demo, client, login, url_name):
    office_notice = "关于做好今冬供暖保障工作的通知"
    login("admin")  # control: the search finds both titles
    assert _search_hits(client, url_name, office_notice)
    assert _search_hits(client, url_name, TOWN_ITEM)
    login("town_editor")
    assert _search_hits(client, url_name, TOWN_ITEM)
    assert not _search_hits(client, url_name, office_notice)


def test_page_chooser_browses_to_own_column_only(demo, client, login):
    login("town_editor")
    news = Page.objects.get(slug="news")
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[news.pk]))
    html = _html(response)
    assert "乡镇动态" in html
    assert OFFICE_LIVE not in html
    notices = Page.objects.get(slug="notices")
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[notices.pk]))
    assert response.status_code == 403


def test_admin_api_lists_and_details_only_own_pages(demo, client, login):
    login("town_editor")
    response = client.get("/admin/api/main/pages/", {"limit": 20})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert TOWN_ITEM in titles
    assert OFFICE_DRAFT not in titles and OFFICE_LIVE not in titles
    other = page(OFFICE_DRAFT)
    assert client.get(f"/admin/api/main/pages/{other.pk}/").status_code == 403


def test_bulk_actions_on_another_units_pages_refused(demo, client, login):
    login("town_editor")
    other = page(OFFICE_DRAFT)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = client.post(f"{url}?id={other.pk}&next=/admin/")
    assert response.status_code == 403
    assert Page.objects.filter(pk=other.pk).exists()


@pytest.fixture
def town_manager(demo):
    """A non-superuser town site manager with publish/lock/unlock rights on the whole tree."""
    group = Group.objects.create(name="镇网站管理")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user("town_manager", password="x-Long-enough-1")
    user.groups.add(group)
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name="城关镇人民政府"))
    return user


def test_reports_show_only_own_units_pages(town_manager, client, login):
    admin = get_user_model().objects.get(username="admin")
    for title in (OFFICE_DRAFT, TOWN_ITEM):
        p = page(title)
        p.locked, p.locked_by = True, admin
        p.save()
    login("town_manager")
    html = client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()
    assert TOWN_ITEM in html
    assert OFFICE_DRAFT not in html

    # Aging pages: live pages only; a clean town item is published for the comparison.
    town_news = Page.objects.get(slug="town-news")
    clean = town_news.add_child(
        instance=NewsPage(title="城关镇开展冬季消防演练", slug="drill", owner=admin, live=False)
    )
    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"ENABLED": False}}):
        clean.save_revision(user=admin).publish(user=None, skip_permission_checks=True)
    html = client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode()
    assert "城关镇开展冬季消防演练" in html
    assert OFFICE_LIVE not in html

    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert TOWN_ITEM in html
    assert OFFICE_DRAFT not in html

    login("admin")
    html = client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()
    assert OFFICE_DRAFT in html and TOWN_ITEM in html


def test_editor_can_only_name_own_units_as_issuing_unit(demo, client, login):
    """A town editor cannot send an item into another unit's chain by naming that unit."""
    from example_site.portal.models import ColumnIndexPage
    from wagtail_gov_review.models import Unit

    login("town_editor")
    column = ColumnIndexPage.objects.get(slug="town-news")
    response = client.get(f"/admin/pages/add/portal/newspage/{column.pk}/")
    assert response.status_code == 200
    choices = list(response.context["form"].fields["unit"].queryset)
    assert choices == [Unit.objects.get(name="城关镇人民政府")]
    login("admin")
    response = client.get(f"/admin/pages/add/portal/newspage/{column.pk}/")
    assert response.context["form"].fields["unit"].queryset.count() == Unit.objects.count()
