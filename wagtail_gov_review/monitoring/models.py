"""What the monitoring jobs store: runs with progress, findings on live pages, monthly numbers.

One findings table serves every job (re-scan, post-publish re-check, link patrol, timeliness):
a finding is keyed by (source, page, fingerprint), so running a job twice — or two workers
running it at once — updates ``last_seen`` instead of adding a duplicate row.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..people import display_name


class RunKind(models.TextChoices):
    RESCAN = "rescan", _("Daily re-scan")
    PUBLISHED = "published", _("Re-check after publishing")
    LINKS = "links", _("Link patrol")
    TIMELINESS = "timeliness", _("Timeliness check")
    STATISTICS = "statistics", _("Monthly statistics")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (already running)")


class ScanRun(models.Model):
    """One run of a monitoring job, with progress counters the admin shows while it runs."""

    kind = models.CharField(_("job"), max_length=16, choices=RunKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    total = models.PositiveIntegerField(_("to process"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    findings_count = models.PositiveIntegerField(_("findings"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    heartbeat_at = models.DateTimeField(_("last progress"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("monitoring run")
        verbose_name_plural = _("monitoring runs")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # At most one running run per job, enforced by the database: two workers that
            # both find no running run cannot both start one (there is no row to lock).
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(status="running"),
                name="gov_one_running_scan_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == RunStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))


class ChunkState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Being checked")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ScanChunk(models.Model):
    """One slice of a chunked run: the live items with ``first_id <= pk <= last_id``.

    A django-q2 task checks one chunk. It claims the row first (a conditional UPDATE from
    pending to claimed), so a task delivered twice finds nothing to do; ``claimed_at`` is also
    its heartbeat, and a claim that stops beating is handed to another worker (``chunks.py``).
    """

    run = models.ForeignKey(
        ScanRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="chunks"
    )
    number = models.PositiveIntegerField(_("number"))
    first_id = models.PositiveBigIntegerField(_("first page id"))
    last_id = models.PositiveBigIntegerField(_("last page id"))
    size = models.PositiveIntegerField(_("number of items"), default=0)
    state = models.CharField(
        _("state"), max_length=8, choices=ChunkState.choices, default=ChunkState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    findings_count = models.PositiveIntegerField(_("findings"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("run chunk")
        verbose_name_plural = _("run chunks")
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="gov_unique_chunk_number"),
        ]
        indexes = [models.Index(fields=["state", "claimed_at"], name="gov_chunk_state_claimed")]

    def __str__(self) -> str:
        return f"{self.run} #{self.number}"


class Severity(models.TextChoices):
    BLOCK = "block", _("Blocking")
    WARN = "warn", _("Warning")


class ScanFinding(models.Model):
    """A problem found on a published page; resolved when a later run no longer finds it."""

    source = models.CharField(_("found by"), max_length=16, choices=RunKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="gov_scan_findings",
    )
    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    column = models.ForeignKey(
        "wagtail_gov_review.Column",
        verbose_name=_("column"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_run = models.ForeignKey(
        ScanRun,
        verbose_name=_("last run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    field = models.CharField(_("field"), max_length=255, blank=True)
    code = models.CharField(_("code"), max_length=64, db_index=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    text = models.TextField(_("text"), blank=True)
    message = models.TextField(_("message"), blank=True)
    suggestion = models.TextField(_("suggestion"), blank=True)
    fingerprint = models.CharField(max_length=40, editable=False)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False, db_index=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # Set when a person marks the finding resolved (the admin's 标记为已处理); a job that no
    # longer finds the problem resolves it without a person, and one that finds it again
    # reopens it and clears both.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)

    class Meta:
        verbose_name = _("monitoring finding")
        verbose_name_plural = _("monitoring findings")
        ordering = ["resolved", "-last_seen", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "page", "fingerprint"], name="gov_unique_scan_finding"
            ),
        ]
        permissions = [
            # 撤回: take a published item offline with a reason; it needs a new full review.
            ("withdraw_page", _("Can withdraw published pages")),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.text[:40]}"

    @property
    def resolved_by_name(self) -> str:
        return display_name(self.resolved_by)

    @staticmethod
    def make_fingerprint(field: str, code: str, text: str) -> str:
        return hashlib.sha1(f"{field}\x1f{code}\x1f{text}".encode()).hexdigest()


class MonthlyStatistics(models.Model):
    """The monthly numbers of one unit (seed 000 第二十条); see docs/monitoring.md."""

    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="monthly_statistics",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    submitted = models.PositiveIntegerField(_("submitted"), default=0)
    adopted = models.PositiveIntegerField(_("adopted"), default=0)
    timely = models.PositiveIntegerField(_("published in time"), default=0)
    accurate = models.PositiveIntegerField(_("without errors"), default=0)
    compliant = models.PositiveIntegerField(_("passed first time"), default=0)
    generated_at = models.DateTimeField(_("generated at"), auto_now=True)

    class Meta:
        verbose_name = _("monthly statistics")
        verbose_name_plural = _("monthly statistics")
        ordering = ["-month", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="gov_unique_unit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}"

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def timeliness_rate(self) -> float | None:
        return self._rate(self.timely, self.adopted)

    @property
    def accuracy_rate(self) -> float | None:
        return self._rate(self.accurate, self.adopted)

    @property
    def compliance_rate(self) -> float | None:
        return self._rate(self.compliant, self.submitted)
