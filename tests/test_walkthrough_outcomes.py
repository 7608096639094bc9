"""What a user sees right after a review decision or a submission (issue 18, bugs 1, 2, 3, 8).

Driven through Wagtail's own URLs: the page editor's buttons and the workflow action URL.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from .gate_helpers import ID_BODY
from .test_workflows import (
    approval,
    approve,
    current,
    new_item,
    run_of,
    submit,
)

pytestmark = pytest.mark.django_db

NO_PERMISSION = "没有权限访问"


@pytest.fixture
def demo(module_demo):
    return module_demo


def _texts(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _follow(client, response):
    """Follow one redirect as the browser would and return (landing response, its messages)."""
    assert response.status_code == 302, response.status_code
    landing = client.get(response.url)
    return landing, " ".join(_texts(landing))


def _editor_decision(client, login, page, username, action, extra):
    """Decide in the page editor's footer, as the reviewer's browser posts it."""
    login(username)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps(extra)
    return client.post(url, data)


def _checked(data: dict) -> dict:
    return {k: (True if v == "on" else v) for k, v in data.items()}


def test_reviewer_approving_in_the_editor_lands_on_the_dashboard_with_a_confirmation(
    demo, client, login
):
    page = new_item("关于开展冬季消防检查的通知（走查一）")
    submit(client, login, page)
    state = current(page)
    response = _editor_decision(
        client, login, page, "reviewer1", "approve", _checked(approval(state))
    )
    landing, shown = _follow(client, response)
    assert landing.status_code == 200
    assert response.url == reverse("wagtailadmin_home")
    assert "已审核通过" in shown and page.title in shown
    assert NO_PERMISSION not in shown
    assert "已被更新" not in shown


def test_reviewer_rejecting_on_the_action_url_lands_where_they_may_go(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查二）")
    submit(client, login, page)
    state = current(page)
    login("reviewer1")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk])
    response = client.post(url, {"comment": "日期有误。"})
    landing, shown = _follow(client, response)
    assert landing.status_code == 200
    assert "已退回" in shown and page.title in shown
    assert NO_PERMISSION not in shown
    assert run_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES


def test_approving_on_the_action_url_confirms_and_never_shows_a_refusal(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查三）")
    submit(client, login, page)
    state = current(page)
    login("reviewer1")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    landing, shown = _follow(client, client.post(url, approval(state)))
    assert landing.status_code == 200
    assert "已审核通过" in shown and NO_PERMISSION not in shown
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED


def test_submit_rejected_by_the_automated_check_stays_in_the_editor_without_a_green_message(
    demo, client, login
):
    page = new_item("关于临时救助对象的公示（走查）", body=ID_BODY)
    login("editor")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url.startswith(url)  # back in the editor, next to the 脱敏 buttons
    landing, shown = _follow(client, response)
    assert "智能校对已退回本信息" in shown
    assert "已经提交进行审核" not in shown
    assert run_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES


def test_refused_direct_post_says_why_instead_of_the_generic_refusal(demo, client, login):
    page = new_item("关于公布行政许可事项清单的通知（走查）", owner="admin")
    submit(client, login, page, username="admin")
    state = current(page)
    login("admin")  # the submitter: segregation of duties refuses
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    landing, shown = _follow(client, client.post(url, approval(state)))
    assert landing.status_code == 200
    assert "须由他人审核" in shown
    assert NO_PERMISSION not in shown
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_after_approve_the_chain_still_moves_on(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查四）")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    assert current(page).task.specific.stage == "second"


def test_after_a_rejection_at_second_review_the_resubmit_button_names_the_first_stage(
    demo, client, login
):
    page = new_item("关于开展冬季消防检查的通知（走查五）")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    state = current(page)
    login("reviewer2")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk])
    client.post(url, {"comment": "请补充检查范围。"})
    login("editor")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "重新提交给智能校对" in html
    assert "重新提交给复审复校" not in html


def test_history_names_the_stage_that_comes_next_not_one_that_skips(demo, client, login):
    from wagtail.models import PageLogEntry

    page = new_item("关于开展冬季消防检查的通知（走查六）")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    approve(client, login, page, "reviewer2")  # 主要领导/政府办公室/网站负责人 skip
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").latest("pk")
    assert entry.data["workflow"]["task"]["title"] == "复审复校"
    assert entry.data["workflow"]["next"]["title"] == "终审终校"
    login("editor")
    html = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "下一步是“主要领导审核”" not in html
    assert "终审终校" in html


def test_editor_opening_a_sent_back_item_sees_the_reason_as_a_banner(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查七）")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    state = current(page)
    login("reviewer2")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk])
    client.post(url, {"comment": "检查时间与通知不一致，请核实。"})
    login("editor")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "已在“复审复校”环节被张副主任退回：检查时间与通知不一致，请核实。" in html
    # and again on the next visit: the reason stays until the item is resubmitted
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "检查时间与通知不一致" in html


def test_final_reviewer_reads_the_earlier_stages_opinions(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查八）")
    submit(client, login, page)
    approve(client, login, page, "reviewer1", comment="初审：内容属实。")
    approve(client, login, page, "reviewer2", comment="复审：表述规范。")
    state = current(page)
    assert state.task.specific.stage == "final"
    login("reviewer3")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    modal = json.loads(client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").content)["html"]
    assert "前序环节审核意见" in modal
    assert "初审初校（李科长" in modal and "初审：内容属实。" in modal
    assert "复审复校（张副主任" in modal and "复审：表述规范。" in modal


def test_workflow_history_and_report_show_skipped_stages_as_skipped(demo, client, login):
    page = new_item("关于开展冬季消防检查的通知（走查九）")
    submit(client, login, page)
    for username in ("reviewer1", "reviewer2", "reviewer3"):
        approve(client, login, page, username)
    page.refresh_from_db()
    assert page.live
    login("admin")
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    html = history.content.decode()
    assert "主要领导审核: 已跳过" in html
    assert "未完成的任务" not in html
    report = client.get(reverse("wagtailadmin_reports:workflow"), {"q": page.title})
    row = report.content.decode().split(page.title, 1)[1].split("</tr>", 1)[0]
    assert "主要领导审核: 已跳过" in row
    assert "未完成的任务" not in row
