"""The foundation: demo data, system checks, admin access per role, the demo server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from example_site.portal.demo_history import HISTORY_ITEMS
from example_site.portal.management.commands.load_demo import USERS
from wagtail_gov_review.models import Column, Unit, UnitMembership
from wagtail_gov_review.monitoring.models import MonthlyStatistics, ScanRun

REPO = Path(__file__).resolve().parents[1]


def _counts():
    User = get_user_model()
    return (
        Unit.objects.count(),
        Column.objects.count(),
        User.objects.count(),
        UnitMembership.objects.count(),
        Page.objects.count(),
    )


def test_load_demo_is_idempotent(demo):
    first = _counts()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    assert _counts() == first
    units, columns, users, memberships, pages = first
    assert units == 4
    assert columns == 8
    assert users == len(USERS)
    assert memberships == len(USERS)


def test_load_demo_items_cover_clean_pii_and_traditional(demo):
    titles = set(Page.objects.values_list("title", flat=True))
    assert "关于做好今冬供暖保障工作的通知" in titles
    assert "2026年度临时救助对象名单公示" in titles
    assert "關於做好冬季防火工作的通知" in titles
    pii_item = Page.objects.get(title="2026年度临时救助对象名单公示").specific
    assert "110101199003074514" in pii_item.body
    assert not pii_item.live


def test_plain_load_demo_loads_no_history_and_runs_no_job(demo):
    """The fast path the tests use: ``--history`` items and monitoring runs only on request."""
    history_slugs = {item.slug for item in HISTORY_ITEMS}
    assert not Page.objects.filter(slug__in=history_slugs).exists()
    assert not ScanRun.objects.exists()
    assert not MonthlyStatistics.objects.exists()


def test_load_demo_prints_passwords_only_on_first_run(db, capsys):
    from io import StringIO

    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert "GovDemo!editor2026" in first.getvalue()
    assert "GovDemo!" not in second.getvalue()


@pytest.mark.parametrize("username,password", [(u[0], u[4]) for u in USERS])
def test_every_demo_role_can_log_into_the_chinese_admin(demo, client, username, password):
    page = client.get("/admin/login/")
    assert page.status_code == 200
    assert "登录" in page.content.decode()
    response = client.post(
        "/admin/login/", {"username": username, "password": password}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.username == username
    assert response.request["PATH_INFO"] == "/admin/"
    assert "控制面板" in response.content.decode()  # the Chinese dashboard


def test_wrong_password_is_refused_in_chinese(demo, client):
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "用户名" in response.content.decode()


def test_home_page_serves_columns_and_live_items(demo, client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "政务动态" in html
    assert "区政府召开安全生产工作会议" in html
    assert "2026年度临时救助对象名单公示" not in html  # a draft


def _run_checks(**settings):
    with override_settings(**settings):
        return checks.run_checks()


def test_unknown_setting_is_reported(db):
    messages = _run_checks(WAGTAIL_GOV_REVIEW={"GATEE": {}, "GATE": {"REQUIRE_REVEIW": True}})
    ids = [m.id for m in messages]
    assert ids.count("wagtail_gov_review.E006") == 2
    assert any("GATEE" in m.msg for m in messages)


def test_setting_of_wrong_type_is_reported(db):
    messages = _run_checks(WAGTAIL_GOV_REVIEW=["GATE"])
    assert "wagtail_gov_review.E005" in [m.id for m in messages]


def test_clean_install_has_no_plugin_warnings(db):
    ids = [m.id for m in checks.run_checks()]
    assert not [i for i in ids if i and i.startswith("wagtail_gov_review")]


def _manage_check(settings_body: str, tmp_path: Path) -> subprocess.CompletedProcess:
    settings_file = tmp_path / "broken_settings.py"
    settings_file.write_text("from example_site.settings import *  # noqa\n" + settings_body)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="broken_settings")
    env["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{REPO}"
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_missing_task_queue_app_is_an_error(tmp_path):
    result = _manage_check(
        'INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "django_q"]\n', tmp_path
    )
    assert result.returncode != 0
    assert "wagtail_gov_review.E002" in result.stderr
    assert "Add 'django_q' to INSTALLED_APPS" in result.stderr


def test_missing_history_app_is_an_error(tmp_path):
    result = _manage_check(
        'INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "simple_history"]\n'
        'MIDDLEWARE = [m for m in MIDDLEWARE if "simple_history" not in m]\n',
        tmp_path,
    )
    assert result.returncode != 0
    assert "wagtail_gov_review.E001" in result.stderr


def test_site_without_mixin_pages_gets_a_warning(tmp_path):
    result = _manage_check(
        'INSTALLED_APPS = [a for a in INSTALLED_APPS if not a.endswith(".portal")]\n'
        "TEMPLATES[0]['OPTIONS']['context_processors'] = "
        "[c for c in TEMPLATES[0]['OPTIONS']['context_processors'] if 'portal' not in c]\n",
        tmp_path,
    )
    assert "wagtail_gov_review.W004" in result.stderr
    assert "GovInfoPageMixin" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_server_serves_home_and_chinese_admin_login(tmp_path):
    """What `make demo` runs, on a fresh database: migrate, load_demo, runserver."""
    env = dict(
        os.environ,
        GOV_REVIEW_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="example_site.settings",  # not the tests'
    )
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(REPO / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(manage + command, check=True, env=env, cwd=REPO, timeout=300)
    port = _free_port()
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert home.status == 200
        assert "示范区人民政府门户网站" in home.read().decode()
        login = urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=10)
        assert login.status == 200
        html = login.read().decode()
        assert 'lang="zh-hans"' in html or 'lang="zh-Hans"' in html
        assert "登录" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_live_item_page_shows_its_issuing_unit_and_disclosure(demo, client):
    item = Page.objects.get(title="区政府召开安全生产工作会议")
    response = client.get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "发布单位：区政府办公室" in html  # the column's unit when the item names none
    assert "公开属性：主动公开" in html
