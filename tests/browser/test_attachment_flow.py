"""A spreadsheet with ID numbers, in a real browser: uploaded, reported with its cells,
de-identified with one click, then published through the review chain. Screenshots of every
step land in test-artifacts/."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model

from example_site.portal.models import ColumnIndexPage, NoticePage
from wagtail_gov_review.attachments.models import DeidentifiedCopy

from .. import attachment_samples as samples
from .conftest import admin_login
from .test_review_flow import REVIEWERS, approve_in_modal, open_footer_actions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_spreadsheet_with_id_numbers_is_reported_deidentified_and_published(
    new_page, live_server, shots, tmp_path
):
    call_command("load_demo", verbosity=0)
    base = live_server.url
    sheet = tmp_path / "救助名单.xlsx"
    sheet.write_bytes(samples.xlsx_bytes())

    # 1. The site admin uploads the spreadsheet.
    admin = new_page()
    admin_login(admin, base, "admin", "GovDemo!admin2026")
    admin.goto(f"{base}{reverse('wagtaildocs:add')}")
    admin.fill("#id_title", "临时救助对象名单")
    admin.set_input_files("input[name=file]", str(sheet))
    admin.locator("form[enctype='multipart/form-data'] [type=submit]").first.click()
    admin.wait_for_url(re.compile(r"/admin/documents/"))
    document = get_document_model().objects.get(title="临时救助对象名单")

    # 2. Its edit view reports both ID numbers, by sheet and cell, masked.
    admin.goto(f"{base}{reverse('wagtaildocs:edit', args=[document.pk])}")
    report = admin.locator("[data-gov-file-report]")
    report.wait_for(state="visible")
    text = report.inner_text()
    assert "单元格 B2" in text and "单元格 B3" in text and "救助名单" in text
    assert samples.ID_A not in admin.content() and samples.MASKED_A in text
    shots("spreadsheet-reported", admin)

    # 3. One click saves a masked copy as the document's file.
    admin.locator("[data-gov-deidentify]").click()
    admin.wait_for_load_state()
    assert "已脱敏" in admin.content()
    assert "未发现问题" in admin.locator("[data-gov-file-report]").inner_text()
    assert DeidentifiedCopy.objects.get(document_id=document.pk).user_name
    shots("spreadsheet-deidentified", admin)

    # 4. The editor's item links it and goes through the chain to the portal.
    column = ColumnIndexPage.objects.get(slug="notices")
    item = NoticePage(
        title="关于临时救助对象名单的公示",
        slug="relief-list",
        body=(
            "<p>现将临时救助对象名单予以公示。</p>"
            f'<p><a linktype="document" id="{document.pk}">临时救助对象名单</a></p>'
        ),
        live=False,
        owner=get_user_model().objects.get(username="editor"),
    )
    column.add_child(instance=item)
    item.save_revision(user=item.owner)
    editor = new_page()
    admin_login(editor, base, "editor", "GovDemo!editor2026")
    editor.goto(f"{base}/admin/pages/{item.pk}/edit/")
    open_footer_actions(editor)
    editor.locator("button[name=action-submit]").click()
    editor.wait_for_load_state()
    item.refresh_from_db()
    assert item.workflow_in_progress
    for username, password, opinion in REVIEWERS:
        reviewer = new_page()
        admin_login(reviewer, base, username, password)
        reviewer.goto(f"{base}/admin/pages/{item.pk}/edit/")
        modal = approve_in_modal(reviewer, opinion)
        # The final approval also publishes: wait for the whole request, not a fixed time.
        with reviewer.expect_navigation(timeout=60_000):
            modal.locator("button[type=submit]").click()
        reviewer.wait_for_load_state()
    item.refresh_from_db()
    assert item.live
    public = new_page()
    public.goto(f"{base}{item.url}")
    assert "临时救助对象名单" in public.content()
    shots("item-live", public)
