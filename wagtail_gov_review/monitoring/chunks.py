"""Chunked runs: the re-scan and the link patrol as one django-q2 task per slice of items.

``start_chunked_run(kind)`` plans a run: the live items' ids, in primary-key order, cut into
``CHUNK_SIZE`` slices, one ``ScanChunk`` row each, then one ``async_task`` per chunk. Every
``qcluster`` worker on every machine that shares the broker and the database takes chunks.

- **No chunk checked twice.** A task first claims its chunk with one conditional UPDATE
  (``pending`` → ``claimed`` where the state is still ``pending``). The database serialises
  writers of a row (SQLite its write lock; PostgreSQL the row lock and a re-check of the WHERE
  clause), so of two deliveries of the same task exactly one gets the chunk.
- **Collector.** After its chunk every task tries to close the run: a conditional UPDATE of the
  run that only the task finishing the last open chunk gets to make, with totals summed from
  the chunk rows.
- **Resume after a worker dies.** ``claimed_at`` is the chunk's heartbeat, moved after each
  batch. ``sweep_stale_chunks()`` (every few minutes, and when the daily job finds its run
  still open) puts chunks without a heartbeat for ``CHUNK_STALE_MINUTES`` back to pending and
  queues them again, until ``CHUNK_MAX_ATTEMPTS``. A slow worker whose chunk was handed on
  notices at its next heartbeat (its attempt number is no longer the chunk's) and stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django_q.tasks import async_task
from wagtail.models import Page

from ..conf import gov_review_settings
from .models import ChunkState, RunKind, RunStatus, ScanChunk, ScanRun
from .pages import in_batches, live_item_ids
from .runs import set_total, start_run

logger = logging.getLogger("wagtail_gov_review.monitoring")

# The django-q2 task that checks one chunk of a run of each kind (dotted paths: the broker
# carries names, not functions).
CHUNK_TASKS = {
    RunKind.RESCAN: "wagtail_gov_review.monitoring.jobs.rescan_chunk",
    RunKind.LINKS: "wagtail_gov_review.monitoring.jobs.link_patrol_chunk",
}
OPEN = (ChunkState.PENDING, ChunkState.CLAIMED)

# Checks one batch of specific pages for ``run`` and stores the findings; returns how many.
BatchCheck = Callable[[ScanRun, list[Page]], int]


def _setting(name: str) -> int:
    return int(gov_review_settings.MONITORING[name])


def start_chunked_run(kind: str, *, chunk_size: int | None = None) -> ScanRun | None:
    """Plan a run of ``kind`` and queue its chunks; ``None`` if one is already running.

    Call it outside a transaction: a worker on another connection must see the chunk rows
    when it receives the task.
    """
    sweep_stale_chunks()  # a run left open by dead workers is resumed, not started twice
    run = start_run(kind)
    if run is None:
        logger.info("%s skipped: a run is still open.", kind)
        return None
    try:
        chunks = plan_chunks(run, live_item_ids(order_by="pk"), chunk_size)
    except Exception as exc:
        ScanRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=repr(exc), finished_at=timezone.now()
        )
        raise
    enqueue(chunks)
    close_if_complete(run.pk)  # a site without items has no chunk to close the run
    run.refresh_from_db()
    return run


def plan_chunks(run: ScanRun, ids: list[int], chunk_size: int | None = None) -> list[ScanChunk]:
    """One chunk row per ``chunk_size`` ids (sorted): the range from its first to last id."""
    size = chunk_size or _setting("CHUNK_SIZE")
    chunks = [
        ScanChunk(
            run=run,
            number=number,
            first_id=ids[start],
            last_id=ids[min(start + size, len(ids)) - 1],
            size=min(size, len(ids) - start),
        )
        for number, start in enumerate(range(0, len(ids), size))
    ]
    chunks = ScanChunk.objects.bulk_create(chunks)
    set_total(run, len(ids))
    return chunks


def enqueue(chunks: Iterable[ScanChunk]) -> None:
    for chunk in chunks:
        kind = chunk.run.kind
        async_task(CHUNK_TASKS[kind], chunk.pk, group=f"gov_review_{kind}_{chunk.run_id}")


def run_chunk(chunk_id: int, check_batch: BatchCheck, *, batch_size: int | None = None) -> str:
    """Claim chunk ``chunk_id``, check its items batch by batch, then try to close the run."""
    chunk = claim(chunk_id)
    if chunk is None:
        return f"chunk {chunk_id}: already taken"
    run = chunk.run
    if run.status != RunStatus.RUNNING:
        _end(chunk, ChunkState.FAILED, error="run no longer running")
        return f"chunk {chunk_id}: run {run.pk} is {run.status}"
    try:
        ids = live_item_ids(order_by="pk", pk_range=(chunk.first_id, chunk.last_id))
        for batch in in_batches(ids, batch_size):
            found = check_batch(run, batch)
            if not _beat(chunk, len(batch), found):
                logger.warning("Chunk %s was handed to another worker; stopping.", chunk_id)
                return f"chunk {chunk_id}: handed on"
    except Exception as exc:
        logger.exception("Chunk %s failed", chunk_id)
        _end(chunk, ChunkState.FAILED, error=repr(exc))
        close_if_complete(run.pk)
        raise
    _end(chunk, ChunkState.DONE)
    close_if_complete(run.pk)
    return f"chunk {chunk_id}: {len(ids)} items"


def claim(chunk_id: int) -> ScanChunk | None:
    """Take a pending chunk for this worker; ``None`` if another delivery already took it."""
    now = timezone.now()
    with transaction.atomic():
        taken = ScanChunk.objects.filter(pk=chunk_id, state=ChunkState.PENDING).update(
            state=ChunkState.CLAIMED, claimed_at=now, attempts=F("attempts") + 1, error=""
        )
        if not taken:
            return None
        chunk = ScanChunk.objects.select_related("run").get(pk=chunk_id)
        if chunk.processed or chunk.findings_count:
            # An earlier attempt died halfway: its counts leave the run's progress, the
            # items are checked again (findings are stored idempotently).
            ScanRun.objects.filter(pk=chunk.run_id).update(
                processed=F("processed") - chunk.processed,
                findings_count=F("findings_count") - chunk.findings_count,
            )
            ScanChunk.objects.filter(pk=chunk_id).update(processed=0, findings_count=0)
            chunk.processed = chunk.findings_count = 0
    return chunk


def _mine(chunk: ScanChunk):
    """The chunk's row as long as this attempt still holds the claim."""
    return ScanChunk.objects.filter(pk=chunk.pk, state=ChunkState.CLAIMED, attempts=chunk.attempts)


