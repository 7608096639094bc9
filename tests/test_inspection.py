"""Self-inspection (国办秘函〔2019〕19号): each indicator passes and fails on the demo portal
with the clock passed in, and the admin report, exports, trend, job and alerts show it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from example_site.portal.models import NoticePage
from wagtail_gov_review.inspection import rules
from wagtail_gov_review.inspection.jobs import daily_inspection
from wagtail_gov_review.inspection.models import InspectionSnapshot
from wagtail_gov_review.inspection.report import run_inspection, save_snapshot, weekly_trend
from wagtail_gov_review.models import ReviewAction, ReviewRecord
from wagtail_gov_review.monitoring.models import ScanFinding
from wagtail_gov_review.monitoring.schedules import ensure_monitoring

User = get_user_model()
REPORT_URL = "/admin/gov-review/inspection/"
EMPTY_COLUMNS = ("leaders", "interpretations", "department-news", "town-news")


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


@pytest.fixture
def inspection_settings(settings):
    """Override INSPECTION thresholds for one test."""

    def _set(**values):
        settings.WAGTAIL_GOV_REVIEW = {"INSPECTION": values}

    return _set


# -- helpers ---------------------------------------------------------------------------


def live_item(column: str, title: str, published_at, **fields) -> NoticePage:
    """A live item first published at ``published_at``: created as a draft, then put live
    with QuerySet.update (the publish gate would refuse an unreviewed item)."""
    parent = Page.objects.get(slug=column).specific
    page = NoticePage(
        title=title,
        slug=f"i-{abs(hash(title)) % 10**8}",
        body="<p>测试信息。</p>",
        owner=User.objects.get(username="editor"),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    Page.objects.filter(pk=page.pk).update(
        live=True, first_published_at=published_at, last_published_at=published_at
    )
    page.refresh_from_db()
    return page


def age_all_items(published_at) -> None:
    """Move every live item's first publication to ``published_at``."""
    Page.objects.filter(live=True, depth__gt=3).update(
        first_published_at=published_at, last_published_at=published_at
    )


def fill_empty_columns(published_at) -> None:
    for slug in EMPTY_COLUMNS:
        live_item(slug, f"{slug} 测试信息", published_at)


def result(code, now=None):
    now = now or timezone.now()
    return {r.code: r for r in run_inspection(now).results}[code]


def blocking_finding(page, code="privacy.id_number", text="110101199003074516"):
    return ScanFinding.objects.create(
        source="rescan",
        page=page,
        code=code,
        severity="block",
        text=text,
        message="身份证号码",
        fingerprint=ScanFinding.make_fingerprint("body", code, text),
    )


def finished_link_patrol(at=None):
    """A link patrol run that finished (the link indicator is assessable only after one)."""
    from wagtail_gov_review.monitoring.models import RunKind, RunStatus, ScanRun

    at = at or timezone.now() - timedelta(hours=1)
    return ScanRun.objects.create(
        kind=RunKind.LINKS, status=RunStatus.DONE, started_at=at, finished_at=at
    )


# -- indicators --------------------------------------------------------------------------


def test_a_maintained_site_passes_every_indicator(demo):
    now = timezone.now()
    fill_empty_columns(now - timedelta(days=1))
    finished_link_patrol()
    report = run_inspection(now)
    assert {r.code: r.status for r in report.results} == {
        "severe_errors": "pass",
        "home_not_updated": "pass",
        "columns_not_updated": "pass",
        "interaction": "pass",  # the interaction column is empty: nothing unanswered
        "link_availability": "pass",
    }
    assert report.passed
    assert not report.warnings


def test_home_page_fails_after_two_weeks_without_a_new_item(demo):
    now = timezone.now()
    age_all_items(now - timedelta(days=15))
    home = result("home_not_updated", now)
    assert home.passed is False and home.veto
    assert "网站超过14天无新发布信息" in home.reason
    assert home.offenders[0].url == reverse("wagtailadmin_pages:edit", args=[demo.pk])
    assert run_inspection(now).passed is False

    # An item in any second-level column counts (the home page is navigation only).
    live_item("town-news", "镇里的新消息", now - timedelta(days=2))
    assert result("home_not_updated", now).passed is True


