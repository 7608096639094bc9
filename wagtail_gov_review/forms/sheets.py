"""The request forms of seed 000 as printable sheets, filled from the stored requests.

- 附件2 栏目调整审批表: ``ColumnChangeRequest``
- 附件3 网站账号申请审批表: ``AccountRequest``
- 附件4 信息员登记/变更表: ``InformationOfficerChange``

A ``Sheet`` is the form's content (title, the line above the table, labelled rows, notes);
``render_sheet_html`` and ``render_sheet_pdf`` lay it out. The approval recorded in the admin
is printed in its own row, so the sheet filed on paper says what the system decided.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import gov_review_settings
from .data import check_box, yes_no_boxes
from .models import (
    AccountRequest,
    ColumnChangeOperation,
    ColumnChangeRequest,
    DecidedRequest,
    InformationOfficerChange,
    OfficerChangeKind,
    RequestStatus,
)
from .pdf_fonts import pdf_font_files
from .pdf_layout import Cell, FormCanvas

BLANK = "＿＿＿＿"  # a line left for handwriting, as on the paper form


@dataclass(frozen=True)
class SheetRow:
    """One table row: (label, value) pairs side by side (two pairs: a four-column row)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SheetGroup:
    """A label spanning several rows on its right (e.g. 保密要素, 交接事项)."""

    label: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    meta: tuple[str, ...]
    rows: tuple[SheetRow | SheetGroup, ...]
    notes: tuple[str, ...] = ()


def _row(*pairs: tuple[str, str]) -> SheetRow:
    return SheetRow(tuple(pairs))


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return BLANK
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _decision(request: DecidedRequest) -> str:
    if request.status == RequestStatus.PENDING:
        return str(RequestStatus.PENDING.label)
    text = (
        f"{request.get_status_display()}（{request.decided_by_name}，{_date(request.decided_at)}）"
    )
    if request.decision_opinion:
        text += f"：{request.decision_opinion}"
    return text


def column_change_sheet(request: ColumnChangeRequest) -> Sheet:
    """附件2 芙蓉区政府网站栏目调整审批表."""
    Op = ColumnChangeOperation

    def only(operation: str, text: str, blank: str = BLANK) -> str:
        """``text`` on the line of the requested operation, the blank on the other two."""
        return text if request.operation == operation else blank

    name = request.column_name or BLANK
    requirement = request.requirement or BLANK
    planned = _date(request.planned_date)
    frequency = (
        _("update at least every %(days)d days") % {"days": request.update_frequency_days}
        if request.update_frequency_days
        else ""
    )
    add = (
        f"{check_box(request.operation == Op.ADD)} {_('Add a column')}　"
        f"{_('Column name')}：{only(Op.ADD, name)}　"
        f"{_('What it is for')}：{only(Op.ADD, requirement)}　"
        f"{only(Op.ADD, frequency, '')}\n"
        f"{_('Planned online')}：{only(Op.ADD, planned)}"
    )
    remove = (
        f"{check_box(request.operation == Op.REMOVE)} {_('Remove a column')}　"
        f"{_('Column name')}：{only(Op.REMOVE, name)}　"
        f"{_('Planned offline')}：{only(Op.REMOVE, planned)}"
    )
    change = (
        f"{check_box(request.operation == Op.CHANGE)} {_('Change a column')}　"
        f"{_('Column name')}：{only(Op.CHANGE, name)}　"
        f"{_('What should change')}：{only(Op.CHANGE, requirement)}"
    )
    return Sheet(
        title=_("Website column change approval form"),
        meta=(f"{_('Unit seal')}：", f"{_('Filed on')}：{_date(request.requested_at)}"),
        rows=(
            _row((_("Unit name"), request.unit.name)),
            SheetGroup(
                _("Requested operation"),
                (_row(("", add)), _row(("", remove)), _row(("", change))),
            ),
            _row((_("Reason for the request"), request.reason)),
            _row((_("Opinion of the unit's leader"), request.unit_leader_opinion)),
            _row((_("Approval"), _decision(request))),
        ),
        notes=(_("Note: a column is in principle updated at least once a quarter."),),
    )


def account_request_sheet(request: AccountRequest) -> Sheet:
    """附件3 芙蓉区政府网站账号申请审批表."""
    return Sheet(
        title=_("Website account request approval form"),
        meta=(f"{_('Unit seal')}：", f"{_('Filed on')}：{_date(request.requested_at)}"),
        rows=(
            _row((_("Unit name"), request.unit.name)),
            _row((_("Requested account name"), request.username)),
            _row((_("Requested permissions"), request.get_role_display())),
            _row((_("Reason for the account"), request.reason)),
            _row((_("Account holder"), request.holder_name)),
            _row((_("Contact"), " ".join(filter(None, [request.phone, request.email])))),
            _row(
                (
                    _("Account valid"),
                    f"{_date(request.valid_from)} — {_date(request.valid_until)}",
                )
            ),
            _row((_("Opinion of the leader in charge"), request.leader_opinion)),
            _row((_("Approval"), _decision(request))),
        ),
    )


