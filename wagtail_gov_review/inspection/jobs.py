"""The daily inspection job (django-q2) and the alert to the site admins.

Its schedule is a row of ``monitoring.schedules.SCHEDULES``, created by gov_review_setup.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..notify import admin_url, site_admins
from .report import run_inspection, save_snapshot

logger = logging.getLogger("wagtail_gov_review.inspection")


def alert_admins(report) -> int:
    """Mail the site admins about failed indicators and items about to fail; returns mails sent."""
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
        lines.append(admin_url("gov_review_inspection:report"))
        subject = (
            _("Website self-inspection: indicators failed")
            if failed
            else _("Website self-inspection: items about to fail")
        )
        return send_mail(subject, "\n".join(lines), None, recipients)


def daily_inspection() -> str:
    """Run the inspection, store today's snapshot, alert the admins; a summary for django-q2."""
    report = run_inspection()
    save_snapshot(report)
    sent = alert_admins(report)
    failed = [r.code for r in report.results if r.passed is False]
    return f"inspection: {'passed' if report.passed else 'failed'} {failed}, alerts {sent}"
