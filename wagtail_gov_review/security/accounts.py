"""Account policy: password age, password-change records and offboarding (信息员离岗).

Seed 000 第十一条 asks the data center to control every backend account strictly; seed 001
第十五条 asks for password care. Passwords expire after ``SECURITY["PASSWORD_MAX_AGE_DAYS"]``;
an account is deactivated (never deleted: its records must keep their author) when its
holder leaves, and every step is logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..conf import gov_review_settings
from ..models import UnitMembership
from . import events
from .models import PasswordChange, SecurityEventKind

DEACTIVATED_ACTION = "wagtail_gov_review.account_deactivated"


class PasswordChangeRecorder:
    """A password "validator" that validates nothing and records every password change.

    Django calls ``password_changed()`` of each validator in ``AUTH_PASSWORD_VALIDATORS``
    whenever a password is set and saved, on every path (admin, account page, shell).
    """

    def validate(self, password, user=None) -> None:
        return None

    def password_changed(self, password, user=None) -> None:
        if user is None or user.pk is None:
            return
        PasswordChange.objects.create(user=user)
        events.record(SecurityEventKind.PASSWORD_CHANGED, user=user)

    def get_help_text(self) -> str:
        return ""


def password_max_age() -> timedelta | None:
    days = gov_review_settings.SECURITY.get("PASSWORD_MAX_AGE_DAYS") or 0
    return timedelta(days=days) if days > 0 else None


def password_changed_at(user) -> datetime:
    """When the user's password was last set (their account's creation if never recorded)."""
    latest = PasswordChange.objects.filter(user=user).values_list("changed_at", flat=True).first()
    return latest or user.date_joined


def password_expired(user, now: datetime | None = None) -> bool:
    """Whether the user must change their password before working in the admin."""
    max_age = password_max_age()
    if max_age is None or not user.is_authenticated or not user.has_usable_password():
        return False
    return password_changed_at(user) + max_age < (now or timezone.now())


class AccountDeactivationRefused(Exception):
    """The account may not be deactivated by this user (or is inactive already)."""


class DeactivateAccount:
    """Offboard a staff member: deactivate the account, end their unit memberships, log it.

    Shaped like Wagtail's actions: ``check()`` raises, ``execute()`` does the work, the log
    entries are written in ``_log()`` after it.
    """

    def __init__(
        self,
        user,
        *,
        by=None,
        reason: str = "",
        remove_memberships: bool = True,
        request: HttpRequest | None = None,
    ) -> None:
        self.user = user
        self.by = by
        self.reason = reason
        self.remove_memberships = remove_memberships
        self.request = request

    def check(self) -> None:
        if not self.user.is_active:
            raise AccountDeactivationRefused(_("This account is already deactivated."))
        if self.by is not None:
            if self.by.pk == self.user.pk:
                raise AccountDeactivationRefused(_("You cannot deactivate your own account."))
            if not (self.by.is_superuser or self.by.has_perm("auth.change_user")):
                raise AccountDeactivationRefused(
                    _("Only account administrators may deactivate accounts.")
                )

    @transaction.atomic
    def execute(self, skip_check: bool = False) -> None:
        if not skip_check:
            self.check()
        units = list(
            UnitMembership.objects.filter(user=self.user).values_list("unit__name", flat=True)
        )
        self.user.is_active = False
        self.user._gov_deactivation_logged = True
        self.user.save(update_fields=["is_active"])
        if self.remove_memberships:
            UnitMembership.objects.filter(user=self.user).delete()
        self._log(units)

    def _log(self, units: list[str]) -> None:
        data = {"reason": self.reason, "units": units}
        log(instance=self.user, action=DEACTIVATED_ACTION, user=self.by, data=data)
        events.record(
            SecurityEventKind.ACCOUNT_DEACTIVATED,
            user=self.user,
            actor=self.by,
            request=self.request,
            **data,
        )
