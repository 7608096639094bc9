"""Admin screens (in Chinese) for the archive and the request forms.

- review records: list and inspect only; no add, edit or delete for anyone, superusers included;
- column change / account requests: anyone with the add permission files one; approvers decide
  on a separate screen; a filed request is never edited or deleted in the admin;
- the information officer register: changes are recorded automatically, units file them.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from ..admin_permissions import RestrictedPermissionPolicy
from ..models.columns import Column
from ..models.records import ReviewRecord
from ..models.units import Unit
from ..security.listings import PageScopedIndexView
from ..security.scoping import sees_everything, user_unit_ids
from ..workflows.gate.admin_views import PostPublishReviewViewSet, PublishDateChangeViewSet
from .access import scope_requests
from .accounts import DecideAccountRequestAction
from .column_changes import DecideColumnChangeAction
from .errors import ExportError
from .models import AccountRequest, ColumnChangeRequest, InformationOfficerChange
from .officers import OfficerChangeError, file_officer_change
from .record_inspect import ReviewRecordInspectView
from .sheets import render_sheet_html, render_sheet_pdf, sheet_for

# Registered with Wagtail so every admin view (and other apps asking) sees the same rules.
register_permission_policy(
    ReviewRecord,
    RestrictedPermissionPolicy(ReviewRecord, ("add", "change", "delete")),
    exact_class=True,
)
register_permission_policy(
    Column,
    RestrictedPermissionPolicy(Column, ("add", "change", "delete")),
    exact_class=True,
)
register_permission_policy(
    ColumnChangeRequest,
    RestrictedPermissionPolicy(ColumnChangeRequest, ("change", "delete")),
    exact_class=True,
)
register_permission_policy(
    AccountRequest,
    RestrictedPermissionPolicy(AccountRequest, ("change", "delete")),
    exact_class=True,
)
register_permission_policy(
    InformationOfficerChange,
    RestrictedPermissionPolicy(InformationOfficerChange, ("add", "change", "delete")),
    exact_class=True,
)


class ReviewRecordViewSet(ModelViewSet):
    model = ReviewRecord
    icon = "clipboard-list"
    menu_label = _("review records")
    url_prefix = "gov-review/records"
    inspect_view_enabled = True
    list_display = ["page_title", "stage", "action", "user_name", "unit_name", "created_at"]
    list_filter = ["stage", "action"]
    search_fields = ["page_title", "user_name", "opinion"]
    form_fields = []
    index_view_class = PageScopedIndexView
    inspect_view_class = ReviewRecordInspectView
    inspect_view_fields = ReviewRecordInspectView.shown_fields


class RequestCreateView(CreateView):
    """Files a request in the name of the signed-in user; it then waits for an approver.

    A user outside the central units files only in the name of their own units; the form
    refuses another unit like any invalid choice. (The column page stays free: a request to
    add a column names a page outside every column; the approver sees unit and page.)
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        user = self.request.user
        if not sees_everything(user):
            form.fields["unit"].queryset = Unit.objects.filter(pk__in=user_unit_ids(user))
        return form

    def save_instance(self):
        instance = self.form.instance
        instance.requested_by = self.request.user
        instance._history_user = self.request.user
        return super().save_instance()


class ActionIndexView(IndexView):
    """Adds the viewset's extra action (decide / file) and the printable form to each row's
    "more" menu."""

    extra_action = ("decide", _("Approve or reject"), "is_pending")

    def get_base_queryset(self):
        return scope_requests(self.request.user, super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        url_name, label, flag = self.extra_action
        namespace = self.index_url_name.rsplit(":", 1)[0]
        if getattr(instance, flag):
            url = reverse(f"{namespace}:{url_name}", args=[instance.pk])
            buttons.append(MenuItem(label, url=url, icon_name="tasks", priority=5))
        for fmt, label, icon in (
            ("html", _("Print the form"), "doc-full"),
            ("pdf", _("Form (PDF)"), "download"),
        ):
            url = reverse(f"{namespace}:sheet", args=[instance.pk, fmt])
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=6))
        return buttons


def _sheet_view(model, permission_policy, index_url_name):
    """The request as its paper form (seed 000 附件2–4): printable page or PDF."""

    def view(request, pk, fmt):
        if fmt not in ("html", "pdf"):
            raise Http404
        actions = ["add", "change", "delete", "view"]
        if not permission_policy.user_has_any_permission(request.user, actions):
            raise PermissionDenied
        sheet = sheet_for(get_object_or_404(scope_requests(request.user, model.objects), pk=pk))
        if fmt == "html":
            return HttpResponse(render_sheet_html(sheet))
        try:
            content = render_sheet_pdf(sheet)
        except ExportError as error:
            messages.error(request, str(error))
            return redirect(index_url_name)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"{model._meta.model_name}-{pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return view


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            scope_requests(self.request.user, self.model._default_manager), pk=unquote(str(self.pk))
        )


