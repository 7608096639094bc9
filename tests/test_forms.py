"""The prescribed forms say exactly what the review records say, in HTML, PDF and XLSX."""

from __future__ import annotations

import datetime
import io
import re
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import Page

from wagtail_gov_review.forms.data import Selection, collect_items
from wagtail_gov_review.forms.export import export_form
from wagtail_gov_review.models import Column, ReviewRecord, Unit

REPRINT = "全省数字政府建设推进会召开"
NOTICE = "关于做好今冬供暖保障工作的通知"
NEWS = "城关镇开展冬季消防安全检查"  # created here, first-reviewed only


def _record(page, stage, action, user_name, opinion="", role="", when=None):
    # created_at is auto_now_add: to place a record in the past, create it "then".
    with mock.patch("django.utils.timezone.now", return_value=when or timezone.now()):
        return ReviewRecord.objects.create(
            page=page,
            page_id_snapshot=page.pk,
            page_title=page.title,
            revision=page.latest_revision,
            stage=stage,
            action=action,
            user_name=user_name,
            role=role,
            unit_name="区政府办公室",
            column_name=str(Column.for_page(page) or ""),
            opinion=opinion,
        )


def _new_item(title):
    from example_site.portal.models import NewsPage

    column = Page.objects.get(slug="town-news")
    page = column.add_child(instance=NewsPage(title=title, slug="fire-check", live=False))
    page.save_revision()
    return page


def _reviewed_titles():
    """Every item with a recorded review decision: the demo's real workflow runs and ours."""
    ids = ReviewRecord.objects.filter(action__in=["approve", "reject"]).exclude(stage="auto_check")
    return set(
        Page.objects.filter(pk__in=ids.values("page_id_snapshot")).values_list("title", flat=True)
    )


