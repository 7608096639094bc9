"""XLSX and PDF of the inspection report (openpyxl; WeasyPrint with the configured CJK fonts)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ..conf import gov_review_settings
from ..spreadsheets import safe_row
from .report import InspectionReport, TrendWeek

STATUS = {"pass": "Passed", "fail": "Not passed", "na": "Not assessable"}


def status_label(status: str | None) -> str:
    return _(STATUS[status]) if status in STATUS else "—"


def to_xlsx(report: InspectionReport, trend: list[TrendWeek]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicators")
    sheet.append([_("Indicator"), _("Single veto"), _("Result"), _("Reason"), _("Basis")])
    for r in report.results:
        sheet.append(
            safe_row(
                [
                    r.name,
                    _("Yes") if r.veto else _("No"),
                    status_label(r.status),
                    r.reason,
                    r.citation,
                ]
            )
        )
    offenders = book.create_sheet(_("Items to fix"))
    offenders.append([_("Indicator"), _("Kind"), _("Column or item"), _("Problem"), _("Edit URL")])
    for r in report.results:
        for o in r.offenders:
            offenders.append(safe_row([r.name, _("Not passed"), o.title, o.detail, o.url]))
        for o in r.warnings:
            offenders.append(safe_row([r.name, _("Early warning"), o.title, o.detail, o.url]))
    weeks = book.create_sheet(_("Trend"))
    weeks.append([_("Week of")] + [r.name for r in report.results])
    for week in trend:
        weeks.append(
            [f"{week.start:%Y-%m-%d}"]
            + [status_label(week.status_of(r.code)) for r in report.results]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_html(report: InspectionReport, trend: list[TrendWeek]) -> str:
    return render_to_string(
        "wagtail_gov_review/inspection/print.html",
        {
            "report": report,
            "trend": trend,
            "rows": trend_rows(report, trend),
            "font_family": gov_review_settings.PDF_FONT_FAMILY,
        },
    )


def to_pdf(report: InspectionReport, trend: list[TrendWeek]) -> bytes:
    # Loaded on first use: importing WeasyPrint takes about 2 s and needs Pango; only a PDF needs it.
    from weasyprint import HTML

    return HTML(string=to_html(report, trend)).write_pdf()


def trend_rows(report: InspectionReport, trend: list[TrendWeek]) -> list[dict]:
    """One row per indicator: its weekly statuses (for the table and the SVG)."""
    rows = []
    for index, r in enumerate(report.results):
        cells = []
        for column, week in enumerate(trend):
            status = week.status_of(r.code)
            cells.append(
                {
                    "status": status,
                    "label": status_label(status),
                    "x": 160 + column * 36,
                    "y": 24 + index * 28,
                    "fill": {"pass": "#2e7d32", "fail": "#c62828", "na": "#9e9e9e"}.get(
                        status, "#eeeeee"
                    ),
                }
            )
        rows.append({"result": r, "cells": cells, "text_y": 40 + index * 28})
    return rows
