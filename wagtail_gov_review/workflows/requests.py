"""The request being served, when there is one (for messages from inside workflow code).

Wagtail calls tasks without the request; django-simple-history's middleware, which the plugin
requires, keeps it for the current thread.
"""

from __future__ import annotations

from django.http import HttpRequest
from simple_history.models import HistoricalRecords


def current_request() -> HttpRequest | None:
    request = getattr(HistoricalRecords.context, "request", None)
    return request if hasattr(request, "_messages") else None
