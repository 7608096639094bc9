"""Monthly statistics are unit-scoped (issue 18): staff of a town unit see their own units'
rows, trend and export; central units and superusers see every unit."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_gov_review.models import Unit, UnitMembership
from wagtail_gov_review.monitoring.models import MonthlyStatistics
from wagtail_gov_review.roles import SITE_ADMIN

OFFICE, TOWN = "区政府办公室", "城关镇人民政府"
JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)
URL = "gov_review_monitoring:statistics"


@pytest.fixture
def demo(module_demo):
    return module_demo


@pytest.fixture
def town_manager(demo):
    """A 网站管理员 of the town: may see statistics, but is in no central unit."""
    user = get_user_model().objects.create_user("town_stats_manager", password="x")
    user.groups.add(Group.objects.get(name=SITE_ADMIN.group_name))
    UnitMembership.objects.create(user=user, unit=Unit.objects.get(name=TOWN))
    return user


@pytest.fixture
def stored_months(demo):
    """Two archived months: the office submitted 5 then 3 items, the town 1 then 2."""
    MonthlyStatistics.objects.all().delete()
    for month, office, town in ((JAN, 5, 1), (FEB, 3, 2)):
        for name, submitted in ((OFFICE, office), (TOWN, town)):
            MonthlyStatistics.objects.create(
                unit=Unit.objects.get(name=name), month=month, submitted=submitted, adopted=1
            )


def _table_rows(html: str, marker: str) -> list[list[str]]:
    """The cells of each body row of the table carrying ``marker`` (a data attribute)."""
    table = html.split(marker, 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _statistics(client, **params) -> str:
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    return response.content.decode()


def _export_units(client, month: str) -> set[str]:
    response = client.get(reverse(URL), {"month": month, "export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_a_town_unit_sees_only_its_own_statistics(client, town_manager, stored_months):
    client.force_login(town_manager)
    html = _statistics(client, month="2025-02")
    rows = _table_rows(html, "data-gov-statistics")
    assert [row[:2] for row in rows] == [[TOWN, "2"]]
    # The trend across months sums the town's rows only (1 in January, 2 in February).
    trend = _table_rows(html, "data-gov-trend-table")
    assert [row[:2] for row in trend] == [["2025-01", "1"], ["2025-02", "2"]]
    assert "各月趋势（本单位）" in html
    assert _export_units(client, "2025-02") == {TOWN}


def test_a_town_unit_sees_only_its_own_live_month(client, town_manager, stored_months):
    """A month not archived yet is computed on the fly: still only the town's row."""
    client.force_login(town_manager)
    html = _statistics(client, month="2025-03")
    assert "data-gov-live-statistics" in html
    assert [row[0] for row in _table_rows(html, "data-gov-statistics")] == [TOWN]
    assert _export_units(client, "2025-03") == {TOWN}


@pytest.mark.parametrize("username", ["admin", "siteleader"])
def test_central_units_see_every_unit(client, login, stored_months, username):
    login(username)  # 区数据资源中心: a central unit
    html = _statistics(client, month="2025-02")
    units = {row[0] for row in _table_rows(html, "data-gov-statistics")}
    assert {OFFICE, TOWN} <= units
    trend = _table_rows(html, "data-gov-trend-table")
    assert [row[:2] for row in trend] == [["2025-01", "6"], ["2025-02", "5"]]
    assert "各月趋势（全部单位）" in html
    assert {OFFICE, TOWN} <= _export_units(client, "2025-02")
