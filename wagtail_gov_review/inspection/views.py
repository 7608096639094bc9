"""The admin report 报告 → 网站自查: live results, alerts, 12-week trend, XLSX/PDF export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import export
from .report import run_inspection, save_snapshot, weekly_trend

VIEW_INSPECTION = "wagtail_gov_review.view_inspectionsnapshot"
# The report lists at most this many items per indicator; the rest page by page (a site of
# 100,000 items had every open finding inline: 1.9 MB of HTML).
DETAIL_LIMIT = 20
DETAIL_PAGE_SIZE = 100


def can_view(user) -> bool:
    return user.has_perm(VIEW_INSPECTION)


def report_view(request):
    """The inspection computed now; POST also stores it as today's snapshot."""
    if not can_view(request.user):
        raise PermissionDenied
    report = run_inspection()
    if request.method == "POST":
        save_snapshot(report)
        messages.success(request, _("Today's inspection result has been saved."))
        return redirect("gov_review_inspection:report")
    trend = weekly_trend()
    fmt = request.GET.get("export")
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    if fmt == "xlsx":
        response = HttpResponse(
            export.to_xlsx(report, trend),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="gov-inspection-{stamp}.xlsx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(export.to_pdf(report, trend), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="gov-inspection-{stamp}.pdf"'
        return response
    if fmt:
        messages.error(request, _("Unknown export format; use xlsx or pdf."))
    if code := request.GET.get("indicator"):
        return indicator_details(request, report, code)
    rows = export.trend_rows(report, trend)
    return TemplateResponse(
        request,
        "wagtail_gov_review/inspection/report.html",
        {
            "page_title": _("Website self-inspection"),
            "header_title": _("Website self-inspection"),
            "report": report,
            "trend": trend,
            "rows": rows,
            "svg_width": 170 + 36 * len(trend),
            "svg_height": 30 + 28 * len(rows),
            "detail_limit": DETAIL_LIMIT,
        },
    )


def indicator_details(request, report, code: str):
    """Every item one indicator lists (failing, then about to fail), a page at a time."""
    result = next((r for r in report.results if r.code == code), None)
    if result is None:
        messages.error(request, _("Unknown indicator."))
        return redirect("gov_review_inspection:report")
    items = [(o, False) for o in result.offenders] + [(o, True) for o in result.warnings]
    page = Paginator(items, DETAIL_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "wagtail_gov_review/inspection/details.html",
        {
            "page_title": result.name,
            "header_title": result.name,
            "result": result,
            "page_obj": page,
            "total": len(items),
        },
    )
