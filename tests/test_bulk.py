"""Bulk approval by reviewers and bulk resolution of monitoring findings, through the admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from tests.admin_language import untranslated
from tests.test_workflows import approve, current, new_item, records, run_of, submit
from wagtail_gov_review.models import ReviewAction, ReviewStage, Term, Unit, UnitMembership
from wagtail_gov_review.monitoring.models import RunKind, ScanFinding
from wagtail_gov_review.monitoring.recording import Problem, record
from wagtail_gov_review.workflows.forms import CHECK_PREFIX, checklist_items

User = get_user_model()


def usernames() -> frozenset[str]:
    return frozenset(User.objects.values_list("username", flat=True))


BULK_URL = reverse("gov_review_bulk_approve")
TOWN = "城关镇人民政府"


@pytest.fixture
def demo(module_demo):
    return module_demo


def town_reviewer(stage_group: str, username: str) -> User:
    """A reviewer of the town unit (not central) at the stage ``stage_group``."""
    user = User.objects.create_user(username, f"{username}@demo.invalid", "x", last_name="镇")
    user.groups.add(Group.objects.get(name=stage_group))
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name=TOWN))
    return user


def at_final_stage(client, login, title, column="town-news", owner="town_editor", body=None):
    """A submitted item approved at the first two stages by the district's reviewers."""
    kwargs = {"body": body} if body else {}
    page = new_item(title, column=column, owner=owner, **kwargs)
    submit(client, login, page, username=owner)
    approve(client, login, page, "reviewer1")
    approve(client, login, page, "reviewer2")
    assert current(page).task.specific.stage == ReviewStage.FINAL
    return page


def bulk_data(stage, states, comment="经审核，内容准确，同意发布。", **extra):
    """The bulk form of ``stage`` filled in: opinion, every checkpoint ticked, ``states``."""
    data = {CHECK_PREFIX + item.code: "on" for item in checklist_items(stage)}
    data.update(comment=comment, stage=stage, task_state=[s.pk for s in states], **extra)
    return data


def result_rows(response) -> dict[int, tuple[bool, str]]:
    """``{task_state_id: (approved, row text)}`` from the result table."""
    html = response.content.decode()
    rows = re.findall(
        r'data-gov-bulk-result="(\d+)" data-approved="([01])">(.*?)</tr>', html, flags=re.S
    )
    return {int(pk): (flag == "1", re.sub(r"<[^>]+>", " ", text)) for pk, flag, text in rows}


def test_bulk_approval_approves_only_what_the_gate_and_the_unit_allow(demo, client, login):
    final = town_reviewer("终审终校", "town_final")
    clean = at_final_stage(client, login, "城关镇开展冬季消防安全检查")
    gated = at_final_stage(
        client,
        login,
        "城关镇开展冬季送温暖活动",
        body="<p>城关镇开展冬季送温暖活动，走访困难群众一百二十户。</p>",
    )
    district = at_final_stage(
        client, login, "关于做好今冬明春安全生产工作的通知", column="notices", owner="editor"
    )
    # A term listed after the item passed the automated check: the gate would refuse it now.
    Term.objects.create(category="prohibited", term="走访困难群众")
    states = [current(clean), current(gated), current(district)]

    login("town_final")
    client.get(BULK_URL)  # shows (and consumes) the messages of the earlier approvals
    page = client.get(BULK_URL).content.decode()
    assert "城关镇开展冬季消防安全检查" in page and "城关镇开展冬季送温暖活动" in page
    assert "关于做好今冬明春安全生产工作的通知" not in page  # another unit's: not offered
    response = client.post(BULK_URL, bulk_data(ReviewStage.FINAL, states))  # + crafted id
    assert response.status_code == 200
    rows = result_rows(response)

    # exactly one approved, and it went live through the chain's own ending
    assert [pk for pk, (ok, _text) in rows.items() if ok] == [states[0].pk]
    clean.refresh_from_db()
    assert clean.live and run_of(clean).status == WorkflowState.STATUS_APPROVED
    [record] = records(clean, stage=ReviewStage.FINAL, action=ReviewAction.APPROVE)
    assert record.user_id == final.pk and record.opinion == "经审核，内容准确，同意发布。"
    assert record.checklist and all(v["checked"] for v in record.checklist.values())
    assert "已发布" in rows[states[0].pk][1]

    # the gate's refusal stops that item at its stage, with the reason shown
    for state in states[1:]:
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_IN_PROGRESS
    gated.refresh_from_db()
    assert not gated.live
    assert not records(gated, stage=ReviewStage.FINAL)
    assert "走访困难群众" in rows[states[1].pk][1] and "发布将被拒绝" in rows[states[1].pk][1]

    # the other unit's item: not approved, not named, and the reason said
    district.refresh_from_db()
    assert not district.live and not records(district, stage=ReviewStage.FINAL)
    assert "关于做好今冬明春安全生产工作的通知" not in response.content.decode()
    assert "不在您单位的范围内" in rows[states[2].pk][1]
    assert "批准了 1 项，共 3 项" in response.content.decode()


