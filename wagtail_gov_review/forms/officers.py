"""The register of information officers (信息员登记/变更表, seed 000 附件4).

A change of a unit's officers is recorded the moment ``UnitMembership.is_information_officer``
changes; the unit must file the form with the data center within 3 working days.
``overdue_officer_changes()`` lists the changes not filed in time (for a scheduled reminder).
Working days skip Saturdays and Sundays; public holidays are not known to the plugin.
"""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.units import UnitMembership
from ..notify import site_admins
from ..people import display_name
from .models import InformationOfficerChange, OfficerChangeKind

FILING_DEADLINE_WORKING_DAYS = 3


class OfficerChangeError(Exception):
    """The change cannot be filed; the message says why."""


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days (Monday–Friday) after ``start``."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def filing_deadline(change: InformationOfficerChange) -> datetime.date:
    """Last day to file the change: 3 working days after the day it happened."""
    changed_on = timezone.localtime(change.changed_at).date()
    return add_working_days(changed_on, FILING_DEADLINE_WORKING_DAYS)


def record_officer_change(
    membership: UnitMembership, *, appointed: bool
) -> InformationOfficerChange:
    """Record that ``membership`` became (or stopped being) an information officer."""
    return InformationOfficerChange.objects.create(
        unit=membership.unit,
        kind=OfficerChangeKind.APPOINTED if appointed else OfficerChangeKind.RELIEVED,
        officer=membership.user,
        officer_name=display_name(membership.user),
    )


def file_officer_change(change: InformationOfficerChange, user, **form_fields) -> None:
    """Mark the change as filed with the data center, with the form's contents."""
    if change.reported_at is not None:
        raise OfficerChangeError(_("This change has already been filed."))
    if not (form_fields.get("leader_name") or change.leader_name):
        raise OfficerChangeError(_("Name the leader in charge who signs the form."))
    for name, value in form_fields.items():
        setattr(change, name, value)
    change.reported_at = timezone.now()
    change.reported_by = user
    change._history_user = user
    change.save()


def overdue_officer_changes(today: datetime.date | None = None) -> list[InformationOfficerChange]:
    """Changes not filed within 3 working days, oldest first (for the reminder job)."""
    today = today or timezone.localdate()
    pending = InformationOfficerChange.objects.filter(reported_at__isnull=True).select_related(
        "unit"
    )
    overdue = [change for change in pending if filing_deadline(change) < today]
    return sorted(overdue, key=lambda change: change.changed_at)


def remind_overdue_officer_changes(today: datetime.date | None = None) -> int:
    """Daily job: e-mail the site admins the officer changes not filed in time (000 附件4).

    Returns the number of overdue changes (0 sends nothing).
    """
    overdue = overdue_officer_changes(today)
    recipients = list(site_admins().values_list("email", flat=True))
    if overdue and recipients:
        lines = [
            _("%(unit)s: change of %(date)s not reported (due %(due)s)")
            % {
                "unit": change.unit,
                "date": timezone.localtime(change.changed_at).date(),
                "due": filing_deadline(change),
            }
            for change in overdue
        ]
        send_mail(
            _("Information officer changes not reported within 3 working days"),
            "\n".join(lines),
            None,
            recipients,
        )
    return len(overdue)
