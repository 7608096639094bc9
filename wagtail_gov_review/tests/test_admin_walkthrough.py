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
