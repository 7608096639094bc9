"""XLSX of a form: one row per item, written in openpyxl's write-only (streaming) mode."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from ..spreadsheets import safe_row
from .data import FormItem, Selection, Signature
from .render_html import RESPONSIBILITY, form_title, secrecy_item_headers


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _sig(signature: Signature | None) -> list[str]:
    if signature is None:
        return ["", "", "", ""]
    return [signature.decision_label, signature.opinion, signature.user_name, signature.time_label]


def responsibility_header() -> list[str]:
    cells = [
        _("No."),
        _("Item title"),
        _("Submitting unit"),
        _("Source"),
        _("Column"),
        _("Publishing requirements"),
        _("Involves secrets?"),
        _("Involves sensitive information?"),
    ]
    for stage in (_("First review"), _("Second review"), _("Third review")):
        cells += [
            f"{stage} · {_('Decision')}",
            f"{stage} · {_('Opinion')}",
            f"{stage} · {_('Reviewer')}",
            f"{stage} · {_('Time')}",
        ]
    return cells + [_("Remarks")]


def responsibility_row(item: FormItem) -> list:
    return [
        item.number,
        item.title,
        item.unit_name,
        item.source_label,
        item.column_name,
        item.publish_requirements,
        _yes_no(item.involves_secret),
        _yes_no(item.involves_sensitive),
        *_sig(item.first),
        *_sig(item.second),
        *_sig(item.third),
        item.remarks,
    ]


def secrecy_header() -> list[str]:
    cells = secrecy_item_headers()
    for stage in (_("First review"), _("Second review"), _("Third review")):
        cells += [stage, f"{stage} · {_('Reviewer')}"]
    return cells + [_("Remarks")]


def secrecy_row(item: FormItem) -> list:
    cells = [
        item.number,
        item.unit_name,
        item.title,
        item.source_label,
        item.disclosure_label,
        item.platform_label,
    ]
    for signature in item.review_cells:
        cells += [signature.decision_label, signature.user_name] if signature else ["", ""]
    return cells + [item.remarks]


def render_xlsx(form: str, items: list[FormItem], selection: Selection | None = None) -> bytes:
    """The form as a workbook: title row, header row, then one row per item."""
    header, row = (
        (responsibility_header, responsibility_row)
        if form == RESPONSIBILITY
        else (secrecy_header, secrecy_row)
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=form_title(form)[:31])
    title = WriteOnlyCell(sheet, value=form_title(form))
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    header_cells = []
    for text in header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cell.alignment = wrap
        header_cells.append(cell)
    sheet.append(header_cells)
    for item in items:
        sheet.append(safe_row(row(item)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
