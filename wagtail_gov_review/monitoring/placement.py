"""Which column and unit a page belongs to, answered from memory for whole batches.

``Column.for_page`` costs a query per page; a re-scan of 100,000 pages loads the (few)
columns once and matches tree paths instead.
"""

from __future__ import annotations

from ..models import Column


class Placement:
    def __init__(self) -> None:
        self.columns = sorted(
            Column.objects.select_related("page", "unit"),
            key=lambda column: len(column.page.path),
            reverse=True,
        )

    def column_for(self, page) -> Column | None:
        """The nearest column at or above ``page`` (deepest path prefix)."""
        for column in self.columns:
            if page.path.startswith(column.page.path):
                return column
        return None

    def unit_id_for(self, page, column: Column | None = None) -> int | None:
        unit_id = getattr(page, "unit_id", None)
        if unit_id:
            return unit_id
        column = column if column is not None else self.column_for(page)
        return column.unit_id if column else None
