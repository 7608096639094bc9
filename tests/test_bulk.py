"""Bulk approval by reviewers and bulk resolution of monitoring findings, through the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from tests.test_workflows import approval, approve, current, new_item, records, run_of, submit
from wagtail_gov_review.models import ReviewAction, ReviewStage, Term, Unit, UnitMembership

User = get_user_model()
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
    data = approval(states[0], comment=comment)
    data.pop("gov_task_state")
    data.update(stage=stage, task_state=[s.pk for s in states], **extra)
    return data


def result_rows(response) -> dict[int, tuple[bool, str]]:
    """``{task_state_id: (approved, row text)}`` from the result table."""
    import re

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
    assert "走访困难群众" in rows[states[1].pk][1] and "未通过" in rows[states[1].pk][1]

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
    approve(client, login, second, "reviewer3")  # someone else approved 初审 of ``second``
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
    assert response.status_code == 200 and "关于开展冬季校园安全检查的通知" in response.content.decode()
    # no opinion: nothing done, the error said
    response = client.post(BULK_URL, bulk_data(ReviewStage.FIRST, [state], comment="  "))
    assert "请填写审核意见" in response.content.decode()
    # a crafted id that is not a number: nothing done
    data = bulk_data(ReviewStage.FIRST, [state])
    data["task_state"] = [str(state.pk), "1 OR 1=1"]
    response = client.post(BULK_URL, data)
    assert "选择无效" in response.content.decode()
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
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_dashboard_links_to_bulk_approval(demo, client, login):
    page = new_item("关于开展冬季燃气安全检查的通知")
    submit(client, login, page)
    login("reviewer1")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{BULK_URL}?stage={ReviewStage.FIRST}" in dashboard
    assert Page.objects.filter(pk=page.pk).exists()
