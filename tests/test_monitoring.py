"""Monitoring after publishing: re-scan, re-check, link patrol, timeliness, withdraw, statistics.

Jobs run through django-q2's ``async_task`` (synchronous in the test settings) against the demo
portal; external links go to a local HTTP server on 127.0.0.1, never the internet.
"""

from __future__ import annotations

import http.server
import threading
import time
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from wagtail_gov_review.models import (
    Column,
    ReviewAction,
    ReviewRecord,
    ReviewStage,
    Term,
    Unit,
)
from wagtail_gov_review.monitoring.models import (
    MonthlyStatistics,
    RunKind,
    RunStatus,
    ScanFinding,
    ScanRun,
)

NO_GATE = {"GATE": {"ENABLED": False}}


def run_job(name: str, *args):
    """Run a monitoring job the way the schedules do: through django-q2's async_task."""
    from django_q.tasks import async_task, result

    task_id = async_task(f"wagtail_gov_review.monitoring.jobs.{name}", *args)
    return result(task_id)


def live_page(title: str) -> Page:
    return Page.objects.get(title=title, live=True).specific


def add_item(column_slug: str, model_name: str, title: str, slug: str, **fields) -> Page:
    """A new draft item in a demo column."""
    from example_site.portal import models as portal

    column = Page.objects.get(slug=column_slug)
    page = getattr(portal, model_name)(title=title, slug=slug, live=False, **fields)
    column.add_child(instance=page)
    page.save_revision()
    return page


def publish(page: Page) -> Page:
    with override_settings(WAGTAIL_GOV_REVIEW=NO_GATE):
        page.get_latest_revision().publish(user=None, skip_permission_checks=True)
    page.refresh_from_db()
    return page


# --- daily re-scan --------------------------------------------------------------------------


