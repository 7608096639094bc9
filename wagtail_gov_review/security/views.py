"""The security log in the admin: read-only, for account administrators (superusers and
users given ``view_securityevent``)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SecurityEvent


class SecurityEventViewSet(ModelViewSet):
    model = SecurityEvent
    icon = "warning"
    menu_label = _("Security log")
    add_to_settings_menu = True
    url_prefix = "gov-review/security-log"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["timestamp", "kind", "username", "actor", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["username"]
    inspect_view_fields = ["timestamp", "kind", "username", "actor", "ip_address", "detail"]

    def get_urlpatterns(self):
        # Append-only: list and inspect, never add, edit or delete.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return {**super().get_inspect_view_kwargs(**kwargs), "edit_url_name": None}


security_event_viewset = SecurityEventViewSet("gov_review_security_log")
