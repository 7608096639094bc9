"""The admin as a web team walks through it: headers, statistics, inspection, e-mail links."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _slim_header_labels(html: str) -> list[str]:
    """The texts of the slim header's breadcrumb items (what the header line reads)."""
    nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", nav, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


@pytest.mark.parametrize(
    "url_name, title",
    [
        ("gov_review_term_try", "文本试查"),
        ("gov_review_term_import", "导入词库"),
        ("wagtail_gov_review_forms:batch", "审批表导出"),
    ],
)
def test_plugin_screens_name_themselves_in_the_header(module_demo, client, login, url_name, title):
    login("admin")
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    labels = _slim_header_labels(response.content.decode())
    assert labels[-1] == title, labels


def test_statistics_open_on_the_current_month_and_name_the_month_they_store(
    module_demo, client, login
):
    from django.utils import timezone

    from wagtail_gov_review.monitoring.models import MonthlyStatistics

    login("admin")
    url = reverse("gov_review_monitoring:statistics")
    this_month = timezone.localdate().strftime("%Y-%m")
    html = client.get(url).content.decode()
    # The demo's items went through the chain this month: the screen shows them at once,
    # computed on the fly and marked as not archived, instead of an empty last month.
    assert f"{this_month} 统计" in html
    assert "data-gov-live-statistics" in html
    submitted = sum(row.submitted for row in client.get(url).context["rows"])
    assert submitted > 0
    assert f"存档 {this_month} 统计" in html
    assert not MonthlyStatistics.objects.exists()

    response = client.post(url, {"month": this_month}, follow=True)
    html = response.content.decode()
    assert f"{this_month} 统计已生成。" in html
    assert MonthlyStatistics.objects.filter(month__year=int(this_month[:4])).exists()
    assert "data-gov-live-statistics" not in html
    assert f"重新生成 {this_month} 统计" in html

    # Another month on screen: the button names that month, never "本月".
    html = client.get(url, {"month": "2024-03"}).content.decode()
    assert "存档 2024-03 统计" in html and "本月" not in html


@pytest.mark.parametrize(
    "base_url, debug, warned",
    [
        ("", False, True),
        ("http://127.0.0.1:8000", False, True),
        ("http://127.0.0.1:8000", True, False),  # a laptop demo
        ("https://www.example.gov.cn", False, False),
    ],
)
def test_system_check_warns_when_mails_cannot_link_to_the_admin(settings, base_url, debug, warned):
    from wagtail_gov_review.system_checks import check_admin_base_url

    settings.WAGTAILADMIN_BASE_URL = base_url
    settings.DEBUG = debug
    ids = [message.id for message in check_admin_base_url()]
    assert ids == (["wagtail_gov_review.W031"] if warned else [])


def test_demo_links_mails_to_the_port_it_serves_on():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    code = "import example_site.settings as s; print(s.WAGTAILADMIN_BASE_URL)"
    out = subprocess.run(
        [sys.executable, "-c", code], env={**env, "PORT": "8777"}, capture_output=True, text=True
    )
    assert out.stdout.strip() == "http://127.0.0.1:8777", out.stderr


