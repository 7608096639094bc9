"""Two workers starting the same monitoring scan at the same moment must run it once.

Real threads and transactions on PostgreSQL (``make test-postgres``); SQLite serialises
writers per file, so the race cannot happen there and the test is skipped.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


# Skipped before any fixture runs: a transactional test flushes the database afterwards.
@pytest.mark.skipif(ON_SQLITE, reason="SQLite serialises writers; run make test-postgres")
@pytest.mark.django_db(transaction=True)
def test_two_workers_starting_the_same_scan_run_it_once(monkeypatch):
    """Both workers look for a running scan before either has created one."""
    from wagtail_gov_review.monitoring import runs
    from wagtail_gov_review.monitoring.models import RunStatus, ScanRun

    both_looked = threading.Barrier(2, timeout=3)
    real_create = ScanRun.objects.create

    def create_after_both_looked(**kwargs):
        if kwargs.get("status", RunStatus.RUNNING) == RunStatus.RUNNING:
            try:
                both_looked.wait()
            except threading.BrokenBarrierError:
                pass  # the other worker is blocked by a lock: what a correct start_run does
        return real_create(**kwargs)

    monkeypatch.setattr(ScanRun.objects, "create", create_after_both_looked)
    results = []

    def worker():
        try:
            results.append(runs.start_run("daily_scan"))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert ScanRun.objects.filter(kind="daily_scan", status=RunStatus.RUNNING).count() == 1
    assert sum(run is None for run in results) == 1