def test_home_page_warns_before_it_fails(demo):
    now = timezone.now()
    age_all_items(now - timedelta(days=11))
    home = result("home_not_updated", now)
    assert home.passed is True
    assert "已11天无新信息（上限14天）" in home.warnings[0].detail


def test_five_stale_news_and_notice_columns_fail(demo):
    now = timezone.now()
    fill_empty_columns(now - timedelta(days=1))
    # Four news-kind columns idle 15 days: under the limit of five.
    age_all_items(now - timedelta(days=15))
    policies = Page.objects.get(slug="policies").get_descendants().filter(live=True)
    notices = Page.objects.get(slug="notices").get_descendants().filter(live=True)
    interpretations = Page.objects.get(slug="interpretations").get_descendants()
    policies.update(first_published_at=now - timedelta(days=1))
    notices.update(first_published_at=now - timedelta(days=1))
    interpretations.update(first_published_at=now - timedelta(days=1))
    columns = result("columns_not_updated", now)
    assert columns.passed is True
    assert "重点栏目未更新4个" in columns.reason
    assert {o.title for o in columns.offenders} >= {"政务动态", "领导活动", "部门动态", "乡镇动态"}

    # The top-level notices column idle over six months makes five.
    notices.update(first_published_at=now - timedelta(days=200))
    columns = result("columns_not_updated", now)
    assert columns.passed is False
    assert "动态要闻、通知公告、政策文件类栏目5个未按期更新（达到5个即不合格）" in columns.reason
    notices_page = Page.objects.get(slug="notices")
    assert any(
        o.url == reverse("wagtailadmin_pages:edit", args=[notices_page.pk])
        for o in columns.offenders
    )


def test_news_column_idle_ten_days_is_an_alert(demo):
    now = timezone.now()
    fill_empty_columns(now - timedelta(days=1))
    Page.objects.get(slug="news").get_descendants().filter(live=True).update(
        first_published_at=now - timedelta(days=11)
    )
    columns = result("columns_not_updated", now)
    assert columns.passed is True
    # 政务动态 lists its sub-columns' items too, so all three are idle.
    assert [w.title for w in columns.warnings] == ["政务动态", "部门动态", "乡镇动态"]
    assert "已11天未更新（上限14天）" in columns.warnings[0].detail


def test_empty_columns_fail_at_five(demo):
    # As loaded, the demo has five columns without a live item.
    columns = result("columns_not_updated")
    assert columns.passed is False
    assert "空白栏目5个（达到5个即不合格）" in columns.reason
    live_item("leaders", "区长调研", timezone.now())
    assert result("columns_not_updated").passed is True


def test_columns_past_their_update_frequency_fail_at_the_limit(demo, inspection_settings):
    now = timezone.now()
    # 领导活动, 部门动态, 乡镇动态 past their 14 days (政务动态 has a fresh item).
    fill_empty_columns(now - timedelta(days=20))
    inspection_settings(STALE_FREQUENCY_LIMIT=3, STALE_NEWS_NOTICE_LIMIT=99)
    columns = result("columns_not_updated", now)
    assert columns.passed is False
    assert "应更新未更新栏目3个（达到3个即不合格）" in columns.reason
    inspection_settings(STALE_FREQUENCY_LIMIT=4, STALE_NEWS_NOTICE_LIMIT=99)
    assert result("columns_not_updated", now).passed is True


def test_interaction_without_reply_attributes_is_not_assessable(demo):
    live_item("interaction", "关于小区停车的留言", timezone.now() - timedelta(days=120))
    interaction = result("interaction")
    assert interaction.passed is None
    assert "无法评估" in interaction.reason


def test_interaction_messages_unanswered_over_three_months_fail(demo, inspection_settings):
    # The contract: a truthy reply attribute marks a message answered. The demo has no
    # message model, so a text field of the item stands in for the reply.
    inspection_settings(REPLY_ATTRIBUTES=["publish_date_note"])
    now = timezone.now()
    message = live_item("interaction", "关于小区停车的留言", now - timedelta(days=100))
    live_item("interaction", "关于路灯的留言", now - timedelta(days=80))
    interaction = result("interaction", now)
    assert interaction.passed is False
    assert "1条留言超过90天未答复" in interaction.reason
    assert [o.title for o in interaction.offenders] == ["关于小区停车的留言"]
    assert [w.title for w in interaction.warnings] == ["关于路灯的留言"]

    # The reply is written straight to the live row: past the publish gate, which refuses
    # bulk updates of live content.
    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"ENABLED": False}}):
        NoticePage.objects.filter(pk=message.pk).update(publish_date_note="已答复")
    assert result("interaction", now).passed is True


