"""The daily inspection job (django-q2), its schedule and the alert to the site admins."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.utils import timezone

from ..notify import site_admins

logger = logging.getLogger("wagtail_gov_review.inspection")

SCHEDULE_NAME = "gov_review 每日网站自查"
SCHEDULE_FUNC = "wagtail_gov_review.inspection.jobs.daily_inspection"


def alert_admins(report) -> int:
    """Mail the site admins about failed indicators and items about to fail; returns mails sent."""
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    failed = [r for r in report.results if r.passed is False]
    warnings = report.warnings
    if not failed and not warnings:
        return 0
    recipients = sorted({user.email for user in site_admins()})
    if not recipients:
        return 0
    with override("zh-hans"):
        lines = [
            _("Website self-inspection of %(day)s")
            % {"day": f"{timezone.localtime(report.generated_at):%Y-%m-%d}"}
        ]
        for result in failed:
            lines.append(
                _("FAILED %(name)s: %(reason)s") % {"name": result.name, "reason": result.reason}
            )
        for result, warning in warnings:
            lines.append(
                _("ABOUT TO FAIL %(name)s: %(title)s — %(detail)s")
                % {"name": result.name, "title": warning.title, "detail": warning.detail}
            )
        lines.append(reverse("gov_review_inspection:report"))
        subject = (
            _("Website self-inspection: indicators failed")
            if failed
            else _("Website self-inspection: items about to fail")
        )
        return send_mail(subject, "\n".join(lines), None, recipients)


def daily_inspection() -> str:
    """Run the inspection, store today's snapshot, alert the admins; a summary for django-q2."""
    from .report import run_inspection, save_snapshot

    report = run_inspection()
    save_snapshot(report)
    sent = alert_admins(report)
    failed = [r.code for r in report.results if r.passed is False]
    return f"inspection: {'passed' if report.passed else 'failed'} {failed}, alerts {sent}"


def _first_run(at: time = time(7, 0)) -> datetime:
    now = timezone.localtime()
    candidate = timezone.make_aware(datetime.combine(now.date(), at))
    return candidate if candidate > now else candidate + timedelta(days=1)


def ensure_inspection():
    """Idempotent: the daily schedule, and the report permission for the site admins/leaders."""
    from django.contrib.auth.models import Group, Permission
    from django_q.models import Schedule

    from ..roles import SITE_ADMIN, SITE_LEADER

    permission = Permission.objects.filter(
        content_type__app_label="wagtail_gov_review", codename="view_inspectionsnapshot"
    ).first()
    if permission is not None:
        for role in (SITE_ADMIN, SITE_LEADER):
            group = Group.objects.filter(name=role.group_name).first()
            if group is not None:
                group.permissions.add(permission)
    schedule, created = Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": SCHEDULE_FUNC,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": _first_run(),
        },
    )
    if not created and schedule.func != SCHEDULE_FUNC:
        schedule.func = SCHEDULE_FUNC
        schedule.save(update_fields=["func"])
    return schedule
