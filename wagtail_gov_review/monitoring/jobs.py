"""Entry points for django-q2 (dotted paths in ``Schedule.func`` and ``async_task``).

Each job returns a short summary string, which django-q2 stores as the task result.
"""

from __future__ import annotations

from datetime import date

from .links import patrol_links
from .published import recheck_published_page
from .rescan import rescan_live_pages
from .statistics import generate_monthly_statistics
from .timeliness import check_timeliness


def _summary(run) -> str:
    if run is None:
        return "skipped: already running"
    return f"{run.get_kind_display()}: {run.processed}/{run.total}, {run.findings_count} findings"


def daily_rescan() -> str:
    return _summary(rescan_live_pages())


def daily_link_patrol() -> str:
    return _summary(patrol_links())


def daily_timeliness() -> str:
    return _summary(check_timeliness())


def monthly_statistics(month: str | None = None) -> str:
    """Statistics of ``month`` ("YYYY-MM"), by default the previous month."""

    parsed = date.fromisoformat(f"{month}-01") if month else None
    rows = generate_monthly_statistics(parsed)
    return f"monthly statistics: {len(rows)} units"


def recheck_published(page_id: int) -> str:
    return f"page {page_id}: {recheck_published_page(page_id)} findings"