def test_bulk_approval_keeps_one_person_per_stage(demo, client, login):
    reviewer1 = User.objects.get(username="reviewer1")
    reviewer1.groups.add(Group.objects.get(name="复审复校"))
    first = new_item("关于开展冬季河道清理工作的通知")
    second = new_item("关于开展冬季森林防火检查的通知")
    for page in (first, second):
        submit(client, login, page)
    approve(client, login, first, "reviewer1")  # reviewer1 approved 初审 of ``first``
    approve(client, login, second, "admin")  # someone else approved 初审 of ``second``
    states = [current(first), current(second)]
    assert {s.task.specific.stage for s in states} == {ReviewStage.SECOND}

    login("reviewer1")
    response = client.post(BULK_URL, bulk_data(ReviewStage.SECOND, states))
    rows = result_rows(response)
    assert rows[states[0].pk][0] is False and "同一人不能审核两个环节" in rows[states[0].pk][1]
    assert rows[states[1].pk][0] is True
    states[0].refresh_from_db()
    states[1].refresh_from_db()
    assert states[0].status == TaskState.STATUS_IN_PROGRESS
    assert states[1].status == TaskState.STATUS_APPROVED
    assert states[1].finished_by_id == reviewer1.pk


def test_bulk_approval_needs_an_opinion_and_a_post(demo, client, login):
    page = new_item("关于开展冬季校园安全检查的通知")
    submit(client, login, page)
    state = current(page)
    login("reviewer1")
    # a GET never decides, whatever it carries
    response = client.get(BULK_URL, bulk_data(ReviewStage.FIRST, [state]))
    assert (
        response.status_code == 200
        and "关于开展冬季校园安全检查的通知" in response.content.decode()
    )
    # no opinion: nothing done, the error said
    response = client.post(BULK_URL, bulk_data(ReviewStage.FIRST, [state], comment="  "))
    assert "请填写审核意见" in response.content.decode()
    # a crafted id that is not a number: nothing done
    data = bulk_data(ReviewStage.FIRST, [state])
    data["task_state"] = [str(state.pk), "1 OR 1=1"]
    response = client.post(BULK_URL, data)
    assert "选择无效" in response.content.decode()
    # more than one request should carry: refused as a whole
    data["task_state"] = [str(state.pk)] + [str(10**6 + n) for n in range(50)]
    response = client.post(BULK_URL, data)
    assert "一次最多选择 50 条信息" in response.content.decode()
    # without the CSRF token: refused by Django before anything runs
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="reviewer1"))
    assert strict.post(BULK_URL, bulk_data(ReviewStage.FIRST, [state])).status_code == 403
    # an editor (no reviewer of the stage) posting the item: refused for it, with the reason
    login("editor")
    rows = result_rows(client.post(BULK_URL, bulk_data(ReviewStage.FIRST, [state])))
    assert rows[state.pk][0] is False and "环节的审核人" in rows[state.pk][1]
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not records(page, action=ReviewAction.APPROVE)


def test_bulk_approval_refuses_a_stage_the_items_are_not_at(demo, client, login):
    page = new_item("关于开展冬季食品安全检查的通知")
    submit(client, login, page)
    state = current(page)
    login("admin")
    response = client.post(BULK_URL, bulk_data(ReviewStage.SECOND, [state]))
    rows = result_rows(response)
    assert rows[state.pk][0] is False and "初审初校" in rows[state.pk][1]
    # the page with its result table and forms speaks Chinese
    assert untranslated(response.content.decode(), usernames()) == set()
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_dashboard_links_to_bulk_approval(demo, client, login):
    page = new_item("关于开展冬季燃气安全检查的通知")
    submit(client, login, page)
    login("reviewer1")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{BULK_URL}?stage={ReviewStage.FIRST}" in dashboard
    assert Page.objects.filter(pk=page.pk).exists()


