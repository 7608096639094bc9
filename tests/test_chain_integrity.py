"""Issue 15 (1, 2, 4): the chain decides on the revision under review, the gate accepts only
the chain of the item's current place, and a reviewed 不予公开/涉密 declaration takes a live
item down. Driven through the page editor, the move view, the admin API and Wagtail's
workflow action URLs with the demo users."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowPage, WorkflowState
from wagtail.signals import post_page_move

from wagtail_gov_review.listing import public_search
from wagtail_gov_review.models import ReviewAction, ReviewStage
from wagtail_gov_review.models.stages import StageCondition
from wagtail_gov_review.workflows.defaults import INTERACTION_WORKFLOW, MAIN_WORKFLOW
from wagtail_gov_review.workflows.receivers import restart_chain_after_move
from wagtail_gov_review.workflows.status import review_completed_for
from wagtail_gov_review.workflows.tasks import ReviewTask

from .test_workflows import (
    act,
    approval,
    approve,
    current,
    new_item,
    records,
    run_of,
    stage_of,
    submit,
)

WINTER_NOTICE = "关于做好今冬供暖保障工作的通知"  # live in the demo, reviewed as a plain notice


@pytest.fixture
def demo(module_demo):
    return module_demo


def live_item(title=WINTER_NOTICE):
    return Page.objects.get(title=title).specific


def move_in_admin(client, login, page, destination_slug, username="admin"):
    login(username)
    destination = Page.objects.get(slug=destination_slug)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    response = client.post(url)
    assert response.status_code == 302, response.content.decode()[:1000]
    return client.get(response.url)


def move_in_admin_api(client, login, page, destination_slug, username="admin"):
    login(username)
    destination = Page.objects.get(slug=destination_slug)
    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/move/",
        json.dumps({"destination_page_id": destination.pk, "position": "last-child"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content.decode()[:1000]


# -- 1. conditional stages read the revision under review ---------------------------------


def test_editing_a_live_item_routes_it_by_the_revision_under_review(demo, client, login):
    """The live row is a plain notice; the submitted revision is sensitive, in the
    government's name and a reprint: all three conditional stages must review it."""
    page = live_item()
    assert page.live and not page.involves_sensitive
    submit(
        client,
        login,
        page,
        involves_sensitive="on",
        issued_in_government_name="on",
        source_type="reprint",
        source_name="省人民政府网站",
        source_url="https://www.example.gov.cn/news/2026/11/002.html",
    )
    for username, stage in [
        ("reviewer1", ReviewStage.FIRST),
        ("reviewer2", ReviewStage.SECOND),
        ("leader", ReviewStage.PRINCIPAL_LEADER),
        ("govoffice", ReviewStage.GOVERNMENT_OFFICE),
        ("siteleader", ReviewStage.SITE_LEADER),
        ("reviewer3", ReviewStage.FINAL),
    ]:
        assert stage_of(current(page)) == stage
        approve(client, login, page, username)
    run = run_of(page)
    assert not records(page, action=ReviewAction.SKIP, workflow_state=run)
    page.refresh_from_db()
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert page.involves_sensitive and page.source_type == "reprint"
    approvals = records(page, action=ReviewAction.APPROVE, workflow_state=run)
    assert {r.stage for r in approvals} >= {
        ReviewStage.PRINCIPAL_LEADER,
        ReviewStage.GOVERNMENT_OFFICE,
        ReviewStage.SITE_LEADER,
    }


# -- 2. the gate accepts only the chain of the item's current place ------------------------


