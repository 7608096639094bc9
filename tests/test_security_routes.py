"""Unit scope on every admin URL that takes an object id (issue 15, point 3).

The four reproductions drive Wagtail's real URLs as the demo's town users; the route
registry is compared with the live URL conf; every classified route is tried with another
unit's ids.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, TaskState

from example_site.portal.models import NewsPage
from wagtail_gov_review.models import Column, ReviewRecord, Unit
from wagtail_gov_review.security.models import SecurityEvent
from wagtail_gov_review.security.route_rules import PAGE, UNIT
from wagtail_gov_review.security.routes import APP, ROUTE_SCOPES
from wagtail_gov_review.security.urlconf import (
    TABLE_END,
    TABLE_START,
    routes_with_arguments,
    scope_table,
    with_table,
)


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
    url = reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, revision.pk, revision.pk])
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
        assert "链接中的编号不属于同一页面" in response.content.decode()
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


# --- The registry against the live URL conf and the docs ---------------------------------

DOC = Path(__file__).resolve().parents[1] / "docs" / "security.md"


def test_every_url_pattern_with_ids_is_classified():
    """A route Wagtail or a feature adds without a rule in ``security.routes`` fails here."""
    live = {route.view_name for route in routes_with_arguments()}
    unclassified = sorted(live - set(ROUTE_SCOPES))
    stale = sorted(set(ROUTE_SCOPES) - live)
    assert not unclassified, f"classify these routes in security/routes.py: {unclassified}"
    assert not stale, f"these classified routes no longer exist: {stale}"


@pytest.mark.skipif(not DOC.exists(), reason="docs/ is not shipped with the package")
def test_docs_table_is_generated_from_the_registry():
    document = DOC.read_text(encoding="utf-8")
    assert with_table(document, scope_table()) == document, (
        "docs/security.md is out of date: run "
        "`python manage.py gov_review_scope_table --write docs/security.md`"
    )


def test_scope_table_command_prints_the_table(tmp_path):
    out = io.StringIO()
    call_command("gov_review_scope_table", stdout=out)
    assert out.getvalue() == scope_table()
    target = tmp_path / "doc.md"
    target.write_text(f"# t\n{TABLE_START}\nold\n{TABLE_END}\nafter\n", encoding="utf-8")
    call_command("gov_review_scope_table", write=str(target), stdout=io.StringIO())
    assert (
        target.read_text(encoding="utf-8")
        == f"# t\n{TABLE_START}\n{scope_table()}{TABLE_END}\nafter\n"
    )


# --- Every scoped route, tried with another unit's ids ------------------------------------

SCOPED_ROUTES = sorted(name for name, rule in ROUTE_SCOPES.items() if rule.category in (PAGE, UNIT))
KWARG_NAMES = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


@pytest.fixture
def foreign_ids(demo):
    """Ids of the 区政府办公室's objects, by URL kwarg name (what town_editor would type)."""
    other = page(OFFICE_DRAFT)
    admin = user("admin")
    office = Unit.objects.get(name="区政府办公室")
    state = other.specific.get_workflow().start(other.specific, user("editor"))
    task_state = state.task_states.first()
    revision = other.latest_revision
    rows = {
        "ReviewRecord": ReviewRecord.objects.filter(unit_name="区政府办公室").first(),
        "PostPublishReview": apps.get_model(APP, "PostPublishReview").objects.create(
            page=other, revision=revision
        ),
        "PublishDateChange": apps.get_model(APP, "PublishDateChange").objects.create(
            page=other, page_id_snapshot=other.pk, field="first_published_at"
        ),
        "Column": Column.objects.filter(unit=office).first(),
        "ColumnChangeRequest": apps.get_model(APP, "ColumnChangeRequest")
        .objects.filter(unit=office)
        .first(),
        "AccountRequest": apps.get_model(APP, "AccountRequest").objects.create(
            unit=office,
            username="office_new",
            role="editor",
            reason="新增信息员",
            holder_name="钱某某",
            phone="0731-12345678",
            valid_from="2026-01-01",
            valid_until="2026-12-31",
            requested_by=admin,
        ),
        "InformationOfficerChange": apps.get_model(APP, "InformationOfficerChange").objects.create(
            unit=office, kind="add", officer_name="钱某某"
        ),
        "Unit": office,
        "UnitMembership": apps.get_model(APP, "UnitMembership").objects.filter(unit=office).first(),
    }
    # The town editor may view the archive and the registers (as a unit's 信息员 might), so
    # a refusal below comes from the unit scope, not from a missing model permission.
    viewers = Group.objects.create(name="档案查看")
    viewers.permissions.add(
        *Permission.objects.filter(content_type__app_label=APP, codename__startswith="view_")
    )
    user("town_editor").groups.add(viewers)
    page_ids = {name: other.pk for name in ("page_id", "parent_page_id", "page_to_move_id")}
    return (
        other,
        rows,
        {
            **page_ids,
            "page_pk": other.pk,
            "destination_id": other.pk,
            "revision_id": revision.pk,
            "revision_id_a": revision.pk,
            "revision_id_b": revision.pk,
            "task_state_id": task_state.pk,
            "workflow_state_id": state.pk,
            "task_id": task_state.task_id,
            "workflow_pk": state.workflow_id,
            "action_name": "approve",
            "app_label": "wagtailcore",
            "model_name": "page",
            "object_id": str(other.pk),
            "session_id": 0,
            "content_type_app_name": "portal",
            "content_type_model_name": "newspage",
            "form": "responsibility",
            "fmt": "html",
        },
    )


