"""Admin hooks of the dashboard: the manager panel on the home page, the explorer filters."""

from __future__ import annotations

from wagtail import hooks

from .filters import page_viewset
from .panel import ManagerDashboardPanel


@hooks.register("construct_homepage_panels")
def add_manager_panel(request, panels):
    panels.append(ManagerDashboardPanel())


@hooks.register("register_admin_viewset")
def register_page_viewset_with_filters():
    # Registered after Wagtail's own Page viewset (its hook has order -1), so this one wins.
    return page_viewset