def test_moving_an_item_under_review_restarts_its_chain_in_the_new_column(demo, client, login):
    """Issue 15.2: moved to 互动交流 (short chain), submitted, moved back while under review:
    the site leader's one approval must not take it live under the long chain."""
    page = new_item("关于印发示范区政务公开工作要点的通知")
    move_in_admin(client, login, page, "interaction")
    submit(client, login, page)
    short_run = run_of(page)
    assert short_run.workflow.name == INTERACTION_WORKFLOW
    short_state = current(page)
    assert stage_of(short_state) == ReviewStage.SITE_LEADER

    shown = move_in_admin(client, login, page, "notices").content.decode()
    assert "审核将按新栏目的审核流程从第一个环节重新开始" in shown

    short_run.refresh_from_db()
    assert short_run.status == WorkflowState.STATUS_CANCELLED
    restarted = run_of(page)
    assert restarted.workflow.name == MAIN_WORKFLOW
    assert restarted.requested_by_id == short_run.requested_by_id
    assert stage_of(current(page)) == ReviewStage.FIRST

    # The site leader still holds the old task state's URL: it no longer decides anything.
    login("siteleader")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", short_state.pk])
    client.post(url, approval(short_state))
    page.refresh_from_db()
    assert not page.live
    short_state.refresh_from_db()
    assert short_state.status == TaskState.STATUS_CANCELLED


def test_an_item_moved_through_the_admin_api_needs_the_chain_of_its_new_place(demo, client, login):
    page = new_item("关于网民留言集中答复的说明", column="interaction")
    submit(client, login, page)
    assert run_of(page).workflow.name == INTERACTION_WORKFLOW
    move_in_admin_api(client, login, page, "notices")
    assert run_of(page).workflow.name == MAIN_WORKFLOW
    assert stage_of(current(page)) == ReviewStage.FIRST
    page.refresh_from_db()
    assert not page.live


def test_gate_refuses_a_run_started_before_the_item_moved_even_if_not_restarted(
    demo, client, login
):
    """The gate holds the line on its own: with the restart receiver switched off, a run
    started in 通知公告 and finished after a move to 政务动态 (same chain, other column and
    reviewers) does not put the item live."""
    page = new_item("关于开展冬季安全用电宣传的通知")
    submit(client, login, page)
    disconnected = post_page_move.disconnect(dispatch_uid="gov_review_restart_chain_after_move")
    assert disconnected
    try:
        move_in_admin(client, login, page, "news")
    finally:
        post_page_move.connect(
            restart_chain_after_move, dispatch_uid="gov_review_restart_chain_after_move"
        )
    run = run_of(page)
    assert run.status == WorkflowState.STATUS_IN_PROGRESS  # not restarted
    for username in ("reviewer1", "reviewer2", "reviewer3"):
        approve(client, login, page, username)
    run.refresh_from_db()
    assert run.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert not page.live
    assert records(page, action=ReviewAction.PUBLISH_REFUSED)


def test_gate_refuses_a_run_of_a_workflow_that_no_longer_applies(demo, client, login):
    """The column's workflow is changed while an item is under review, behind the admin's
    back (a queryset update sends no signal, so the run is not restarted): the run finishes,
    but the gate does not accept a chain other than the one that applies now."""
    page = new_item("关于征集网民意见建议的公告", column="interaction")
    submit(client, login, page)
    interaction = Page.objects.get(slug="interaction")
    main = Page.objects.get(slug="portal").get_workflow()
    WorkflowPage.objects.filter(page=interaction).update(workflow=main)

    approve(client, login, page, "siteleader")
    run = run_of(page)
    assert run.status == WorkflowState.STATUS_APPROVED  # the reviewers' approval stands
    page.refresh_from_db()
    assert not page.live
    assert not review_completed_for(page.get_latest_revision())
    refused = records(page, action=ReviewAction.PUBLISH_REFUSED)
    assert refused and "审核" in refused[-1].opinion