@pytest.fixture(scope="module")
def _reviewed_demo(django_db_setup, django_db_blocker):
    """The demo portal (whose workflows already recorded real reviews of its live items) plus
    recorded reviews of a reprint and a news item, loaded once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        reprint = Page.objects.get(title=REPRINT).specific
        news = _new_item(NEWS)
        _record(reprint, "first", "reject", "李科长", "来源链接需核实", "初审初校")
        _record(reprint, "first", "approve", "李科长", "信息内容已校对无误", "初审初校")
        _record(reprint, "second", "approve", "张副主任", "经审查，无敏感或涉密内容", "复审复校")
        _record(reprint, "final", "reject", "陈主任", "标题需规范", "终审终校")
        _record(reprint, "site_leader", "approve", "周站长", "", "网站负责人")
        _record(news, "first", "approve", "吴镇科长", "", "初审初校")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def reviewed(_reviewed_demo, db):
    return {
        "reprint": Page.objects.get(title=REPRINT).specific,
        "notice": Page.objects.get(title=NOTICE).specific,
        "news": Page.objects.get(title=NEWS).specific,
    }


def _expected_signature(page, stage):
    record = (
        ReviewRecord.objects.filter(page_id_snapshot=page.pk, stage=stage)
        .order_by("-created_at", "-pk")
        .first()
    )
    return record


def test_items_carry_latest_decision_per_stage_and_page_attributes(reviewed):
    items = {item.title: item for item in collect_items(Selection())}
    assert set(items) == _reviewed_titles()
    assert {REPRINT, NOTICE, NEWS} <= set(items)
    reprint = items[REPRINT]
    assert reprint.source_label == "转载（省人民政府网站）"
    assert reprint.column_name == "政务动态"
    assert reprint.unit_name == "区政府办公室"
    assert items[NEWS].column_name == "乡镇动态"
    assert items[NEWS].unit_name == "城关镇人民政府"
    assert reprint.first.approved and reprint.first.opinion == "信息内容已校对无误"
    assert reprint.third.approved is False
    assert reprint.third.decision_label == "不同意"
    assert reprint.remarks == "网站负责人审核：同意（周站长）"
    assert items[NEWS].second is None and items[NEWS].third is None
    # The demo's workflow recorded the notice's real reviews; skipped stages are no signatures.
    notice = items[NOTICE]
    assert notice.first.user_name == "李科长" and notice.third.user_name == "陈主任"
    assert notice.remarks == ""


def test_pdf_responsibility_form_says_what_the_records_say(reviewed):
    reprint = reviewed["reprint"]
    result = export_form("responsibility", "pdf", Selection(page_ids=(reprint.pk,)))
    reader = PdfReader(io.BytesIO(result.content))
    assert len(reader.pages) == 1
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "政务信息发布审批责任表" in text
    assert REPRINT in text
    assert "省人民政府网站" in text
    assert "政务动态" in text
    assert "保密要素是否涉密☐是☑否" in text
    for stage in ("first", "second", "final"):
        record = _expected_signature(reprint, stage)
        assert record.user_name in text
        assert record.opinion in text
        assert timezone.localtime(record.created_at).strftime("%Y-%m-%d%H:%M") in text
    assert "不同意：标题需规范" in text
    # The first review's earlier rejection is superseded by its approval.
    assert "来源链接需核实" not in text


def test_pdf_secrecy_form_lists_one_row_per_item(reviewed):
    result = export_form("secrecy", "pdf", Selection())
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(result.content)).pages)
    text = re.sub(r"\s+", "", text)
    assert "信息发布保密审查表" in text
    for title in _reviewed_titles():
        assert title in text
    assert "不同意" in text  # the reprint's final review
    assert "主动公开" in text and "政府网站" in text


def test_xlsx_cells_match_the_records(reviewed):
    result = export_form("responsibility", "xlsx", Selection())
    sheet = load_workbook(io.BytesIO(result.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "政务信息发布审批责任表"
    header = rows[1]
    data = {row[1]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    assert set(data) == _reviewed_titles()
    for key, title in (("reprint", REPRINT), ("notice", NOTICE)):
        page = reviewed[key]
        row = data[title]
        for stage, label in (("first", "初审"), ("second", "二审"), ("final", "三审")):
            record = _expected_signature(page, stage)
            assert row[f"{label} · 意见"] == (record.opinion or None)
            assert row[f"{label} · 审核人"] == record.user_name
            assert row[f"{label} · 结论"] == ("同意" if record.action == "approve" else "不同意")
            assert row[f"{label} · 时间"] == timezone.localtime(record.created_at).strftime(
                "%Y-%m-%d %H:%M"
            )
    assert data[REPRINT]["信息来源"] == "转载（省人民政府网站）"
    assert data[NOTICE]["信息来源"] == "本机关制发"
    assert data[REPRINT]["是否涉密"] == "否"
    assert data[REPRINT]["三审 · 结论"] == "不同意"
    assert data[NEWS]["二审 · 审核人"] is None  # no record, nothing invented


def test_xlsx_secrecy_form_columns(reviewed):
    result = export_form("secrecy", "xlsx", Selection())
    rows = list(load_workbook(io.BytesIO(result.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "信息发布保密审查表"
    assert list(rows[1][:6]) == ["序号", "部门", "信息名称", "信息来源", "公开属性", "发布平台"]
    numbers = [row[0] for row in rows[2:]]
    assert numbers == list(range(1, len(_reviewed_titles()) + 1))
    by_title = {row[2]: row for row in rows[2:]}
    assert by_title[REPRINT][10:12] == ("不同意", "陈主任")
    assert by_title[REPRINT][4:6] == ("主动公开", "政府网站")
    assert by_title[NEWS][1] == "城关镇人民政府"
    assert by_title[NEWS][6:12] == ("同意", "吴镇科长", None, None, None, None)


def test_batch_filters_by_date_column_and_unit(reviewed):
    news_column = Column.objects.get(page__slug="news")
    old = timezone.now() - datetime.timedelta(days=40)
    _record(reviewed["reprint"], "final", "approve", "陈主任", when=old)
    today = timezone.localdate()
    recent = collect_items(Selection(date_from=today - datetime.timedelta(days=7), date_to=today))
    assert {item.title for item in recent} == _reviewed_titles()
    last_month = collect_items(Selection(date_to=today - datetime.timedelta(days=30)))
    assert [item.title for item in last_month] == [REPRINT]
    assert last_month[0].third.approved and last_month[0].first is None
    in_column = collect_items(Selection(column=news_column))
    expected = {
        t
        for t in _reviewed_titles()
        if Page.objects.get(title=t).path.startswith(news_column.page.path)
    }
    assert {item.title for item in in_column} == expected and REPRINT in expected
    town = Unit.objects.get(name="城关镇人民政府")
    assert [item.title for item in collect_items(Selection(unit_id=town.pk))] == [NEWS]


def test_export_command_writes_each_format(reviewed, tmp_path):
    out = tmp_path / "forms.xlsx"
    call_command(
        "export_review_forms",
        "--form=secrecy",
        "--format=xlsx",
        "--column=政务动态",
        f"-o{out}",
        stderr=io.StringIO(),
    )
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert REPRINT in {row[2] for row in rows[2:]} and NEWS in {row[2] for row in rows[2:]}
    assert NOTICE not in {row[2] for row in rows[2:]}
    html = tmp_path / "forms.html"
    call_command(
        "export_review_forms",
        "--form=responsibility",
        "--format=html",
        "--unit=区政府办公室",
        f"-o{html}",
        stderr=io.StringIO(),
    )
    content = html.read_text()
    assert "@page" in content and "A4" in content and REPRINT in content


def test_export_command_rejects_bad_input(reviewed, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "export_review_forms",
            "--form=secrecy",
            "--format=pdf",
            "--from=2026-13-01",
            f"-o{tmp_path}/x",
        )
    with pytest.raises(CommandError, match="no column"):
        call_command(
            "export_review_forms",
            "--form=secrecy",
            "--format=pdf",
            "--column=不存在",
            f"-o{tmp_path}/x",
        )
    with pytest.raises(CommandError, match="before"):
        call_command(
            "export_review_forms",
            "--form=secrecy",
            "--format=pdf",
            "--from=2026-02-01",
            "--to=2026-01-01",
            f"-o{tmp_path}/x",
        )
    assert not (tmp_path / "x").exists()


def test_one_click_export_from_the_page_in_the_admin(reviewed, client, login):
    login("editor")
    page = reviewed["reprint"]
    listing = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert listing.status_code == 200
    url = reverse("wagtail_gov_review_forms:page_form", args=[page.pk, "responsibility", "pdf"])
    assert url in listing.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert "审批责任表（PDF）" in edit.content.decode() and url in edit.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = re.sub(r"\s+", "", PdfReader(io.BytesIO(response.content)).pages[0].extract_text())
    assert REPRINT in text and "陈主任" in text


def test_page_export_needs_edit_or_review_access(reviewed, client, login):
    login("town_editor")
    page = reviewed["reprint"]
    url = reverse("wagtail_gov_review_forms:page_form", args=[page.pk, "secrecy", "html"])
    response = client.get(url)
    # The unit scope refuses another unit's page before the view (403 with a sentence).
    assert response.status_code == 403
    assert "其他单位的用户无法打开或修改" in response.content.decode()
    login("reviewer1")  # same unit as the item
    assert client.get(url).status_code == 200


def test_batch_export_view_in_chinese_admin(reviewed, client, login):
    login("admin")
    url = reverse("wagtail_gov_review_forms:batch")
    page = client.get(url)
    assert page.status_code == 200
    assert "审批表导出" in page.content.decode()
    response = client.get(url, {"form": "secrecy", "format": "xlsx", "export": "1"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + len(_reviewed_titles())
    bad = client.get(url, {"form": "secrecy", "format": "doc", "export": "1"})
    assert bad.status_code == 200
    assert "选择一个有效的选项" in bad.content.decode()
