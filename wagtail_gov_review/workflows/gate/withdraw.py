"""撤回: take a published item offline after a problem is found (seed 000 第二十条).

Shaped like Wagtail's actions: the constructor takes everything, ``check()`` raises a specific
exception, ``execute()`` unpublishes and records. The record (``ReviewRecord`` action
``withdraw``, the reason as opinion) is what ``workflows.status`` reads: a review finished
before the withdrawal no longer counts, so the item goes back online only after the full chain.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from ...models import ReviewAction, ReviewRecord, ReviewStage
from ...people import display_name
from ..records import unit_and_column

PERMISSION = "wagtail_gov_review.withdraw_page"


class WithdrawError(Exception):
    """The page cannot be withdrawn (not live, no reason given)."""


class WithdrawPermissionError(PermissionDenied):
    """The user may not withdraw pages."""


def can_withdraw(user, page: Page | None = None) -> bool:
    if user is None or not user.is_active or not user.has_perm(PERMISSION):
        return False
    return page is None or page.live


class WithdrawPageAction:
    def __init__(self, page: Page, *, user, reason: str) -> None:
        self.page = page.specific if isinstance(page, Page) else page
        self.user = user
        self.reason = (reason or "").strip()

    def check(self) -> None:
        if not can_withdraw(self.user):
            raise WithdrawPermissionError(_("You are not allowed to withdraw published pages."))
        if not self.page.live:
            raise WithdrawError(_("The page is not published, there is nothing to withdraw."))
        if not self.reason:
            raise WithdrawError(_("Give the reason for the withdrawal."))

    def execute(self) -> ReviewRecord:
        self.check()
        with transaction.atomic():
            revision = self.page.live_revision
            # Our own permission was checked; the withdrawer (e.g. the data center) need not
            # hold Wagtail's unpublish permission on the unit's pages.
            UnpublishPageAction(self.page, user=self.user, log_action=True).execute(
                skip_permission_checks=True
            )
            record = self._log(revision)
        return record

    def _log(self, revision) -> ReviewRecord:
        unit_name, column_name = unit_and_column(self.page)
        return ReviewRecord.objects.create(
            page=self.page,
            page_id_snapshot=self.page.pk,
            page_title=self.page.title[:255],
            revision=revision,
            stage=ReviewStage.PUBLISH,
            action=ReviewAction.WITHDRAW,
            user=self.user,
            user_name=display_name(self.user),
            role="、".join(self.user.groups.values_list("name", flat=True)) if self.user else "",
            unit_name=unit_name,
            column_name=column_name,
            opinion=self.reason,
        )