# -- bulk resolve of monitoring findings -----------------------------------------------------


def finding(page, code, text):
    return ScanFinding.objects.create(
        source=RunKind.RESCAN,
        page=page,
        code=code,
        severity="block",
        text=text,
        fingerprint=ScanFinding.make_fingerprint(str(page.pk), code, text),
    )


def town_manager() -> User:
    """A town officer who may see and resolve findings: of the town's pages only."""
    user = User.objects.create_user("town_manager", "tm@demo.invalid", "x", last_name="镇")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_gov_review",
            codename__in=["view_scanfinding", "change_scanfinding"],
        ),
        Permission.objects.get(codename="access_admin"),
    )
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name=TOWN))
    return user


def test_bulk_resolve_marks_only_the_users_units_findings_with_who_when_and_note(
    demo, client, login
):
    town_page = Page.objects.get(slug="town-news").get_children().first()
    district_page = Page.objects.get(slug="notices").get_children().first()
    ours = [finding(town_page, "typo", "防汛值班"), finding(town_page, "link.broken", "http://x")]
    theirs = finding(district_page, "typo", "其他单位的错字")
    user = town_manager()
    login("town_manager")

    listing = client.get(reverse("gov_review_monitoring:findings")).content.decode()
    assert "防汛值班" in listing and "其他单位的错字" not in listing  # the list is scoped too
    url = reverse("gov_review_monitoring:resolve_findings")
    # a GET changes nothing
    assert client.get(url, {"finding": [f.pk for f in ours], "note": "x"}).status_code == 405
    # no note: nothing changed, the reason said
    response = client.post(url, {"finding": [f.pk for f in ours], "note": " "}, follow=True)
    assert "请填写处理说明" in response.content.decode()
    assert not ScanFinding.objects.filter(resolved=True).exists()

    note = "已更正错别字，联系人13812345678"
    response = client.post(
        url, {"finding": [f.pk for f in ours] + [theirs.pk], "note": note}, follow=True
    )
    html = response.content.decode()
    assert "已将 2 个问题标记为已处理" in html
    assert "所选问题中有 1 个不在您单位的范围内" in html and "其他单位的错字" not in html
    for row in ScanFinding.objects.filter(pk__in=[f.pk for f in ours]):
        assert row.resolved and row.resolved_by_id == user.pk and row.resolved_at is not None
        assert (
            row.resolution_note.startswith("已更正错别字")
            and "13812345678" not in row.resolution_note
        )
    theirs.refresh_from_db()
    assert not theirs.resolved and theirs.resolved_by is None
    resolved = client.get(reverse("gov_review_monitoring:findings"), {"status": "resolved"})
    assert "已更正错别字" in resolved.content.decode()
    assert untranslated(listing, usernames()) == set()
    assert untranslated(resolved.content.decode(), usernames()) == set()

    # posted again: already resolved, said so; and a crafted id that is no number changes nothing
    response = client.post(url, {"finding": [ours[0].pk], "note": "再次"}, follow=True)
    assert "所选问题中有 1 个此前已处理" in response.content.decode()
    response = client.post(url, {"finding": [theirs.pk, "x"], "note": "再次"}, follow=True)
    assert "选择无效" in response.content.decode()
    too_many = [theirs.pk] + [10**6 + n for n in range(500)]
    response = client.post(url, {"finding": too_many, "note": "再次"}, follow=True)
    assert "一次最多选择 500 个问题" in response.content.decode()
    theirs.refresh_from_db()
    assert not theirs.resolved


def test_a_later_run_that_finds_the_problem_again_reopens_a_resolved_finding(demo):
    page = Page.objects.get(slug="town-news").get_children().first()
    problem = Problem(page_id=page.pk, field="body", code="typo", severity="warn", text="防汛值班")
    record(RunKind.RESCAN, [page.pk], [problem])
    row = ScanFinding.objects.get(page=page, code="typo")
    ScanFinding.objects.filter(pk=row.pk).update(
        resolved=True, resolved_by=User.objects.get(username="admin"), resolution_note="已处理"
    )
    record(RunKind.RESCAN, [page.pk], [problem])
    row.refresh_from_db()
    assert not row.resolved and row.resolved_by is None and row.resolution_note == ""
