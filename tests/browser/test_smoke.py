"""The browser can reach the demo admin in Chinese (the long flow is in test_review_flow)."""

import pytest
from django.core.management import call_command

from .conftest import admin_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_editor_logs_into_the_chinese_admin(new_page, live_server, shots):
    call_command("load_demo", verbosity=0)
    page = new_page()
    admin_login(page, live_server.url, "editor", "GovDemo!editor2026")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "控制面板" in page.content()
    shots("dashboard", page)
