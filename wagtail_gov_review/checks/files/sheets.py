"""Spreadsheets: every non-empty cell of every sheet, located as sheet + cell (``"C7"``).

XLSX is streamed with openpyxl's read-only mode (rows parsed one by one; a sparse sheet whose
cells lie far apart costs nothing for the gap). Legacy XLS goes through xlrd with ragged rows
and sheets loaded one at a time: a 13 KB file with one cell at A1 and one at IV65536 per sheet
makes a library that fills the rectangle (calamine) walk 16.7 million cells a sheet; xlrd keeps
only the cells that exist.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from typing import IO, Any

import openpyxl
import xlrd
from openpyxl.cell.read_only import EmptyCell

from .limits import Budget, FileRefused
from .segments import Segment
from .text import column_letter

_DECIMALS = re.compile(r"\.(0+)")


def _formatted_number(value: float, number_format: str) -> str | None:
    """``value`` as Excel shows it for a thousands-separator or percent format, else ``None``.

    A statistic formatted ``#,##0`` reads 13,812,345,678 on screen and must not be taken for a
    mobile number; a phone number typed into a General cell still reads 13812345678.
    """
    section = number_format.split(";", 1)[0]
    percent = "%" in section
    if "," not in section and not percent:
        return None
    decimals = _DECIMALS.search(section)
    places = len(decimals.group(1)) if decimals else 0
    shown = value * 100 if percent else value
    grouping = "," if "," in section else ""
    return f"{shown:{grouping}.{places}f}" + ("%" if percent else "")


def cell_text(value: Any, number_format: str = "General") -> str:
    """What a reader sees in a cell: numbers as their format shows them (thousands separators,
    percent) or without a spurious ``.0``, dates in ISO form."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        formatted = _formatted_number(value, number_format or "General")
        if formatted is not None:
            return formatted
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _sheet_count(names: Iterable[str], budget: Budget) -> list[str]:
    names = list(names)
    if len(names) > budget.limits.max_sheets:
        raise FileRefused(
            "too_many_sheets", f"工作簿有 {len(names)} 个工作表，超过 {budget.limits.max_sheets} 个"
        )
    return names


def _row_limit(row: int, budget: Budget) -> None:
    if row > budget.limits.max_rows:
        raise FileRefused(
            "too_many_rows", f"工作表超过 {budget.limits.max_rows:,} 行，请拆分后再上传"
        )


def _cell(
    sheet: str, col: int, row: int, value: Any, budget: Budget, number_format: str = "General"
) -> Iterator[Segment]:
    budget.take_cell()
    text = cell_text(value, number_format)
    budget.take_text(text)
    if text.strip():
        yield Segment(text, {"sheet": sheet, "cell": f"{column_letter(col)}{row}"})


def read_xlsx(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    try:
        for name in _sheet_count(book.sheetnames, budget):
            sheet = book[name]
            if not hasattr(sheet, "reset_dimensions"):
                continue  # a chartsheet holds no cells
            sheet.reset_dimensions()  # the declared <dimension> may claim a huge empty range
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell, EmptyCell):
                        continue
                    _row_limit(cell.row, budget)
                    yield from _cell(
                        name, cell.column - 1, cell.row, cell.value, budget, cell.number_format
                    )
                budget.check_time()
    finally:
        book.close()


def read_xls(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    try:
        book = xlrd.open_workbook(
            file_contents=fh.read(), on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as exc:
        raise FileRefused("unreadable", f"表格文件已损坏或格式不受支持：{exc}") from exc
    try:
        for index, name in enumerate(_sheet_count(book.sheet_names(), budget)):
            sheet = book.sheet_by_index(index)
            _row_limit(sheet.nrows, budget)
            for r in range(sheet.nrows):
                if not sheet.row_len(r):  # ragged rows: an empty row costs nothing
                    continue
                for c, value in enumerate(sheet.row_values(r)):
                    if value != "":
                        yield from _cell(name, c, r + 1, value, budget)
                budget.check_time()
            book.unload_sheet(index)
    finally:
        book.release_resources()
