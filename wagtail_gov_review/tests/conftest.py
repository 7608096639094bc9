"""Shared fixtures: the demo portal loaded into the test database."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo portal (units, columns, users, items) as ``make demo`` loads it."""
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    from wagtail_gov_review.example_site.portal.models import HomePage

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
