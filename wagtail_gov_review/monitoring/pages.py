"""Live item pages (those using ``GovInfoPageMixin``), loaded in bounded batches."""

from __future__ import annotations

from collections.abc import Iterator

from wagtail.models import Page

from ..conf import gov_review_settings
from ..models import GovInfoPageMixin


def live_item_ids() -> list[int]:
    """Primary keys of every live item, in tree order (ints only: cheap even for 100k)."""
    return list(
        Page.objects.live().type(GovInfoPageMixin).order_by("path").values_list("pk", flat=True)
    )


def in_batches(ids: list[int], size: int | None = None) -> Iterator[list]:
    """The specific pages of ``ids``, ``size`` at a time; only one batch is in memory."""
    size = size or gov_review_settings.MONITORING["BATCH_SIZE"]
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        pages = Page.objects.filter(pk__in=chunk).order_by("path").specific()
        yield [page for page in pages if page is not None]
