"""The django-q2 schedules of the plugin's jobs (monitoring, officer reminder, self-inspection),
created idempotently by gov_review_setup."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_q.models import Schedule

from ..roles import SITE_ADMIN, SITE_LEADER

# (name, function, schedule type, local time of day — or the interval of a MINUTES schedule)
DAILY = "D"
MONTHLY = "M"
MINUTES = "I"
SCHEDULES = [
    (
        "gov_review 每日重新扫描",
        "wagtail_gov_review.monitoring.jobs.daily_rescan",
        DAILY,
        time(2, 0),
    ),
    (
        "gov_review 每日链接巡查",
        "wagtail_gov_review.monitoring.jobs.daily_link_patrol",
        DAILY,
        time(3, 0),
    ),
    (
        "gov_review 每日及时性检查",
        "wagtail_gov_review.monitoring.jobs.daily_timeliness",
        DAILY,
        time(6, 0),
    ),
    (
        "gov_review 每日网站自查",
        "wagtail_gov_review.inspection.jobs.daily_inspection",
        DAILY,
        time(7, 0),
    ),
    (
        "gov_review 信息员变更提醒",
        "wagtail_gov_review.forms.officers.remind_overdue_officer_changes",
        DAILY,
        time(8, 0),
    ),
    (
        "gov_review 每月统计",
        "wagtail_gov_review.monitoring.jobs.monthly_statistics",
        MONTHLY,
        time(1, 0),
    ),
    (
        # Chunks of a re-scan or link patrol whose worker stopped are queued again.
        "gov_review 分块任务续跑",
        "wagtail_gov_review.monitoring.jobs.resume_chunked_runs",
        MINUTES,
        timedelta(minutes=5),
    ),
]


def _first_run(kind: str, at: time | timedelta) -> datetime:
    now = timezone.localtime()
    if kind == MINUTES:
        return now + at
    if kind == MONTHLY:  # the 1st of next month; django-q2 then adds one month each time
        year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
        return timezone.make_aware(datetime(year, month, 1, at.hour, at.minute))
    candidate = timezone.make_aware(datetime.combine(now.date(), at))
    return candidate if candidate > now else candidate + timedelta(days=1)


def ensure_schedules() -> list:
    """Create the schedules if missing; existing ones keep their (admin-edited) times."""
    schedules = []
    for name, func, kind, at in SCHEDULES:
        schedule, created = Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": kind,
                "minutes": int(at.total_seconds() // 60) if kind == MINUTES else None,
                "repeats": -1,
                "next_run": _first_run(kind, at),
            },
        )
        if not created and schedule.func != func:
            schedule.func = func
            schedule.save(update_fields=["func"])
        schedules.append(schedule)
    return schedules


def ensure_monitoring() -> list:
    """Everything gov_review_setup needs for the jobs: the schedules, and the site admins' and
    leaders' rights to withdraw items and see findings, statistics and the inspection report."""
    permissions = Permission.objects.filter(
        content_type__app_label="wagtail_gov_review",
        codename__in=[
            "withdraw_page",
            "view_scanfinding",
            "change_scanfinding",
            "view_monthlystatistics",
            "add_scanrun",
            "view_inspectionsnapshot",
        ],
    )
    for role in (SITE_ADMIN, SITE_LEADER):
        group = Group.objects.filter(name=role.group_name).first()
        if group is not None:
            group.permissions.add(*permissions)
    return ensure_schedules()
