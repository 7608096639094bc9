"""Entry points for django-q2 (dotted paths in ``Schedule.func`` and ``async_task``).

Each job returns a short summary string, which django-q2 stores as the task result.
"""

from __future__ import annotations

from datetime import date

from . import links, rescan
from .chunks import start_chunked_run, sweep_stale_chunks
from .models import RunKind
from .published import recheck_published_page
from .statistics import generate_monthly_statistics
from .timeliness import check_timeliness


def _summary(run) -> str:
    if run is None:
        return "skipped: already running"
    run.refresh_from_db()  # a chunked run moves on in other workers: progress so far
    summary = (
        f"{run.get_kind_display()}: {run.processed}/{run.total}, {run.findings_count} findings"
    )
    if chunks := run.chunks.count():
        summary += f", {chunks} chunks"
    return summary


def daily_rescan() -> str:
    """Plan the re-scan and queue its chunks (``rescan_chunk``) for the workers."""
    return _summary(start_chunked_run(RunKind.RESCAN))


def daily_link_patrol() -> str:
    """Plan the link patrol and queue its chunks (``link_patrol_chunk``) for the workers."""
    return _summary(start_chunked_run(RunKind.LINKS))


def rescan_chunk(chunk_id: int) -> str:
    return rescan.rescan_chunk(chunk_id)


def link_patrol_chunk(chunk_id: int) -> str:
    return links.link_patrol_chunk(chunk_id)


def resume_chunked_runs() -> str:
    """Every few minutes: queue again the chunks of workers that stopped (``chunks.py``)."""
    return f"{sweep_stale_chunks()} chunks queued again"


def daily_timeliness() -> str:
    return _summary(check_timeliness())


def monthly_statistics(month: str | None = None) -> str:
    """Statistics of ``month`` ("YYYY-MM"), by default the previous month."""
    parsed = date.fromisoformat(f"{month}-01") if month else None
    rows = generate_monthly_statistics(parsed)
    return f"monthly statistics: {len(rows)} units"


def recheck_published(page_id: int) -> str:
    return f"page {page_id}: {recheck_published_page(page_id)} findings"
