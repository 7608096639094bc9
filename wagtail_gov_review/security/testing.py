"""Test helpers: load the demo portal once per test module instead of once per test.

The demo is loaded inside an outer transaction that is rolled back when the module ends;
each test runs in a savepoint inside it (as ``django.test.TestCase.setUpTestData`` does), so
tests stay isolated and the database is clean for the next module.
"""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo portal, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()  # Wagtail caches site root paths; the rolled-back site is gone


@pytest.fixture
def demo(demo_module, db):
    """Overrides the shared per-test ``demo`` fixture with the module-wide one."""
    from wagtail_gov_review.example_site.portal.models import HomePage

    cache.clear()
    return HomePage.objects.get()


def page_form(client, url: str):
    """The page editor's form at ``url`` as the browser would post it (a mutable QueryDict)."""
    from wagtail.test.utils.form_data import querydict_from_html

    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def set_rich_text(data, name: str, html: str) -> None:
    """Put ``html`` into a rich text field of posted form data, as Draftail would."""
    from wagtail.test.utils.form_data import rich_text

    data[name] = rich_text(html)


def set_stream(data, name: str, blocks: list[tuple[str, object]]) -> None:
    """Replace a StreamField's posted blocks (the editor builds these inputs in JavaScript)."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    for key in [key for key in data if key.startswith(f"{name}-")]:
        del data[key]
    for key, value in nested_form_data({name: streamfield(blocks)}).items():
        data[key] = value
