"""Shared fixtures: the demo portal loaded into the test database."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command


def ensure_wagtail_tree() -> None:
    """Recreate what Wagtail's data migrations put in a new database: a locale, the root page.

    Transactional tests end with a flush that empties every table; Django then recreates
    content types and permissions, but not Wagtail's tree, which only its migrations make.
    (``serialized_rollback`` would restore it, but fails to deserialize Wagtail's page
    permissions here.)
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    ContentType.objects.clear_cache()  # ids changed with the flush
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))


@pytest.fixture(autouse=True)
def _wagtail_tree_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        ensure_wagtail_tree()


@pytest.fixture
def demo(db):
    """The demo portal (units, columns, users, items) as ``make demo`` loads it."""
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    from example_site.portal.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(scope="module")
def _demo_loaded_for_module(django_db_setup, django_db_blocker):
    """Load the demo portal once for a test module, inside a transaction rolled back at the
    end (like Django's setUpTestData); each test runs in its own savepoint on top."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()  # Wagtail caches site root paths; the rolled-back site is gone


@pytest.fixture
def module_demo(_demo_loaded_for_module, db):
    """The demo portal, loaded once per module: faster than ``demo`` for read-mostly tests."""
    from example_site.portal.models import HomePage

    cache.clear()
    return HomePage.objects.get()


@pytest.fixture
def login(client):
    """Log the test client in as a demo user by username."""
    from django.contrib.auth import get_user_model

    def _login(username: str):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def site(db):
    """Two units, a column page with one item under it, a superuser and a clerk."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from wagtail_gov_review.models import Unit

    User = get_user_model()
    unit = Unit.objects.create(name="区数据资源中心", kind="data_center")
    town = Unit.objects.create(name="城关镇人民政府", kind="town")
    root = Page.get_first_root_node()
    column_page = root.add_child(instance=Page(title="政务动态", slug="news-col"))
    item = column_page.add_child(instance=Page(title="区政府召开会议", slug="meeting"))
    admin = User.objects.create_superuser("admin", "admin@demo.invalid", "x", last_name="系统")
    clerk = User.objects.create_user("clerk", last_name="王", first_name="信息")
    return {
        "unit": unit,
        "town": town,
        "column_page": column_page,
        "item": item,
        "admin": admin,
        "clerk": clerk,
    }
