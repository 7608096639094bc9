"""Admin hooks of monitoring: URLs, report menu items, the 撤回 button on live items."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from ..models import GovInfoPageMixin
from ..workflows.gate.withdraw import can_withdraw
from . import views

urlpatterns = [
    path("findings/", views.findings_view, name="findings"),
    path("findings/resolve/", views.resolve_findings_view, name="resolve_findings"),
    path("run/<str:kind>/", views.run_job_view, name="run"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("withdraw/<int:page_id>/", views.withdraw_view, name="withdraw"),
]


@hooks.register("register_admin_urls")
def register_monitoring_urls():
    return [
        path(
            "gov-review/monitoring/",
            include((urlpatterns, "gov_review_monitoring"), namespace="gov_review_monitoring"),
        )
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_findings_menu_item():
    return _PermissionMenuItem(
        _("Monitoring findings"),
        reverse("gov_review_monitoring:findings"),
        icon_name="warning",
        order=900,
        permission=views.VIEW_FINDINGS,
    )


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return _PermissionMenuItem(
        _("Monthly statistics"),
        reverse("gov_review_monitoring:statistics"),
        icon_name="table",
        order=910,
        permission=views.VIEW_STATISTICS,
    )


class WithdrawButton(PageMenuItem):
    label = _("Withdraw")
    icon_name = "warning"
    url_name = "gov_review_monitoring:withdraw"

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, GovInfoPageMixin) and can_withdraw(
            user, self.page
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_withdraw_button(page, user, next_url=None):
    yield WithdrawButton(page=page, next_url=next_url, priority=41)


@hooks.register("register_page_header_buttons")
def page_header_withdraw_button(page, user, view_name=None, next_url=None):
    yield WithdrawButton(page=page, next_url=next_url, priority=61)