def test_blocking_finding_on_a_live_page_is_a_severe_error(demo):
    page = NoticePage.objects.get(title="关于做好今冬供暖保障工作的通知")
    finding = blocking_finding(page)
    severe = result("severe_errors")
    assert severe.passed is False
    assert severe.offenders[0].title == page.title
    assert severe.offenders[0].url == reverse("wagtailadmin_pages:edit", args=[page.pk])

    ScanFinding.objects.filter(pk=finding.pk).update(resolved=True)
    assert result("severe_errors").passed is True


def test_backdated_publish_date_is_a_severe_error_and_refusals_are_listed(demo):
    page = NoticePage.objects.get(title="关于做好今冬供暖保障工作的通知")
    real = page.first_published_at
    page.first_published_at = real - timedelta(days=30)
    revision = page.save_revision(user=User.objects.get(username="editor"))  # logged by the gate

    # The gate refuses to publish the backdated revision: an attempt, not a failure.
    with pytest.raises(Exception):  # noqa: B017 - PublishRefused, whatever the first reason
        revision.publish(user=User.objects.get(username="admin"))
    assert ReviewRecord.objects.filter(
        revision=revision, action=ReviewAction.PUBLISH_REFUSED
    ).exists()
    severe = result("severe_errors")
    assert severe.passed is True
    assert "被发布关口拒绝" in severe.warnings[0].detail

    # The backdated date reaches the live page anyway (e.g. a bulk update): a failure.
    Page.objects.filter(pk=page.pk).update(first_published_at=real - timedelta(days=30))
    severe = result("severe_errors")
    assert severe.passed is False
    assert "伪造发稿日期" in severe.offenders[0].detail


def test_links_are_not_assessed_before_a_link_patrol_has_finished(demo):
    links = result("link_availability")
    assert links.passed is None and links.status == "na"
    assert "链接巡检尚未完成过" in links.reason
    finished_link_patrol()
    links = result("link_availability")
    assert links.passed is True
    assert timezone.localdate().strftime("%Y-%m-%d") in links.reason


def test_broken_links_are_scored_not_vetoed(demo, inspection_settings):
    finished_link_patrol()
    page = NoticePage.objects.get(title="关于做好今冬供暖保障工作的通知")
    blocking_finding(page, code="link.broken", text="https://example.invalid/gone")
    links = result("link_availability")
    assert links.passed is False and links.veto is False
    assert "首页0个，其他页面1个" in links.reason
    assert result("severe_errors").passed is True  # not counted twice
    inspection_settings(BROKEN_LINK_LIMIT=1)
    assert result("link_availability").passed is True
    blocking_finding(demo, code="link.broken", text="/nowhere/")
    assert result("link_availability").passed is False  # any broken link on the home page


# -- report, trend, exports, job -----------------------------------------------------


def test_admin_report_shows_results_reasons_and_fix_links_in_chinese(demo, client):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "网站自查" in html
    assert "总体结论：不合格" in html
    assert 'data-indicator="columns_not_updated" data-status="fail"' in html
    assert "空白栏目5个（达到5个即不合格）" in html
    leaders = Page.objects.get(slug="leaders")
    assert reverse("wagtailadmin_pages:edit", args=[leaders.pk]) in html
    assert "国办秘函〔2019〕19号" in html

    fill_empty_columns(timezone.now())
    html = client.get(REPORT_URL).content.decode()
    assert "总体结论：合格" in html
    assert 'data-indicator="columns_not_updated" data-status="pass"' in html


