"""The manager's dashboard (issue 18): items waiting per unit and stage, overdue items and
monitoring alerts on the admin home page, for managers only and within their units; the
explorer filters by 审核环节, 单位 and 公开属性 that its counts link to."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState

from wagtail_gov_review.models import Column, Unit, UnitMembership
from wagtail_gov_review.monitoring.models import ScanFinding
from wagtail_gov_review.roles import SITE_ADMIN
from wagtail_gov_review.workflows.tasks import ReviewTask

from .admin_language import untranslated
from .waiting_items import add_waiting_items

GOV_OFFICE = "区政府办公室"
TOWN = "城关镇人民政府"


@pytest.fixture
def demo(module_demo):
    return module_demo


@pytest.fixture
def town_manager(demo):
    """A 网站管理员 of the town: a unit manager who is not in a central unit."""
    user = get_user_model().objects.create_user("town_manager", password="x", first_name="镇")
    user.groups.add(Group.objects.get(name=SITE_ADMIN.group_name))
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name=TOWN))
    return user


def home(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def manager_panel(html: str) -> str:
    start = html.find('id="gov-review-manager-section"')
    if start < 0:
        return ""
    return html[start : html.index("</section>", start)]


def unit_row(panel: str, unit: str) -> list[str]:
    """The cells of one unit's row: counts per stage, then the total."""
    match = re.search(rf'<tr data-gov-unit-row="{unit}">(.*?)</tr>', panel, re.S)
    if match is None:
        return []
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", match[1])
    ]


def stage_headers(panel: str) -> list[str]:
    header = re.search(r"<thead>(.*?)</thead>", panel, re.S)[1]
    return [re.sub(r"<[^>]+>", "", th).strip() for th in re.findall(r"<th>(.*?)</th>", header)]


def cell_link(panel: str, unit: str, stage_label: str) -> str:
    headers = stage_headers(panel)
    row = re.search(rf'<tr data-gov-unit-row="{unit}">(.*?)</tr>', panel, re.S)[1]
    cells = re.findall(r"<td>(.*?)</td>", row)
    href = re.search(r'href="([^"]+)"', cells[headers.index(stage_label) - 1])
    return unescape(href[1])


def move_to_stage(pages, stage: str) -> None:
    """Put the items' current task state at another human stage of their chain."""
    for page in pages:
        run_task = ReviewTask.objects.get(
            workflow_tasks__workflow=page.get_parent().get_workflow(), stage=stage
        )
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
        ).update(task=run_task)


def listed(html: str, pages) -> set[int]:
    return {page.pk for page in pages if f"/admin/pages/{page.pk}/edit/" in html}


def test_manager_panel_counts_waiting_items_per_unit_and_stage(demo, client, login):
    add_waiting_items("notices", 3)
    second = add_waiting_items("notices", 2)
    move_to_stage(second, "second")
    add_waiting_items("town-news", 4, owner="town_editor")
    login("admin")
    panel = manager_panel(home(client))
    assert panel, "the site admin gets the manager panel"
    headers = stage_headers(panel)
    first, second_label = headers.index("初审初校"), headers.index("复审复校")
    office = unit_row(panel, GOV_OFFICE)
    assert (office[first - 1], office[second_label - 1], office[-1]) == ("3", "2", "5")
    town = unit_row(panel, TOWN)
    assert (town[first - 1], town[second_label - 1], town[-1]) == ("4", "0", "4")
    assert "审核中的信息（9）" in panel


def test_a_unit_manager_sees_only_their_units_rows(demo, client, town_manager):
    office = add_waiting_items("notices", 3)
    town = add_waiting_items("town-news", 2, owner="town_editor")
    client.force_login(town_manager)
    panel = manager_panel(home(client))
    assert unit_row(panel, TOWN)[-1] == "2"
    assert GOV_OFFICE not in panel
    assert "审核中的信息（2）" in panel
    # the count's link works for them too (their explorer starts below the root)
    response = client.get(cell_link(panel, TOWN, "初审初校"))
    assert response.status_code == 200
    assert listed(response.content.decode(), office + town) == {p.pk for p in town}


@pytest.mark.parametrize("username", ["reviewer1", "town_reviewer1", "editor", "town_editor"])
def test_reviewers_and_editors_do_not_get_the_manager_panel(demo, client, login, username):
    add_waiting_items("notices", 1)
    add_waiting_items("town-news", 1, owner="town_editor")
    login(username)
    html = home(client)
    assert manager_panel(html) == ""
    assert "审核概览" not in html