class PrintableSheetMixin:
    """Adds the sheet URL (``<namespace>:sheet``) that the index rows link to."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "sheet/<int:pk>.<str:fmt>",
                _sheet_view(self.model, self.permission_policy, self.get_url_name("index")),
                name="sheet",
            )
        ]


class OfficerIndexView(ActionIndexView):
    extra_action = ("file", _("File the change"), "is_unfiled")


class ColumnViewSet(ModelViewSet):
    """Columns as they are: read-only here, changed through column change requests."""

    model = Column
    icon = "folder-open-inverse"
    menu_label = _("columns")
    url_prefix = "gov-review/columns"
    inspect_view_enabled = True
    list_display = ["__str__", "unit", "kind", "update_frequency_days", "timeliness_hours"]
    list_filter = ["unit", "kind"]
    form_fields = []


class DecisionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def _decide_view(action_class, index_url_name):
    """Approve or reject one request with ``action_class`` (a ``DecideRequestAction``)."""

    def view(request, pk):
        obj = get_object_or_404(scope_requests(request.user, action_class.model.objects), pk=pk)
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            approve = "approve" in request.POST
            action = action_class(
                obj, request.user, approve=approve, opinion=form.cleaned_data["opinion"]
            )
            try:
                action.execute()
            except action_class.error_class as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Approved.") if approve else _("Rejected."))
                return redirect(index_url_name)
        return TemplateResponse(
            request,
            "wagtail_gov_review/forms/decide.html",
            {"object": obj, "form": form, "page_title": _("Decide"), "header_icon": "tasks"},
        )

    return view


class DecidableRequestMixin:
    """Adds the decide URL (``<namespace>:decide``) that pending rows link to."""

    decide_action_class: type

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "decide/<int:pk>/",
                _decide_view(self.decide_action_class, self.get_url_name("index")),
                name="decide",
            )
        ]


class ColumnChangeRequestViewSet(DecidableRequestMixin, PrintableSheetMixin, ModelViewSet):
    model = ColumnChangeRequest
    decide_action_class = DecideColumnChangeAction
    icon = "list-ul"
    menu_label = _("column change requests")
    url_prefix = "gov-review/column-requests"
    index_view_class = ActionIndexView
    add_view_class = RequestCreateView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    list_display = ["operation", "column_name", "unit", "status", "requested_at", "decided_by_name"]
    list_filter = ["status", "operation"]
    form_fields = [
        "operation",
        "unit",
        "page",
        "kind",
        "owning_unit",
        "update_frequency_days",
        "timeliness_hours",
        "requirement",
        "planned_date",
        "reason",
        "unit_leader_opinion",
    ]


class AccountRequestViewSet(DecidableRequestMixin, PrintableSheetMixin, ModelViewSet):
    model = AccountRequest
    decide_action_class = DecideAccountRequestAction
    icon = "user"
    menu_label = _("account requests")
    url_prefix = "gov-review/account-requests"
    index_view_class = ActionIndexView
    add_view_class = RequestCreateView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    list_display = ["username", "holder_name", "unit", "status", "requested_at", "decided_by_name"]
    list_filter = ["status"]
    form_fields = [
        "unit",
        "username",
        "role",
        "reason",
        "holder_name",
        "phone",
        "email",
        "valid_from",
        "valid_until",
        "leader_opinion",
    ]


class OfficerFilingForm(forms.ModelForm):
    class Meta:
        model = InformationOfficerChange
        fields = [
            "leader_name",
            "leader_phone",
            "officer_phone",
            "told_account",
            "told_rules",
            "told_timeliness",
            "told_leader_info",
            "told_workflow",
        ]


def _file_officer_change_view(viewset_name):
    def view(request, pk):
        change = get_object_or_404(
            scope_requests(request.user, InformationOfficerChange.objects), pk=pk
        )
        if not request.user.has_perm("wagtail_gov_review.change_informationofficerchange"):
            raise PermissionDenied
        form = OfficerFilingForm(request.POST or None, instance=change)
        if request.method == "POST" and form.is_valid():
            try:
                file_officer_change(
                    InformationOfficerChange.objects.get(pk=pk), request.user, **form.cleaned_data
                )
            except OfficerChangeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Filed."))
                return redirect(reverse(f"{viewset_name}:index"))
        return TemplateResponse(
            request,
            "wagtail_gov_review/forms/decide.html",
            {"object": change, "form": form, "page_title": _("File the change"), "file_only": True},
        )

    return view


class InformationOfficerChangeViewSet(PrintableSheetMixin, ModelViewSet):
    model = InformationOfficerChange
    icon = "group"
    menu_label = _("information officer register")
    url_prefix = "gov-review/officer-changes"
    index_view_class = OfficerIndexView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    list_display = ["unit", "kind", "officer_name", "changed_at", "reported_at"]
    list_filter = ["unit", "kind"]
    form_fields = []

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("file/<int:pk>/", _file_officer_change_view(self.name), name="file")
        ]


class ArchiveViewSetGroup(ModelViewSetGroup):
    menu_label = _("Review archive")
    menu_icon = "clipboard-list"
    menu_order = 310
    items = (
        ReviewRecordViewSet("gov_review_records"),
        ColumnViewSet("gov_review_columns"),
        ColumnChangeRequestViewSet("gov_review_column_requests"),
        AccountRequestViewSet("gov_review_account_requests"),
        InformationOfficerChangeViewSet("gov_review_officer_changes"),
        PostPublishReviewViewSet("gov_review_post_publish_reviews"),
        PublishDateChangeViewSet("gov_review_publish_date_changes"),
    )
