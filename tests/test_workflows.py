"""The 三审三校 chain driven through the real admin: submit in the page editor, decide on
Wagtail's workflow action URLs, and check task states, records and the live page."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from example_site.portal.models import NoticePage
from wagtail_gov_review.models import (
    Column,
    ImmutableRecordError,
    ReviewAction,
    ReviewRecord,
    ReviewStage,
)
from wagtail_gov_review.models.stages import ColumnStageAssignment
from wagtail_gov_review.workflows.decisions import ReviewRefused
from wagtail_gov_review.workflows.forms import CHECK_PREFIX, checklist_items
from wagtail_gov_review.workflows.status import review_completed_for
from wagtail_gov_review.workflows.tasks import ReviewTask

CLEAN_BODY = "<p>各街道、各有关部门：现将今冬供暖保障有关事项通知如下。</p>"
PII_BODY = "<p>申请人陈某某，身份证号：110101199003074516。</p>"
WARN_BODY = "<p>区国土资源局开展土地卫片执法检查。</p>"

User = get_user_model()
BOOLEAN_FIELDS = (
    "involves_secret",
    "involves_sensitive",
    "is_emergency",
    "issued_in_government_name",
)


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


# -- helpers ---------------------------------------------------------------------------


def new_item(title, body=CLEAN_BODY, column="notices", owner="editor", **fields):
    """A draft item written by ``owner`` in ``column``."""
    parent = Page.objects.get(slug=column).specific
    page = NoticePage(
        title=title,
        slug=f"t-{abs(hash(title)) % 10**8}",
        body=body,
        owner=User.objects.get(username=owner),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision(user=page.owner)
    return page


def submit(client, login, page, username="editor", **changes):
    """Submit for moderation through the page editor, as Wagtail's own form posts it."""
    login(username)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200, response
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # Django's checkboxes carry no value attribute; the helper would post "" for them.
    for name in BOOLEAN_FIELDS:
        if getattr(page, name):
            data[name] = "on"
    for name, value in changes.items():
        data[name] = rich_text(value) if name == "body" else value
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    # follow the redirect: shows (and consumes) the messages, as the browser would
    return client.get(response.url)


def run_of(page) -> WorkflowState:
    return WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()


def current(page) -> TaskState:
    state = run_of(page)
    state.refresh_from_db()
    return state.current_task_state.specific


def approval(task_state, comment="内容准确，同意发布。", ack=False):
    data = {"comment": comment, "gov_task_state": task_state.pk}
    for item in checklist_items(task_state.task.specific.stage):
        data[CHECK_PREFIX + item.code] = "on"
    if ack:
        data["acknowledge_warnings"] = "on"
    return data


