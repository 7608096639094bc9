"""Daily re-scan: every live item checked again with today's lexicons (seeds 000, 003).

The daily job runs in chunks on the django-q2 workers (``rescan_chunk``, ``chunks.py``);
``rescan_live_pages`` does the whole site in one process (benchmarks, the shell).

A term added in the admin today is in ``engine.engine_config()``, so it finds the pages
published yesterday. Findings land in ``ScanFinding`` (source ``rescan``); findings that are
gone (text corrected, term removed) are resolved.
"""

from __future__ import annotations

import logging

from .. import scanning
from ..engine import one_engine_per_run
from .chunks import run_chunk
from .models import RunKind, ScanRun
from .pages import in_batches, live_item_ids
from .placement import Placement
from .recording import problems_from_report, record
from .runs import advance, finish, set_total, start_run

logger = logging.getLogger("wagtail_gov_review.monitoring")


def rescan_live_pages(*, batch_size: int | None = None) -> ScanRun | None:
    """Re-check every live item; returns the run (``None`` if one is already running)."""
    run = start_run(RunKind.RESCAN)
    if run is None:
        logger.info("Re-scan skipped: another worker is running it.")
        return None
    try:
        ids = live_item_ids()
        set_total(run, len(ids))
        placement = Placement()
        with one_engine_per_run():
            _rescan(run, ids, placement, batch_size)
    except Exception as exc:
        logger.exception("Re-scan failed")
        finish(run, error=repr(exc))
        raise
    finish(run)
    return run


def _rescan(run: ScanRun, ids: list[int], placement: Placement, batch_size: int | None) -> None:
    for batch in in_batches(ids, batch_size):
        advance(run, len(batch), check_batch(run, batch, placement))


def check_batch(run: ScanRun, batch: list, placement: Placement) -> int:
    """Check one batch of specific pages and store the findings; returns how many."""
    problems = []
    for page in batch:
        column = placement.column_for(page)
        report = scanning.check_page(page)
        problems += problems_from_report(
            page.pk,
            report,
            unit_id=placement.unit_id_for(page, column),
            column_id=column.pk if column else None,
        )
    return record(RunKind.RESCAN, [p.pk for p in batch], problems, run=run)


def rescan_chunk(chunk_id: int, *, batch_size: int | None = None) -> str:
    """The re-scan of one chunk of a chunked run (``chunks.py``)."""
    placement = Placement()
    with one_engine_per_run():
        return run_chunk(
            chunk_id, lambda run, batch: check_batch(run, batch, placement), batch_size=batch_size
        )
