"""Admin views of monitoring: findings with run progress, statistics with chart and XLSX, withdraw."""

from __future__ import annotations

import io
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_q.tasks import async_task
from openpyxl import Workbook
from wagtail.models import Page

from ..codes import code_label
from ..models import Column, Unit
from ..security.scoping import get_scope, scope_queryset
from ..spreadsheets import safe_row
from ..workflows.gate.withdraw import (
    WithdrawError,
    WithdrawPageAction,
    WithdrawPermissionError,
    can_withdraw,
)
from .models import ChunkState, MonthlyStatistics, RunKind, ScanFinding, ScanRun
from .resolve import MAX_FINDINGS, ResolveFindings
from .statistics import generate_monthly_statistics, month_statistics, monthly_trend

VIEW_FINDINGS = "wagtail_gov_review.view_scanfinding"
VIEW_STATISTICS = "wagtail_gov_review.view_monthlystatistics"
RUN_JOBS = "wagtail_gov_review.add_scanrun"
RESOLVE_FINDINGS = "wagtail_gov_review.change_scanfinding"
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = get_scope(user) if user is not None else None
        if scope is not None:  # a unit's staff choose among their own units and columns
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=scope.unit_ids)
            self.fields["column"].queryset = self.fields["column"].queryset.filter(
                unit_id__in=scope.unit_ids
            )
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
    """Findings of the monitoring jobs on the pages of the user's units, filterable by
    unit/column/code, and the latest runs."""
    _require(request, VIEW_FINDINGS)
    form = FindingFilterForm(request.GET or None, user=request.user)
    findings = scope_queryset(request.user, ScanFinding.objects.all())
    queryset = form.filter(findings.select_related("page", "unit", "column__page", "resolved_by"))
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
            "can_resolve": request.user.has_perm(RESOLVE_FINDINGS),
            "resolve_form": ResolveForm(),
            "query": query.urlencode(),
        },
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note on how the findings were handled"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Write how the findings were handled.")},
    )

    def clean_note(self):
        value = self.cleaned_data["note"].strip()
        if not value:
            raise forms.ValidationError(_("Write how the findings were handled."))
        return value


@require_POST
def resolve_findings_view(request):
    """标记为已处理: mark the ticked findings resolved with one note, unit scope per finding."""
    _require(request, RESOLVE_FINDINGS)
    back = reverse("gov_review_monitoring:findings")
    query = request.POST.get("query", "")
    if query:
        back += "?" + QueryDict(query).urlencode()  # re-encoded: only a query string survives
    try:
        ids = [int(value) for value in request.POST.getlist("finding")]
    except ValueError:
        messages.error(request, _("The selection is not valid; nothing was changed."))
        return HttpResponseRedirect(back)
    form = ResolveForm(request.POST)
    if not ids:
        messages.error(request, _("Select the findings to mark as resolved."))
    elif len(set(ids)) > MAX_FINDINGS:
        messages.error(
            request,
            _("Select at most %(max)d findings at once; nothing was changed.")
            % {"max": MAX_FINDINGS},
        )
    elif not form.is_valid():
        messages.error(request, "；".join(form.errors["note"]))
    else:
        outcome = ResolveFindings(request.user, ids, form.cleaned_data["note"]).execute()
        if outcome.resolved:
            messages.success(
                request,
                ngettext(
                    "%(count)d finding marked as resolved.",
                    "%(count)d findings marked as resolved.",
                    outcome.resolved,
                )
                % {"count": outcome.resolved},
            )
        if outcome.already:
            messages.warning(
                request,
                _("%(count)d of the selected findings had already been resolved.")
                % {"count": outcome.already},
            )
        if outcome.out_of_scope:
            messages.error(
                request,
                _(
                    "%(count)d of the selected findings are not in your unit's scope (or no "
                    "longer exist); they were not changed."
                )
                % {"count": outcome.out_of_scope},
            )
    return HttpResponseRedirect(back)


@require_POST
def run_job_view(request, kind: str):
    """Queue a monitoring job now (the worker runs it; the findings page shows progress)."""
    _require(request, RUN_JOBS)
    if kind not in JOBS:
        messages.error(request, _("Unknown job."))
        return redirect("gov_review_monitoring:findings")

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


def _statistics_unit_ids(user) -> frozenset[int] | None:
    """The units whose figures ``user`` may see: their own units, or None (every unit) for
    superusers and central units; the table, both charts and the export all use it."""
    scope = get_scope(user)
    return None if scope is None else scope.unit_ids


def statistics_view(request):
    """Monthly statistics per unit with a bar chart; ?export=xlsx downloads the table.

    Unit-scoped: staff of a town unit see their own units' rows and trend only.
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
    unit_ids = _statistics_unit_ids(request.user)
    stored = MonthlyStatistics.objects.filter(month=month)
    archived = stored.exists()
    if unit_ids is not None:
        stored = stored.filter(unit_id__in=unit_ids)
    rows = list(stored.select_related("unit")) if archived else month_statistics(month, unit_ids)
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
            "trend": _trend_chart(monthly_trend(month, unit_ids=unit_ids)),
            "can_generate": request.user.has_perm(RUN_JOBS),
            "scoped": unit_ids is not None,
        },
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def _xlsx(rows: list[MonthlyStatistics], month: date) -> HttpResponse:
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
