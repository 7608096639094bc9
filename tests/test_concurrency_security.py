"""Interleavings: an editor saving while reviewers decide.

(Two reviewers deciding one task state at once: test_workflow_concurrency.py; two workers
starting one scan: test_concurrency_scan.py.)
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from example_site.portal.models import NoticePage
from wagtail_gov_review.workflows.forms import CHECK_PREFIX, checklist_items

from .form_helpers import page_form, set_rich_text


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


User = get_user_model()
CLEAN = "<p>各街道、各有关部门：现将冬季供水保障有关事项通知如下。</p>"
EDITED = "编辑在审核期间补充的第二段内容。"


def _new_item(title: str) -> NoticePage:
    parent = Page.objects.get(slug="notices")
    editor = User.objects.get(username="editor")
    page = NoticePage(title=title, slug=f"c-{abs(hash(title)) % 10**8}", body=CLEAN, owner=editor)
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def _task_state(page) -> TaskState:
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    return state.current_task_state.specific


def _approve(client, login, page, username):
    login(username)
    task_state = _task_state(page)
    data = {"comment": "同意。", "gov_task_state": task_state.pk}
    for item in checklist_items(task_state.task.specific.stage):
        data[CHECK_PREFIX + item.code] = "on"
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return task_state


def kept(text: str, html: str) -> bool:
    import json
    from html import unescape

    return json.dumps(text)[1:-1] in unescape(html) or text in unescape(html)


def test_an_edit_saved_while_a_reviewer_approves_is_refused_with_the_text_kept(demo, client, login):
    page = _new_item("关于冬季供水保障的通知")
    submitted = page.latest_revision_id
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    login("editor")
    form = page_form(client, edit_url)  # the editor has the form open …
    decided = _approve(client, login, page, "reviewer1")  # … the reviewer approves …
    login("editor")
    set_rich_text(form, "body", f"<p>{EDITED}</p>")
    response = client.post(edit_url, form)  # … then the editor saves

    # The item is locked while it is under review: the save is refused, visibly, and the
    # editor's text is still in the form to copy; the version under review is untouched.
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html and "content-locked" in html
    assert kept(EDITED, html)
    page.refresh_from_db()
    assert page.latest_revision_id == submitted
    decided.refresh_from_db()
    assert decided.status == TaskState.STATUS_APPROVED
    assert decided.revision_id == submitted


def test_an_edit_from_a_form_opened_before_the_final_approval_is_kept_as_a_draft(
    demo, client, login
):
    page = _new_item("关于冬季供热管网检修的通知")
    _approve(client, login, page, "reviewer1")
    _approve(client, login, page, "reviewer2")
    reviewed = _task_state(page).revision_id

    login("editor")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = page_form(client, edit_url)  # opened while under review …
    _approve(client, login, page, "reviewer3")  # … final approval publishes …
    page.refresh_from_db()
    assert page.live and page.live_revision_id == reviewed

    login("editor")
    set_rich_text(form, "body", f"<p>{EDITED}</p>")
    response = client.post(edit_url, form)  # … then the editor saves the old form
    assert response.status_code == 302
    page.refresh_from_db()
    # The edit is a new draft: not lost, not published unreviewed, the live version intact.
    assert page.latest_revision_id != reviewed
    assert EDITED in page.get_latest_revision_as_object().body
    assert page.live_revision_id == reviewed
    assert EDITED not in page.body
    assert page.has_unpublished_changes