def test_term_added_today_flags_a_page_published_before(demo, client, login):
    page = live_page("区政府召开安全生产工作会议")
    run_job("daily_rescan")
    assert not ScanFinding.objects.filter(page=page, code="term.sensitive").exists()

    Term.objects.create(category="sensitive", term="安全形势", suggestion="安全态势")
    summary = run_job("daily_rescan")

    finding = ScanFinding.objects.get(page=page, code="term.sensitive")
    assert finding.text == "安全形势"
    assert finding.severity == "block"
    assert finding.source == RunKind.RESCAN
    assert finding.unit.name == "区政府办公室"
    assert finding.column.page.title == "政务动态"
    assert finding.field.startswith("body")
    run = ScanRun.objects.filter(kind=RunKind.RESCAN).first()
    assert run.status == RunStatus.DONE
    assert run.total == 3 and run.processed == 3 and "3/3" in summary

    # Same scan again (or a second worker): the finding is refreshed, not duplicated.
    first_seen = finding.first_seen
    run_job("daily_rescan")
    assert ScanFinding.objects.filter(page=page, code="term.sensitive").count() == 1
    finding.refresh_from_db()
    assert finding.first_seen == first_seen and finding.last_seen > first_seen

    # The admin view lists it, in Chinese, filtered by code and unit.
    login("admin")
    unit = Unit.objects.get(name="区政府办公室")
    response = client.get(
        reverse("gov_review_monitoring:findings"), {"code": "term.sensitive", "unit": unit.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "区政府召开安全生产工作会议" in html and "安全形势" in html
    assert "每日重新扫描" in html  # the run, with its progress
    other = Unit.objects.get(name="城关镇人民政府")
    response = client.get(reverse("gov_review_monitoring:findings"), {"unit": other.pk})
    assert "安全形势" not in response.content.decode()

    # Removing the term resolves the finding on the next scan.
    Term.objects.filter(term="安全形势").delete()
    run_job("daily_rescan")
    finding.refresh_from_db()
    assert finding.resolved and finding.resolved_at is not None


def test_findings_are_unique_even_when_two_workers_insert(demo):
    from wagtail_gov_review.monitoring.recording import Problem, record

    page = live_page("关于做好今冬供暖保障工作的通知")
    problem = Problem(page_id=page.pk, code="typo", severity="warn", text="今冬", field="body")
    assert record(RunKind.RESCAN, [page.pk], [problem]) == 1
    assert record(RunKind.RESCAN, [page.pk], [problem]) == 1
    assert ScanFinding.objects.filter(page=page).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        existing = ScanFinding.objects.get(page=page)
        existing.pk = None
        existing.save()


def test_a_second_run_of_the_same_job_is_skipped_while_one_runs(demo):
    from wagtail_gov_review.monitoring.rescan import rescan_live_pages
    from wagtail_gov_review.monitoring.runs import start_run

    running = start_run(RunKind.RESCAN)
    assert rescan_live_pages() is None
    assert ScanRun.objects.filter(kind=RunKind.RESCAN, status=RunStatus.SKIPPED).count() == 1
    # A run without progress for longer than STALE_RUN_MINUTES no longer blocks.
    ScanRun.objects.filter(pk=running.pk).update(heartbeat_at=timezone.now() - timedelta(days=1))
    assert rescan_live_pages() is not None
    running.refresh_from_db()
    assert running.status == RunStatus.FAILED


# --- re-check after publishing ----------------------------------------------------------------


def test_publishing_queues_a_recheck_of_the_rendered_page(
    demo, django_capture_on_commit_callbacks, monkeypatch
):
    from example_site.portal.models import NoticePage

    # The demo's abstract ItemPage.template is not inherited by Wagtail page classes (each
    # gets its own default name), so item pages do not render yet; point at the shared one.
    monkeypatch.setattr(NoticePage, "template", "portal/item_page.html")
    Term.objects.create(category="typo", term="防汛值班", suggestion="防汛值守")
    page = add_item(
        "notices",
        "NoticePage",
        "关于加强防汛值班的通知",
        "flood-duty",
        body="<p>请各单位做好防汛值班。</p>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    findings = ScanFinding.objects.filter(page=page, source=RunKind.PUBLISHED)
    # Found in the rendered page: the title (in <title>, <h1>) and the body text.
    assert findings.filter(code="typo", text="防汛值班", field="rendered").exists()
    assert findings.get(code="typo").unit.name == "区政府办公室"


def test_recheck_of_a_page_that_no_longer_opens_is_a_blocking_finding(demo, monkeypatch):
    from wagtail_gov_review.monitoring import published

    page = live_page("关于做好今冬供暖保障工作的通知")
    monkeypatch.setattr(published, "render_live_page", lambda page: (500, ""))
    assert run_job("recheck_published", page.pk) == f"page {page.pk}: 1 findings"
    finding = ScanFinding.objects.get(page=page, source=RunKind.PUBLISHED)
    assert finding.code == "link.broken" and finding.severity == "block"


# --- link patrol ------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool):
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(2)
        if path == "/nohead" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = 404 if path == "/missing" else 200
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if body:
            self.wfile.write(b"<p>ok</p>")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@override_settings(
    WAGTAIL_GOV_REVIEW={"MONITORING": {"LINK_TIMEOUT": 0.5, "LINK_CONCURRENCY": 4}, **NO_GATE}
)
def test_link_patrol_reports_broken_internal_and_external_links(demo, local_server, monkeypatch):
    from example_site.portal.models import NoticePage

    monkeypatch.setattr(NoticePage, "template", "portal/item_page.html")  # see above
    winter = live_page("关于做好今冬供暖保障工作的通知")
    body = (
        f'<p><a href="{local_server}/ok">可用</a> <a href="{local_server}/missing">失效</a> '
        f'<a href="{local_server}/nohead">只接受GET</a> <a href="{local_server}/slow">超时</a> '
        f'<a href="{local_server}/ok?utm_source=ad">广告</a> '
        f'<a linktype="page" id="{winter.pk}">有效内链</a> <a linktype="page" id="987654">失效内链</a> '
        f'<a linktype="document" id="987654">失效文件</a> '
        f'<a href="/no-such-page/">失效站内网址</a> <a href="{winter.url}">有效站内网址</a> '
        '<a href="mailto:office@demo.invalid">邮件</a></p>'
    )
    page = publish(add_item("notices", "NoticePage", "链接巡查测试", "link-patrol", body=body))

    summary = run_job("daily_link_patrol")
    assert "4/4" in summary
    broken = set(
        ScanFinding.objects.filter(page=page, code="link.broken").values_list("text", flat=True)
    )
    assert broken == {
        f"{local_server}/missing",
        f"{local_server}/slow",
        "page:987654",
        "document:987654",
        "/no-such-page/",
    }
    commercial = ScanFinding.objects.get(page=page, code="link.commercial")
    assert commercial.text == f"{local_server}/ok?utm_source=ad"
    assert "商业广告" in commercial.message
    # Pages without links have no link findings.
    assert not ScanFinding.objects.filter(page=winter, source=RunKind.LINKS).exists()


def test_external_check_answers_even_when_nothing_listens():
    from wagtail_gov_review.monitoring.links import check_external_url

    result = check_external_url("http://127.0.0.1:9/", timeout=0.5)
    assert not result.ok and result.detail


# --- timeliness -------------------------------------------------------------------------------


def test_overdue_column_and_late_item_are_reported(demo, client, login):
    item = add_item("news", "NewsPage", "区领导调研重点项目", "late-news")
    # The item entered the system ten days ago; news must go live within a week.
    Revision.objects.filter(object_id=str(item.pk)).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    publish(item)

    summary = run_job("daily_timeliness")
    assert "timeliness" in summary.lower() or "及时性" in summary

    stale = ScanFinding.objects.filter(code="timeliness.column_stale", resolved=False)
    stale_titles = set(stale.values_list("page__title", flat=True))
    assert "领导活动" in stale_titles  # nothing published there, due every 14 days
    assert "政务动态" not in stale_titles and "通知公告" not in stale_titles
    late = ScanFinding.objects.get(code="timeliness.late", page=item)
    assert "168.0" in late.message  # the deadline in hours
    assert not ScanFinding.objects.filter(
        code="timeliness.late", page__title="区政府召开安全生产工作会议"
    ).exists()

    login("admin")
    response = client.get(
        reverse("gov_review_monitoring:findings"), {"code": "timeliness.column_stale"}
    )
    assert "领导活动" in response.content.decode()


def test_deadline_comes_from_the_column_or_its_kind():
    from wagtail_gov_review.monitoring.timeliness import deadline_for

    assert deadline_for(Column(kind="leader_activity")) == timedelta(hours=6)
    assert deadline_for(Column(kind="policy")) == timedelta(days=3)
    assert deadline_for(Column(kind="notice", timeliness_hours=12)) == timedelta(hours=12)
    assert deadline_for(Column(kind="interaction")) is None


# --- withdraw ---------------------------------------------------------------------------------


def _approve_with_a_workflow(page: Page, user) -> Revision:
    """A real Wagtail workflow run over the page's latest revision, approved to the end."""
    from wagtail.models import GroupApprovalTask

    workflow, _ = Workflow.objects.get_or_create(name="测试流程")
    task, created = GroupApprovalTask.objects.get_or_create(name="测试审核")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # The gate counts only a run of the workflow that applies to the page.
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    page.save_revision(user=user)
    with override_settings(WAGTAIL_GOV_REVIEW=NO_GATE):
        state = workflow.start(page, user)
        state.current_task_state.approve(user=user)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    return page.get_latest_revision()


def test_withdraw_needs_permission_and_a_reason_and_resets_the_review(demo, client, login):
    from wagtail_gov_review.workflows.status import review_completed_for

    page = live_page("关于做好今冬供暖保障工作的通知")
    admin = login("admin")
    revision = _approve_with_a_workflow(page, admin)
    assert review_completed_for(revision)
    url = reverse("gov_review_monitoring:withdraw", args=[page.pk])

    # The button is offered on the page's admin header to who may withdraw.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert url in response.content.decode()

    # Users without the permission may not withdraw (403, or the admin login for non-staff).
    for username in ("editor", "reviewer1"):
        login(username)
        assert client.post(url, {"reason": "x"}).status_code in (302, 403)
        assert (
            url
            not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        )
    assert Page.objects.get(pk=page.pk).live
    assert not ReviewRecord.objects.filter(action=ReviewAction.WITHDRAW).exists()

    # No reason: refused with a clear message, nothing changes.
    login("admin")
    response = client.get(url)
    assert "撤回" in response.content.decode()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    error = response.context["form"].errors["reason"][0]
    assert error in response.content.decode() and not error.isascii()  # shown, in Chinese
    assert Page.objects.get(pk=page.pk).live

    response = client.post(url, {"reason": "热线号码有误，需更正后重新发布"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    record = ReviewRecord.objects.get(page_id_snapshot=page.pk, action=ReviewAction.WITHDRAW)
    assert record.opinion == "热线号码有误，需更正后重新发布"
    assert record.user == admin and record.stage == ReviewStage.PUBLISH

    # The earlier approval no longer counts; a new full review does.
    assert not review_completed_for(revision)
    new_revision = _approve_with_a_workflow(page, admin)
    assert new_revision.pk != revision.pk
    assert review_completed_for(new_revision)


def test_withdrawing_a_page_that_is_not_live_is_refused(demo):
    from django.contrib.auth import get_user_model

    from wagtail_gov_review.workflows.gate.withdraw import WithdrawError, WithdrawPageAction

    draft = Page.objects.get(title="2026年度临时救助对象名单公示")
    admin = get_user_model().objects.get(username="admin")
    with pytest.raises(WithdrawError):
        WithdrawPageAction(draft, user=admin, reason="重复").execute()
    assert not ReviewRecord.objects.filter(action=ReviewAction.WITHDRAW).exists()


# --- monthly statistics -----------------------------------------------------------------------

JAN = date(2025, 1, 1)


def _at(month: int, day: int, year: int = 2025) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 10, 0))


def _submitted_item(column, slug, *, submitted, published=None, created=None) -> Page:
    page = add_item(column, "NewsPage", f"统计样本{slug}", f"stats-{slug}")
    Revision.objects.filter(object_id=str(page.pk)).update(created_at=created or submitted)
    workflow, _ = Workflow.objects.get_or_create(name="统计流程")
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        workflow=workflow,
        status=WorkflowState.STATUS_APPROVED,
    )
    WorkflowState.objects.filter(pk=state.pk).update(created_at=submitted)
    if published:
        Page.objects.filter(pk=page.pk).update(first_published_at=published, live=True)
    return page


def _record(page, action):
    ReviewRecord.objects.create(
        page=page, page_id_snapshot=page.pk, page_title=page.title,
        stage=ReviewStage.FIRST, action=action,
    )  # fmt: skip


def test_monthly_statistics_match_hand_counted_fixtures(demo, client, login):
    # 区政府办公室 (政务动态, deadline 7 days):
    _submitted_item("news", "a", submitted=_at(1, 5), published=_at(1, 6))  # all good
    b = _submitted_item("news", "b", submitted=_at(1, 10), published=_at(1, 25))  # late
    _record(b, ReviewAction.REJECT)  # sent back once: not 规范
    _submitted_item("news", "c", submitted=_at(1, 20))  # never published
    _submitted_item("news", "d", submitted=_at(1, 28), published=_at(2, 3))  # adopted in Feb
    e = _submitted_item("news", "e", submitted=_at(1, 15), published=_at(1, 16))
    _record(e, ReviewAction.WITHDRAW)  # withdrawn: not 准确
    _submitted_item("news", "f", submitted=_at(12, 30, 2024), published=_at(12, 31, 2024))
    # 城关镇人民政府 (乡镇动态): one item with personal data found after publishing.
    g = _submitted_item("town-news", "g", submitted=_at(1, 3), published=_at(1, 3))
    ScanFinding.objects.create(
        source=RunKind.RESCAN, page=g, code="pii.mobile", severity="block", fingerprint="g"
    )

    assert run_job("monthly_statistics", "2025-01") == "monthly statistics: 4 units"
    run_job("monthly_statistics", "2025-01")  # idempotent
    assert MonthlyStatistics.objects.filter(month=JAN).count() == 4

    office = MonthlyStatistics.objects.get(month=JAN, unit__name="区政府办公室")
    assert (office.submitted, office.adopted, office.timely, office.accurate, office.compliant) == (
        5, 3, 2, 2, 4,
    )  # fmt: skip
    assert office.timeliness_rate == 66.7 and office.compliance_rate == 80.0
    town = MonthlyStatistics.objects.get(month=JAN, unit__name="城关镇人民政府")
    assert (town.submitted, town.adopted, town.timely, town.accurate, town.compliant) == (
        1, 1, 1, 0, 1,
    )  # fmt: skip
    idle = MonthlyStatistics.objects.get(month=JAN, unit__name="区发展和改革局")
    assert idle.submitted == 0 and idle.timeliness_rate is None

    login("admin")
    url = reverse("gov_review_monitoring:statistics")
    html = client.get(url, {"month": "2025-01"}).content.decode()
    assert "<svg" in html and "区政府办公室" in html and "66.7%" in html
    assert "报送数量" in html and "采用数量" in html

    from openpyxl import load_workbook

    response = client.get(url, {"month": "2025-01", "export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["区政府办公室"][1:4] == (5, 3, 2)
    assert rows["城关镇人民政府"][5] == 0

    # Bad month input: a clear error, nothing generated.
    response = client.post(url, {"month": "2025-13"}, follow=True)
    assert "YYYY-MM" in response.content.decode()


def test_statistics_default_to_the_previous_month():
    from wagtail_gov_review.monitoring.statistics import previous_month

    assert previous_month(date(2026, 1, 1)) == date(2025, 12, 1)
    assert previous_month(date(2026, 3, 15)) == date(2026, 2, 1)


# --- schedules --------------------------------------------------------------------------------


def test_gov_review_setup_creates_the_schedules_once(db):
    from django_q.models import Schedule

    call_command("gov_review_setup", verbosity=0)
    call_command("gov_review_setup", verbosity=0)
    schedules = {s.func: s for s in Schedule.objects.all()}
    assert set(schedules) >= {
        "wagtail_gov_review.monitoring.jobs.daily_rescan",
        "wagtail_gov_review.monitoring.jobs.daily_link_patrol",
        "wagtail_gov_review.monitoring.jobs.daily_timeliness",
        "wagtail_gov_review.monitoring.jobs.monthly_statistics",
    }
    assert Schedule.objects.filter(func__startswith="wagtail_gov_review.monitoring").count() == 5
    monthly = schedules["wagtail_gov_review.monitoring.jobs.monthly_statistics"]
    assert monthly.schedule_type == Schedule.MONTHLY
    assert timezone.localtime(monthly.next_run).day == 1
    assert (
        schedules["wagtail_gov_review.monitoring.jobs.daily_rescan"].schedule_type == Schedule.DAILY
    )
    resume = schedules["wagtail_gov_review.monitoring.jobs.resume_chunked_runs"]
    assert (resume.schedule_type, resume.minutes) == (Schedule.MINUTES, 5)
