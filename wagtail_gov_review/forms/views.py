"""Admin views: one-click export of a page's forms and the batch export screen."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.models import Page

from ..admin_base import TitledAdminTemplateMixin
from ..models.columns import Column
from ..models.page_mixin import GovInfoPageMixin
from ..models.units import Unit
from .access import can_export_batch, can_export_page
from .data import Selection
from .errors import ExportError
from .export import FORMATS, ExportResult, export_form
from .render_html import FORM_KINDS, form_title


def _response(result: ExportResult, inline: bool) -> HttpResponse:
    response = HttpResponse(result.content, content_type=result.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{result.filename}"'
    return response


def page_form(request, page_id: int, form: str, fmt: str) -> HttpResponse:
    """The 审批责任表 or 保密审查表 of one item (HTML opens for printing, others download)."""
    if form not in FORM_KINDS or fmt not in FORMATS:
        raise Http404
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, GovInfoPageMixin):
        raise Http404
    if not can_export_page(request.user, page):
        raise PermissionDenied
    try:
        result = export_form(form, fmt, Selection(page_ids=(page.pk,)))
    except ExportError as error:  # e.g. no font for the PDF: say why, back on the page
        messages.error(request, str(error))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return _response(result, inline=fmt == "html")


class BatchExportForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form"),
        # Callable choices: form_title() translates in the request's language.
        choices=lambda: [(kind, form_title(kind)) for kind in FORM_KINDS],
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", "PDF"), ("xlsx", "Excel (XLSX)"), ("html", _("Printable page"))],
    )
    date_from = forms.DateField(
        label=_("Reviewed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Reviewed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    column = forms.ModelChoiceField(
        label=_("Column"), queryset=Column.objects.select_related("page"), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def selection(self) -> Selection:
        data = self.cleaned_data
        return Selection(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            column=data.get("column"),
            unit_id=data["unit"].pk if data.get("unit") else None,
        )


class BatchExportView(TitledAdminTemplateMixin, FormView):
    """Export the forms of every item reviewed in a period (optionally one column or unit)."""

    form_class = BatchExportForm
    template_name = "wagtail_gov_review/forms/batch_export.html"
    page_title = _("Export review forms")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not can_export_batch(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "export" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound:
            if form.is_valid():
                data = form.cleaned_data
                try:
                    result = export_form(data["form"], data["format"], form.selection())
                except ExportError as error:
                    form.add_error(None, str(error))
                else:
                    return _response(result, inline=data["format"] == "html")
            return self.render_to_response(self.get_context_data(form=form))
        return super().get(request, *args, **kwargs)
