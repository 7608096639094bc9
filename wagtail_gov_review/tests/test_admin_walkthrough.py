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