def _beat(chunk: ScanChunk, processed: int, findings: int) -> bool:
    """Add a batch's progress to the chunk and its run; ``False`` if the claim was lost."""
    now = timezone.now()
    with transaction.atomic():
        held = _mine(chunk).update(
            processed=F("processed") + processed,
            findings_count=F("findings_count") + findings,
            claimed_at=now,
        )
        if held:
            ScanRun.objects.filter(pk=chunk.run_id).update(
                processed=F("processed") + processed,
                findings_count=F("findings_count") + findings,
                heartbeat_at=now,
            )
    return bool(held)


def _end(chunk: ScanChunk, state: str, *, error: str = "") -> None:
    _mine(chunk).update(state=state, finished_at=timezone.now(), error=error)


def close_if_complete(run_id: int) -> bool:
    """Close the run once no chunk is open; ``True`` for the one caller that closed it."""
    chunks = ScanChunk.objects.filter(run_id=run_id)
    if chunks.filter(state__in=OPEN).exists():
        return False
    totals = chunks.aggregate(
        processed=Sum("processed"),
        findings=Sum("findings_count"),
        failed=Count("pk", filter=Q(state=ChunkState.FAILED)),
    )
    now = timezone.now()
    error = ""
    if totals["failed"]:
        first = chunks.filter(state=ChunkState.FAILED).order_by("number").first()
        error = f"{totals['failed']} chunk(s) failed; #{first.number}: {first.error}"
    return bool(
        ScanRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED if error else RunStatus.DONE,
            processed=totals["processed"] or 0,
            findings_count=totals["findings"] or 0,
            error=error[:2000],
            finished_at=now,
            heartbeat_at=now,
        )
    )


def sweep_stale_chunks() -> int:
    """Hand chunks of dead workers to the queue again; returns how many were queued.

    Claimed chunks without a heartbeat for ``CHUNK_STALE_MINUTES`` go back to pending (or
    fail after ``CHUNK_MAX_ATTEMPTS``). Pending chunks of a run without any progress for that
    long are queued again as well, in case their task was lost with a broker; a duplicate
    delivery finds the chunk taken and does nothing.
    """
    stale_before = timezone.now() - timedelta(minutes=_setting("CHUNK_STALE_MINUTES"))
    max_attempts = _setting("CHUNK_MAX_ATTEMPTS")
    open_runs = Q(run__status=RunStatus.RUNNING)
    requeue: list[ScanChunk] = []
    touched: set[int] = set()
    dead = ScanChunk.objects.filter(
        open_runs, state=ChunkState.CLAIMED, claimed_at__lt=stale_before
    )
    for chunk in dead.select_related("run"):
        gone = chunk.attempts >= max_attempts
        handed = (
            _mine(chunk)
            .filter(claimed_at=chunk.claimed_at)
            .update(
                state=ChunkState.FAILED if gone else ChunkState.PENDING,
                error=f"worker stopped (attempt {chunk.attempts})",
                finished_at=timezone.now() if gone else None,
            )
        )
        if handed and not gone:
            requeue.append(chunk)
        touched.add(chunk.run_id)
    idle_runs = ScanRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=stale_before)
    lost = ScanChunk.objects.filter(open_runs, run__in=idle_runs, state=ChunkState.PENDING)
    queued = {chunk.pk for chunk in requeue}
    requeue += [chunk for chunk in lost.select_related("run") if chunk.pk not in queued]
    touched.update(chunk.run_id for chunk in requeue)
    ScanRun.objects.filter(pk__in=touched).update(heartbeat_at=timezone.now())
    if requeue:
        logger.warning("Queuing %d chunk(s) of stopped workers again.", len(requeue))
    enqueue(requeue)
    for run_id in touched:
        close_if_complete(run_id)
    return len(requeue)
