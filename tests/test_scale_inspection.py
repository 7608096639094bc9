"""The self-inspection report stays small with many findings (issue 19, point 3): each
indicator shows its counts and a few items; every item is reachable page by page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from wagtail_gov_review.monitoring.models import ScanFinding

from .waiting_items import add_waiting_items

REPORT_URL = "/admin/gov-review/inspection/"


@pytest.fixture
def demo(module_demo):
    return module_demo


def findings_on(pages) -> None:
    ScanFinding.objects.bulk_create(
        ScanFinding(
            source="rescan",
            page=page,
            code="privacy.id_number",
            severity="block",
            text=f"11010119900307{n:04d}",
            message="身份证号码",
            fingerprint=ScanFinding.make_fingerprint("body", "privacy.id_number", str(n)),
        )
        for n, page in enumerate(pages)
    )


def test_report_lists_a_few_items_per_indicator_and_pages_through_the_rest(demo, client):
    findings_on(add_waiting_items("notices", 250))
    client.force_login(get_user_model().objects.get(username="admin"))
    html = client.get(REPORT_URL).content.decode()
    row = html[html.index('data-indicator="severe_errors"') :]
    row = row[: row.index("</tr>")]
    assert row.count("身份证号码") == 20
    assert "全部条目" in row and "未通过 250 项" in row  # counts of all items
    assert "?indicator=severe_errors" in row

    first = client.get(REPORT_URL, {"indicator": "severe_errors"}).content.decode()
    third = client.get(REPORT_URL, {"indicator": "severe_errors", "p": "3"}).content.decode()
    assert first.count("身份证号码") == 100 and third.count("身份证号码") == 50
    assert 'data-gov-inspection-total="250"' in first
    # a bad page number or indicator: a clear answer, not an error page
    assert client.get(REPORT_URL, {"indicator": "severe_errors", "p": "x"}).status_code == 200
    response = client.get(REPORT_URL, {"indicator": "nope"}, follow=True)
    assert response.status_code == 200
