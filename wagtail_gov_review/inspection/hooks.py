"""Admin hooks of the self-inspection: its URL and the 报告 → 网站自查 menu item."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

urlpatterns = [path("", views.report_view, name="report")]


@hooks.register("register_admin_urls")
def register_inspection_urls():
    return [
        path(
            "gov-review/inspection/",
            include((urlpatterns, "gov_review_inspection"), namespace="gov_review_inspection"),
        )
    ]


class InspectionMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_inspection_menu_item():
    return InspectionMenuItem(
        _("Website self-inspection"),
        reverse("gov_review_inspection:report"),
        icon_name="tasks",
        order=920,
    )
