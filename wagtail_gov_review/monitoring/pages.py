"""Live item pages (those using ``GovInfoPageMixin``), loaded in bounded batches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import prefetch_related_objects
from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from ..conf import gov_review_settings
from ..models import GovInfoPageMixin


def live_item_ids(*, order_by: str = "path", pk_range: tuple[int, int] | None = None) -> list[int]:
    """Primary keys of every live item (ints only: cheap even for 100k), in tree order or
    ``order_by="pk"`` (chunked runs slice by id); ``pk_range`` keeps ids in [first, last]."""
    items = Page.objects.live().type(GovInfoPageMixin)
    if pk_range is not None:
        items = items.filter(pk__gte=pk_range[0], pk__lte=pk_range[1])
    return list(items.order_by(order_by).values_list("pk", flat=True))


def in_batches(ids: list[int], size: int | None = None) -> Iterator[list]:
    """The specific pages of ``ids``, ``size`` at a time; only one batch is in memory."""
    size = size or gov_review_settings.MONITORING["BATCH_SIZE"]
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        pages = Page.objects.filter(pk__in=chunk).order_by("path").specific()
        pages = [page for page in pages if page is not None]
        prefetch_child_relations(pages)
        yield pages


def prefetch_child_relations(pages: list[Page]) -> None:
    """Load the inline children (comments, related links …) of all ``pages`` in one query per
    relation: finding a page's references (attachments) reads them, a query per page if not."""
    by_model: dict[type, list[Page]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, same_type in by_model.items():
        names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        if names:
            prefetch_related_objects(same_type, *names)
