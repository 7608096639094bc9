"""Deciding a filed request (栏目调整 附件2, 账号申请 附件3): what every request shares.

Shaped like Wagtail's actions: the constructor takes everything, ``check()`` raises the
action's own error class with a message for the approver, ``execute()`` locks the row,
checks, stores the decision and applies it in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..people import display_name
from .models import DecidedRequest, RequestStatus


class DecideRequestAction:
    model: type[DecidedRequest]
    error_class: type[Exception] = Exception
    permission: str = ""

    def __init__(self, request: DecidedRequest, user, *, approve: bool, opinion: str = "") -> None:
        self.request = request
        self.user = user
        self.approve = approve
        self.opinion = opinion

    def not_permitted_message(self) -> str:
        raise NotImplementedError

    def refusal(self) -> str | None:
        """Why this user may not decide this request at all, or None (asked before any button)."""
        if not self.request.is_pending:
            return _("This request has already been decided.")
        if self.user is None or not self.user.has_perm(self.permission):
            return self.not_permitted_message()
        if (
            self.request.requested_by_id
            and self.request.requested_by_id == self.user.pk
            and not self.self_approval_allowed()
        ):
            return _("A request cannot be approved by the person who made it.")
        return None

    def check(self) -> None:
        reason = self.refusal()
        if reason:
            raise self.error_class(reason)
        if self.approve:
            self.check_approval()

    def self_approval_allowed(self) -> bool:
        """Whether the requester may decide their own request (never, unless a kind says so)."""
        return False

    def check_approval(self) -> None:
        """What else must hold for an approval (raises ``error_class``)."""

    def before_approval_saved(self, request) -> None:
        """Work an approval does before the decision is stored (a decided request is frozen)."""

    def after_approval_saved(self, request) -> None:
        """Work an approval does once the decision is stored."""

    @transaction.atomic
    def execute(self, skip_check: bool = False):
        # Lock the row so two approvers cannot decide the same request twice.
        self.request = self.model.objects.select_for_update().get(pk=self.request.pk)
        if not skip_check:
            self.check()
        request = self.request
        if self.approve:
            self.before_approval_saved(request)
        request.status = RequestStatus.APPROVED if self.approve else RequestStatus.REJECTED
        request.decided_by = self.user
        request.decided_by_name = display_name(self.user)
        request.decided_at = timezone.now()
        request.decision_opinion = self.opinion
        request._history_user = self.user
        request.save()
        if self.approve:
            self.after_approval_saved(request)
        return request
