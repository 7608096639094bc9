"""智能校对 of what an item publishes besides its text: linked documents and images, their
titles and file names, image alt texts and the slug. Real files, real admin views, every
publish path."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from datetime import timedelta
from io import BytesIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, Page

from wagtail_gov_review.attachments import checking
from wagtail_gov_review.attachments.jobs import check_stored_file
from wagtail_gov_review.attachments.models import DeidentifiedCopy, FileCheck, FileCheckStatus
from wagtail_gov_review.checks import EngineConfig, get_engine
from wagtail_gov_review.checks.files import check_file
from wagtail_gov_review.monitoring.models import ScanFinding
from wagtail_gov_review.monitoring.rescan import rescan_live_pages
from wagtail_gov_review.refusals import PublishRefused
from wagtail_gov_review.scanning import check_page, check_revision

from . import attachment_samples as samples
from .gate_helpers import CLEAN_BODY, World
from .test_gate_admin import api_publish, bulk_publish, edit_url, publish_via_edit_view

Document = get_document_model()
Image = get_image_model()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db, client):
    world = World()
    client.force_login(world.admin)
    return world


def upload(name: str, data: bytes, title: str = "附件") -> Document:
    return Document.objects.create(title=title, file=ContentFile(data, name=name))


def linking(doc) -> str:
    return f'{CLEAN_BODY}<p>附件：<a linktype="document" id="{doc.pk}">{doc.title}</a></p>'


def doc_url(doc) -> str:
    return reverse("wagtaildocs:edit", args=[doc.pk])


FORMATS = [
    ("救助名单.xlsx", samples.xlsx_bytes(), samples.ID_A, "工作表“救助名单” 单元格 B2"),
    ("救助名单.xls", samples.xls_bytes(), samples.ID_A, "工作表“救助名单” 单元格 B2"),
    ("公示.docx", samples.docx_bytes(), samples.ID_A, "第 2 段"),
    ("名单-gb18030.csv", samples.csv_bytes("gb18030"), samples.ID_A, "单元格 B2"),
    (
        "名單-big5.csv",
        samples.csv_bytes("big5", samples.TRADITIONAL_ROWS),
        samples.ID_C,
        "单元格 B2",
    ),
    ("公示.pdf", samples.text_pdf_bytes(), samples.ID_A, "第 2 页"),
]


# -- the report names the file and the place in it -----------------------------------------------


@pytest.mark.parametrize("name, data, id_number, where", FORMATS, ids=[f[0] for f in FORMATS])
def test_report_and_gate_name_the_file_and_the_place_of_each_id_number(
    world, client, name, data, id_number, where
):
    doc = upload(name, data)
    page = world.item(body=linking(doc))
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin)
    message = str(refused.value)
    assert refused.value.codes == ["findings"]
    assert f"附件《{name}》 {where}" in message
    assert id_number not in message  # the refusal (archived) carries the number masked
    assert id_number[:4] + "*" * 12 + id_number[-2:] in message
    page.refresh_from_db()
    assert not page.live

    shown = client.get(doc_url(doc)).content.decode()
    assert "智能校对" in shown and where in shown and id_number not in shown


def test_documents_in_nested_stream_blocks_of_the_revision_under_review_are_checked(world):
    from example_site.portal.models import NewsPage

    page = NewsPage(title="区民政局发布救助公示", slug="stream-attachments", live=False)
    world.column.add_child(instance=page)
    page.save_revision(user=world.admin)
    doc = upload("名单.xlsx", samples.xlsx_bytes())
    draft = page.get_latest_revision().as_object()
    draft.body = [
        ("paragraph", "<p>现将救助名单公示如下。</p>"),
        ("attachments", [{"document": doc, "note": "救助名单"}]),
    ]
    revision = draft.save_revision(user=world.admin)

    page.refresh_from_db()
    assert not check_page(Page.objects.get(pk=page.pk)).has_blocking  # the row has no link
    report = check_revision(revision)  # the revision under review has
    labels = {item.field_label for item in report.blocking}
    assert {item.field for item in report.blocking} == {f"attachment:document:{doc.pk}"}
    assert labels == {
        "附件《名单.xlsx》 工作表“救助名单” 单元格 B2",
        "附件《名单.xlsx》 工作表“救助名单” 单元格 B3",
    }


def test_image_title_alt_text_file_name_and_slug_are_checked(world):
    image = Image.objects.create(
        title=f"申请人 {samples.ID_B} 照片",
        file=ContentFile(samples.png_bytes("现场照片"), name="photo.png"),
        width=1200,
        height=160,
        description="联系电话13912345678",
    )
    body = (
        f'{CLEAN_BODY}<embed embedtype="image" id="{image.pk}" format="fullwidth" '
        f'alt="申请人电话13812345678"/>'
    )
    page = world.item(body=body)
    draft = page.get_latest_revision().as_object()
    draft.slug = f"notice-{samples.ID_A}"
    report = check_page(draft)
    found = {(item.field, item.finding.code) for item in report.findings}
    assert (f"attachment:image:{image.pk}.title", "pii.id_card") in found
    assert (f"attachment:image:{image.pk}.description", "pii.mobile") in found
    assert ("image_alts", "pii.mobile") in found
    assert ("slug", "pii.id_card") in found


def test_document_title_and_file_name_are_checked(world):
    doc = upload(f"{samples.ID_A}_名单.csv", "姓名,金额\n张某,100\n".encode(), title="名单")
    report = check_page(world.item(body=linking(doc)))
    [finding] = report.blocking
    assert finding.field == f"attachment:document:{doc.pk}.file_name"


# -- every publish path --------------------------------------------------------------------------


@pytest.fixture
def listed(world):
    """A reviewed item whose body is clean but which links a spreadsheet with ID numbers."""
    doc = upload("救助名单.xlsx", samples.xlsx_bytes())
    page = world.item(body=linking(doc))
    return page, doc


def _assert_offline(page):
    page.refresh_from_db()
    assert not page.live and page.live_revision_id is None


def test_edit_view_publish_refuses_an_item_linking_an_id_spreadsheet(world, client, listed):
    page, _doc = listed
    world.review(page)
    publish_via_edit_view(client, page)
    shown = client.get(edit_url(page)).content.decode()
    assert "发布被拒绝" in shown and "附件《救助名单.xlsx》" in shown
    _assert_offline(page)


def test_workflow_approval_refuses_an_item_linking_an_id_spreadsheet(world, client, listed):
    page, _doc = listed
    state = world.workflow.start(page, world.admin)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": "同意"})
    _assert_offline(page)
    assert "附件《救助名单.xlsx》" in client.get(edit_url(page)).content.decode()


def test_bulk_and_api_publish_refuse_an_item_linking_an_id_spreadsheet(world, client, listed):
    page, _doc = listed
    world.review(page)
    assert "本次未发布任何信息" in bulk_publish(client, page).content.decode()
    _assert_offline(page)
    response = api_publish(client, page)
    assert response.status_code == 400 and "救助名单.xlsx" in response.content.decode()
    _assert_offline(page)


def test_scheduled_publish_refuses_an_item_linking_an_id_spreadsheet(world, listed):
    page, doc = listed
    draft = page.get_latest_revision().as_object()
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    draft.save_revision(user=world.admin)
    revision = world.review(page)
    with override_settings(WAGTAIL_GOV_REVIEW={"ATTACHMENTS": {"ENABLED": False}}):
        revision.publish()  # scheduled before the spreadsheet was checked
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(hours=2)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    _assert_offline(page)


def test_submission_for_review_is_sent_back_by_the_automated_check(demo, client, login):
    from wagtail.models import WorkflowState

    from .test_workflows import new_item, run_of, submit

    doc = upload("救助名单.xlsx", samples.xlsx_bytes())
    page = new_item("临时救助对象名单公示", body=linking(doc))
    shown = submit(client, login, page).content.decode()
    assert "智能校对已退回本信息" in shown and "附件《救助名单.xlsx》" in shown
    assert run_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES


# -- reading once, bad files, OCR ---------------------------------------------------------------


def test_an_unchanged_file_is_read_once_and_stored_masked(world):
    first = upload("名单.xlsx", samples.xlsx_bytes())
    second = upload("名单副本.xlsx", samples.xlsx_bytes())
    with mock.patch.object(checking, "check_file", wraps=check_file) as reads:
        check_page(world.item(body=linking(first)))
        check_page(world.item(body=linking(second)))
        check_page(world.item(body=linking(first) + linking(second)))
    assert reads.call_count == 1
    [row] = FileCheck.objects.all()
    stored = repr(row.findings)
    assert samples.ID_A not in stored and samples.MASKED_A in stored


def zip_bomb_xlsx() -> bytes:
    """A small XLSX whose sheet inflates to 300 MB of spaces."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return out.getvalue()


