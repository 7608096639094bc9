"""Deciding a 栏目调整审批表 (seed 000 附件2) and applying it to the column.

Shaped like Wagtail's actions: the constructor takes everything, ``check()`` raises a specific
exception, ``execute()`` decides, applies and records in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.columns import Column
from .models import ColumnChangeOperation, ColumnChangeRequest, RequestStatus

APPROVE_PERMISSION = "wagtail_gov_review.approve_columnchangerequest"


class ColumnChangeError(Exception):
    """The request cannot be decided or applied; the message says why (in the user's language)."""


def display_name(user) -> str:
    if user is None:
        return ""
    # Chinese names read family name first (the demo stores 王 as last_name, 信息 as first_name).
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


class DecideColumnChangeAction:
    """Approve (and apply) or reject one column change request."""

    def __init__(
        self, request: ColumnChangeRequest, user, *, approve: bool, opinion: str = ""
    ) -> None:
        self.request = request
        self.user = user
        self.approve = approve
        self.opinion = opinion

    def check(self) -> None:
        if not self.request.is_pending:
            raise ColumnChangeError(_("This request has already been decided."))
        if self.user is None or not self.user.has_perm(APPROVE_PERMISSION):
            raise ColumnChangeError(_("You may not approve column changes."))
        if self.request.requested_by_id and self.request.requested_by_id == self.user.pk:
            raise ColumnChangeError(_("A request cannot be approved by the person who made it."))
        if not self.approve:
            return
        if self.request.page_id is None:
            raise ColumnChangeError(_("The column page no longer exists."))
        existing = Column.objects.filter(page_id=self.request.page_id).first()
        operation = self.request.operation
        if operation == ColumnChangeOperation.ADD:
            if existing is not None:
                raise ColumnChangeError(_("This page is already a column."))
            if not self.request.kind:
                raise ColumnChangeError(_("A new column needs a column kind."))
        elif existing is None:
            raise ColumnChangeError(_("This page is not a column."))

    @transaction.atomic
    def execute(self, skip_check: bool = False) -> ColumnChangeRequest:
        # Lock the row so two approvers cannot decide the same request twice.
        self.request = ColumnChangeRequest.objects.select_for_update().get(pk=self.request.pk)
        if not skip_check:
            self.check()
        request = self.request
        request.status = RequestStatus.APPROVED if self.approve else RequestStatus.REJECTED
        request.decided_by = self.user
        request.decided_by_name = display_name(self.user)
        request.decided_at = timezone.now()
        request.decision_opinion = self.opinion
        request._history_user = self.user
        request.save()
        if self.approve:
            self._apply(request)
        return request

    def _apply(self, request: ColumnChangeRequest) -> None:
        if request.operation == ColumnChangeOperation.ADD:
            column = Column(page_id=request.page_id)
            column.unit = request.owning_unit or request.unit
        else:
            column = Column.objects.get(page_id=request.page_id)
        column._approved_change = request
        column._history_user = self.user
        if request.operation == ColumnChangeOperation.REMOVE:
            column.delete()
            return
        if request.owning_unit_id:
            column.unit = request.owning_unit
        if request.kind:
            column.kind = request.kind
        if request.update_frequency_days is not None:
            column.update_frequency_days = request.update_frequency_days
        if request.timeliness_hours is not None:
            column.timeliness_hours = request.timeliness_hours
        column.save()


def request_column_change(
    *, operation: str, unit, page, reason: str, user=None, **fields
) -> ColumnChangeRequest:
    """File a column change request (pending until an approver decides it)."""
    request = ColumnChangeRequest(
        operation=operation, unit=unit, page=page, reason=reason, requested_by=user, **fields
    )
    request.column_name = page.title if page is not None else ""
    request._history_user = user
    request.full_clean()
    request.save()
    return request