def test_report_is_in_the_reports_menu_for_admins_only(demo, client):
    from django.contrib.auth.models import Group, Permission

    # load_demo ran gov_review_setup, which granted the permission; take it away and back.
    group = Group.objects.get(name="网站负责人")
    group.permissions.remove(Permission.objects.get(codename="view_inspectionsnapshot"))
    client.force_login(User.objects.get(username="siteleader"))
    assert client.get(REPORT_URL).status_code == 302
    ensure_monitoring()
    assert client.get(REPORT_URL).status_code == 200
    assert REPORT_URL in client.get("/admin/").content.decode()
    client.force_login(User.objects.get(username="editor"))
    response = client.get(REPORT_URL)
    assert response.status_code == 302  # Wagtail turns PermissionDenied into a redirect
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_xlsx_and_pdf_exports(demo, client):
    from openpyxl import load_workbook

    client.force_login(User.objects.get(username="admin"))
    response = client.get(REPORT_URL + "?export=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("指标", "单项否决", "结果")
    assert ("栏目不更新", "是", "不合格") == rows[3][:3]
    fixes = [row[2] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert "领导活动" in fixes
    assert len(list(book.worksheets[2].iter_rows())) == 1 + 12  # header + one row per week

    response = client.get(REPORT_URL + "?export=pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")

    response = client.get(REPORT_URL + "?export=doc")
    assert response.status_code == 200
    assert "未知的导出格式" in response.content.decode()


def test_weekly_trend_of_the_last_twelve_weeks(demo, client):
    now = timezone.now()
    fill_empty_columns(now - timedelta(days=40))
    # Three weeks ago everything was fresh; this week the home page has been idle for 40 days.
    save_snapshot(run_inspection(now - timedelta(weeks=3)))
    save_snapshot(run_inspection(now - timedelta(weeks=13)))  # outside the window
    age_all_items(now - timedelta(days=40))
    save_snapshot(run_inspection(now))
    save_snapshot(run_inspection(now))  # a second run the same day replaces the first
    assert InspectionSnapshot.objects.count() == 3

    trend = weekly_trend(timezone.localdate(now))
    assert len(trend) == 12
    assert trend[-1].status_of("home_not_updated") == "fail"
    assert trend[-4].status_of("home_not_updated") == "pass"
    assert [w.snapshot for w in trend].count(None) == 10

    client.force_login(User.objects.get(username="admin"))
    html = client.get(REPORT_URL).content.decode()
    assert "近几周趋势" in html and "<svg" in html


def test_daily_job_stores_a_snapshot_and_alerts_site_admins(demo, client):
    now = timezone.now()
    fill_empty_columns(now)
    Page.objects.get(slug="news").get_descendants().filter(live=True).update(
        first_published_at=now - timedelta(days=11)
    )
    mail.outbox.clear()
    summary = daily_inspection()
    assert summary.startswith("inspection: passed")
    snapshot = InspectionSnapshot.objects.get(date=timezone.localdate())
    assert snapshot.passed is True
    assert [m.subject for m in mail.outbox] == ["网站自查：有指标即将不合格"]
    assert mail.outbox[0].to == ["admin@demo.invalid"]  # the superuser / 网站管理员
    assert "即将不合格 栏目不更新：政务动态" in mail.outbox[0].body
    # The mail links to the report at the site's admin address, not a bare path.
    assert f"{settings.WAGTAILADMIN_BASE_URL}{REPORT_URL}" in mail.outbox[0].body.splitlines()

    # The report shows the same alert.
    client.force_login(User.objects.get(username="admin"))
    assert "即将不合格：" in client.get(REPORT_URL).content.decode()


def test_daily_job_on_a_failing_site(demo):
    mail.outbox.clear()
    assert daily_inspection().startswith("inspection: failed ['columns_not_updated']")
    assert mail.outbox[0].subject == "网站自查：有指标不合格"
    assert InspectionSnapshot.objects.get().passed is False


def test_schedule_is_created_once_by_setup(demo):
    from django_q.models import Schedule

    call_command("gov_review_setup", verbosity=0)
    call_command("gov_review_setup", verbosity=0)
    schedule = Schedule.objects.get(name="gov_review 每日网站自查")
    assert schedule.func == "wagtail_gov_review.inspection.jobs.daily_inspection"
    assert schedule.schedule_type == Schedule.DAILY
    assert rules.SOURCE.startswith("国办秘函〔2019〕19号")
