"""Issue 18's walk-through in a real browser, with the messages a user sees at each step.

Editor writes an item with a citizen ID number and submits it → 智能校对 sends it back and the
editor stays in the editor (red message only) → 脱敏 with one click → resubmit (the button
names 智能校对) → 初审, 复审, 终审 approve, each landing on the dashboard with a confirmation
→ live → 审批责任表. A town reviewer can neither open nor decide the district's item.
Screenshots of every step land in test-artifacts/test_walkthrough_.../.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from example_site.portal.models import ColumnIndexPage, NoticePage

from .conftest import admin_login
from .test_review_flow import (
    CITIZEN_ID,
    REVIEWERS,
    approve_in_modal,
    open_checks_panel,
    open_footer_actions,
    type_into_rich_text,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "关于发放城乡低保救助金的公示"


def shown_messages(page) -> str:
    messages = page.locator(".messages")
    return messages.inner_text() if messages.count() else ""


def test_walkthrough_send_back_mask_resubmit_three_reviews_live_and_town_refusal(
    new_page, live_server, shots
):
    call_command("load_demo", verbosity=0)
    base = live_server.url
    column = ColumnIndexPage.objects.get(slug="notices")

    # 1. The editor writes an item with a citizen ID number and submits it at once.
    editor = new_page()
    admin_login(editor, base, "editor", "GovDemo!editor2026")
    editor.goto(f"{base}/admin/pages/add/portal/noticepage/{column.pk}/")
    editor.fill("#id_title", TITLE)
    # 公开属性 is chosen by the author (seed 003), on the content tab under the text.
    editor.select_option("#id_disclosure", "public")
    type_into_rich_text(
        editor, "body", f"经审核，拟对申请人李某某（身份证号：{CITIZEN_ID}）发放低保金。"
    )
    shots("editor-writes", editor)
    open_footer_actions(editor)
    editor.locator("button[name=action-submit]").click()

    # 2. 智能校对 sends it back: the editor stays in the editor, with only the red message.
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    said = shown_messages(editor)
    assert "智能校对已退回本信息" in said and "身份证" in said
    assert "已经提交进行审核" not in said and "提交审核" not in said
    assert said.count("智能校对已退回本信息") == 1, said
    shots("sent-back-by-the-check", editor)
    item = NoticePage.objects.get(title=TITLE)

    # 3. 脱敏 with one click, from the check panel next to the message.
    open_checks_panel(editor)
    finding = editor.locator('[data-gov-finding][data-code="pii.id_card"]')
    with editor.expect_navigation():
        finding.locator("[data-gov-mask-button]").click()
    editor.wait_for_load_state()
    said = shown_messages(editor)
    assert said.count("已脱敏") == 1, said
    assert "智能校对已退回" in said  # the reason stays until the item is resubmitted
    item.refresh_from_db()
    assert CITIZEN_ID not in item.get_latest_revision_as_object().body
    shots("masked", editor)

    # 4. Resubmit: the button names the chain's first task, where it restarts.
    open_footer_actions(editor)
    resubmit = editor.locator("button[name=action-submit]")
    assert "重新提交给智能校对" in resubmit.inner_text()
    shots("resubmit-button", editor)
    resubmit.click()
    editor.wait_for_load_state()
    assert "已经提交进行审核" in shown_messages(editor)
    shots("resubmitted", editor)

    # 5. A town reviewer can neither open nor decide the district's item.
    town = new_page()
    admin_login(town, base, "town_reviewer1", "GovDemo!townfirst2026")
    town.goto(f"{base}/admin/pages/{item.pk}/edit/")
    town.wait_for_load_state()
    refusal = town.locator("body").inner_text()
    assert "不属于本单位" in refusal and "此页面属于区政府办公室" in refusal
    assert TITLE not in refusal and CITIZEN_ID[:6] not in refusal
    shots("town-reviewer-refused", town)

    # 6. 初审, 复审, 终审 approve; each lands on the dashboard with a confirmation.
    for username, password, opinion in REVIEWERS:
        reviewer = new_page()
        admin_login(reviewer, base, username, password)
        reviewer.goto(f"{base}/admin/pages/{item.pk}/edit/")
        modal = approve_in_modal(reviewer, opinion)
        if username == "reviewer3":
            assert "前序环节审核意见" in modal.inner_text()
        shots(f"{username}-approves", reviewer)
        modal.locator("button[type=submit]").click()
        reviewer.wait_for_url(f"{base}/admin/")
        said = shown_messages(reviewer)
        assert "已审核通过" in said and TITLE in said, said
        assert "没有权限" not in said
        shots(f"{username}-confirmed", reviewer)

    # 7. Live, masked; the 审批责任表 holds the three opinions.
    item.refresh_from_db()
    assert item.live
    public = new_page()
    public.goto(f"{base}{item.url}")
    assert TITLE in public.content() and CITIZEN_ID not in public.content()
    shots("live-page", public)
    admin = new_page()
    admin_login(admin, base, "admin", "GovDemo!admin2026")
    admin.goto(f"{base}/admin/pages/{item.pk}/edit/")
    admin.locator("header [data-w-dropdown-target='toggle']").first.click()
    admin.locator("a[href$='/responsibility.html']").click()
    admin.wait_for_url(re.compile(r"responsibility\.html$"))
    html = admin.content()
    assert "政务信息发布审批责任表" in html
    for _username, _password, opinion in REVIEWERS:
        assert opinion in html
    shots("responsibility-form", admin)
