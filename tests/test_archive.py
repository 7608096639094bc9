"""The archive: review records are append-only, columns change only by approved requests,
accounts exist only after approval, officer changes are filed within 3 working days."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail_gov_review.forms.accounts import AccountRequestError, DecideAccountRequestAction
from wagtail_gov_review.forms.column_changes import (
    ColumnChangeError,
    DecideColumnChangeAction,
    request_column_change,
)
from wagtail_gov_review.forms.models import (
    AccountRequest,
    ColumnChangeRequest,
    InformationOfficerChange,
    RequestDecidedError,
)
from wagtail_gov_review.forms.officers import (
    add_working_days,
    file_officer_change,
    overdue_officer_changes,
)
from wagtail_gov_review.models import (
    Column,
    ImmutableRecordError,
    ReviewRecord,
    UnitMembership,
)
from wagtail_gov_review.models.columns import ColumnChangeRefused

User = get_user_model()


@pytest.fixture
def record(site):
    return ReviewRecord.objects.create(
        page=site["item"],
        page_id_snapshot=site["item"].pk,
        page_title=site["item"].title,
        stage="first",
        action="approve",
        user_name="李科长",
        opinion="信息内容已校对无误",
    )


def _unchanged(record):
    stored = ReviewRecord.objects.get(pk=record.pk)
    assert (stored.opinion, stored.action, stored.user_name) == (
        "信息内容已校对无误",
        "approve",
        "李科长",
    )


# --- review records are append-only --------------------------------------------------------


def test_queryset_update_and_delete_are_refused(record):
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.filter(pk=record.pk).update(opinion="改过")
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.all().delete()
    with pytest.raises(ImmutableRecordError):
        ReviewRecord.objects.bulk_update([record], ["opinion"])
    _unchanged(record)


def test_instance_save_and_delete_after_creation_are_refused(record):
    record.opinion = "改过"
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        record.delete()
    _unchanged(record)


def test_database_refuses_raw_sql_changes(record):
    table = ReviewRecord._meta.db_table
    for sql in (
        f"UPDATE {table} SET opinion = 'x' WHERE id = %s",
        f"UPDATE {table} SET page_id = page_id + 1000 WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [record.pk])
    # Paths below the queryset API: the raw delete and an UpdateQuery.
    with pytest.raises(DatabaseError), transaction.atomic():
        ReviewRecord.objects.filter(pk=record.pk)._raw_delete(using="default")
    _unchanged(record)


def test_records_survive_deleting_their_page(site, record):
    # Django sets the page FK to NULL on delete: the one change the database allows.
    site["item"].delete()
    stored = ReviewRecord.objects.get(pk=record.pk)
    assert stored.page_id is None
    assert (
        stored.page_title == "区政府召开会议" and stored.page_id_snapshot == record.page_id_snapshot
    )


def test_admin_offers_no_edit_or_delete_even_to_superusers(site, record, client):
    client.force_login(site["admin"])
    index = client.get(reverse("gov_review_records:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert "区政府召开会议" in html
    assert reverse("gov_review_records:edit", args=[record.pk]) not in html
    assert reverse("gov_review_records:delete", args=[record.pk]) not in html
    inspect = client.get(reverse("gov_review_records:inspect", args=[record.pk]))
    assert inspect.status_code == 200 and "信息内容已校对无误" in inspect.content.decode()
    for name, args in (("edit", [record.pk]), ("delete", [record.pk]), ("add", [])):
        url = reverse(f"gov_review_records:{name}", args=args)
        assert client.get(url).status_code == 302  # refused: back to the dashboard
        response = client.post(url, {"opinion": "改过", "stage": "first", "action": "reject"})
        assert response.status_code == 302
    assert ReviewRecord.objects.count() == 1
    _unchanged(record)


# --- columns change only through approved requests -----------------------------------------


def _add_request(site, **extra):
    return request_column_change(
        operation="add",
        unit=site["unit"],
        page=site["column_page"],
        kind="news",
        update_frequency_days=14,
        reason="新增政务动态栏目",
        user=site["clerk"],
        **extra,
    )


def test_column_change_without_approval_is_refused(site):
    with pytest.raises(ColumnChangeRefused):
        Column.objects.create(page=site["column_page"], unit=site["unit"], kind="news")
    with pytest.raises(ColumnChangeRefused):
        Column(page=site["column_page"], unit=site["unit"], kind="news").save()
    request = _add_request(site)
    assert not Column.objects.exists()  # a pending request changes nothing
    DecideColumnChangeAction(request, site["admin"], approve=True, opinion="同意").execute()
    column = Column.objects.get()
    column.update_frequency_days = 1
    with pytest.raises(ColumnChangeRefused):
        column.save()
    with pytest.raises(ColumnChangeRefused):
        column.delete()
    with pytest.raises(ColumnChangeRefused):
        Column.objects.update(update_frequency_days=1)
    with pytest.raises(ColumnChangeRefused):
        Column.objects.all().delete()
    with pytest.raises(ColumnChangeRefused), transaction.atomic():
        site["column_page"].delete()  # the cascade would remove the column unapproved
    assert Column.objects.get().update_frequency_days == 14


def test_approved_requests_add_change_and_remove_columns_on_the_record(site):
    request = _add_request(site)
    DecideColumnChangeAction(request, site["admin"], approve=True, opinion="同意").execute()
    column = Column.objects.get()
    assert (column.kind, column.unit, column.update_frequency_days) == ("news", site["unit"], 14)
    assert column.history.count() == 1
    assert column.history.first().history_user == site["admin"]

    change = request_column_change(
        operation="change",
        unit=site["unit"],
        page=site["column_page"],
        update_frequency_days=90,
        owning_unit=site["town"],
        reason="调整更新频次",
        user=site["clerk"],
    )
    DecideColumnChangeAction(change, site["admin"], approve=True).execute()
    column.refresh_from_db()
    assert (column.update_frequency_days, column.unit, column.kind) == (90, site["town"], "news")
    assert column.history.count() == 2

    remove = request_column_change(
        operation="remove",
        unit=site["unit"],
        page=site["column_page"],
        reason="栏目停止更新",
        user=site["clerk"],
    )
    DecideColumnChangeAction(remove, site["admin"], approve=True).execute()
    assert not Column.objects.exists()
    assert Column.history.filter(history_type="-").count() == 1
    statuses = list(ColumnChangeRequest.objects.values_list("status", "decided_by_name"))
    assert statuses == [("approved", "系统")] * 3


def test_rejected_self_approved_or_unauthorised_requests_change_nothing(site):
    request = _add_request(site)
    with pytest.raises(ColumnChangeError, match="无权"):
        DecideColumnChangeAction(request, site["clerk"], approve=True).execute()
    own = request_column_change(
        operation="add", unit=site["unit"], page=site["column_page"], kind="news",
        reason="x", user=site["admin"],
    )  # fmt: skip
    # Someone else can approve, so the first-run exception (the site's very first column, while
    # nobody else could approve it: tests/test_install.py) does not apply.
    get_user_model().objects.create_superuser("second_admin", "second@demo.invalid", "x")
    with pytest.raises(ColumnChangeError, match="申请人不能审批"):
        DecideColumnChangeAction(own, site["admin"], approve=True).execute()
    DecideColumnChangeAction(request, site["admin"], approve=False, opinion="不符合要求").execute()
    assert not Column.objects.exists()
    request.refresh_from_db()
    assert request.status == "rejected" and request.decision_opinion == "不符合要求"
    with pytest.raises(ColumnChangeError, match="已审批"):
        DecideColumnChangeAction(request, site["admin"], approve=True).execute()
    request.reason = "改过的理由"
    with pytest.raises(RequestDecidedError):
        request.save()
    with pytest.raises(RequestDecidedError):
        request.delete()


def test_column_request_filed_and_approved_in_the_chinese_admin(site, client):
    client.force_login(site["clerk"])
    site["clerk"].is_superuser = False
    group = Group.objects.create(name="栏目申请")
    group.permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(
            codename__in=["add_columnchangerequest", "view_columnchangerequest", "access_admin"]
        )
    )
    site["clerk"].groups.add(group)
    # A clerk files for their own unit (request forms are unit-scoped).
    UnitMembership.objects.create(user=site["clerk"], unit=site["town"])
    add_url = reverse("gov_review_column_requests:add")
    form = client.get(add_url)
    assert form.status_code == 200 and "申请理由" in form.content.decode()
    response = client.post(
        add_url,
        {
            "operation": "add",
            "unit": site["town"].pk,
            "page": site["column_page"].pk,
            "kind": "notice",
            "update_frequency_days": "90",
            "reason": "新增通知公告栏目",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request = ColumnChangeRequest.objects.get()
    assert request.requested_by == site["clerk"] and request.column_name == "政务动态"
    assert not Column.objects.exists()
    # The clerk cannot approve; the site admin can.
    decide = reverse("gov_review_column_requests:decide", args=[request.pk])
    client.post(decide, {"approve": "1", "opinion": ""})
    assert not Column.objects.exists()
    client.force_login(site["admin"])
    listing = client.get(reverse("gov_review_column_requests:index")).content.decode()
    assert decide in listing and "待审批" in listing
    client.post(decide, {"approve": "1", "opinion": "同意开设"})
    assert Column.objects.get().kind == "notice"
    assert (
        reverse("gov_review_column_requests:edit", args=[request.pk])
        not in client.get(reverse("gov_review_column_requests:index")).content.decode()
    )


# --- accounts exist only after approval ----------------------------------------------------


def _account_request(site, **extra):
    fields = dict(
        unit=site["town"],
        username="town_clerk",
        role="editor",
        reason="新增信息员",
        holder_name="孙小明",
        phone="0731-84683301",
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 12, 31),
        requested_by=site["clerk"],
    )
    fields.update(extra)
    request = AccountRequest(**fields)
    request.full_clean()
    request.save()
    return request


def test_account_is_created_only_when_the_request_is_approved(site):
    request = _account_request(site)
    assert not User.objects.filter(username="town_clerk").exists()
    with pytest.raises(AccountRequestError):
        DecideAccountRequestAction(request, site["clerk"], approve=True).execute()
    assert not User.objects.filter(username="town_clerk").exists()
    user = DecideAccountRequestAction(request, site["admin"], approve=True).execute()
    assert user.username == "town_clerk" and user.get_full_name().replace(" ", "") in (
        "小明孙",
        "孙小明",
    )
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["信息员"]
    assert UnitMembership.objects.get(user=user).unit == site["town"]
    request.refresh_from_db()
    assert request.status == "approved" and request.created_user == user


def test_bad_account_requests_get_clear_errors(site):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _account_request(site, username="admin", valid_until=datetime.date(2025, 1, 1))
    assert set(error.value.message_dict) == {"username", "valid_until"}
    with pytest.raises(ValidationError) as error:
        _account_request(site, role="god")
    assert "role" in error.value.message_dict
    assert not AccountRequest.objects.exists()


# --- information officers ------------------------------------------------------------------


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert add_working_days(friday, 3) == datetime.date(2026, 11, 25)  # Wednesday
    assert add_working_days(datetime.date(2026, 11, 23), 3) == datetime.date(2026, 11, 26)


def test_officer_change_is_recorded_and_overdue_after_three_working_days(site):
    membership = UnitMembership.objects.create(user=site["clerk"], unit=site["town"])
    friday = timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))
    with mock.patch("django.utils.timezone.now", return_value=friday):
        membership.is_information_officer = True
        membership.save()
    change = InformationOfficerChange.objects.get()
    assert (change.kind, change.unit, change.officer_name) == ("appointed", site["town"], "王信息")
    assert overdue_officer_changes(datetime.date(2026, 11, 25)) == []  # Wednesday: in time
    assert overdue_officer_changes(datetime.date(2026, 11, 26)) == [change]  # Thursday: late
    file_officer_change(change, site["admin"], leader_name="刘镇长", told_account=True)
    assert overdue_officer_changes(datetime.date(2026, 11, 26)) == []
    membership.is_information_officer = False
    membership.save()
    assert InformationOfficerChange.objects.filter(kind="relieved").count() == 1
    membership.position = "科员"
    membership.save()  # not an officer change
    assert InformationOfficerChange.objects.count() == 2


def test_daily_reminder_mails_site_admins_the_overdue_officer_changes(site, mailoutbox):
    from wagtail_gov_review.forms.officers import remind_overdue_officer_changes

    membership = UnitMembership.objects.create(user=site["clerk"], unit=site["town"])
    friday = timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))
    with mock.patch("django.utils.timezone.now", return_value=friday):
        membership.is_information_officer = True
        membership.save()
    assert remind_overdue_officer_changes(datetime.date(2026, 11, 25)) == 0
    assert mailoutbox == []
    assert remind_overdue_officer_changes(datetime.date(2026, 11, 26)) == 1
    (mail,) = mailoutbox
    assert mail.to == ["admin@demo.invalid"]
    assert "3个工作日" in mail.subject
    assert "城关镇人民政府" in mail.body and "2026-11-20" in mail.body


@pytest.mark.django_db(transaction=True)
def test_flush_between_transactional_tests_still_empties_the_archive(site, record):
    # Django's test runner flushes after a transactional test; the triggers let only that through.
    from django.core.management import call_command

    with pytest.raises(DatabaseError):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ReviewRecord._meta.db_table}")
    call_command("flush", interactive=False, verbosity=0)
    assert ReviewRecord.objects.count() == 0
    # flush re-runs post_migrate: the guard is back.
    again = ReviewRecord.objects.create(
        page_id_snapshot=1, page_title="x", stage="first", action="approve"
    )
    with pytest.raises(DatabaseError):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ReviewRecord._meta.db_table} WHERE id = %s", [again.pk])
