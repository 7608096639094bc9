"""Two workers given the same chunk tasks at the same moment: each chunk is claimed once.

Real threads and transactions on PostgreSQL (``make test-postgres``); SQLite serialises
writers per file, so the race cannot happen there and the test is skipped.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
CHUNKS = 200


# Skipped before any fixture runs: a transactional test flushes the database afterwards.
@pytest.mark.skipif(ON_SQLITE, reason="SQLite serialises writers; run make test-postgres")
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_the_same_chunks_get_each_once():
    from wagtail_gov_review.monitoring.chunks import claim
    from wagtail_gov_review.monitoring.models import ChunkState, RunKind, ScanChunk, ScanRun

    run = ScanRun.objects.create(kind=RunKind.RESCAN, total=CHUNKS)
    ScanChunk.objects.bulk_create(
        ScanChunk(run=run, number=n, first_id=n, last_id=n, size=1) for n in range(CHUNKS)
    )
    ids = list(run.chunks.values_list("pk", flat=True))
    start = threading.Barrier(2, timeout=10)
    claimed: list[list[int]] = [[], []]

    def worker(mine: list[int]) -> None:
        try:
            start.wait()
            for chunk_id in ids:  # both deliveries of every task, at the same time
                if claim(chunk_id) is not None:
                    mine.append(chunk_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(mine,)) for mine in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(claimed[0] + claimed[1]) == sorted(ids)
    assert set(run.chunks.values_list("state", "attempts")) == {(ChunkState.CLAIMED, 1)}