def act(client, login, page, username, action, data, xhr=False):
    login(username)
    task_state = current(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    return client.post(url, data, **headers)


def approve(client, login, page, username, **kwargs):
    state = current(page)
    response = act(client, login, page, username, "approve", approval(state, **kwargs))
    assert response.status_code == 302
    state.refresh_from_db()
    return state


def stage_of(task_state) -> str:
    return task_state.task.specific.stage


def records(page, **filters):
    return list(ReviewRecord.objects.filter(page_id_snapshot=page.pk, **filters))


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


# -- the chain ----------------------------------------------------------------------------


def test_full_chain_takes_a_clean_item_live_with_a_record_per_decision(demo, client, login):
    page = new_item("关于开展冬季安全检查的通知")
    submit(client, login, page)
    state = current(page)
    assert stage_of(state) == ReviewStage.FIRST  # 智能校对 passed by itself
    for username, stage in [
        ("reviewer1", ReviewStage.FIRST),
        ("reviewer2", ReviewStage.SECOND),
        ("reviewer3", ReviewStage.FINAL),
    ]:
        assert stage_of(current(page)) == stage
        assert approve(client, login, page, username).status == TaskState.STATUS_APPROVED

    page.refresh_from_db()
    run = run_of(page)
    assert run.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert page.live_revision_id == page.latest_revision_id
    assert review_completed_for(page.live_revision)

    actions = [(r.stage, r.action, r.user_name) for r in records(page)]
    assert actions == [
        (ReviewStage.AUTO_CHECK, ReviewAction.CHECK_PASSED, ""),
        (ReviewStage.FIRST, ReviewAction.APPROVE, "李科长"),
        (ReviewStage.SECOND, ReviewAction.APPROVE, "张副主任"),
        (ReviewStage.PRINCIPAL_LEADER, ReviewAction.SKIP, ""),
        (ReviewStage.GOVERNMENT_OFFICE, ReviewAction.SKIP, ""),
        (ReviewStage.SITE_LEADER, ReviewAction.SKIP, ""),
        (ReviewStage.FINAL, ReviewAction.APPROVE, "陈主任"),
    ]
    first = records(page, stage=ReviewStage.FIRST)[0]
    assert first.opinion == "内容准确，同意发布。"
    assert first.role == "初审初校"
    assert first.unit_name == "区政府办公室"
    assert first.column_name == "通知公告"
    assert first.revision_id == page.live_revision_id
    assert first.checklist and all(v["checked"] for v in first.checklist.values())
    assert "typos" in first.checklist


def test_demo_live_items_went_through_the_chain(demo):
    page = Page.objects.get(title="关于做好今冬供暖保障工作的通知")
    assert page.live
    assert review_completed_for(page.live_revision)
    approvals = records(page, action=ReviewAction.APPROVE)
    assert [r.stage for r in approvals] == [
        ReviewStage.FIRST,
        ReviewStage.SECOND,
        ReviewStage.FINAL,
    ]
    assert all(r.opinion for r in approvals)


def test_approve_needs_an_opinion_and_the_checklist(demo, client, login):
    page = new_item("关于征集民生实事项目的公告")
    submit(client, login, page)
    state = current(page)
    data = approval(state, comment="  ")
    data.pop(CHECK_PREFIX + "typos")
    response = act(client, login, page, "reviewer1", "approve", data, xhr=True)
    body = json.loads(response.content)["html"]
    assert "请填写审核意见" in body
    assert "请确认此项审核要点" in body
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not records(page, action=ReviewAction.APPROVE)


def test_reject_needs_a_reason(demo, client, login):
    page = new_item("关于调整办公时间的通知")
    submit(client, login, page)
    response = act(client, login, page, "reviewer1", "reject", {"comment": ""}, xhr=True)
    assert "请填写退回理由" in json.loads(response.content)["html"]
    assert current(page).status == TaskState.STATUS_IN_PROGRESS


def test_reject_at_second_stage_returns_to_editor_and_resubmission_restarts_at_first(
    demo, client, login
):
    page = new_item("关于开展消防安全演练的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    rejected = current(page)
    assert stage_of(rejected) == ReviewStage.SECOND
    response = act(
        client, login, page, "reviewer2", "reject", {"comment": "演练时间有误，请核实。"}
    )
    assert response.status_code == 302
    run = run_of(page)
    assert run.status == WorkflowState.STATUS_NEEDS_CHANGES
    reject_record = records(page, action=ReviewAction.REJECT)[0]
    assert (reject_record.stage, reject_record.opinion) == (
        ReviewStage.SECOND,
        "演练时间有误，请核实。",
    )

    # Back with the editor: the page is editable again and resubmitted with a fix.
    submit(client, login, page, body="<p>消防安全演练定于12月5日举行。</p>")
    run.refresh_from_db()
    assert run.status == WorkflowState.STATUS_IN_PROGRESS
    restarted = current(page)
    assert stage_of(restarted) == ReviewStage.FIRST  # not 复审, where it was rejected
    assert restarted.revision_id != rejected.revision_id
    resubmit = records(page, action=ReviewAction.RESUBMIT)
    assert len(resubmit) == 1
    assert resubmit[0].checklist["changed_fields"] == [{"field": "body", "label": "正文"}]
    assert "正文" in resubmit[0].opinion
    assert resubmit[0].revision_id == restarted.revision_id
    # the check ran again on the new revision
    assert len(records(page, action=ReviewAction.CHECK_PASSED)) == 2

    for username in ("reviewer1", "reviewer2", "reviewer3"):
        approve(client, login, page, username)
    page.refresh_from_db()
    assert page.live and review_completed_for(page.live_revision)


def test_an_edit_during_review_is_recorded_and_the_chain_starts_again(demo, client, login):
    page = new_item("关于开展冬季供暖检查的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    second = current(page)
    assert stage_of(second) == ReviewStage.SECOND
    # The 复审 reviewer corrects the text in the editor ("save draft") before deciding.
    login("reviewer2")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for name in BOOLEAN_FIELDS:
        if getattr(page, name):
            data[name] = "on"
    data["body"] = rich_text("<p>各街道：供暖检查定于12月1日开始。</p>")
    assert client.post(url, data).status_code == 302
    [edit] = records(page, action=ReviewAction.RESUBMIT)
    assert edit.user_name == "张副主任" and edit.stage == ReviewStage.SECOND
    assert edit.checklist["changed_fields"] == [{"field": "body", "label": "正文"}]
    assert edit.checklist["during_review"] is True
    page.refresh_from_db()
    assert edit.revision_id == page.get_latest_revision().pk != second.revision_id
    assert "审核中修改了：正文" in edit.opinion
    # Saving again without changes records nothing more.
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for name in BOOLEAN_FIELDS:
        if getattr(page, name):
            data[name] = "on"
    assert client.post(url, data).status_code == 302
    assert len(records(page, action=ReviewAction.RESUBMIT)) == 1
    # The 复审 decision stands for the old text only: the chain goes back to 初审.
    approve(client, login, page, "reviewer2")
    restarted = current(page)
    assert stage_of(restarted) == ReviewStage.FIRST
    assert "供暖检查定于12月1日开始" in str(restarted.revision.as_object().body)


# -- segregation of duties and unit scope ----------------------------------------------------


def test_submitter_cannot_approve_even_as_superuser(demo, client, login):
    page = new_item("关于公布行政许可事项清单的通知", owner="admin")
    submit(client, login, page, username="admin")
    state = current(page)
    admin = User.objects.get(username="admin")
    assert state.task.specific.get_actions(page, admin) == []

    response = act(client, login, page, "admin", "approve", approval(state))
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    # The editor says why.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "您提交了此信息或撰写了待审版本，须由他人审核" in edit.content.decode()
    # And the task logic refuses by itself, not only by hiding buttons.
    with pytest.raises(ReviewRefused, match="须由他人审核"):
        state.task.specific.on_action(state, admin, "approve", **approval(state))
    assert not records(page, action=ReviewAction.APPROVE)


def test_one_person_cannot_approve_two_stages_of_the_same_revision(demo, client, login):
    reviewer1 = User.objects.get(username="reviewer1")
    reviewer1.groups.add(Group.objects.get(name="复审复校"))
    page = new_item("关于做好冬季农田水利建设的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    state = current(page)
    assert stage_of(state) == ReviewStage.SECOND
    response = act(client, login, page, "reviewer1", "approve", approval(state))
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "同一人不能审核两个环节" in edit.content.decode()
    with pytest.raises(ReviewRefused, match="初审初校"):
        state.task.specific.on_action(state, reviewer1, "approve", **approval(state))
    assert response.status_code == 302
    # another member of the stage still can
    assert approve(client, login, page, "reviewer2").status == TaskState.STATUS_APPROVED


def test_reviewer_of_another_unit_can_neither_see_nor_act(demo, client, login):
    page = new_item("关于加强冬季道路交通安全管理的通知")  # 区政府办公室's column
    submit(client, login, page)
    state = current(page)
    town = login("town_reviewer1")
    # not in the dashboard
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "关于加强冬季道路交通安全管理的通知" not in dashboard
    assert not TaskState.objects.reviewable_by(town).filter(pk=state.pk).exists()
    # cannot open the editor
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    # refused: Wagtail's permission-denied redirect (or a 403 from the site's access layer)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    # cannot act, through the URL or the task
    response = act(client, login, page, "town_reviewer1", "approve", approval(state))
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    with pytest.raises(ReviewRefused, match="区政府办公室"):
        state.task.specific.on_action(state, town, "approve", **approval(state))

    # control: the district's own first reviewer sees it on the dashboard, by stage too
    login("reviewer1")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert dashboard.count("关于加强冬季道路交通安全管理的通知") >= 2
    assert "待我审核（按审核环节）" in dashboard


def test_town_reviewer_reviews_town_items(demo, client, login):
    parent = Page.objects.get(slug="town-news")
    assert Column.for_page(parent).unit.name == "城关镇人民政府"
    page = new_item("城关镇开展冬季送温暖活动", column="town-news", owner="town_editor")
    submit(client, login, page, username="town_editor")
    assert approve(client, login, page, "town_reviewer1").status == TaskState.STATUS_APPROVED
    assert records(page, action=ReviewAction.APPROVE)[0].unit_name == "城关镇人民政府"
    # a central unit (区政府办公室 is a government office) reviews every unit's items
    page2 = new_item("城关镇召开村级换届工作会议", column="town-news", owner="town_editor")
    submit(client, login, page2, username="town_editor")
    first = current(page2)
    assert approve(client, login, page2, "reviewer1").pk == first.pk
    first.refresh_from_db()
    assert first.status == TaskState.STATUS_APPROVED
    assert first.finished_by.username == "reviewer1"


def test_column_assignment_changes_who_reviews(demo, client, login):
    column = Column.objects.get(page__slug="notices")
    assignment = ColumnStageAssignment.objects.create(column=column, stage=ReviewStage.FIRST)
    assignment.groups.add(Group.objects.get(name="复审复校"))
    page = new_item("关于规范公文格式的通知")
    submit(client, login, page)
    state = current(page)
    act(client, login, page, "reviewer1", "approve", approval(state))
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS  # reviewer1 no longer acts here
    assert not records(page, action=ReviewAction.APPROVE)
    assert approve(client, login, page, "reviewer2").status == TaskState.STATUS_APPROVED


def test_next_stage_reviewers_of_the_unit_are_notified(demo, client, login):
    page = new_item("关于开展第五次全国经济普查的通知")
    mail.outbox.clear()
    submit(client, login, page)
    recipients = {address for message in mail.outbox for address in message.to}
    assert "reviewer1@demo.invalid" in recipients
    assert "town_reviewer1@demo.invalid" not in recipients  # same group, other unit
    assert "reviewer2@demo.invalid" not in recipients  # not this stage


# -- conditional stages and the automated check --------------------------------------------


def test_sensitive_item_gets_the_principal_leader_and_skips_are_recorded(demo, client, login):
    page = new_item("关于突发事件应急处置情况的通报", involves_sensitive=True)
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    approve(client, login, page, "reviewer2")
    state = current(page)
    assert stage_of(state) == ReviewStage.PRINCIPAL_LEADER
    approve(client, login, page, "leader")
    assert stage_of(current(page)) == ReviewStage.FINAL
    approve(client, login, page, "reviewer3")
    page.refresh_from_db()
    assert page.live
    skips = records(page, action=ReviewAction.SKIP)
    assert [r.stage for r in skips] == [ReviewStage.GOVERNMENT_OFFICE, ReviewStage.SITE_LEADER]
    assert all(r.opinion for r in skips)
    skipped = TaskState.objects.filter(workflow_state=run_of(page), status=TaskState.STATUS_SKIPPED)
    assert skipped.count() == 2


def test_blocking_findings_fail_the_automated_check(demo, client, login):
    page = Page.objects.get(title="2026年度临时救助对象名单公示").specific
    shown = submit(client, login, page).content.decode()
    assert "智能校对已退回本信息" in shown and "身份证" in shown
    run = run_of(page)
    assert run.status == WorkflowState.STATUS_NEEDS_CHANGES
    state = run.current_task_state
    assert state.status == TaskState.STATUS_REJECTED
    failed = records(page, action=ReviewAction.CHECK_FAILED)
    assert len(failed) == 1
    codes = {f["code"] for f in failed[0].check_report}
    assert "pii.id_card" in codes
    assert "身份证" in state.comment or "身份证" in failed[0].opinion
    assert not page.live


def test_warnings_must_be_acknowledged_by_the_next_reviewer(demo, client, login):
    page = new_item("区国土资源局开展执法检查", body=WARN_BODY)
    submit(client, login, page)
    passed = records(page, action=ReviewAction.CHECK_PASSED)[0]
    assert any(f["code"] == "term.outdated_name" for f in passed.check_report)
    state = current(page)
    login("reviewer1")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    modal = json.loads(client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").content)["html"]
    assert "国土资源局" in modal and "acknowledge_warnings" in modal

    response = act(client, login, page, "reviewer1", "approve", approval(state), xhr=True)
    assert "请确认您已核实" in json.loads(response.content)["html"]
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS

    approve(client, login, page, "reviewer1", ack=True)
    record = records(page, action=ReviewAction.APPROVE)[0]
    assert record.checklist["acknowledged_warnings"] is True
    assert record.checklist["warnings"][0]["code"] == "term.outdated_name"
    # acknowledged once: the next stage is not asked again
    state = current(page)
    login("reviewer2")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    modal = json.loads(client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").content)["html"]
    assert "acknowledge_warnings" not in modal


# -- records -----------------------------------------------------------------------------------


def test_review_records_cannot_be_altered(demo, client, login):
    page = new_item("关于公布2026年节假日安排的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    record = records(page, action=ReviewAction.APPROVE)[0]
    record.opinion = "改过的意见"
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.filter(pk=record.pk).update(opinion="x")
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(ImmutableRecordError):
        record.delete()
    assert ReviewRecord.objects.get(pk=record.pk).opinion == "内容准确，同意发布。"


def test_setup_is_idempotent_and_builds_the_default_chain(demo):
    from django.core.management import call_command
    from wagtail.models import Task, Workflow, WorkflowPage

    counts = (Workflow.objects.count(), Task.objects.count(), WorkflowPage.objects.count())
    call_command("gov_review_setup", verbosity=0)
    assert (Workflow.objects.count(), Task.objects.count(), WorkflowPage.objects.count()) == counts
    main = Workflow.objects.get(name="三审三校")
    names = [t.name for t in main.tasks]
    assert names[0] == "智能校对" and names[1] == "初审初校" and names[-1] == "终审终校"
    home = Page.objects.get(depth=2)
    assert home.get_workflow() == main
    interaction = Page.objects.get(slug="interaction")
    assert [t.name for t in interaction.get_workflow().tasks] == ["智能校对", "网站负责人审核"]
    assert ReviewTask.objects.get(name="主要领导审核").condition == "sensitive_or_emergency"


def test_item_in_the_governments_name_goes_to_the_government_office(demo, client, login):
    page = new_item("示范区人民政府关于表彰先进集体的决定", issued_in_government_name=True)
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    approve(client, login, page, "reviewer2")
    assert stage_of(current(page)) == ReviewStage.GOVERNMENT_OFFICE
    approve(client, login, page, "govoffice")
    assert stage_of(current(page)) == ReviewStage.FINAL
    record = records(page, stage=ReviewStage.GOVERNMENT_OFFICE)[0]
    assert (record.action, record.user_name, record.role) == (
        ReviewAction.APPROVE,
        "赵秘书",
        "政府办公室审核",
    )


def test_interaction_column_uses_the_short_chain(demo, client, login):
    page = new_item("关于网民留言办理情况的答复", column="interaction")
    submit(client, login, page)
    state = current(page)
    assert stage_of(state) == ReviewStage.SITE_LEADER
    approve(client, login, page, "siteleader")
    page.refresh_from_db()
    assert page.live and review_completed_for(page.live_revision)
    assert [r.action for r in records(page)] == [ReviewAction.CHECK_PASSED, ReviewAction.APPROVE]


def test_approving_from_the_page_editor_applies_the_same_rules(demo, client, login):
    """The editor's own workflow action passes client-side JSON to on_action: the plugin
    validates it again, so an empty opinion is refused there too."""
    page = new_item("关于开展冬季爱国卫生运动的通知")
    submit(client, login, page)
    state = current(page)
    login("reviewer1")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": ""})
    client.post(url, data)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not records(page, action=ReviewAction.APPROVE)

    extra = {k: (True if v == "on" else v) for k, v in approval(state).items()}
    data["workflow-action-extra-data"] = json.dumps(extra)
    response = client.post(url, data)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert records(page, action=ReviewAction.APPROVE)[0].user_name == "李科长"


def test_admin_configures_checklists_column_reviewers_and_stages(demo, client, login):
    login("admin")
    items = client.get(reverse("wagtailsnippets_wagtail_gov_review_checklistitem:list"))
    assert items.status_code == 200
    assert "无错别字、语病和不规范表述" in items.content.decode()

    column = Column.objects.get(page__slug="notices")
    group = Group.objects.get(name="复审复校")
    add_url = reverse("wagtailsnippets_wagtail_gov_review_columnstageassignment:add")
    response = client.post(
        add_url, {"column": column.pk, "stage": ReviewStage.FIRST, "groups": [group.pk]}
    )
    assert response.status_code == 302
    assignment = ColumnStageAssignment.objects.get(column=column, stage=ReviewStage.FIRST)
    assert list(assignment.groups.all()) == [group]
    # the same column and stage twice is refused, nothing lost
    response = client.post(
        add_url, {"column": column.pk, "stage": ReviewStage.FIRST, "groups": [group.pk]}
    )
    assert response.status_code == 200
    assert ColumnStageAssignment.objects.filter(column=column).count() == 1

    task = ReviewTask.objects.get(name="主要领导审核")
    edit = client.get(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]))
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "适用范围" in html and "仅适用于涉敏或突发信息" in html
