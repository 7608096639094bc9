"""Deciding a 网站账号申请审批表 (seed 000 附件3): the account exists only after approval.

Approval creates the user with the requested unit and role and an unusable password; the
holder sets one through Wagtail's password reset, so nobody else ever knows it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.units import UnitMembership
from ..roles import DEFAULT_ROLES
from .column_changes import display_name
from .models import AccountRequest, RequestStatus

APPROVE_PERMISSION = "wagtail_gov_review.approve_accountrequest"


class AccountRequestError(Exception):
    """The request cannot be decided; the message says why."""


class DecideAccountRequestAction:
    def __init__(self, request: AccountRequest, user, *, approve: bool, opinion: str = "") -> None:
        self.request = request
        self.user = user
        self.approve = approve
        self.opinion = opinion

    def check(self) -> None:
        if not self.request.is_pending:
            raise AccountRequestError(_("This request has already been decided."))
        if self.user is None or not self.user.has_perm(APPROVE_PERMISSION):
            raise AccountRequestError(_("You may not approve account requests."))
        if self.request.requested_by_id and self.request.requested_by_id == self.user.pk:
            raise AccountRequestError(_("A request cannot be approved by the person who made it."))
        if self.approve:
            if get_user_model().objects.filter(username=self.request.username).exists():
                raise AccountRequestError(_("An account with this name already exists."))
            if self.request.role not in {role.key for role in DEFAULT_ROLES}:
                raise AccountRequestError(_("Unknown role."))

    @transaction.atomic
    def execute(self, skip_check: bool = False):
        """Decide the request; returns the new user when approved, else None."""
        self.request = AccountRequest.objects.select_for_update().get(pk=self.request.pk)
        if not skip_check:
            self.check()
        request = self.request
        user = self._create_user(request) if self.approve else None
        request.status = RequestStatus.APPROVED if self.approve else RequestStatus.REJECTED
        request.decided_by = self.user
        request.decided_by_name = display_name(self.user)
        request.decided_at = timezone.now()
        request.decision_opinion = self.opinion
        request.created_user = user
        request._history_user = self.user
        request.save()
        return user

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


def role_choices() -> list[tuple[str, str]]:
    return [(role.key, role.group_name) for role in DEFAULT_ROLES]
