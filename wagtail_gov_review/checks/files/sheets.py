"""Spreadsheets: every non-empty cell of every sheet, located as sheet + cell (``"C7"``).

XLSX is streamed with openpyxl's read-only mode (rows parsed one by one; a sparse sheet whose
cells lie far apart costs nothing for the gap). Legacy XLS goes through calamine; its format
caps a sheet at 65,536 × 256 cells, and the file size cap bounds the rest.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from typing import IO, Any

import openpyxl
import python_calamine
from openpyxl.cell.read_only import EmptyCell

from .limits import Budget, FileRefused
from .segments import Segment
from .text import column_letter


def cell_text(value: Any) -> str:
    """What a reader sees in a cell: numbers without a spurious ``.0``, dates in ISO form."""
    if value is None or isinstance(value, bool):
        return ""
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


def _cell(sheet: str, col: int, row: int, value: Any, budget: Budget) -> Iterator[Segment]:
    budget.take_cell()
    text = cell_text(value)
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
                    yield from _cell(name, cell.column - 1, cell.row, cell.value, budget)
                budget.check_time()
    finally:
        book.close()


def read_xls(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(fh)
        names = _sheet_count(book.sheet_names, budget)
        for name in names:
            sheet = book.get_sheet_by_name(name)
            top, left = sheet.start or (0, 0)
            for r, row in enumerate(sheet.iter_rows()):
                _row_limit(top + r + 1, budget)
                for c, value in enumerate(row):
                    if value != "":
                        yield from _cell(name, left + c, top + r + 1, value, budget)
                budget.check_time()
    except python_calamine.PasswordError as exc:
        raise FileRefused("unreadable", "工作簿设有密码，无法读取") from exc
    except python_calamine.CalamineError as exc:
        raise FileRefused("unreadable", f"表格文件已损坏或格式不受支持：{exc}") from exc
