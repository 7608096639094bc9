"""The key flow in a real browser, as an editor and three reviewers live it.

An editor writes a notice containing a citizen ID number, sees it blocked in the check panel,
masks it with one click and submits; 初审, 复审 and 终审 approve in turn with opinions and their
checklists; the page is live; the 审批责任表 opens. Every step leaves a screenshot in
test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from example_site.portal.models import ColumnIndexPage, NoticePage
from wagtail_gov_review.models import ReviewRecord

from .conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CITIZEN_ID = "110101199003074514"
REVIEWERS = [
    ("reviewer1", "GovDemo!first2026", "初审意见：内容属实，同意。"),
    ("reviewer2", "GovDemo!second2026", "复审意见：表述规范，同意。"),
    ("reviewer3", "GovDemo!final2026", "终审意见：同意发布。"),
]


def type_into_rich_text(page, field: str, text: str) -> None:
    """Type into a Draftail editor and wait until it has synced its hidden form input."""
    page.locator(f"[data-contentpath={field}] [contenteditable=true]").click()
    page.keyboard.type(text)
    page.wait_for_function(
        "([name, tail]) => document.querySelector(`input[name=${name}]`).value.includes(tail)",
        arg=[field, text[-6:]],
    )


def open_checks_panel(page):
    toggle = page.locator('[data-side-panel-toggle="checks"]')
    toggle.click()
    page.wait_for_selector("[data-gov-report]", state="visible")


def open_footer_actions(page):
    """The editor footer keeps secondary actions in a dropdown; open it."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def approve_in_modal(page, opinion: str):
    open_footer_actions(page)
    page.get_by_role("button", name="审核通过").click()
    modal = page.locator(".modal")
    modal.locator("textarea[name=comment]").wait_for(state="visible")
    modal.locator("textarea[name=comment]").fill(opinion)
    for box in modal.locator("input[type=checkbox]").all():
        box.check()
    return modal


def test_editor_masks_pii_and_three_reviewers_take_the_item_live(new_page, live_server, shots):
    call_command("load_demo", verbosity=0)
    base = live_server.url
    column = ColumnIndexPage.objects.get(slug="notices")

    # 1. The editor writes an item with a citizen ID number and saves a draft.
    editor = new_page()
    admin_login(editor, base, "editor", "GovDemo!editor2026")
    editor.goto(f"{base}/admin/pages/add/portal/noticepage/{column.pk}/")
    editor.fill("#id_title", "关于发放困难群众临时救助金的公示")
    # 公开属性 is chosen by the author (seed 003), on the content tab under the text.
    editor.select_option("#id_disclosure", "public")
    type_into_rich_text(
        editor, "body", f"经审核，拟对申请人张某某（身份证号：{CITIZEN_ID}）发放临时救助金。"
    )
    shots("editor-writes", editor)
    editor.get_by_role("button", name="保存草稿").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    item = NoticePage.objects.get(title="关于发放困难群众临时救助金的公示")

    # 2. The check panel shows the ID number as a blocking finding, highlighted.
    open_checks_panel(editor)
    finding = editor.locator('[data-gov-finding][data-code="pii.id_card"]')
    finding.wait_for(state="visible")
    assert "阻止发布" in finding.inner_text()
    assert CITIZEN_ID in finding.locator("[data-gov-highlight]").inner_text()
    shots("id-number-blocked", editor)

    # 3. One click masks it into a new draft revision.
    revisions_before = item.revisions.count()
    finding.locator("[data-gov-mask-button]").click()
    editor.wait_for_load_state()
    assert item.revisions.count() == revisions_before + 1
    item.refresh_from_db()
    draft = item.get_latest_revision_as_object()
    assert CITIZEN_ID not in draft.body and "1101" in draft.body
    open_checks_panel(editor)
    assert editor.locator('[data-gov-finding][data-code="pii.id_card"]').count() == 0
    shots("id-number-masked", editor)

    # 4. The editor submits the item to the review chain.
    open_footer_actions(editor)
    editor.locator("button[name=action-submit]").click()
    editor.wait_for_load_state()
    shots("submitted", editor)
    item.refresh_from_db()
    assert item.workflow_in_progress

    # 5. 初审, 复审 and 终审 approve in turn, each with an opinion and the checklist.
    for username, password, opinion in REVIEWERS:
        reviewer = new_page()
        admin_login(reviewer, base, username, password)
        reviewer.goto(f"{base}/admin/pages/{item.pk}/edit/")
        modal = approve_in_modal(reviewer, opinion)
        shots(f"{username}-approves", reviewer)
        modal.locator("button[type=submit]").click()
        reviewer.wait_for_load_state()
        reviewer.wait_for_timeout(500)
        shots(f"{username}-done", reviewer)
        assert ReviewRecord.objects.filter(
            page_id=item.pk, user_name__isnull=False, opinion=opinion
        ).exists()

    # 6. The page is live, with the masked text only.
    item.refresh_from_db()
    assert item.live
    public = new_page()
    public.goto(f"{base}{item.url}")
    assert "关于发放困难群众临时救助金的公示" in public.content()
    assert CITIZEN_ID not in public.content()
    shots("live-page", public)

    # 7. The 审批责任表 opens from the admin, with the three signed opinions.
    admin = new_page()
    admin_login(admin, base, "admin", "GovDemo!admin2026")
    admin.goto(f"{base}/admin/pages/{item.pk}/edit/")
    form_link = admin.locator("a[href$='/responsibility.html']")
    admin.locator("header [data-w-dropdown-target='toggle']").first.click()
    form_link.click()
    admin.wait_for_url(re.compile(r"responsibility\.html$"))
    html = admin.content()
    assert "政务信息发布审批责任表" in html
    assert "☑ 本机关制发" in html and "☐ 转载/报送" in html
    for _username, _password, opinion in REVIEWERS:
        assert opinion in html
    shots("responsibility-form", admin)
    assert Page.objects.get(pk=item.pk).live
