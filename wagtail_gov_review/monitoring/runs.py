"""Start, advance and finish a monitoring run; refuse a second concurrent run of the same job."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..conf import gov_review_settings
from .models import RunStatus, ScanRun


def start_run(kind: str, *, total: int = 0) -> ScanRun | None:
    """A new running ``ScanRun``, or ``None`` if a live run of the same job is under way.

    A run whose last progress is older than ``STALE_RUN_MINUTES`` counts as dead (its worker
    was killed) and is marked failed, so a crash never blocks the daily job for good.
    """
    stale = timezone.now() - timedelta(minutes=gov_review_settings.MONITORING["STALE_RUN_MINUTES"])
    with transaction.atomic():
        running = ScanRun.objects.select_for_update().filter(kind=kind, status=RunStatus.RUNNING)
        running.filter(heartbeat_at__lt=stale).update(
            status=RunStatus.FAILED, error="stale: no progress", finished_at=timezone.now()
        )
        if not running.filter(heartbeat_at__gte=stale).exists():
            try:
                with transaction.atomic():
                    return ScanRun.objects.create(kind=kind, total=total)
            except IntegrityError:
                pass  # another worker started the same job between our look and our insert
        ScanRun.objects.create(kind=kind, status=RunStatus.SKIPPED, finished_at=timezone.now())
        return None


def advance(run: ScanRun | None, processed: int, findings: int = 0) -> None:
    """Add progress in one UPDATE so the admin view can show it while the job runs."""
    if run is None:
        return
    run.processed += processed
    run.findings_count += findings
    run.heartbeat_at = timezone.now()
    ScanRun.objects.filter(pk=run.pk).update(
        processed=run.processed, findings_count=run.findings_count, heartbeat_at=run.heartbeat_at
    )


def set_total(run: ScanRun | None, total: int) -> None:
    if run is not None:
        run.total = total
        ScanRun.objects.filter(pk=run.pk).update(total=total)


def finish(run: ScanRun | None, *, error: str = "") -> None:
    if run is None:
        return
    run.status = RunStatus.FAILED if error else RunStatus.DONE
    run.error = error
    run.finished_at = timezone.now()
    ScanRun.objects.filter(pk=run.pk).update(
        status=run.status, error=error, finished_at=run.finished_at, heartbeat_at=run.finished_at
    )
