"""Admin views: import a term list with a preview, and try a text against the checks."""

from __future__ import annotations

import json
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from ..admin_base import TitledAdminTemplateMixin
from ..engine import check_text
from ..models import TermCategory
from . import importing

PENDING_DIR = "gov_review/term_imports"


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"wagtail_gov_review.{codename}"):
        raise PermissionDenied


class TermImportForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("category"), choices=TermCategory.choices)
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy(
            "TXT: one term per line, optionally followed by a tab, comma or -> and the "
            "suggestion. XLSX: term in column A, suggestion in column B."
        ),
    )
    note = forms.CharField(label=gettext_lazy("note / source"), max_length=200, required=False)


class TermImportView(TitledAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Import terms")
    header_icon = "upload"
    template_name = "wagtail_gov_review/terms/import.html"
    form_class = TermImportForm

    def dispatch(self, request, *args, **kwargs):
        _require(request, "add_term")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            rows = importing.parse_file(upload)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        result = importing.preview(form.cleaned_data["category"], rows)
        token = uuid.uuid4().hex
        pending = {
            "category": result.category,
            "note": form.cleaned_data["note"],
            "rows": [[r.line, r.term, r.suggestion] for r in result.new]
            + [[r.line, r.term, r.suggestion] for r, _old in result.changed],
        }
        default_storage.save(f"{PENDING_DIR}/{token}.json", ContentFile(json.dumps(pending)))
        return self.render_to_response(
            self.get_context_data(form=form, preview=result, token=token, limit=200)
        )

    def confirm(self, request):
        token = request.POST.get("token", "")
        path = f"{PENDING_DIR}/{token}.json"
        if not token.isalnum() or not default_storage.exists(path):
            messages.error(request, _("This import preview has expired; upload the file again."))
            return redirect("gov_review_term_import")
        with default_storage.open(path) as handle:
            pending = json.load(handle)
        rows = [
            importing.ParsedRow(line, term, suggestion)
            for line, term, suggestion in pending["rows"]
        ]
        result = importing.preview(pending["category"], rows)
        changed = importing.apply(result, note=pending["note"])
        default_storage.delete(path)
        messages.success(request, _("%(count)d terms added or updated.") % {"count": changed})
        return redirect(reverse("wagtailsnippets_wagtail_gov_review_term:list"))


class TryTextForm(forms.Form):
    KIND_CHOICES = [("body", gettext_lazy("body text")), ("title", gettext_lazy("title"))]
    kind = forms.ChoiceField(label=gettext_lazy("checked as"), choices=KIND_CHOICES)
    text = forms.CharField(
        label=gettext_lazy("text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=1_000_000,
    )


def highlight(text: str, findings) -> str:
    """HTML of ``text`` with every finding wrapped in <mark>; overlaps merge into one mark."""
    spans = sorted((f.start, f.end) for f in findings)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="gov-finding">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out).replace("\n", "<br>"))


class TryTextView(TitledAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Try a text")
    header_icon = "search"
    template_name = "wagtail_gov_review/terms/try.html"
    form_class = TryTextForm

    def dispatch(self, request, *args, **kwargs):
        _require(request, "view_term")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        text = form.cleaned_data["text"]
        findings = check_text(text, kind=form.cleaned_data["kind"])
        return self.render_to_response(
            self.get_context_data(
                form=form, findings=findings, highlighted=highlight(text, findings), checked=True
            )
        )