def test_a_hostile_file_is_refused_fast_with_flat_memory_and_blocks_publishing(world):
    data = zip_bomb_xlsx()
    doc = upload("炸弹.xlsx", data)
    page = world.item(body=linking(doc))
    revision = world.review(page)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin)
    seconds = time.perf_counter() - started
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "无法校对的附件不能发布" in str(refused.value)
    assert seconds < 5 and peak < 20 * 1024 * 1024, (seconds, peak)
    print(f"zip bomb ({len(data)} bytes): refused in {seconds:.2f}s, peak {peak / 1e6:.1f} MB")
    # Nothing is lost: the document and the draft are still there.
    doc.refresh_from_db()
    with doc.file.open("rb") as handle:
        assert handle.read() == data
    assert FileCheck.objects.get().status == FileCheckStatus.REFUSED


@override_settings(WAGTAIL_GOV_REVIEW={"ATTACHMENTS": {"OCR": True}})
def test_a_scanned_pdf_waits_for_ocr_in_the_worker_then_its_id_number_blocks(world):
    doc = upload("扫描件.pdf", samples.scanned_pdf_bytes())
    page = world.item(body=linking(doc))
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:  # the request does not run OCR
        revision.publish(user=world.admin)
    assert "等待文字识别" in str(refused.value)
    assert FileCheck.objects.get().status == FileCheckStatus.PENDING

    check_stored_file("document", doc.pk)  # what the django-q2 worker runs

    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin)
    assert "附件《扫描件.pdf》 第 1 页" in str(refused.value)
    assert samples.ID_B not in str(refused.value)


