"""Admin views of monitoring: findings with run progress, statistics with chart and XLSX, withdraw."""

from __future__ import annotations

import io
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page

from ..codes import code_label
from ..models import Column, Unit
from ..spreadsheets import safe_row
from .models import ChunkState, MonthlyStatistics, RunKind, ScanFinding, ScanRun
from .statistics import generate_monthly_statistics, month_statistics, monthly_trend
from .withdraw import WithdrawError, WithdrawPageAction, WithdrawPermissionError, can_withdraw

VIEW_FINDINGS = "wagtail_gov_review.view_scanfinding"
VIEW_STATISTICS = "wagtail_gov_review.view_monthlystatistics"
RUN_JOBS = "wagtail_gov_review.add_scanrun"
JOBS = {
    RunKind.RESCAN: "wagtail_gov_review.monitoring.jobs.daily_rescan",
    RunKind.LINKS: "wagtail_gov_review.monitoring.jobs.daily_link_patrol",
    RunKind.TIMELINESS: "wagtail_gov_review.monitoring.jobs.daily_timeliness",
}


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


class FindingFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        Unit.objects.all(), required=False, label=gettext_lazy("unit"), empty_label="—"
    )
    column = forms.ModelChoiceField(
        Column.objects.select_related("page"),
        required=False,
        label=gettext_lazy("column"),
        empty_label="—",
    )
    code = forms.ChoiceField(required=False, label=gettext_lazy("code"))
    source = forms.ChoiceField(required=False, label=gettext_lazy("found by"))
    status = forms.ChoiceField(
        required=False,
        label=gettext_lazy("status"),
        choices=[
            ("open", gettext_lazy("Open")),
            ("resolved", gettext_lazy("Resolved")),
            ("all", gettext_lazy("All")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = ScanFinding.objects.order_by("code").values_list("code", flat=True).distinct()
        self.fields["code"].choices = [("", "—")] + [(c, code_label(c)) for c in codes]
        self.fields["source"].choices = [("", "—")] + list(RunKind.choices)

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or "open"
        if status == "open":
            queryset = queryset.filter(resolved=False)
        elif status == "resolved":
            queryset = queryset.filter(resolved=True)
        if data.get("unit"):
            queryset = queryset.filter(unit=data["unit"])
        if data.get("column"):
            queryset = queryset.filter(column=data["column"])
        if data.get("code"):
            queryset = queryset.filter(code=data["code"])
        if data.get("source"):
            queryset = queryset.filter(source=data["source"])
        return queryset


def latest_runs(count: int = 8):
    """The latest runs, each with the number of its chunks and of those finished (chunked
    runs of the re-scan and link patrol; zero for the others), in one query."""
    finished = Q(chunks__state__in=[ChunkState.DONE, ChunkState.FAILED])
    return ScanRun.objects.annotate(
        chunks_total=Count("chunks"), chunks_finished=Count("chunks", filter=finished)
    )[:count]


def findings_view(request):
    """Findings of the monitoring jobs, filterable by unit/column/code, and the latest runs."""
    _require(request, VIEW_FINDINGS)
    form = FindingFilterForm(request.GET or None)
    queryset = form.filter(ScanFinding.objects.select_related("page", "unit", "column__page"))
    page = Paginator(queryset, 50).get_page(request.GET.get("p"))
    runs = list(latest_runs())
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "wagtail_gov_review/monitoring/findings.html",
        {
            "page_title": _("Monitoring findings"),
            "header_title": _("Monitoring findings"),
            "form": form,
            "page_obj": page,
            "findings": page.object_list,
            "total": queryset.count(),
            "runs": runs,
            "running": any(run.status == "running" for run in runs),
            "jobs": [(kind, RunKind(kind).label) for kind in JOBS],
            "can_run": request.user.has_perm(RUN_JOBS),
            "query": query.urlencode(),
        },
    )


@require_POST
def run_job_view(request, kind: str):
    """Queue a monitoring job now (the worker runs it; the findings page shows progress)."""
    _require(request, RUN_JOBS)
    if kind not in JOBS:
        messages.error(request, _("Unknown job."))
        return redirect("gov_review_monitoring:findings")
    from django_q.tasks import async_task

    async_task(JOBS[kind], group="gov_review_manual")
    messages.success(request, _("%(job)s queued.") % {"job": RunKind(kind).label})
    return redirect("gov_review_monitoring:findings")


def _parse_month(value: str | None) -> date | None:
    try:
        return date.fromisoformat(f"{value}-01") if value else None
    except ValueError:
        return None


def _chart(rows: list[MonthlyStatistics]) -> dict:
    """Bar geometry for the inline SVG chart: submitted vs adopted per unit."""
    peak = max([max(r.submitted, r.adopted) for r in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        x = 150 + 0
        y = 10 + index * 44
        bars.append(
            {
                "label": row.unit.name,
                "y": y,
                "text_y": y + 16,
                "submitted_w": round(400 * row.submitted / peak),
                "adopted_w": round(400 * row.adopted / peak),
                "adopted_y": y + 18,
                "x": x,
                "submitted": row.submitted,
                "adopted": row.adopted,
            }
        )
    return {"bars": bars, "height": 20 + 44 * len(rows)}


def _trend_chart(totals) -> dict:
    """Geometry for the trend SVG: submitted/adopted bars and the three rates as lines (0-100%)."""
    width, height, left, top = 640, 220, 40, 10
    plot_h = height - 50
    step = (width - left) / max(len(totals), 1)
    peak = max([t.submitted for t in totals] + [1])
    months, lines = [], {"timeliness": [], "accuracy": [], "compliance": []}
    for index, totals_of_month in enumerate(totals):
        x = left + index * step
        months.append(
            {
                "label": f"{totals_of_month.month:%Y-%m}",
                "x": round(x + 4),
                "label_x": round(x + step / 2),
                "bar_w": round(step / 2 - 6),
                "submitted_h": round(plot_h * totals_of_month.submitted / peak),
                "adopted_h": round(plot_h * totals_of_month.adopted / peak),
                "totals": totals_of_month,
            }
        )
        for name in lines:
            rate = getattr(totals_of_month, f"{name}_rate")
            if rate is not None:
                y = top + plot_h - plot_h * rate / 100
                lines[name].append(f"{round(x + step / 2)},{round(y)}")
    for month in months:
        month["submitted_y"] = top + plot_h - month["submitted_h"]
        month["adopted_x"] = month["x"] + month["bar_w"] + 2
        month["adopted_y"] = top + plot_h - month["adopted_h"]
    return {
        "months": months,
        "lines": {name: " ".join(points) for name, points in lines.items()},
        "width": width,
        "height": height,
        "axis_y": top + plot_h,
        "label_y": top + plot_h + 16,
    }


def statistics_view(request):
    """Monthly statistics per unit with a bar chart; ?export=xlsx downloads the table.

    Opens on the current month. A month with no stored rows (the current month until the
    monthly job runs) is computed on the fly and marked as not archived; storing it is one
    button that names the month it stores.
    """
    _require(request, VIEW_STATISTICS)
    month = _parse_month(request.GET.get("month"))
    if request.GET.get("month") and month is None:
        messages.error(request, _("Give the month as YYYY-MM."))
    if request.method == "POST":
        _require(request, RUN_JOBS)
        target = _parse_month(request.POST.get("month"))
        if target is None:
            messages.error(request, _("Give the month as YYYY-MM."))
            return redirect("gov_review_monitoring:statistics")
        generate_monthly_statistics(target)
        messages.success(
            request, _("Statistics for %(month)s generated.") % {"month": f"{target:%Y-%m}"}
        )
        return redirect(reverse("gov_review_monitoring:statistics") + f"?month={target:%Y-%m}")
    month = month or timezone.localdate().replace(day=1)
    rows = list(MonthlyStatistics.objects.filter(month=month).select_related("unit"))
    archived = bool(rows)
    if not archived:
        rows = month_statistics(month)
    if request.GET.get("export") == "xlsx":
        return _xlsx(rows, month)
    months = MonthlyStatistics.objects.order_by("-month").values_list("month", flat=True).distinct()
    return TemplateResponse(
        request,
        "wagtail_gov_review/monitoring/statistics.html",
        {
            "page_title": _("Monthly statistics"),
            "header_title": _("Monthly statistics"),
            "rows": rows,
            "month": month,
            "archived": archived,
            "months": list(months)[:24],
            "chart": _chart(rows),
            "trend": _trend_chart(monthly_trend(month)),
            "can_generate": request.user.has_perm(RUN_JOBS),
        },
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def _xlsx(rows: list[MonthlyStatistics], month: date) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"{month:%Y-%m}"
    sheet.append(
        [
            _("unit"), _("submitted"), _("adopted"), _("published in time"), _("timeliness"),
            _("without errors"), _("accuracy"), _("passed first time"), _("compliance"),
        ]
    )  # fmt: skip
    for row in rows:
        sheet.append(
            safe_row([
                row.unit.name, row.submitted, row.adopted, row.timely, _rate(row.timeliness_rate),
                row.accurate, _rate(row.accuracy_rate), row.compliant, _rate(row.compliance_rate),
            ])
        )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="gov-review-statistics-{month:%Y-%m}.xlsx"'
    )
    return response


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the withdrawal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Recorded in the review archive. The item needs the full review again before it is republished."
        ),
    )


def withdraw_view(request, page_id: int):
    """撤回: confirm with a reason, then unpublish and record."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_withdraw(request.user):
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = WithdrawPageAction(page, user=request.user, reason=form.cleaned_data["reason"])
        try:
            action.execute()
        except WithdrawPermissionError:
            raise PermissionDenied from None
        except WithdrawError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("“%(title)s” has been withdrawn.") % {"title": page.title})
            return HttpResponseRedirect(
                next_url or reverse("wagtailadmin_pages:edit", args=[page.pk])
            )
    return TemplateResponse(
        request,
        "wagtail_gov_review/monitoring/withdraw.html",
        {
            "page_title": _("Withdraw"),
            "page_subtitle": page.title,
            "header_title": _("Withdraw"),
            "page": page,
            "form": form,
            "next": next_url,
            "is_live": page.live,
        },
    )