# What the other unit's rows hold that must not be shown (an account holder's name, phone).
SECRETS = ("钱某某", "0731-12345678")


def _row_for(rule, rows):
    return rows[rule.model.split(".")[1]]


@pytest.mark.parametrize("view_name", SCOPED_ROUTES)
def test_every_scoped_route_refuses_another_units_ids(foreign_ids, client, login, view_name):
    other, rows, sample = foreign_ids
    rule = ROUTE_SCOPES[view_name]
    login("town_editor")
    patterns = [r.pattern for r in routes_with_arguments() if r.view_name == view_name]
    assert patterns
    for pattern in patterns:
        names = [a or b for a, b in KWARG_NAMES.findall(pattern)]
        kwargs = {name: sample[name] for name in names if name != "pk"}
        if "pk" in names:
            kwargs["pk"] = _row_for(rule, rows).pk if hasattr(rule, "model") else other.pk
        missing = set(names) - set(kwargs)
        assert not missing, f"add sample ids for {missing} to foreign_ids"
        url = reverse(view_name, kwargs=kwargs)
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        content = response.content.decode()
        for secret in (other.title, *SECRETS):
            assert secret not in content, (url, secret)
        if view_name == "wagtailadmin_api:pages:action":
            response = client.post(url, "{}", content_type="application/json")
            assert response.status_code == 403, url


UNCLASSIFIED_URLCONF = "tests.urls_unclassified"


def test_a_new_unclassified_admin_route_is_reported_and_closed(demo, client, login):
    """What happens when Wagtail adds an admin route with an id that nobody classified."""
    routes = routes_with_arguments(UNCLASSIFIED_URLCONF)
    assert [r.view_name for r in routes if r.view_name not in ROUTE_SCOPES] == [
        "unclassified_probe"
    ]
    assert "| `unclassified_probe` | **unclassified** |" in scope_table(UNCLASSIFIED_URLCONF)
    own = page(TOWN_ITEM)
    with override_settings(ROOT_URLCONF=UNCLASSIFIED_URLCONF):
        login("town_editor")
        response = client.get(f"/admin/new-wagtail-view/{own.pk}/")
        assert response.status_code == 403
        assert "尚未纳入单位范围检查" in response.content.decode()
        login("admin")  # no scope to check: the view answers
        assert client.get(f"/admin/new-wagtail-view/{own.pk}/").status_code == 200


def test_own_units_rows_and_pages_still_open(foreign_ids, client, login):
    """The rules refuse other units' objects only: the town's own records open."""
    town = Unit.objects.get(name="城关镇人民政府")
    change = apps.get_model(APP, "InformationOfficerChange").objects.create(
        unit=town, kind="add", officer_name="孙某某"
    )
    login("town_editor")
    response = client.get(reverse("gov_review_officer_changes:inspect", args=[change.pk]))
    assert response.status_code == 200
    assert "孙某某" in response.content.decode()
    own = page(TOWN_ITEM)
    revision = own.latest_revision
    url = reverse("wagtailadmin_pages:revisions_compare", args=[own.pk, revision.pk, revision.pk])
    assert client.get(url).status_code == 200


def test_record_of_a_deleted_page_stays_with_the_central_units(foreign_ids, client, login):
    _other, rows, _sample = foreign_ids
    record = rows["ReviewRecord"]
    record.page.delete()
    record.refresh_from_db()
    assert record.page_id is None
    url = reverse("gov_review_records:inspect", args=[record.pk])
    login("town_editor")
    assert client.get(url).status_code == 403
    login("admin")
    assert client.get(url).status_code == 200


def test_api_destination_spelled_another_way_is_still_resolved(demo, client, login):
    """The body is read by the action's own serializer: DRF takes ``"12.0"``, ``12.0`` and
    ``" 12"`` as 12, so the scope check must too."""
    own = page(TOWN_ITEM)
    department = Page.objects.get(slug="department-news")
    login("town_editor")
    url = f"/admin/api/main/pages/{own.pk}/action/move/"
    for destination in (f"{department.pk}.0", float(department.pk), f" {department.pk}"):
        body = json.dumps({"destination_page_id": destination, "position": "last-child"})
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 403, (destination, response.status_code)
        own.refresh_from_db()
        assert own.get_parent().slug == "town-news", destination


@pytest.mark.parametrize("spelling", ["{}", " {}", "{} "])
def test_bulk_move_destination_spelled_another_way_refused(demo, client, login, spelling):
    """The bulk move form looks the destination up like ``int()`` does (" 12" is 12)."""
    own = page(TOWN_ITEM)
    department = Page.objects.get(slug="department-news")
    login("town_editor")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
    response = client.post(
        f"{url}?id={own.pk}&next=/admin/", {"chooser": spelling.format(department.pk)}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.get_parent().slug == "town-news"
