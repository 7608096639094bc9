"""Real-browser tests: Playwright driving Debian's Chromium (installed by `make test`).

Playwright never downloads a browser here: we point it at /usr/bin/chromium. Screenshots of
every step land in test-artifacts/ at the repository root.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are ordinary synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GOV_REVIEW_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make test` (it installs it).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shots(request):
    """``shots("step-name", page)`` saves a full-page screenshot under test-artifacts/<test>/."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)  # no stale screenshots from an earlier run
    folder.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(name: str, page) -> Path:
        counter["n"] += 1
        path = folder / f"{counter['n']:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, live_server, request):
    """A fresh browser context (own cookies) with Chinese locale; closed after the test.

    When the test fails, every page still open is saved as a ``failed-*.png`` screenshot.
    """
    contexts = []

    def make():
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        for number, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=str(folder / f"failed-{number}.png"), full_page=True)
    for context in contexts:
        context.close()


def admin_login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
