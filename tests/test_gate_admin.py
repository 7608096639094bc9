"""The publish gate in the real admin: edit/create publish buttons, workflow approval, bulk
publish, copy-and-publish and the admin API. Refusals show Chinese reasons and keep the draft."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from wagtail_gov_review.models import ReviewAction, ReviewRecord

from .gate_helpers import CLEAN_BODY, ID_BODY, ID_NUMBER, World, form_data


@pytest.fixture
def world(db, client):
    world = World()
    client.force_login(world.admin)
    return world


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_via_edit_view(client, page, **changes):
    data = form_data(client.get(edit_url(page)))
    data.update(changes)
    data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


def test_edit_view_publish_refused_keeps_the_draft_and_says_why(world, client):
    page = world.item()
    new_body = rich_text("<p>编辑后提交发布的新内容。</p>")
    response = publish_via_edit_view(client, page, body=new_body)
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    shown = client.get(edit_url(page)).content.decode()
    assert "发布被拒绝" in shown and "尚未完成审核流程" in shown
    page.refresh_from_db()
    assert not page.live
    assert "编辑后提交发布的新内容" in page.get_latest_revision().as_object().body
    assert ReviewRecord.objects.filter(
        page_id_snapshot=page.pk, action=ReviewAction.PUBLISH_REFUSED, user=world.admin
    ).exists()


def test_edit_view_publish_of_reviewed_content_goes_live(world, client):
    page = world.item()
    # Save the draft through the editor, have it reviewed, then press Publish unchanged.
    data = form_data(client.get(edit_url(page)))
    client.post(edit_url(page), data)
    reviewed = world.review(page)
    response = publish_via_edit_view(client, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id > reviewed.pk  # the editor's unchanged re-save
    assert page.live_revision.as_object().body == reviewed.as_object().body


def test_edit_view_publish_with_a_personal_id_number_is_refused(world, client):
    page = world.item()
    data = form_data(client.get(edit_url(page)))
    data["body"] = rich_text(ID_BODY)
    client.post(edit_url(page), data)
    world.review(page)
    publish_via_edit_view(client, page)
    shown = client.get(edit_url(page)).content.decode()
    assert "智能校对" in shown and ID_NUMBER in shown
    page.refresh_from_db()
    assert not page.live


def test_create_view_publish_refused_saves_the_new_item_as_a_draft(world, client):
    url = reverse("wagtailadmin_pages:add", args=["portal", "noticepage", world.column.pk])
    data = form_data(client.get(url))
    data.update(
        title="新建即发布的通知",
        slug="created-and-published",
        body=rich_text(CLEAN_BODY),
        disclosure="public",
    )
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    page = Page.objects.get(slug="created-and-published")
    assert response["Location"] == edit_url(page)
    assert not page.live and page.get_latest_revision() is not None
    assert "尚未完成审核流程" in client.get(edit_url(page)).content.decode()


def test_final_workflow_approval_publishes_a_clean_item(world, client):
    page = world.item()
    state = world.workflow.start(page, world.admin)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url, {"comment": "同意"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_final_workflow_approval_refused_by_the_gate_keeps_approvals(world, client):
    page = world.item(body=ID_BODY)
    state = world.workflow.start(page, world.admin)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url, {"comment": "同意"})
    assert response.status_code == 302  # not an error page
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == "approved" and not page.live
    shown = client.get(edit_url(page)).content.decode()
    assert "发布被拒绝" in shown and ID_NUMBER in shown


def bulk_publish(client, *pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = (
        "&".join(f"id={p.pk}" for p in pages) + f"&next=/admin/pages/{pages[0].get_parent().pk}/"
    )
    return client.post(f"{url}?{query}", {"include_descendants": ""}, follow=True)


def test_bulk_publish_with_one_refused_item_publishes_nothing(world, client):
    clean = world.item()
    world.review(clean)
    unreviewed = world.item(title="未经审核的通知")
    response = bulk_publish(client, clean, unreviewed)
    shown = response.content.decode()
    assert "本次未发布任何信息" in shown and "未经审核的通知" in shown
    clean.refresh_from_db()
    unreviewed.refresh_from_db()
    assert not clean.live and not unreviewed.live


def test_bulk_publish_of_reviewed_items_publishes_them(world, client):
    first, second = world.item(), world.item(title="第二条通知")
    world.review(first)
    world.review(second)
    bulk_publish(client, first, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.live and second.live


def test_copy_and_publish_in_the_admin_is_refused(world, client):
    page = world.item()
    world.review(page, publish=True)
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    response = client.post(
        url,
        {
            "new_title": "复制的通知",
            "new_slug": "copied-notice",
            "new_parent_page": world.column.pk,
            "publish_copies": "on",
        },
        follow=True,
    )
    assert "未执行复制" in response.content.decode()
    assert not Page.objects.filter(slug="copied-notice").exists()
    [refused] = ReviewRecord.objects.filter(
        page_id_snapshot=page.pk, action=ReviewAction.PUBLISH_REFUSED
    )
    assert refused.user == world.admin and "尚未完成审核流程" in refused.opinion
    # Copying without publishing works: the copy is a draft to submit for review.
    client.post(
        url,
        {
            "new_title": "复制的通知",
            "new_slug": "copied-notice",
            "new_parent_page": world.column.pk,
        },
    )
    assert not Page.objects.get(slug="copied-notice").live


def api_publish(client, page):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json"
    )


def test_admin_api_publish_refused_answers_400_with_reasons(world, client):
    page = world.item(body=ID_BODY)
    revision = world.review(page)
    response = api_publish(client, page)
    assert response.status_code == 400
    answer = json.dumps(response.json(), ensure_ascii=False)
    assert "1101************14" in answer and ID_NUMBER not in answer  # masked in the reasons
    page.refresh_from_db()
    assert not page.live and page.get_latest_revision().pk == revision.pk


def test_admin_api_publish_of_reviewed_clean_item_goes_live(world, client):
    page = world.item()
    world.review(page)
    assert api_publish(client, page).status_code == 200
    page.refresh_from_db()
    assert page.live
