"""Deciding a 网站账号申请审批表 (seed 000 附件3): the account exists only after approval.

Approval creates the user with the requested unit and role and an unusable password; the
holder sets one through Wagtail's password reset, so nobody else ever knows it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from ..models.units import UnitMembership
from ..roles import DEFAULT_ROLES
from .decisions import DecideRequestAction
from .models import AccountRequest

APPROVE_PERMISSION = "wagtail_gov_review.approve_accountrequest"


class AccountRequestError(Exception):
    """The request cannot be decided; the message says why."""


class DecideAccountRequestAction(DecideRequestAction):
    model = AccountRequest
    error_class = AccountRequestError
    permission = APPROVE_PERMISSION

    def not_permitted_message(self) -> str:
        return _("You may not approve account requests.")

    def check_approval(self) -> None:
        if get_user_model().objects.filter(username=self.request.username).exists():
            raise AccountRequestError(_("An account with this name already exists."))
        if self.request.role not in {role.key for role in DEFAULT_ROLES}:
            raise AccountRequestError(_("Unknown role."))

    def before_approval_saved(self, request: AccountRequest) -> None:
        request.created_user = self._create_user(request)

    def execute(self, skip_check: bool = False):
        """Decide the request; returns the new user when approved, else None."""
        return super().execute(skip_check).created_user

    def _create_user(self, request: AccountRequest):
        role = next(role for role in DEFAULT_ROLES if role.key == request.role)
        user = get_user_model()(
            username=request.username,
            email=request.email,
            last_name=request.holder_name[:1],
            first_name=request.holder_name[1:],
            is_active=True,
        )
        user.set_unusable_password()
        user.save()
        group, _created = Group.objects.get_or_create(name=role.group_name)
        user.groups.add(group)
        UnitMembership.objects.create(user=user, unit=request.unit, position=role.group_name)
        return user
