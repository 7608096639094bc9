"""Unit scope on every admin URL that takes an object id (issue 15, point 3).

The four reproductions drive Wagtail's real URLs as the demo's town users; the route
registry is compared with the live URL conf; every classified route is tried with another
unit's ids.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, TaskState

from wagtail_gov_review.example_site.portal.models import NewsPage
from wagtail_gov_review.security.models import SecurityEvent


@pytest.fixture
def demo(module_demo):
    return module_demo


OFFICE_DRAFT = "2026年度临时救助对象名单公示"  # 通知公告, 区政府办公室, not live
TOWN_ITEM = "關於做好冬季防火工作的通知"  # 乡镇动态, 城关镇人民政府, owner town_editor


def page(title: str) -> Page:
    return Page.objects.get(title=title)


def user(username: str):
    return get_user_model().objects.get(username=username)


CLEAN = "<p>11月20日，城关镇召开冬季安全生产工作会议，部署今冬明春安全生产工作。</p>"


def in_review(column_slug: str, author: str, title: str) -> tuple[Page, TaskState]:
    """A clean draft in ``column_slug`` submitted by its author: its chain waits for review."""
    column = Page.objects.get(slug=column_slug)
    item = column.add_child(
        instance=NewsPage(title=title, slug=f"review-{column_slug}", owner=user(author), live=False)
    )
    item.body = json.dumps([{"type": "paragraph", "value": CLEAN}])
    item.save_revision(user=user(author))
    item.get_workflow().start(item, user(author))
    item.refresh_from_db()
    return item, item.current_workflow_task_state


def test_compare_revisions_of_another_units_draft_refused(demo, client, login):
    other = page(OFFICE_DRAFT)
    revision = other.latest_revision
    login("town_editor")
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[other.pk, revision.pk, revision.pk]
    )
    response = client.get(url)
    assert response.status_code == 403
    assert OFFICE_DRAFT not in response.content.decode()
    assert SecurityEvent.objects.filter(kind="scope_refused", username="town_editor").exists()
    # "earliest...latest" names no revision id: the page id alone is refused.
    url = f"/admin/pages/{other.pk}/revisions/compare/earliest...latest/"
    assert client.get(url).status_code == 403


def test_workflow_action_with_another_units_task_state_refused(demo, client, login):
    own, own_state = in_review("town-news", "town_editor", "城关镇召开冬季安全生产会议")
    other, other_state = in_review("news", "editor", "区政府召开冬季安全生产会议")
    assert own_state.status == other_state.status == TaskState.STATUS_IN_PROGRESS
    login("town_reviewer1")
    # Control: the reviewer's own unit's task state opens the decision modal.
    url = reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "approve", own_state.pk])
    assert client.get(url).status_code == 200
    for name in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[own.pk, "approve", other_state.pk])
        response = client.get(url)
        assert response.status_code == 403, (name, response.status_code)
        assert other.title not in response.content.decode()
    # Posting the decision is refused too, and the other unit's task stays open.
    url = reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "approve", other_state.pk])
    assert client.post(url, {"comment": "同意"}).status_code == 403
    other_state.refresh_from_db()
    assert other_state.status == TaskState.STATUS_IN_PROGRESS


def test_editing_session_ping_for_another_units_page_refused(demo, client, login):
    other = page(OFFICE_DRAFT)
    login("town_editor")
    url = reverse(
        "wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", str(other.pk), 0]
    )
    response = client.post(url)
    assert response.status_code in (403, 404)
    assert "session_id" not in response.content.decode()
    own = page(TOWN_ITEM)
    url = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", own.pk, 0])
    assert client.post(url).status_code == 200


def test_admin_api_move_into_another_units_column_refused(demo, client, login):
    """The destination is in the JSON (or form) body, not in the URL; with a sibling
    position the page lands under the destination's parent, which must be in scope too."""
    own = page(TOWN_ITEM)
    department = Page.objects.get(slug="department-news")  # 区发展和改革局
    login("town_editor")
    url = f"/admin/api/main/pages/{own.pk}/action/move/"
    for content_type, body in (
        ("application/json", {"destination_page_id": department.pk, "position": "last-child"}),
        ("application/json", {"destination_page_id": department.pk}),  # under 政务动态
        ("application/x-www-form-urlencoded", f"destination_page_id={department.pk}"),
    ):
        if content_type == "application/json":
            body = json.dumps(body)
        response = client.post(url, body, content_type=content_type)
        assert response.status_code == 403, response.content[:300]
        own.refresh_from_db()
        assert own.get_parent().slug == "town-news"
    # Control: moving within the own column still works.
    town_news = Page.objects.get(slug="town-news")
    body = json.dumps({"destination_page_id": town_news.pk, "position": "last-child"})
    assert client.post(url, body, content_type="application/json").status_code == 200
