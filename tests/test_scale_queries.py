"""The dashboard costs the same number of queries whatever the number of items waiting
(issue 19, point 1): grown from 10 to 200 waiting items, the count must not move."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from example_site.portal.models import NoticePage
from wagtail_gov_review.models import Unit, UnitMembership
from wagtail_gov_review.roles import SITE_ADMIN
from wagtail_gov_review.workflows.access import refusal
from wagtail_gov_review.workflows.moderation import decidable_task_states
from wagtail_gov_review.workflows.tasks import ReviewTask

from .waiting_items import add_waiting_items

SMALL, LARGE = 10, 200


@pytest.fixture
def demo(module_demo):
    return module_demo


def dashboard(client, login, username: str) -> tuple[int, str]:
    login(username)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize(
    "username, notice_rows, town_rows",
    [
        # rows per waiting item: Wagtail's "awaiting your review" panel + the by-stage panel
        ("admin", 2, 2),
        ("reviewer1", 2, 2),  # 区政府办公室: a central unit
        ("town_reviewer1", 0, 2),  # 城关镇: its own unit only
        ("town_editor", 0, 1),  # not a reviewer: its own submissions ("your pages in a workflow")
    ],
)
def test_dashboard_queries_do_not_grow_with_items_waiting(
    demo, client, login, django_assert_max_num_queries, username, notice_rows, town_rows
):
    add_waiting_items("notices", SMALL // 2)
    add_waiting_items("town-news", SMALL // 2, owner="town_editor")
    small, html = dashboard(client, login, username)
    assert html.count("待审信息notices") == notice_rows * SMALL // 2
    assert html.count("待审信息town-news") == town_rows * SMALL // 2

    add_waiting_items("notices", (LARGE - SMALL) // 2)
    add_waiting_items("town-news", (LARGE - SMALL) // 2, owner="town_editor")
    with django_assert_max_num_queries(small):
        response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert html.count("待审信息notices") == notice_rows * LARGE // 2
    assert html.count("待审信息town-news") == town_rows * LARGE // 2


@pytest.mark.parametrize(
    "username", ["admin", "reviewer1", "reviewer2", "town_reviewer1", "town_editor", "editor"]
)
def test_bulk_decision_agrees_with_the_rule_for_one_item(demo, username):
    """``decidable_task_states`` is ``access.refusal`` applied to every waiting item."""
    add_waiting_items("notices", 3)
    add_waiting_items("town-news", 3, owner="town_editor")
    add_waiting_items("town-news", 2, owner="town_reviewer1")  # segregation of duties
    town = Unit.objects.get(name="城关镇人民政府")
    items = add_waiting_items("notices", 2, unit_id=town.pk)  # issued by the town
    assert NoticePage.objects.get(pk=items[0].pk).latest_revision.as_object().unit == town
    user = get_user_model().objects.get(username=username)
    for task in ReviewTask.objects.filter(active=True):
        waiting = task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        expected = {state.pk for state in waiting if refusal(task, state, user) is None}
        assert {state.pk for state in decidable_task_states(task, user)} == expected


def _make_overdue(pages) -> None:
    """Every item four days at its stage: each one listed in the manager's overdue list."""
    TaskState.objects.filter(workflow_state__object_id__in=[str(p.pk) for p in pages]).update(
        started_at=timezone.now() - timedelta(days=4)
    )


@pytest.mark.parametrize("username", ["admin", "town_manager"])
def test_manager_panel_queries_do_not_grow_with_items_waiting(
    demo, client, django_assert_max_num_queries, username
):
    """The manager's panel (counts per unit and stage, overdue items, alerts) at 10 and 200
    waiting items, every one of them overdue and listed."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:  # a unit manager of the town (网站管理员 outside the central units)
        user = get_user_model().objects.create_user(username)
        user.groups.add(Group.objects.get(name=SITE_ADMIN.group_name))
        UnitMembership.objects.create(user=user, unit=Unit.objects.get(name="城关镇人民政府"))
    client.force_login(user)
    with override_settings(WAGTAIL_GOV_REVIEW={"DASHBOARD": {"OVERDUE_LISTED": LARGE}}):
        _make_overdue(add_waiting_items("notices", SMALL // 2))
        _make_overdue(add_waiting_items("town-news", SMALL // 2, owner="town_editor"))
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        listed = html.count("在本环节等待超过")
        assert listed == (SMALL if username == "admin" else SMALL // 2)

        _make_overdue(add_waiting_items("notices", (LARGE - SMALL) // 2))
        _make_overdue(add_waiting_items("town-news", (LARGE - SMALL) // 2, owner="town_editor"))
        with django_assert_max_num_queries(len(queries)):
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert html.count("在本环节等待超过") == listed * LARGE // SMALL


@pytest.mark.parametrize("username", ["reviewer1", "town_reviewer1"])
def test_bulk_approval_page_queries_do_not_grow_with_items_waiting(
    demo, client, login, django_assert_max_num_queries, username
):
    """The 批量审核 list reads titles, submitters and check warnings once for all items."""
    url = reverse("gov_review_bulk_approve")
    login(username)
    add_waiting_items("notices", SMALL // 2)
    add_waiting_items("town-news", SMALL // 2, owner="town_editor")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    small = len(queries)
    listed = response.content.decode().count("待审信息")

    add_waiting_items("notices", (LARGE - SMALL) // 2)
    add_waiting_items("town-news", (LARGE - SMALL) // 2, owner="town_editor")
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.content.decode().count("待审信息") == listed * LARGE // SMALL