def test_changing_a_columns_workflow_restarts_the_runs_it_no_longer_covers(demo, client, login):
    """Assigning 三审三校 to 互动交流 mid-run (Wagtail's workflow admin saves the assignment
    with ``update_or_create``, as here) restarts the short run under the long chain."""
    page = new_item("关于网民反映路灯损坏问题的答复", column="interaction")
    submit(client, login, page)
    short_run, short_state = run_of(page), current(page)
    assert short_run.workflow.name == INTERACTION_WORKFLOW
    main = Page.objects.get(slug="portal").get_workflow()
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(slug="interaction"), defaults={"workflow": main}
    )
    short_run.refresh_from_db()
    assert short_run.status == WorkflowState.STATUS_CANCELLED
    assert run_of(page).workflow.name == MAIN_WORKFLOW
    assert stage_of(current(page)) == ReviewStage.FIRST
    login("siteleader")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", short_state.pk])
    client.post(url, approval(short_state))
    page.refresh_from_db()
    assert not page.live


def test_a_skip_counts_only_while_its_condition_still_does_not_apply(demo, client, login):
    """主要领导审核 was skipped; an administrator then makes it apply to every item before
    the final approval: the skip no longer covers the revision and publishing is refused."""
    page = new_item("关于开展年度安全生产大检查的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    approve(client, login, page, "reviewer2")
    assert stage_of(current(page)) == ReviewStage.FINAL  # conditional stages skipped
    ReviewTask.objects.filter(name="主要领导审核").update(condition=StageCondition.ALWAYS)
    approve(client, login, page, "reviewer3")
    page.refresh_from_db()
    assert run_of(page).status == WorkflowState.STATUS_APPROVED
    assert not page.live


# -- 4. a reviewed 不予公开/涉密 declaration takes a live item down ---------------------------


@pytest.mark.parametrize(
    "declaration",
    [
        {"disclosure": "not_public", "disclosure_reason": "涉及第三方个人信息，依法不予公开。"},
        {"involves_secret": "on"},
    ],
    ids=["not_public", "secret"],
)
def test_a_reviewed_undisclosable_declaration_takes_the_live_item_down(
    demo, client, login, declaration
):
    page = live_item()
    public_url = page.get_url()
    column_url = page.get_parent().get_url()
    assert client.get(public_url).status_code == 200
    assert page.title in client.get(column_url).content.decode()
    assert public_url in client.get("/sitemap.xml").content.decode()
    assert page.pk in {p.pk for p in public_search(page.title)}

    submit(client, login, page, **declaration)
    page.refresh_from_db()
    assert page.live  # submitting alone takes nothing down: the declaration is reviewed first
    for username in ("reviewer1", "reviewer2", "reviewer3"):
        approve(client, login, page, username)

    page.refresh_from_db()
    assert not page.live
    withdrawn = records(page, action=ReviewAction.WITHDRAW)
    assert len(withdrawn) == 1
    assert withdrawn[0].user_name == "陈主任" and withdrawn[0].opinion
    client.logout()
    assert client.get(public_url).status_code == 404
    assert page.title not in client.get(column_url).content.decode()
    assert public_url not in client.get("/sitemap.xml").content.decode()
    assert page.pk not in {p.pk for p in public_search(page.title)}


def test_submitting_an_undisclosable_declaration_that_is_rejected_keeps_the_item(
    demo, client, login
):
    page = live_item()
    submit(client, login, page, involves_secret="on")
    response = act(client, login, page, "reviewer1", "reject", {"comment": "不涉密，请更正。"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not records(page, action=ReviewAction.WITHDRAW)


def test_a_stage_disabled_mid_run_does_not_count_as_reviewed(demo, client, login):
    """Wagtail cancels the task state of a task disabled mid-run and moves on: the stage was
    never performed on this revision, so the finished run does not publish it."""
    page = new_item("关于开展冬季道路交通安全整治的通知")
    submit(client, login, page)
    approve(client, login, page, "reviewer1")
    second = current(page)
    assert stage_of(second) == ReviewStage.SECOND
    login("admin")
    response = client.post(reverse("wagtailadmin_workflows:disable_task", args=[second.task_id]))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == TaskState.STATUS_CANCELLED
    assert stage_of(current(page)) == ReviewStage.FINAL
    approve(client, login, page, "reviewer3")
    assert run_of(page).status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert not page.live
    assert records(page, action=ReviewAction.PUBLISH_REFUSED)
