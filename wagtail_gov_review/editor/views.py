"""Admin endpoints of the editor panel.

* ``GET  gov-review/editor/<page_id>/check/``: the report of the latest saved draft.
* ``POST gov-review/editor/<page_id>/check/``: the report of the *unsaved* edit form data (the
  panel's "check current content" button posts the editor form here); nothing is saved.
* ``POST gov-review/editor/<page_id>/mask/``: de-identify findings of the latest draft
  (``revision`` = the draft the report was made for, ``finding`` = keys, or ``all=pii``).
* ``POST gov-review/editor/<page_id>/suggest/``: adopt the suggestions of findings of the latest
  draft (same fields; ``all=suggestions`` for every finding with a suggestion).

JSON is returned when the request asks for it (``Accept: application/json``); otherwise the check
view returns the panel fragment and the mask view redirects back to the editor with a message.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages
from wagtail.models import Page

from ..models import GovInfoPageMixin
from .access import can_edit_item, locked_for
from .masking import (
    ALL_PII,
    ALL_SUGGESTIONS,
    ApplySuggestionsAction,
    MaskError,
    MaskFindingsAction,
)
from .report import page_report

FRAGMENT_TEMPLATE = "wagtail_gov_review/editor/report.html"


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class Forbidden(Exception):
    pass


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """A real 403 with the reason (Wagtail would redirect non-XHR requests to the dashboard)."""
    if wants_json(request):
        return JsonResponse({"error": message}, status=403)
    return TemplateResponse(
        request, "wagtail_gov_review/editor/forbidden.html", {"message": message}, status=403
    )


def _editable_page(request: HttpRequest, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, GovInfoPageMixin) or not can_edit_item(page, request.user):
        raise Forbidden(_("You cannot edit this page."))
    return page


def report_context(request: HttpRequest, page: Page, *, draft=None, source: str = "revision"):
    """Template context of the panel for ``draft`` (default: the latest saved draft)."""
    if draft is None:
        draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    report, rows = page_report(draft)
    can_mask = (
        source == "revision"
        and page.latest_revision_id is not None
        and can_edit_item(page, request.user)
        and not locked_for(page, request.user)
    )
    return {
        "page": page,
        "report": report,
        "findings": rows,
        "blocking_count": sum(1 for row in rows if row.is_blocking),
        "warning_count": sum(1 for row in rows if not row.is_blocking),
        "has_maskable": any(row.maskable for row in rows),
        "has_adoptable": any(row.adoptable for row in rows),
        "source": source,
        "revision_id": page.latest_revision_id,
        "can_mask": can_mask,
        "check_url": reverse("gov_review_editor_check", args=[page.pk]),
        "mask_url": reverse("gov_review_editor_mask", args=[page.pk]),
        "suggest_url": reverse("gov_review_editor_suggest", args=[page.pk]),
    }


def report_payload(context: dict) -> dict:
    return {
        "source": context["source"],
        "revision_id": context["revision_id"],
        "has_blocking": context["report"].has_blocking,
        "findings": [
            {
                "key": row.key,
                "field": row.field,
                "field_label": row.field_label,
                "code": row.code,
                "text": row.text,
                "severity": row.severity,
                "severity_label": row.severity_label,
                "message": row.message,
                "suggestion": row.suggestion,
                "maskable": row.maskable,
                "masked": row.masked,
                "adoptable": row.adoptable,
            }
            for row in context["findings"]
        ],
    }


class EditorCheckView(View):
    """The report of the latest draft (GET) or of unsaved edit form data (POST)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except Forbidden as error:
            return forbidden(request, str(error))

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = _editable_page(request, page_id)
        return self._respond(request, report_context(request, page))

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = _editable_page(request, page_id)
        draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
        form = self._form(request, draft)
        if not form.is_valid():
            errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
            return JsonResponse(
                {
                    "error": _("The form has errors; correct them and check again."),
                    "errors": errors,
                },
                status=400,
            )
        unsaved = form.save(commit=False)
        context = report_context(request, page, draft=unsaved, source="form")
        return self._respond(request, context)

    def _form(self, request: HttpRequest, draft):
        # Built like Wagtail's PreviewOnEditView: the editor's own form, bound to the posted data.
        form_class = draft.get_edit_handler().get_form_class()
        data = request.POST.copy()
        if not data.get("title"):
            data["title"] = draft.title
        if not data.get("slug"):
            data["slug"] = draft.slug or str(uuid.uuid4())
        return form_class(
            data,
            request.FILES,
            instance=draft,
            parent_page=draft.get_parent().specific,
            for_user=request.user,
        )

    def _respond(self, request: HttpRequest, context: dict) -> HttpResponse:
        html = render_to_string(FRAGMENT_TEMPLATE, context, request=request)
        if wants_json(request):
            return JsonResponse({**report_payload(context), "html": html})
        return HttpResponse(html)


class FixFindingsView(View):
    """Apply a one-click fix (``action_class``) to findings of the latest draft, saved as a new
    revision; back to the editor with a message, or JSON."""

    action_class = MaskFindingsAction
    all_value = ALL_PII
    count_key = "masked"  # the JSON answer's count of findings fixed

    def success_message(self, count: int) -> str:
        return ngettext(
            "%(count)d personal data item de-identified; saved as a new draft.",
            "%(count)d personal data items de-identified; saved as a new draft.",
            count,
        ) % {"count": count}

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, GovInfoPageMixin):
            return forbidden(request, _("You cannot edit this page."))
        try:
            revision_id = int(request.POST.get("revision", ""))
        except ValueError:
            revision_id = None
        action = self.action_class(
            page,
            user=request.user,
            revision_id=revision_id,
            keys=[key for key in request.POST.getlist("finding") if key],
            mask_all=request.POST.get("all") == self.all_value,
        )
        try:
            revision = action.execute()
        except MaskError as error:
            if error.status == 403:
                return forbidden(request, str(error))
            if wants_json(request):
                return JsonResponse({"error": str(error)}, status=error.status)
            messages.error(request, str(error))
            return redirect("wagtailadmin_pages:edit", page.pk)
        count = len(action.selected)
        message = self.success_message(count)
        if wants_json(request):
            return JsonResponse(
                {"revision_id": revision.pk, self.count_key: count, "message": message}, status=200
            )
        messages.success(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)


class MaskView(FixFindingsView):
    """De-identify personal data findings of the latest draft into a new revision."""


class SuggestionView(FixFindingsView):
    """Adopt the suggestions of findings of the latest draft into a new revision."""

    action_class = ApplySuggestionsAction
    all_value = ALL_SUGGESTIONS
    count_key = "adopted"

    def success_message(self, count: int) -> str:
        return ngettext(
            "%(count)d suggestion adopted; saved as a new draft.",
            "%(count)d suggestions adopted; saved as a new draft.",
            count,
        ) % {"count": count}