def _main_text(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_review_record_detail_reads_like_the_printed_form(module_demo, client, login):
    from django.utils import timezone

    from wagtail_gov_review.models import ReviewAction, ReviewRecord

    login("admin")
    approval = ReviewRecord.objects.filter(action=ReviewAction.APPROVE).earliest("pk")
    automated = ReviewRecord.objects.filter(user__isnull=True).earliest("pk")
    text = _main_text(
        client.get(reverse("gov_review_records:inspect", args=[approval.pk])).content.decode()
    )
    local = timezone.localtime(approval.created_at).strftime("%Y-%m-%d %H:%M:%S")
    assert local in text  # site time, as in the list, not UTC
    assert approval.user_name in text
    for answer in approval.checklist.values():
        assert f"✔ {answer['label']}" in text
    for raw in ("None", "{'", "[]", "Workflow '", "Task '", "+00:00"):
        assert raw not in text, raw

    text = _main_text(
        client.get(reverse("gov_review_records:inspect", args=[automated.pk])).content.decode()
    )
    assert "系统（智能校对）" in text and "None" not in text


def test_demo_users_are_named_family_name_first_in_wagtails_own_screens(module_demo, client, login):
    from wagtail.admin.utils import get_user_display_name

    user = login("editor")
    assert get_user_display_name(user) == "王信息"
    assert user.get_short_name() == "王信息"  # Wagtail's mail greeting: "王信息 你好"
    html = client.get("/admin/").content.decode()
    assert "王信息" in html and "信息 王" not in html


def test_setup_retires_wagtails_unused_default_workflow_and_groups(module_demo):
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_setup_keeps_wagtails_defaults_that_are_in_use(module_demo):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    from wagtail_gov_review.setup import retire_wagtail_defaults

    workflow = Workflow.objects.get(name="Moderators approval")
    Workflow.objects.filter(pk=workflow.pk).update(active=True)
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    get_user_model().objects.create_user("moderator").groups.add(moderators)
    retired = retire_wagtail_defaults()
    assert retired == ["Moderators approval", "Editors"]
    assert Group.objects.filter(name="Moderators").exists()  # has a member: kept
    assert not Workflow.objects.get(pk=workflow.pk).active


def test_statistics_show_the_trend_across_stored_months(module_demo, client, login):
    from datetime import date

    from wagtail_gov_review.models import Unit
    from wagtail_gov_review.monitoring.models import MonthlyStatistics

    office, town = Unit.objects.order_by("pk")[:2]
    numbers = {
        date(2025, 1, 1): [(office, 10, 8, 6), (town, 2, 2, 2)],
        date(2025, 2, 1): [(office, 5, 5, 5)],
        date(2025, 3, 1): [(office, 4, 0, 0)],
    }
    for month, rows in numbers.items():
        for unit, submitted, adopted, timely in rows:
            MonthlyStatistics.objects.create(
                unit=unit, month=month, submitted=submitted, adopted=adopted, timely=timely
            )
    login("admin")
    response = client.get(reverse("gov_review_monitoring:statistics"), {"month": "2025-03"})
    trend = [
        (m["label"], m["totals"].submitted, m["totals"].timeliness_rate)
        for m in response.context["trend"]["months"]
    ]
    assert trend == [("2025-01", 12, 80.0), ("2025-02", 5, 100.0), ("2025-03", 4, None)]
    html = response.content.decode()
    assert "各月趋势" in html and "data-gov-trend" in html and "80.0%" in html
    # Months after the one on screen are not part of its trend.
    response = client.get(reverse("gov_review_monitoring:statistics"), {"month": "2025-02"})
    assert [m["label"] for m in response.context["trend"]["months"]] == ["2025-01", "2025-02"]


def test_monitoring_findings_name_their_kind_instead_of_a_raw_code(module_demo, client, login):
    from wagtail.models import Page

    from wagtail_gov_review.monitoring.models import RunKind, ScanFinding

    page = Page.objects.filter(depth=3).first()
    ScanFinding.objects.create(
        source=RunKind.TIMELINESS,
        page=page,
        code="timeliness.column_stale",
        severity="warn",
        fingerprint="stale",
    )
    login("admin")
    html = client.get(reverse("gov_review_monitoring:findings")).content.decode()
    table = html.split("data-gov-findings", 1)[1]
    assert "栏目未按时更新" in table
    assert ">timeliness.column_stale<" not in table
    assert '<option value="timeliness.column_stale">栏目未按时更新</option>' in html


def _grant_view(user, *models):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        user.user_permissions.add(
            Permission.objects.get(
                content_type=content_type, codename=f"view_{model._meta.model_name}"
            )
        )


def test_archive_lists_show_each_unit_only_its_own_rows(module_demo, client, login):
    from wagtail.models import Page

    from wagtail_gov_review.models import ReviewAction, ReviewRecord, ReviewStage
    from wagtail_gov_review.workflows.gate.models import PublishDateChange

    town_page = Page.objects.get(title="關於做好冬季防火工作的通知")
    ReviewRecord.objects.create(
        page=town_page,
        page_id_snapshot=town_page.pk,
        page_title=town_page.title,
        stage=ReviewStage.FIRST,
        action=ReviewAction.APPROVE,
        unit_name="城关镇人民政府",
    )
    town_user = login("town_editor")
    _grant_view(town_user, ReviewRecord, PublishDateChange)
    office_records = ReviewRecord.objects.filter(unit_name="区政府办公室")
    town_records = ReviewRecord.objects.filter(unit_name="城关镇人民政府")
    assert office_records.exists() and town_records.exists()
    response = client.get(reverse("gov_review_records:index"))
    shown = {record.pk for record in response.context["object_list"]}
    assert shown and shown <= set(town_records.values_list("pk", flat=True))
    assert not shown & set(office_records.values_list("pk", flat=True))


def test_publish_date_change_detail_opens_and_names_the_date(module_demo, client, login):
    from wagtail.models import Page

    from wagtail_gov_review.workflows.gate.models import PublishDateChange

    page = Page.objects.filter(depth=4).first()
    change = PublishDateChange.objects.create(
        page=page, page_id_snapshot=page.pk, field="first_published_at"
    )
    login("admin")
    response = client.get(reverse("gov_review_publish_date_changes:inspect", args=[change.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "第一次发布于" in html and "first_published_at" not in html
    listing = client.get(reverse("gov_review_publish_date_changes:index")).content.decode()
    assert "first_published_at" not in listing