def test_a_count_links_to_the_explorer_listing_exactly_those_items(demo, client, login):
    office_first = add_waiting_items("notices", 2)
    office_second = add_waiting_items("notices", 2)
    move_to_stage(office_second, "second")
    town_first = add_waiting_items("town-news", 2, owner="town_editor")
    login("admin")
    panel = manager_panel(home(client))

    response = client.get(cell_link(panel, GOV_OFFICE, "初审初校"))
    assert response.status_code == 200
    html = response.content.decode()
    everything = office_first + office_second + town_first
    assert listed(html, everything) == {p.pk for p in office_first}

    html = client.get(cell_link(panel, GOV_OFFICE, "复审复校")).content.decode()
    assert listed(html, everything) == {p.pk for p in office_second}

    html = client.get(cell_link(panel, TOWN, "初审初校")).content.decode()
    assert listed(html, everything) == {p.pk for p in town_first}


def test_the_explorer_filters_by_stage_unit_and_disclosure(demo, client, login):
    public = add_waiting_items("notices", 2)
    on_request = add_waiting_items("notices", 1, disclosure="on_request")
    town = add_waiting_items("town-news", 2, owner="town_editor")
    move_to_stage(town[:1], "second")
    everything = public + on_request + town
    root = Page.get_first_root_node()
    explorer = reverse("wagtailadmin_explore", args=[root.pk])
    office_id = Unit.objects.get(name=GOV_OFFICE).pk
    town_id = Unit.objects.get(name=TOWN).pk
    login("admin")

    def results(query: str) -> set[int]:
        response = client.get(f"{explorer}?{query}")
        assert response.status_code == 200
        return listed(response.content.decode(), everything)

    assert results("review_stage=first") == {p.pk for p in public + on_request + town[1:]}
    assert results("review_stage=second") == {town[0].pk}
    assert results(f"unit={town_id}") == {p.pk for p in town}
    assert results(f"unit={office_id}") == {p.pk for p in public + on_request}
    assert results("disclosure=on_request") == {on_request[0].pk}
    assert results(f"disclosure=public&unit={town_id}&review_stage=first") == {town[1].pk}
    # the filter form speaks Chinese and offers the three filters
    html = client.get(f"{explorer}?review_stage=first").content.decode()
    assert "审核环节" in html and "公开属性" in html


def test_a_town_user_can_neither_filter_to_another_unit_nor_see_its_items(demo, client, login):
    office = add_waiting_items("notices", 2)
    town = add_waiting_items("town-news", 2, owner="town_editor")
    office_id = Unit.objects.get(name=GOV_OFFICE).pk
    town_id = Unit.objects.get(name=TOWN).pk
    login("town_editor")
    column = Page.objects.get(slug="town-news")
    explorer = reverse("wagtailadmin_explore", args=[column.pk])

    html = client.get(f"{explorer}?unit={town_id}&review_stage=first").content.decode()
    assert listed(html, office + town) == {p.pk for p in town}
    unit_choices = set(re.findall(r'name="unit" value="(\d+)"', html))
    assert unit_choices == {str(town_id)}

    response = client.get(f"{explorer}?unit={office_id}")
    html = response.content.decode()
    assert listed(html, office) == set()
    assert "选择一个有效的选项" in html  # the choice is refused, in Chinese

    # from the root of the tree too: the scope still applies to what a filter finds
    root = Page.get_first_root_node()
    response = client.get(
        reverse("wagtailadmin_explore", args=[root.pk]) + "?review_stage=first", follow=True
    )
    assert listed(response.content.decode(), office) == set()


