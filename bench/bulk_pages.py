"""Live item pages written straight into the tables, for benchmarks that need thousands.

Wagtail's ``add_child`` saves one page at a time through the tree API (about 26 pages/s
here), so 100,000 pages would take an hour. This writes the same rows in bulk: the
``wagtailcore_page`` rows with their tree paths, the page type's own table (multi-table
inheritance, defaults for every field not given) and, if asked, one revision per page set as
its live and latest revision. What it skips is what benchmarks do not measure: signals, the
publish gate, search indexing and the reference index; the owning-unit rows the unit scope
reads (``PageUnit``) are written here too.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from wagtail_gov_review.models.page_units import place_new_children


def bulk_live_pages(
    parent: Page, model, rows: list[dict], *, revisions: bool = False, batch_size: int = 1000
) -> list[Page]:
    """Create one live ``model`` page under ``parent`` per dict of field values in ``rows``
    (``title`` and ``slug`` required); returns the base ``Page`` objects in order."""
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    start = parent.numchild
    with transaction.atomic():
        pages = [
            Page(
                path=Page._get_path(parent.path, parent.depth + 1, start + number + 1),
                depth=parent.depth + 1,
                numchild=0,
                title=row["title"],
                draft_title=row["title"],
                slug=row["slug"],
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{row['slug']}/",
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
            for number, row in enumerate(rows)
        ]
        Page.objects.bulk_create(pages, batch_size=batch_size)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
        paths = [p.path for p in pages]
        by_path = {p.path: p for p in Page.objects.filter(path__in=paths)}
        pages = [by_path[path] for path in paths]
        _insert_specific_rows(model, pages, rows)
        # The owning unit the admin's scope filters on (save() would have written it).
        place_new_children(
            parent, {page.pk: _unit_id(row) for page, row in zip(pages, rows, strict=True)}
        )
        if revisions:
            _add_revisions(model, pages, now, batch_size)
    return pages


def _unit_id(row: dict) -> int | None:
    unit = row.get("unit", row.get("unit_id"))
    return getattr(unit, "pk", unit)


def _insert_specific_rows(model, pages: list[Page], rows: list[dict]) -> None:
    fields = [f for f in model._meta.local_concrete_fields if f.column != "page_ptr_id"]
    sql = 'INSERT INTO "{}" ("page_ptr_id", {}) VALUES (%s, {})'.format(
        model._meta.db_table,
        ", ".join(f'"{f.column}"' for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = []
    for page, row in zip(pages, rows, strict=True):
        values.append(
            [page.pk]
            + [
                f.get_db_prep_save(row[f.name] if f.name in row else f.get_default(), connection)
                for f in fields
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _add_revisions(model, pages: list[Page], now, batch_size: int) -> None:
    content_type = ContentType.objects.get_for_model(model)
    base = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base,
                object_id=str(page.pk),
                object_str=page.title,
                content={},
                created_at=now,
            )
            for page in pages
        ],
        batch_size=batch_size,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.live_revision_id = revision.pk
        page.latest_revision_id = revision.pk
    Page.objects.bulk_update(pages, ["live_revision", "latest_revision"], batch_size=batch_size)
