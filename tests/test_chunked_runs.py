"""Re-scan and link patrol as chunked django-q2 runs (issue 19, point 5).

The daily jobs plan a run and queue one task per chunk of items. Here the queue is caught
while the run is planned, and the tasks are then delivered through django-q2's
``async_task`` (synchronous in the test settings) the way a broker would: twice, out of
order, or after a worker died holding one.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task, result

from wagtail_gov_review import scanning
from wagtail_gov_review.monitoring import chunks
from wagtail_gov_review.monitoring.models import (
    ChunkState,
    RunKind,
    RunStatus,
    ScanChunk,
    ScanFinding,
    ScanRun,
)
from wagtail_gov_review.monitoring.pages import live_item_ids

from .waiting_items import add_waiting_items

CHUNK_SIZE = 3


@pytest.fixture
def demo(module_demo):
    """The demo portal with ten more live notices (one with a mobile number), cut into chunks
    of three."""
    add_waiting_items("notices", 9)
    add_waiting_items("notices", 1, body="<p>联系人手机：13800138000。</p>")
    conf = {
        **settings.WAGTAIL_GOV_REVIEW,
        "MONITORING": {"CHUNK_SIZE": CHUNK_SIZE, "CHUNK_STALE_MINUTES": 15},
    }
    with override_settings(WAGTAIL_GOV_REVIEW=conf):
        yield module_demo


@pytest.fixture
def queue(monkeypatch):
    """Catch the chunk tasks instead of running them; ``deliver`` then runs one as a worker
    would, through django-q2."""
    queued: list[tuple[str, int]] = []
    monkeypatch.setattr(
        chunks, "async_task", lambda func, chunk_id, **kw: queued.append((func, chunk_id))
    )
    return queued


def deliver(func: str, chunk_id: int) -> str:
    return result(async_task(func, chunk_id))


@pytest.fixture
def checked(monkeypatch):
    """Every page id the re-scan checks, counted."""
    seen: Counter[int] = Counter()
    check_page = scanning.check_page

    def counting(page, *args, **kwargs):
        seen[page.pk] += 1
        return check_page(page, *args, **kwargs)

    monkeypatch.setattr(scanning, "check_page", counting)
    return seen


def plan_rescan() -> ScanRun:
    """Start the daily re-scan as its schedule does; its chunks land in ``queue``."""
    result(async_task("wagtail_gov_review.monitoring.jobs.daily_rescan"))
    return ScanRun.objects.filter(kind=RunKind.RESCAN).latest("pk")


def test_every_chunk_delivered_twice_checks_each_page_once(demo, queue, checked):
    run = plan_rescan()
    items = live_item_ids()
    chunk_rows = list(run.chunks.order_by("number"))
    assert len(chunk_rows) == -(-len(items) // CHUNK_SIZE) and len(queue) == len(chunk_rows)
    assert run.total == len(items) and not checked

    # The broker hands every task out twice: right after each other while the run is open,
    # and once more after the run is closed.
    for func, chunk_id in queue:
        deliver(func, chunk_id)
        assert deliver(func, chunk_id) == f"chunk {chunk_id}: already taken"
    for func, chunk_id in queue[::-1]:
        deliver(func, chunk_id)

    assert set(checked) == set(items)
    assert set(checked.values()) == {1}
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.error == ""
    assert run.processed == run.total == len(items)
    assert run.findings_count == ScanFinding.objects.filter(last_run=run).count() >= 1
    assert ScanFinding.objects.filter(source=RunKind.RESCAN, code="pii.mobile").exists()
    assert set(run.chunks.values_list("state", "attempts")) == {(ChunkState.DONE, 1)}


def test_a_chunk_whose_worker_died_is_checked_again_after_the_sweep(
    demo, queue, checked, client, login
):
    run = plan_rescan()
    (func, dead_id), *others = queue
    # A worker claims the first chunk, gets through one page, and dies.
    dead = chunks.claim(dead_id)
    assert chunks._beat(dead, 1, 0)
    ScanChunk.objects.filter(pk=dead_id).update(claimed_at=timezone.now() - timedelta(hours=1))
    for task in others:
        deliver(*task)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING  # the collector waits for the dead chunk

    # The monitoring page shows the run's progress and keeps refreshing while it runs.
    login("admin")
    html = client.get(reverse("gov_review_monitoring:findings")).content.decode()
    assert 'http-equiv="refresh"' in html
    assert f"分块 {len(others)}/{len(others) + 1}" in html
    assert f"{run.processed}/{run.total}" in html

    # The sweep (every 5 minutes on the workers) queues it again; a worker checks it.
    queue.clear()
    assert result(async_task("wagtail_gov_review.monitoring.jobs.resume_chunked_runs")) == (
        "1 chunks queued again"
    )
    assert queue == [(func, dead_id)]
    deliver(func, dead_id)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.processed == run.total == len(live_item_ids())  # the dead attempt's page once
    assert set(checked.values()) == {1}
    assert ScanChunk.objects.get(pk=dead_id).attempts == 2
    # The first worker, had it only been slow, learns at its next heartbeat that it lost the chunk.
    assert not chunks._beat(dead, 1, 0)
    html = client.get(reverse("gov_review_monitoring:findings")).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert f"分块 {len(others) + 1}/{len(others) + 1}" in html


def test_a_chunk_that_keeps_killing_workers_fails_its_run(demo, queue):
    run = plan_rescan()
    (func, dead_id), *others = queue
    for task in others:
        deliver(*task)
    long_ago = timezone.now() - timedelta(hours=1)
    ScanChunk.objects.filter(pk=dead_id).update(
        state=ChunkState.CLAIMED, attempts=3, claimed_at=long_ago
    )
    queue.clear()
    assert chunks.sweep_stale_chunks() == 0 and queue == []
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "1 chunk(s) failed" in run.error
    # The next daily start is not blocked by it.
    assert plan_rescan().pk != run.pk


def test_a_live_chunk_is_not_handed_on(demo, queue):
    plan_rescan()
    func, chunk_id = queue[0]
    chunks.claim(chunk_id)  # claimed a moment ago: its worker is alive
    queue.clear()
    assert chunks.sweep_stale_chunks() == 0 and queue == []
    assert deliver(func, chunk_id) == f"chunk {chunk_id}: already taken"


def test_the_daily_start_resumes_an_open_run_instead_of_starting_another(demo, queue):
    run = plan_rescan()
    ScanRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    queue.clear()
    summary = result(async_task("wagtail_gov_review.monitoring.jobs.daily_rescan"))
    assert summary == "skipped: already running"
    # Its chunks, queued but never taken (a lost broker), are queued again.
    assert sorted(chunk_id for _, chunk_id in queue) == sorted(
        run.chunks.values_list("pk", flat=True)
    )


def test_daily_jobs_without_a_cluster_run_every_chunk_in_process(demo):
    """``Q_CLUSTER["sync"]``: planning runs each chunk at once; the run is finished on return."""
    target = "/no-such-page/"
    item = add_waiting_items("notices", 1, body=f'<p><a href="{target}">失效</a></p>')[0]
    for job, kind in (("daily_rescan", RunKind.RESCAN), ("daily_link_patrol", RunKind.LINKS)):
        summary = result(async_task(f"wagtail_gov_review.monitoring.jobs.{job}"))
        run = ScanRun.objects.filter(kind=kind).latest("pk")
        total = len(live_item_ids())
        assert run.status == RunStatus.DONE and f"{total}/{total}" in summary
        assert run.chunks.count() == -(-total // CHUNK_SIZE)
    broken = ScanFinding.objects.get(page_id=item.pk, code="link.broken", resolved=False)
    assert broken.text == target