def _previous_officer(change: InformationOfficerChange) -> InformationOfficerChange | None:
    """For an appointment: the officer relieved in the same unit most recently before it."""
    return (
        InformationOfficerChange.objects.filter(
            unit_id=change.unit_id,
            kind=OfficerChangeKind.RELIEVED,
            changed_at__lte=change.changed_at,
        )
        .exclude(pk=change.pk)
        .order_by("-changed_at", "-pk")
        .first()
    )


def officer_change_sheet(change: InformationOfficerChange) -> Sheet:
    """附件4 芙蓉区政府网站信息员登记/变更表."""
    phone = _("Contact")
    if change.kind == OfficerChangeKind.APPOINTED:
        previous = _previous_officer(change)
        before = (previous.officer_name, previous.officer_phone) if previous else ("", "")
        after = (change.officer_name, change.officer_phone)
    else:
        before, after = (change.officer_name, change.officer_phone), ("", "")
    handover = [
        (_("Told the unit's admin account and password?"), change.told_account),
        (_("Told the submission rules and review principles?"), change.told_rules),
        (_("Told the update deadlines of each column?"), change.told_timeliness),
        (_("Told the reporting rules for leader activities?"), change.told_leader_info),
        (_("Told how to submit items in the admin?"), change.told_workflow),
    ]
    filed = _date(change.reported_at) if change.reported_at else _("Not filed yet")
    return Sheet(
        title=_("Website information officer registration / change form"),
        meta=(f"{_('Change')}：{change.get_kind_display()}（{_date(change.changed_at)}）",),
        rows=(
            _row((_("Unit name"), change.unit.name)),
            _row((_("Leader in charge"), change.leader_name), (phone, change.leader_phone)),
            _row((_("Previous information officer"), before[0]), (phone, before[1])),
            _row((_("Current information officer"), after[0]), (phone, after[1])),
            SheetGroup(
                _("Handover of the information officer's duties"),
                tuple(_row((question, yes_no_boxes(done))) for question, done in handover),
            ),
            _row((_("Signature of the leader in charge"), ""), (_("Unit seal"), "")),
            _row((_("Filed on"), filed)),
        ),
        notes=(_("Note: report a change of leader or officer within 3 working days."),),
    )


SHEET_BUILDERS = {
    ColumnChangeRequest: column_change_sheet,
    AccountRequest: account_request_sheet,
    InformationOfficerChange: officer_change_sheet,
}


def sheet_for(obj) -> Sheet:
    return SHEET_BUILDERS[type(obj)](obj)


# -- layout ---------------------------------------------------------------------------------

LABEL_SHARE = 0.22  # of the content width, for each label column
GROUP_LABEL_SHARE = 0.6  # of a group's width, for the labels of its rows


def render_sheet_html(sheet: Sheet) -> str:
    return render_to_string(
        "wagtail_gov_review/forms/sheet.html",
        {
            "sheet": sheet,
            "form_title": sheet.title,
            "orientation": "portrait",
            "font_family": _font_family(),
        },
    )


def _font_family() -> str:
    return gov_review_settings.PDF_FONT_FAMILY


def _pair_cells(row: SheetRow, width: float, label_w: float, centred=True) -> list[Cell]:
    value_w = (width - label_w * len(row.pairs)) / len(row.pairs)
    cells: list[Cell] = []
    for label, value in row.pairs:
        if label:
            cells.append(Cell(label, label_w, header=centred))
            cells.append(Cell(value, value_w))
        else:  # a sub-row of a group with no label of its own: the value takes the width
            cells.append(Cell(value, value_w + label_w))
    return cells


def render_sheet_pdf(sheet: Sheet) -> bytes:
    canvas = FormCanvas(pdf_font_files(), title=sheet.title)
    canvas.new_page()
    canvas.form_heading(sheet.title, sheet.meta)
    width = canvas.content_width
    label_w = LABEL_SHARE * width
    for row in sheet.rows:
        if isinstance(row, SheetGroup):
            inner = width - label_w  # the group's rows: question 60 %, answer 40 %
            canvas.spanned_rows(
                Cell(row.label, label_w, header=True),
                [
                    _pair_cells(sub, inner, GROUP_LABEL_SHARE * inner, centred=False)
                    for sub in row.rows
                ],
            )
        else:
            canvas.row(_pair_cells(row, width, label_w))
    canvas.skip(2)
    for note in sheet.notes:
        canvas.text_line(note, 9)
    return canvas.finish()
