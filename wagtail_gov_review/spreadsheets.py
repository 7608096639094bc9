"""Cells of the XLSX exports: text a spreadsheet would run as a formula is written as text.

An item titled ``=HYPERLINK("http://…","点此")`` (or a unit, column or opinion starting with
``+``, ``-``, ``@``, a tab or a carriage return) would become a live formula in Excel or WPS
when the export is opened (CSV/formula injection, OWASP). Such strings get a leading
apostrophe, the spreadsheet convention for "this is text". Numbers, dates and cells that
already carry a style are written as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a leading apostrophe if it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``worksheet.append()`` with every text cell made safe."""
    return [safe_cell(value) for value in values]
