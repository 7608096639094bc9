"""Deciding a 栏目调整审批表 (seed 000 附件2) and applying it to the column.

The decision itself (checks, locking, storing) is ``decisions.DecideRequestAction``; this
module adds what a column change needs checked and applied.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ..models.columns import Column
from .decisions import DecideRequestAction
from .models import ColumnChangeOperation, ColumnChangeRequest

APPROVE_PERMISSION = "wagtail_gov_review.approve_columnchangerequest"


class ColumnChangeError(Exception):
    """The request cannot be decided or applied; the message says why (in the user's language)."""


class DecideColumnChangeAction(DecideRequestAction):
    """Approve (and apply) or reject one column change request."""

    model = ColumnChangeRequest
    error_class = ColumnChangeError
    permission = APPROVE_PERMISSION

    def not_permitted_message(self) -> str:
        return _("You may not approve column changes.")

    def self_approval_allowed(self) -> bool:
        # First run: a new site has one administrator and no column. Requiring a second
        # approver would leave it with no way to create its first column, so the very first
        # column may be approved by its requester while nobody else could approve it.
        # The request still records who asked and who decided (the same person).
        if self.request.operation != ColumnChangeOperation.ADD or Column.objects.exists():
            return False
        return not other_active_approvers(self.user).exists()

    def check_approval(self) -> None:
        if self.request.page_id is None:
            raise ColumnChangeError(_("The column page no longer exists."))
        existing = Column.objects.filter(page_id=self.request.page_id).first()
        if self.request.operation == ColumnChangeOperation.ADD:
            if existing is not None:
                raise ColumnChangeError(_("This page is already a column."))
            if not self.request.kind:
                raise ColumnChangeError(_("A new column needs a column kind."))
        elif existing is None:
            raise ColumnChangeError(_("This page is not a column."))

    def after_approval_saved(self, request: ColumnChangeRequest) -> None:
        # The column checks that an approved request is being applied, so this comes after.
        self._apply(request)

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


def other_active_approvers(user) -> QuerySet:
    """Active users other than ``user`` who may approve column changes (superusers included)."""
    return (
        get_user_model()
        .objects.with_perm(
            APPROVE_PERMISSION,
            is_active=True,
            include_superusers=True,
            # Group and user permissions live in the database, whichever backend logs in.
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(pk=user.pk)
    )


def request_column_change(
    *, operation: str, unit, page, reason: str, user=None, **fields
) -> ColumnChangeRequest:
    """File a column change request (pending until an approver decides it)."""
    request = ColumnChangeRequest(
        operation=operation, unit=unit, page=page, reason=reason, requested_by=user, **fields
    )
    request._history_user = user
    request.full_clean()
    request.save()
    return request
