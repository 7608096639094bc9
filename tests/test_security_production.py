"""Production settings: ``check --deploy`` is clean, secrets come from the environment, and
responses carry the security headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULE = "example_site.production"


def _env(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "WAGTAILADMIN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=MODULE,
        DJANGO_SECRET_KEY="x" * 20 + "-production-test-key-" + "Yq8#pL2!vN5@" * 3,
        DJANGO_ALLOWED_HOSTS="www.example.gov.cn",
        WAGTAILADMIN_BASE_URL="https://www.example.gov.cn",
        GOV_REVIEW_VAR_DIR=str(tmp_path),
    )
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_a_clear_error(tmp_path):
    result = _run(["manage.py", "check"], _env(tmp_path, DJANGO_SECRET_KEY=None))
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_the_development_settings_fail_the_deploy_check(tmp_path):
    # The guard is real: the laptop settings are not fit for production.
    env = _env(tmp_path, DJANGO_SETTINGS_MODULE="example_site.settings")
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0


HEADERS_SCRIPT = """
import django, json
django.setup()
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import path

def view(request):  # a page with a form: sets the CSRF cookie
    get_token(request)
    return HttpResponse("<form></form>")

urlpatterns = [path("form/", view)]
with override_settings(ROOT_URLCONF="__main__"):
    response = Client().get("/form/", secure=True, HTTP_HOST="www.example.gov.cn")
    plain = Client().get("/form/", HTTP_HOST="www.example.gov.cn")
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
                  "cookies": {k: dict(v) for k, v in response.cookies.items()}}))
"""


def test_responses_carry_security_headers(tmp_path):
    import json

    result = _run(["-c", HEADERS_SCRIPT], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    headers = data["headers"]
    assert data["status"] == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'self'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert data["plain_status"] == 301 and data["plain_location"].startswith("https://")
    csrf = data["cookies"].get("csrftoken")
    assert csrf and csrf["secure"] and csrf["httponly"]
