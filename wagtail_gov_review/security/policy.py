"""Wagtail's page permission policy, narrowed to the user's units.

Wagtail asks its registered page policy for the pages a user may explore (explorer, admin
search, admin API, site history) and act on (reports: locked pages, aging pages, workflows;
the dashboard). Registering this subclass for ``Page`` narrows all of them at one point;
group permissions still decide *what* a user may do, the unit scope decides *where*.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .scoping import get_scope, user_can_access_page, visible_pages_for


class UnitScopedPagePermissionPolicy(PagePermissionPolicy):
    """``PagePermissionPolicy`` whose page sets and instance checks respect unit scope."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return visible_pages_for(user, pages)

    def __init__(self, model=None):
        super().__init__(model)
        # Wagtail's own answers, before scoping (explorable_instances builds on them).
        self.unscoped = PagePermissionPolicy(model)

    def explorable_instances(self, user):
        pages = self.unscoped.explorable_instances(user)
        return visible_pages_for(user, pages, navigable=True)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        return get_scope(user) is None or user_can_access_page(user, instance)


def register() -> UnitScopedPagePermissionPolicy:
    """Register the policy for ``Page`` and its subclasses (idempotent)."""
    current = policy_registry.get_by_type(Page)
    if isinstance(current, UnitScopedPagePermissionPolicy):
        return current
    policy = UnitScopedPagePermissionPolicy(Page)
    register_permission_policy(Page, policy)
    return policy
