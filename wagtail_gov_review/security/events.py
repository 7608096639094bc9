"""Writing the security log in one place."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import SecurityEvent


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    kind: str,
    *,
    user=None,
    username: str = "",
    actor=None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> SecurityEvent:
    """Append one event to the security log."""
    if user is not None and not username:
        username = user.get_username()
    if actor is None and request is not None and getattr(request.user, "is_authenticated", False):
        actor = request.user
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=username[:150],
        actor=actor,
        ip_address=client_ip(request),
        detail=detail,
    )
