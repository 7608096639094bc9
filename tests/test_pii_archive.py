"""No raw personal data in anything long-lived (issue 15 point 6).

An editor submits an item with an ID number, a mobile and a home address; 智能校对 sends it
back, the editor de-identifies it with one click (一键脱敏), resubmits, and the chain approves
it. Afterwards no row of any table holds the raw values, except the page's own drafts from
before 脱敏 (content, not archive: ``manage.py purge_revisions`` removes them).
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState

from wagtail_gov_review.models import ReviewAction, ReviewRecord

from .test_workflows import (
    act,
    approve,
    current,
    messages_of,
    new_item,
    records,
    run_of,
    submit,
)

ID_NUMBER = "430102198604152377"  # valid checksum, made up
MOBILE = "13800138000"
STREET = "五一大道100号3栋201室"
PII_BODY = f"<p>申请人陈某某，身份证号：{ID_NUMBER}，手机：{MOBILE}，家住长沙市芙蓉区{STREET}。</p>"
# A reviewer types a phone number into an opinion: it is masked before it is stored.
OPINION_MOBILE = "13912345678"
RAW = (ID_NUMBER, MOBILE, STREET, OPINION_MOBILE)


@pytest.fixture
def demo(module_demo):
    return module_demo


def _readable(value) -> str:
    """A cell as text, JSON decoded so escaped CJK (``\\u4e94…``) reads as written."""
    if isinstance(value, bytes | memoryview):
        value = bytes(value).decode("utf-8", "replace")
    text = str(value)
    try:
        return text + json.dumps(json.loads(text), ensure_ascii=False)
    except (TypeError, ValueError):
        return text


def rows_holding(strings, *, except_revisions=()) -> list[tuple[str, str]]:
    """(table, raw string) for every row of every table that contains one of ``strings``."""
    hits = []
    revision_table = Revision._meta.db_table
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            names = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                if (
                    table == revision_table
                    and dict(zip(names, row, strict=True))["id"] in except_revisions
                ):
                    continue
                text = " ".join(_readable(cell) for cell in row if cell is not None)
                hits += [(table, s) for s in strings if s in text]
    return hits


def test_after_de_identification_no_table_holds_the_raw_personal_data(demo, client, login):
    page = new_item("关于临时救助对象的公示", body=PII_BODY)

    # 1. Submitted: 智能校对 sends it back; the editor's message shows masked values only.
    shown = submit(client, login, page)
    assert run_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES
    message = messages_of(shown)
    assert "4301************77" in message and "138****8000" in message, message
    assert not any(raw in message for raw in RAW), message

    # 2. 一键脱敏 through the editor's endpoint, then resubmit the masked draft.
    page.refresh_from_db()
    drafts_before = set(Revision.objects.for_instance(page).values_list("pk", flat=True))
    response = client.post(
        reverse("gov_review_editor_mask", args=[page.pk]),
        {"revision": page.latest_revision_id, "all": "pii"},
    )
    assert response.status_code == 302
    submit(client, login, page)

    # 3. The chain approves it; the first reviewer's opinion holds a phone number.
    approve(client, login, page, "reviewer1", comment=f"已电话核实（{OPINION_MOBILE}），同意。")
    approve(client, login, page, "reviewer2")
    approve(client, login, page, "reviewer3")
    page.refresh_from_db()
    assert page.live and run_of(page).status == WorkflowState.STATUS_APPROVED

    # The archive says what was found, where, masked.
    [failed] = records(page, action=ReviewAction.CHECK_FAILED)
    stored = {f["code"]: f for f in failed.check_report}
    assert stored["pii.id_card"]["text"] == "4301************77"
    assert stored["pii.id_card"]["field"] == "body" and stored["pii.id_card"]["end"] > 0
    assert stored["pii.mobile"]["text"] == "138****8000"
    assert stored["pii.address"]["text"].startswith("长沙市芙蓉区*")
    [first] = records(page, action=ReviewAction.APPROVE)[:1]
    assert "139****5678" in first.opinion

    # 4. Nothing but the drafts from before 脱敏 holds a raw value, in any table.
    assert rows_holding(RAW, except_revisions=drafts_before) == []
    assert rows_holding((ID_NUMBER,)), "the check itself must see the old drafts"

    # 5. Wagtail's purge_revisions removes those drafts; the records keep their snapshots.
    call_command("purge_revisions", stdout=io.StringIO())
    assert rows_holding(RAW) == []
    assert records(page, action=ReviewAction.CHECK_FAILED)[0].revision_id_snapshot


def test_a_reviewer_opinion_is_stored_masked_in_record_task_state_and_log(demo, client, login):
    page = new_item("关于冬季供暖检查的通知")
    submit(client, login, page)
    state = current(page)
    response = act(
        client,
        login,
        page,
        "reviewer1",
        "reject",
        {"comment": f"请删除申请人手机号{OPINION_MOBILE}后再报。", "gov_task_state": state.pk},
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    [record] = records(page, action=ReviewAction.REJECT)
    assert record.opinion == "请删除申请人手机号139****5678后再报。"
    assert state.comment == record.opinion
    assert rows_holding((OPINION_MOBILE,)) == []


def test_a_refused_publish_archives_and_reports_masked_values(demo, client, login):
    from wagtail.test.utils.form_data import querydict_from_html

    page = new_item("关于临时救助的公示", body=PII_BODY)
    login("admin")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = client.post(url, data, follow=True)
    message = messages_of(response)
    assert "4301************77" in message, message
    assert not any(raw in message for raw in RAW), message
    page.refresh_from_db()
    assert not page.live
    [refused] = ReviewRecord.objects.filter(
        page_id_snapshot=page.pk, action=ReviewAction.PUBLISH_REFUSED
    )
    assert ID_NUMBER not in refused.opinion and "4301************77" in refused.opinion
    assert ID_NUMBER not in json.dumps(refused.check_report)
    # Only page content (the page row and its drafts) may hold the number.
    tables = {table for table, _raw in rows_holding(RAW)}
    assert ReviewRecord._meta.db_table not in tables
    assert "wagtailcore_taskstate" not in tables and "wagtailcore_pagelogentry" not in tables


# -- rows written raw by earlier versions ------------------------------------------------------


@pytest.fixture
def raw_rows(demo):
    """A review record, a page log entry and a monitoring finding as earlier versions wrote them."""
    from unittest import mock

    from wagtail.log_actions import log

    from wagtail_gov_review.monitoring.models import ScanFinding

    item = new_item("关于临时救助的公示（旧记录）")
    raw_report = [
        {"code": "pii.id_card", "field": "body", "start": 12, "end": 30, "text": ID_NUMBER},
        {"code": "term.outdated_name", "field": "body", "start": 0, "end": 5, "text": "国土资源局"},
    ]
    with mock.patch("wagtail_gov_review.workflows.receivers.redact_review_record"):
        record = ReviewRecord.objects.create(
            page=item,
            page_id_snapshot=item.pk,
            page_title=item.title,
            stage="auto_check",
            action="check_failed",
            opinion=f"正文「{ID_NUMBER}」：疑似居民身份证号码；申请人手机{MOBILE}",
            check_report=raw_report,
        )
    entry = log(instance=item, action="wagtail.workflow.reject", data={"comment": f"手机{MOBILE}"})
    finding = ScanFinding.objects.create(
        source="rescan",
        page=item,
        field="body",
        code="pii.id_card",
        severity="block",
        text=ID_NUMBER,
        fingerprint=ScanFinding.make_fingerprint(f"{item.pk}:body", "pii.id_card", ID_NUMBER),
    )
    return record, entry, finding


def test_mask_archive_command_masks_rows_stored_raw_and_keeps_the_archive_closed(raw_rows):
    from django.db import DatabaseError, transaction
    from wagtail.models import ModelLogEntry

    from wagtail_gov_review.models import ImmutableRecordError
    from wagtail_gov_review.redaction import ARCHIVE_MASKED_ACTION

    record, entry, finding = raw_rows
    assert rows_holding((ID_NUMBER, MOBILE))

    out = io.StringIO()
    call_command("gov_review_mask_archive", "--dry-run", stdout=out)
    assert "review record: 1 row(s) would change" in out.getvalue()
    assert ReviewRecord.objects.get(pk=record.pk).opinion == record.opinion  # nothing changed

    call_command("gov_review_mask_archive", stdout=io.StringIO())
    assert rows_holding((ID_NUMBER, MOBILE)) == []
    stored = ReviewRecord.objects.get(pk=record.pk)
    assert stored.opinion == "正文「4301************77」：疑似居民身份证号码；申请人手机138****8000"
    assert stored.check_report[0]["text"] == "4301************77"
    assert stored.check_report[1]["text"] == "国土资源局"  # not personal: kept as found
    assert (stored.stage, stored.action, stored.created_at) == (
        record.stage,
        record.action,
        record.created_at,
    )
    entry.refresh_from_db()
    finding.refresh_from_db()
    assert entry.data["comment"] == "手机138****8000"
    assert finding.text == "4301************77"
    assert ModelLogEntry.objects.filter(action=ARCHIVE_MASKED_ACTION, object_id=str(record.pk))

    # Outside the command the archive stays append-only, for the masked columns too.
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.filter(pk=record.pk).update(opinion="改过")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ReviewRecord._meta.db_table} SET opinion = 'x' WHERE id = %s",
                [record.pk],
            )
    # Inside it, only the text columns may change.
    from wagtail_gov_review.models.records import masking_personal_data

    with pytest.raises(ImmutableRecordError), masking_personal_data():
        ReviewRecord.objects.filter(pk=record.pk).update(action="approve")
    with pytest.raises(DatabaseError), masking_personal_data():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ReviewRecord._meta.db_table} SET action = 'approve', opinion = 'x' "
                "WHERE id = %s",
                [record.pk],
            )
    assert ReviewRecord.objects.get(pk=record.pk).opinion == stored.opinion

    # Records added in bulk are masked like saved ones.
    [bulk] = ReviewRecord.objects.bulk_create(
        [
            ReviewRecord(
                page_id_snapshot=record.page_id_snapshot,
                page_title="导入",
                stage="first",
                action="approve",
                opinion=f"手机{MOBILE}",
            )
        ]
    )
    assert bulk.opinion == "手机138****8000"

    # A second run finds nothing left to do.
    out = io.StringIO()
    call_command("gov_review_mask_archive", stdout=out)
    assert "No raw personal data" in out.getvalue()


FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}


@pytest.mark.parametrize(
    ("typed", "raw", "masked"),
    [
        (f"已核实手机{MOBILE}", MOBILE, "138****8000"),
        ("已核实手机138 0013 8000", "138 0013 8000", "138 **** 8000"),
        (f"已核实手机{MOBILE.translate(FULL_WIDTH)}", MOBILE.translate(FULL_WIDTH), "****"),
        (f"身份證號碼：{ID_NUMBER}，核實無誤", ID_NUMBER, "4301************77"),
        ("申请人许某邮箱xu_ming1988@qq.com", "xu_ming1988", "x**********@qq.com"),
        ("家住长沙市芙蓉区五一大道100号3栋201室", STREET, "长沙市芙蓉区*"),
    ],
)
def test_typed_opinions_are_masked_in_every_spelling(demo, typed, raw, masked):
    from wagtail_gov_review.redaction import mask_personal_data

    stored = mask_personal_data(typed)
    assert raw not in stored and masked in stored, stored


def test_ordinary_opinions_are_stored_as_typed(demo):
    from wagtail_gov_review.redaction import mask_personal_data

    for typed in (
        "内容准确，同意发布。",
        "请核实区政务服务中心咨询电话0731-84561234后再报。",
        "文号湘政办发〔2023〕12号有误，请修改。",
    ):
        assert mask_personal_data(typed) == typed
