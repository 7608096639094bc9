"""The request forms of seed 000 (附件2–4) printed from the stored requests, in HTML and PDF."""

from __future__ import annotations

import datetime
import io
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wagtail_gov_review.forms.accounts import DecideAccountRequestAction
from wagtail_gov_review.forms.column_changes import (
    DecideColumnChangeAction,
    request_column_change,
)
from wagtail_gov_review.forms.models import AccountRequest, InformationOfficerChange
from wagtail_gov_review.forms.officers import file_officer_change
from wagtail_gov_review.forms.sheets import render_sheet_html, render_sheet_pdf, sheet_for
from wagtail_gov_review.models import UnitMembership

User = get_user_model()


def _text(sheet) -> tuple[str, str]:
    """(HTML without tags, PDF text), whitespace removed."""
    html = re.sub(r"<[^>]+>|\s+", "", render_sheet_html(sheet))
    reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet)))
    pdf = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    return html, pdf


def test_column_change_form_says_what_was_requested_and_decided(site):
    request = request_column_change(
        operation="add",
        unit=site["town"],
        page=site["column_page"],
        kind="news",
        update_frequency_days=90,
        requirement="发布乡村振兴政策与进展",
        planned_date=datetime.date(2026, 12, 1),
        reason="落实乡村振兴信息公开要求",
        unit_leader_opinion="同意开设。",
        user=site["clerk"],
    )
    pending_html, pending_pdf = _text(sheet_for(request))
    for text in (pending_html, pending_pdf):
        assert "审批结果待审批" in text
    DecideColumnChangeAction(request, site["admin"], approve=True, opinion="同意").execute()
    request.refresh_from_db()
    html, pdf = _text(sheet_for(request))
    decided = timezone.localdate().isoformat()
    for text in (html, pdf):
        assert "政府网站栏目调整审批表" in text
        assert "单位名称城关镇人民政府" in text
        assert "☑新增栏目栏目名称：政务动态开设需求：发布乡村振兴政策与进展" in text
        assert "至少每90天更新一次" in text and "拟上线时间：2026-12-01" in text
        assert "☐撤销栏目" in text and "☐修改栏目" in text
        assert "申请理由落实乡村振兴信息公开要求" in text
        assert "单位负责人意见同意开设。" in text
        assert f"审批结果同意（系统，{decided}）：同意" in text
        assert "1次/季度" in text


def test_account_request_form(site):
    request = AccountRequest(
        unit=site["town"],
        username="town_clerk",
        role="editor",
        reason="新增信息员",
        holder_name="孙小明",
        phone="0731-84683301",
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 12, 31),
        leader_opinion="同意",
        requested_by=site["clerk"],
    )
    request.save()
    DecideAccountRequestAction(request, site["admin"], approve=False, opinion="人数已满").execute()
    request.refresh_from_db()
    html, pdf = _text(sheet_for(request))
    for text in (html, pdf):
        assert "政府网站账号申请审批表" in text
        assert "拟申请账号名称town_clerk" in text
        assert "申请账号权限信息员" in text
        assert "账号使用人孙小明" in text and "联系方式0731-84683301" in text
        assert "账号存续时间2026-01-01—2026-12-31" in text
        assert "分管领导意见同意" in text
        assert "审批结果退回（系统，" in text and "）：人数已满" in text


def test_officer_change_form_names_the_previous_and_current_officer(site):
    old = User.objects.create_user("old", last_name="李", first_name="旧员")
    old_membership = UnitMembership.objects.create(
        user=old, unit=site["town"], is_information_officer=True
    )
    new_membership = UnitMembership.objects.create(user=site["clerk"], unit=site["town"])
    monday = timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=monday):
        old_membership.is_information_officer = False
        old_membership.save()
    with mock.patch("django.utils.timezone.now", return_value=monday + datetime.timedelta(hours=1)):
        new_membership.is_information_officer = True
        new_membership.save()
    change = InformationOfficerChange.objects.get(kind="appointed", officer_name="王信息")
    html, pdf = _text(sheet_for(change))
    for text in (html, pdf):
        assert "尚未报送备案" in text
    file_officer_change(
        change,
        site["admin"],
        leader_name="刘镇长",
        leader_phone="13800000000",
        officer_phone="0731-1234567",
        told_account=True,
        told_rules=True,
    )
    change.refresh_from_db()
    html, pdf = _text(sheet_for(change))
    for text in (html, pdf):
        assert "政府网站信息员登记/变更表" in text
        assert "分管领导刘镇长联系方式13800000000" in text
        assert "原信息员李旧员" in text or "原信息员旧员李" in text
        assert "现信息员王信息联系方式0731-1234567" in text
        assert "是否已告知网站后台本单位账号、密码☑是☐否" in text
        assert "是否已告知各栏目更新时效性要求☐是☑否" in text
        assert f"填报时间{timezone.localdate().isoformat()}" in text
        assert "3个工作日内" in text


def test_forms_are_printed_from_the_admin_lists(site, client):
    request = request_column_change(
        operation="remove",
        unit=site["town"],
        page=site["column_page"],
        reason="栏目停止更新",
        user=site["clerk"],
    )
    client.force_login(site["admin"])
    index = client.get(reverse("gov_review_column_requests:index"))
    html_url = reverse("gov_review_column_requests:sheet", args=[request.pk, "html"])
    pdf_url = reverse("gov_review_column_requests:sheet", args=[request.pk, "pdf"])
    assert html_url in index.content.decode() and pdf_url in index.content.decode()
    page = client.get(html_url)
    assert page.status_code == 200 and "☑ 撤销栏目" in page.content.decode()
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(html_url.replace(".html", ".doc")).status_code == 404
    # Someone without any permission on the requests cannot print them.
    client.force_login(User.objects.create_user("nobody"))
    refused = client.get(html_url)
    assert refused.status_code in (302, 403) and "撤销栏目" not in refused.content.decode()
