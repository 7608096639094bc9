"""The owning unit of every page, stored beside the page so unit scope is an indexed filter.

A page belongs to the unit of its nearest column (``Column.for_page``), unless it is an item
(``GovInfoPageMixin``) whose ``unit`` field names an issuing unit, which then wins. Deriving
that per request means path prefixes over the whole page table; ``PageUnit`` keeps the answer
instead, one row per page, so the admin's scope is ``unit_id IN (...)`` on an index.

The row is derived data. The security layer keeps it current (``security/receivers.py``: a
page saved, moved or copied; a column added, changed or removed); ``fill_page_units`` rebuilds
it from the tree, the columns and the item tables (the data migration, pages written in bulk).
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .columns import Column


class PageUnit(models.Model):
    page = models.OneToOneField(
        Page,
        verbose_name=_("page"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="gov_page_unit",
    )
    # The item's own issuing unit (its ``unit`` field); empty for other pages.
    item_unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # The unit of the nearest column at or above the page; empty outside every column.
    column_unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("column's unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # What the scope filters on: the issuing unit, else the column's unit.
    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("owning unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # An item issued by a unit other than its column's: its ancestors must stay navigable
    # for the issuing unit (the explorer's path to it), so the scope looks these up.
    outside_own_column = models.BooleanField(_("outside its unit's columns"), default=False)

    class Meta:
        verbose_name = _("page owning unit")
        verbose_name_plural = _("page owning units")
        indexes = [
            # Covers ``page_id WHERE unit_id IN (...)``: the scope never reads the table rows.
            models.Index(fields=["unit", "page"], name="gov_pageunit_unit"),
            models.Index(
                fields=["unit", "page"],
                condition=Q(outside_own_column=True),
                name="gov_pageunit_outside",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.unit_id}"


def _subtree(path: str | None) -> Q:
    return Q() if path is None else Q(page__path__startswith=path)


def ancestor_paths(path: str, *, inclusive: bool = False) -> list[str]:
    """Tree paths of the ancestors of the page at ``path`` (and of the page, if inclusive)."""
    stop = len(path) + 1 if inclusive else len(path)
    return [path[:end] for end in range(Page.steplen, stop, Page.steplen)]


def _nearest_column_unit(path: str) -> int | None:
    return (
        Column._base_manager.filter(page__path__in=ancestor_paths(path, inclusive=True))
        .order_by("-page__depth")
        .values_list("unit_id", flat=True)
        .first()
    )


def place_page(page: Page, item_unit_id: int | None) -> None:
    """Write the row of a new page (created, copied): its nearest column's unit and its own
    issuing unit. Two queries."""
    column_unit_id = _nearest_column_unit(page.path)
    PageUnit._base_manager.update_or_create(
        page_id=page.pk,
        defaults={
            "item_unit_id": item_unit_id,
            "column_unit_id": column_unit_id,
            "unit_id": item_unit_id or column_unit_id,
            "outside_own_column": item_unit_id is not None and item_unit_id != column_unit_id,
        },
    )


def place_new_children(parent: Page, item_units: dict[int, int | None]) -> None:
    """Write the rows of new leaf pages under ``parent`` (page id → issuing unit) in bulk:
    for pages inserted without ``save()`` (``bench/bulk_pages.py``)."""
    column_unit_id = _nearest_column_unit(parent.path)
    PageUnit._base_manager.bulk_create(
        [
            PageUnit(
                page_id=page_id,
                item_unit_id=item_unit_id,
                column_unit_id=column_unit_id,
                unit_id=item_unit_id or column_unit_id,
                outside_own_column=item_unit_id is not None and item_unit_id != column_unit_id,
            )
            for page_id, item_unit_id in item_units.items()
        ],
        batch_size=2000,
    )


def set_item_unit(page: Page, item_unit_id: int | None) -> None:
    """Record an item's issuing unit after a save (one UPDATE; the full placement only when
    the page has no row yet, e.g. written in bulk)."""
    rows = PageUnit._base_manager.filter(page_id=page.pk)
    if item_unit_id is None:
        updated = rows.update(item_unit=None, unit=F("column_unit"), outside_own_column=False)
    else:
        updated = rows.update(
            item_unit=item_unit_id,
            unit=item_unit_id,
            outside_own_column=Case(
                When(column_unit=item_unit_id, then=Value(False)), default=Value(True)
            ),
        )
    if not updated:
        place_page(page, item_unit_id)


def _derive_unit(queryset) -> int:
    """Owning unit and the outside flag from ``item_unit`` and ``column_unit`` (one UPDATE)."""
    return queryset.update(
        unit=Coalesce(F("item_unit"), F("column_unit")),
        outside_own_column=Case(
            When(item_unit__isnull=True, then=Value(False)),
            When(column_unit__isnull=True, then=Value(True)),
            When(item_unit=F("column_unit"), then=Value(False)),
            default=Value(True),
        ),
    )


def refresh_column_units(
    root_path: str | None = None, *, column_model=Column, page_unit_model=PageUnit
) -> None:
    """Recompute the column's unit (and so the owning unit) of every page under ``root_path``
    (inclusive; ``None``: the whole tree), after a move or a column change.

    Cost: one UPDATE for the nearest column above the root, one per column inside it.
    """
    columns = list(
        column_model._base_manager.order_by("page__depth").values_list("page__path", "unit_id")
    )
    rows = page_unit_model._base_manager.filter(_subtree(root_path))
    above = None
    if root_path is not None:
        chain = set(ancestor_paths(root_path, inclusive=True))
        for path, unit_id in columns:  # ordered by depth: the last match is the nearest
            if path in chain:
                above = unit_id
    rows.update(column_unit=above)
    for path, unit_id in columns:
        if root_path is None or (path.startswith(root_path) and path != root_path):
            page_unit_model._base_manager.filter(page__path__startswith=path).update(
                column_unit=unit_id
            )
    _derive_unit(rows)


def item_page_models(models_iterable) -> list:
    """The concrete page models carrying an issuing unit (the item models), also among the
    historical models of a migration."""
    found = []
    for model in models_iterable:
        meta = model._meta
        if meta.abstract or meta.proxy:
            continue
        if not any(p._meta.label_lower == "wagtailcore.page" for p in meta.get_parent_list()):
            continue
        try:
            field = meta.get_field("unit")
        except FieldDoesNotExist:  # a page model that is not an item
            continue
        if field.is_relation and field.related_model._meta.label_lower == (
            "wagtail_gov_review.unit"
        ):
            found.append(model)
    return found


def fill_page_units(
    root_path: str | None = None,
    *,
    page_model=Page,
    column_model=Column,
    page_unit_model=PageUnit,
    item_models=None,
) -> None:
    """Create the missing rows under ``root_path`` (``None``: everywhere) and recompute them
    all from the tree, the columns and the item tables. The models are parameters so the
    data migration can pass its historical ones."""
    pages = page_model._base_manager.all()
    if root_path is not None:
        pages = pages.filter(path__startswith=root_path)
    missing = pages.exclude(pk__in=page_unit_model._base_manager.values("page_id")).values_list(
        "pk", flat=True
    )
    page_unit_model._base_manager.bulk_create(
        [page_unit_model(page_id=pk) for pk in missing.iterator()], batch_size=2000
    )
    if item_models is None:
        item_models = item_page_models(page_unit_model._meta.apps.get_models())
    issuing = [
        Subquery(model._base_manager.filter(pk=models.OuterRef("page_id")).values("unit_id")[:1])
        for model in item_models
    ]
    rows = page_unit_model._base_manager.filter(_subtree(root_path))
    if not issuing:
        rows.update(item_unit=None)
    else:
        rows.update(item_unit=issuing[0] if len(issuing) == 1 else Coalesce(*issuing))
    refresh_column_units(root_path, column_model=column_model, page_unit_model=page_unit_model)