@override_settings(WAGTAIL_GOV_REVIEW={"ATTACHMENTS": {"OCR": True}})
def test_text_in_an_embedded_image_is_read_by_ocr_in_the_worker(world):
    image = Image.objects.create(
        title="现场照片",
        file=ContentFile(samples.png_bytes(), name="scan.png"),
        width=1200,
        height=160,
    )
    page = world.item(body=f'{CLEAN_BODY}<embed embedtype="image" id="{image.pk}" alt="现场"/>')
    assert [f.finding.code for f in check_page(page).blocking] == ["file.pending"]
    check_stored_file("image", image.pk)
    [finding] = check_page(page).blocking
    assert finding.finding.code == "pii.id_card" and finding.field_label.startswith(
        "图片《现场照片》"
    )
    assert finding.finding.text == samples.ID_B[:4] + "*" * 12 + samples.ID_B[-2:]


def test_upload_in_the_admin_queues_the_check(world, client, django_capture_on_commit_callbacks):
    url = reverse("wagtaildocs:add")
    upload_file = ContentFile(samples.xlsx_bytes(), name="上传名单.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "title": "上传名单",
                "file": upload_file,
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302
    row = FileCheck.objects.get()
    assert row.status == FileCheckStatus.CHECKED and len(row.findings) == 2


# -- de-identification ----------------------------------------------------------------------------

MASKABLE = [
    ("救助名单.xlsx", samples.xlsx_bytes()),
    ("公示.docx", samples.docx_bytes()),
    ("名单.csv", samples.csv_bytes("gb18030")),
]


@pytest.mark.parametrize("name, data", MASKABLE, ids=[m[0] for m in MASKABLE])
def test_deidentified_copy_is_clean_keeps_the_original_and_lets_the_item_publish(
    world, client, name, data
):
    doc = upload(name, data)
    page = world.item(body=linking(doc))
    revision = world.review(page)
    shown = client.get(doc_url(doc)).content.decode()
    assert "一键脱敏" in shown
    original = doc.file.name

    response = client.post(reverse("gov_review_deidentify_document", args=[doc.pk]), follow=True)
    assert "已脱敏" in response.content.decode()

    doc.refresh_from_db()
    assert doc.file.name != original
    with doc.file.open("rb") as handle:
        masked = handle.read()
    engine = get_engine(EngineConfig())
    assert not [f for f in check_file(engine, BytesIO(masked), name=name) if f.severity == "block"]
    with doc.file.storage.open(original, "rb") as handle:
        assert handle.read() == data  # the original is kept, not overwritten
    copy = DeidentifiedCopy.objects.get(document_id=doc.pk)
    assert copy.user == world.admin and copy.original_file == original
    assert copy.masked_count >= 1

    revision.publish(user=world.admin)  # the same reviewed revision now links a clean file
    page.refresh_from_db()
    assert page.live


def test_deidentify_needs_permission_to_change_the_document(world, client):
    doc = upload("救助名单.xlsx", samples.xlsx_bytes())
    clerk = get_user_model().objects.create_user("att_clerk", password="x" * 12)
    group = Group.objects.create(name="附件只读")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="choose_document"),
    )
    clerk.groups.add(group)
    client.force_login(clerk)
    response = client.post(reverse("gov_review_deidentify_document", args=[doc.pk]))
    assert response.status_code in (302, 403)  # Wagtail's admin answers "permission denied"
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not DeidentifiedCopy.objects.exists()


# -- the daily re-scan -----------------------------------------------------------------------------


def test_daily_rescan_reports_documents_of_live_items(world):
    doc = upload("救助名单.xlsx", samples.xlsx_bytes())
    page = world.item(body=linking(doc))
    revision = world.review(page)
    with override_settings(WAGTAIL_GOV_REVIEW={"ATTACHMENTS": {"ENABLED": False}}):
        revision.publish(user=world.admin)  # went live before attachments were checked
    rescan_live_pages()
    fields = set(ScanFinding.objects.filter(page=page).values_list("field", flat=True))
    assert f"attachment:document:{doc.pk}" in fields
    texts = set(ScanFinding.objects.filter(page=page).values_list("text", flat=True))
    assert samples.MASKED_A in texts and samples.ID_A not in texts