def test_overdue_items_are_listed_with_the_reason(demo, client, login, town_manager):
    fresh = add_waiting_items("town-news", 1, owner="town_editor")
    stuck = add_waiting_items("town-news", 1, owner="town_editor")
    late = add_waiting_items("town-news", 1, owner="town_editor")
    office_stuck = add_waiting_items("notices", 1)
    long_ago = timezone.now() - timedelta(days=4)
    for page in stuck + office_stuck:  # four days at 初审: over the 72-hour stage limit
        TaskState.objects.filter(workflow_state__object_id=str(page.pk)).update(started_at=long_ago)
    # entered eight days ago: past the 7-day deadline of a news column, whatever the stage
    Revision.objects.filter(object_id=str(late[0].pk)).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    client.force_login(town_manager)
    panel = manager_panel(home(client))
    overdue = re.search(r"<ul data-gov-overdue>(.*?)</ul>", panel, re.S)[1]
    assert "超期信息（2）" in panel
    assert f"/admin/pages/{stuck[0].pk}/edit/" in overdue
    assert f"/admin/pages/{late[0].pk}/edit/" in overdue
    assert f"/admin/pages/{fresh[0].pk}/edit/" not in overdue
    assert f"/admin/pages/{office_stuck[0].pk}/edit/" not in overdue  # another unit's
    assert "在本环节等待超过 72 小时" in overdue
    assert "已超过栏目的发布时限" in overdue

    login("admin")
    assert "超期信息（3）" in manager_panel(home(client))


def _finding(page, unit_name: str, code: str, text: str) -> ScanFinding:
    column = Column.for_page(page)
    return ScanFinding.objects.create(
        source="links" if code.startswith("link.") else "timeliness",
        page=page,
        unit=Unit.objects.get(name=unit_name),
        column=column,
        code=code,
        severity="warn",
        text=text,
        fingerprint=ScanFinding.make_fingerprint("", code, text),
    )


def test_monitoring_alerts_are_counted_per_kind_within_the_unit(demo, client, login, town_manager):
    office_item = Page.objects.get(slug="notices").get_children().first()
    town_column = Page.objects.get(slug="town-news")
    _finding(office_item, GOV_OFFICE, "link.broken", "http://office.invalid/gone")
    _finding(office_item, GOV_OFFICE, "link.broken", "http://office.invalid/lost")
    _finding(town_column, TOWN, "timeliness.column_stale", "乡镇动态")
    resolved = _finding(town_column, TOWN, "link.broken", "http://town.invalid/fixed")
    ScanFinding.objects.filter(pk=resolved.pk).update(resolved=True)

    login("admin")
    alerts = re.search(r"<ul data-gov-alerts>(.*?)</ul>", manager_panel(home(client)), re.S)[1]
    assert re.search(r"失效链接：<a [^>]*>2</a>", alerts)
    assert re.search(r"栏目不更新：<a [^>]*>1</a>", alerts)

    client.force_login(town_manager)
    panel = manager_panel(home(client))
    alerts = re.search(r"<ul data-gov-alerts>(.*?)</ul>", panel, re.S)[1]
    assert "失效链接：0" in alerts
    stale = re.search(r'栏目不更新：<a href="([^"]+)">1</a>', alerts)
    assert stale, alerts
    findings = client.get(unescape(stale[1]))
    assert findings.status_code == 200
    html = findings.content.decode()
    assert "乡镇动态" in html
    assert "office.invalid" not in html


def test_the_findings_page_lists_only_the_units_own_findings(demo, client, town_manager):
    office_item = Page.objects.get(slug="notices").get_children().first()
    town_column = Page.objects.get(slug="town-news")
    _finding(office_item, GOV_OFFICE, "link.broken", "http://office.invalid/gone")
    _finding(town_column, TOWN, "link.broken", "http://town.invalid/gone")
    client.force_login(town_manager)
    url = reverse("gov_review_monitoring:findings")
    html = client.get(url).content.decode()
    assert "town.invalid" in html
    assert "office.invalid" not in html
    # nor by asking for the other unit in the filter
    office_id = Unit.objects.get(name=GOV_OFFICE).pk
    html = client.get(f"{url}?unit={office_id}").content.decode()
    assert "office.invalid" not in html


def test_the_panel_and_the_filters_speak_chinese(demo, client, login):
    waiting = add_waiting_items("town-news", 2, owner="town_editor")
    TaskState.objects.filter(workflow_state__object_id=str(waiting[0].pk)).update(
        started_at=timezone.now() - timedelta(days=4)
    )
    _finding(Page.objects.get(slug="town-news"), TOWN, "link.broken", "http://town.invalid/x")
    usernames = frozenset(get_user_model().objects.values_list("username", flat=True))
    login("admin")
    panel = manager_panel(home(client))
    assert "<table" in panel and "data-gov-overdue" in panel  # every part is on screen
    assert untranslated(panel, usernames) == set()
    column = Page.objects.get(slug="town-news")
    html = client.get(
        reverse("wagtailadmin_explore", args=[column.pk]) + "?review_stage=first"
    ).content.decode()
    assert untranslated(html, usernames) == set()
