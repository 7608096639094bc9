"""Installing into a new Wagtail site: system checks for every required setting, the first-run
path in the admin (units, memberships, the first column) without a shell (issue 20)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page

from wagtail_gov_review.forms.models import ColumnChangeRequest
from wagtail_gov_review.models import Column, Unit, UnitMembership
from wagtail_gov_review.roles import SITE_ADMIN, SITE_LEADER

RECORDER = {"NAME": "wagtail_gov_review.security.accounts.PasswordChangeRecorder"}


def _check_ids(**settings) -> list[str]:
    with override_settings(**settings):
        return [message.id for message in checks.run_checks(include_deployment_checks=False)]


# --- system checks -------------------------------------------------------------------------


def test_missing_password_change_recorder_is_an_error(db, settings):
    validators = [v for v in settings.AUTH_PASSWORD_VALIDATORS if v != RECORDER]
    assert "wagtail_gov_review.E009" in _check_ids(AUTH_PASSWORD_VALIDATORS=validators)


def test_password_change_recorder_present_passes(db, settings):
    assert "wagtail_gov_review.E009" not in _check_ids()


@pytest.mark.parametrize(
    "cluster",
    [
        {"name": "gov_review", "orm": "default"},  # the README's old advice
        {"name": "gov_review", "orm": "default", "timeout": 60, "retry": 120},
        {"name": "gov_review", "orm": "default", "timeout": 1800, "retry": 1800},
    ],
)
def test_task_queue_without_room_for_the_rescan_is_reported(db, cluster):
    assert "wagtail_gov_review.W008" in _check_ids(Q_CLUSTER=cluster)


def test_recommended_task_queue_passes(db):
    cluster = {"name": "gov_review", "orm": "default", "timeout": 1800, "retry": 3600}
    assert "wagtail_gov_review.W008" not in _check_ids(Q_CLUSTER=cluster)


# --- gov_review_setup ------------------------------------------------------------------------


def test_setup_gives_site_admins_what_the_first_run_needs(db):
    call_command("gov_review_setup", stdout=open("/dev/null", "w"))
    admins = Group.objects.get(name=SITE_ADMIN.group_name).permissions.values_list(
        "codename", flat=True
    )
    for codename in (
        "add_unit",
        "add_unitmembership",
        "view_column",
        "add_columnchangerequest",
        "approve_columnchangerequest",
        "approve_accountrequest",
    ):
        assert codename in admins
    leaders = Group.objects.get(name=SITE_LEADER.group_name).permissions.values_list(
        "codename", flat=True
    )
    assert "approve_columnchangerequest" in leaders


# --- the first run in the admin ---------------------------------------------------------------


@pytest.fixture
def new_site(db):
    """What `wagtail start` + migrate + createsuperuser + gov_review_setup leave: a home page,
    one superuser, no unit, no column."""
    call_command("gov_review_setup", stdout=open("/dev/null", "w"))
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="首页", slug="home-new"))
    news = home.add_child(instance=Page(title="政务动态", slug="news"))
    notices = home.add_child(instance=Page(title="通知公告", slug="notices"))
    admin = get_user_model().objects.create_superuser("root", "root@site.invalid", "x")
    return {"home": home, "news": news, "notices": notices, "admin": admin}


def _request_column(client, unit: Unit, page: Page, kind: str = "news"):
    return client.post(
        reverse("gov_review_column_requests:add"),
        {"operation": "add", "unit": unit.pk, "page": page.pk, "kind": kind, "reason": "开设栏目"},
    )


def _decide(client, request: ColumnChangeRequest):
    return client.post(
        reverse("gov_review_column_requests:decide", args=[request.pk]),
        {"approve": "1", "opinion": "同意"},
        follow=True,
    )


def test_first_run_creates_unit_membership_and_first_column_in_the_admin(new_site, client):
    admin = new_site["admin"]
    client.force_login(admin)

    response = client.post(
        reverse("gov_review_units:add"), {"name": "区数据资源中心", "kind": "data_center"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(name="区数据资源中心")

    response = client.post(
        reverse("gov_review_unit_memberships:add"),
        {"user": admin.pk, "unit": unit.pk, "position": "网站管理员"},
    )
    assert response.status_code == 302
    assert UnitMembership.objects.filter(user=admin, unit=unit).exists()

    assert _request_column(client, unit, new_site["news"]).status_code == 302
    request = ColumnChangeRequest.objects.get(page=new_site["news"])
    response = _decide(client, request)
    assert response.status_code == 200
    column = Column.objects.get(page=new_site["news"])
    assert column.unit == unit
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == admin == request.requested_by


def test_only_the_first_column_may_be_self_approved(new_site, client):
    client.force_login(new_site["admin"])
    unit = Unit.objects.create(name="区政府办公室", kind="government_office")
    for page in (new_site["news"], new_site["notices"]):
        _request_column(client, unit, page)
        _decide(client, ColumnChangeRequest.objects.get(page=page))
    assert Column.objects.filter(page=new_site["news"]).exists()
    assert not Column.objects.filter(page=new_site["notices"]).exists()
    assert ColumnChangeRequest.objects.get(page=new_site["notices"]).status == "pending"


def test_first_column_needs_a_second_approver_when_one_exists(new_site, client):
    get_user_model().objects.create_superuser("second", "second@site.invalid", "x")
    client.force_login(new_site["admin"])
    unit = Unit.objects.create(name="区政府办公室", kind="government_office")
    _request_column(client, unit, new_site["news"])
    _decide(client, ColumnChangeRequest.objects.get(page=new_site["news"]))
    assert not Column.objects.exists()
    assert ColumnChangeRequest.objects.get(page=new_site["news"]).status == "pending"


# --- unit scope of the unit screens -----------------------------------------------------------


@pytest.fixture
def two_units(db):
    User = get_user_model()
    office = Unit.objects.create(name="区政府办公室", kind="government_office")
    town = Unit.objects.create(name="城关镇人民政府", kind="town")
    clerk = User.objects.create_user("town_admin", password="x")
    clerk.groups.add(Group.objects.get_or_create(name=SITE_ADMIN.group_name)[0])
    call_command("gov_review_setup", stdout=open("/dev/null", "w"))
    UnitMembership.objects.create(user=clerk, unit=town)
    colleague = User.objects.create_user("office_clerk", password="x")
    office_membership = UnitMembership.objects.create(user=colleague, unit=office)
    return {"office": office, "town": town, "clerk": clerk, "office_m": office_membership}


def test_unit_screens_list_only_the_users_units(two_units, client):
    client.force_login(two_units["clerk"])
    html = client.get(reverse("gov_review_units:index")).content.decode()
    assert "城关镇人民政府" in html and "区政府办公室" not in html
    html = client.get(reverse("gov_review_unit_memberships:index")).content.decode()
    assert "town_admin" in html and "office_clerk" not in html


REFUSED = (403, 404)  # the unit-scope middleware answers first (403); the views' own is 404


def test_another_units_objects_are_refused(two_units, client):
    client.force_login(two_units["clerk"])
    office, membership = two_units["office"], two_units["office_m"]
    assert client.get(reverse("gov_review_units:edit", args=[office.pk])).status_code in REFUSED
    response = client.post(
        reverse("gov_review_units:edit", args=[office.pk]), {"name": "改名", "kind": "town"}
    )
    assert response.status_code in REFUSED
    for name in ("inspect", "history", "usage", "delete"):
        url = reverse(f"gov_review_units:{name}", args=[office.pk])
        assert client.get(url).status_code in REFUSED, name
        url = reverse(f"gov_review_unit_memberships:{name}", args=[membership.pk])
        assert client.get(url).status_code in REFUSED, name
    url = reverse("gov_review_unit_memberships:delete", args=[membership.pk])
    assert client.post(url).status_code in REFUSED
    assert UnitMembership.objects.filter(pk=membership.pk).exists()
    office.refresh_from_db()
    assert office.name == "区政府办公室"


def test_membership_cannot_be_added_to_another_unit(two_units, client):
    client.force_login(two_units["clerk"])
    response = client.post(
        reverse("gov_review_unit_memberships:add"),
        {"user": two_units["clerk"].pk, "unit": two_units["office"].pk},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not UnitMembership.objects.filter(
        user=two_units["clerk"], unit=two_units["office"]
    ).exists()


# --- uninstall --------------------------------------------------------------------------------


def test_uninstall_detaches_the_chain_and_keeps_every_page(demo):
    from django_q.models import Schedule
    from wagtail.models import WorkflowPage, WorkflowState

    from wagtail_gov_review.uninstall import plugin_workflows

    User = get_user_model()
    editor = User.objects.get(username="editor")
    item = Page.objects.get(title="2026年度临时救助对象名单公示").specific
    workflow = item.get_workflow()
    assert workflow is not None and workflow in plugin_workflows()
    item.save_revision(user=editor)
    workflow.start(item, editor)
    assert WorkflowState.objects.active().filter(object_id=str(item.pk)).exists()
    pages_before = set(Page.objects.values_list("pk", "title"))

    call_command("gov_review_uninstall", stdout=open("/dev/null", "w"))

    assert not plugin_workflows().exists()
    assert not WorkflowPage.objects.filter(workflow__in=[workflow]).exists()
    assert (
        not WorkflowState.objects.active().filter(object_id=str(item.pk)).exists()
    )  # not stuck in review
    item.refresh_from_db()
    assert item.get_workflow() is None  # later submissions start no chain
    assert not Schedule.objects.filter(name__startswith="gov_review").exists()
    assert set(Page.objects.values_list("pk", "title")) == pages_before
    call_command("gov_review_uninstall", stdout=open("/dev/null", "w"))  # idempotent


def test_unit_screens_stay_scoped_without_the_middleware(two_units, client, settings):
    """The views scope themselves too, for sites that leave UnitScopeMiddleware out."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("UnitScopeMiddleware")]
    client.force_login(two_units["clerk"])
    office = two_units["office"]
    assert client.get(reverse("gov_review_units:edit", args=[office.pk])).status_code == 404
    url = reverse("gov_review_unit_memberships:delete", args=[two_units["office_m"].pk])
    assert client.post(url).status_code == 404
    assert UnitMembership.objects.filter(pk=two_units["office_m"].pk).exists()
