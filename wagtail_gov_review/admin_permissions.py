"""Permission policy of the admin lists that show records nobody may edit."""

from __future__ import annotations

from wagtail.permission_policies.base import ModelPermissionPolicy


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus actions that no one may take here (superusers included)."""

    def __init__(self, model, forbidden: tuple[str, ...]):
        super().__init__(model)
        self.forbidden = forbidden

    def user_has_permission(self, user, action):
        if action in self.forbidden:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions, **kwargs):
        actions = [a for a in actions if a not in self.forbidden]
        if not actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(actions, **kwargs)
