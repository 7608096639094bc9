"""Admin of the review chain: settings as snippets, a "待我审核" panel grouped by stage."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..admin_base import YesNoColumn
from ..models.stages import ChecklistItem, ColumnStageAssignment
from .awaiting_panel import ScopedWorkflowObjectsToModeratePanel
from .bulk_views import bulk_approve_view
from .opinions import send_back_banner, send_back_record
from .outcome import after_editor_action, queued_message_texts
from .panels import AwaitingReviewByStagePanel
from .resubmit_menu import relabel_resubmit


class ChecklistItemViewSet(SnippetViewSet):
    model = ChecklistItem
    icon = "tasks"
    menu_label = _("Review checklists")
    list_display = [
        "label",
        "stage",
        "sort_order",
        YesNoColumn("active", ChecklistItem),
    ]
    list_filter = ["stage", "active"]
    search_fields = ["label", "code"]
    panels = [
        FieldPanel("stage"),
        FieldPanel("code"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]


class ColumnStageAssignmentViewSet(SnippetViewSet):
    model = ColumnStageAssignment
    icon = "group"
    menu_label = _("Reviewers per column")
    list_display = ["column", "stage"]
    list_filter = ["stage"]
    panels = [FieldPanel("column"), FieldPanel("stage"), FieldPanel("groups")]


class ReviewSettingsGroup(SnippetViewSetGroup):
    items = (ChecklistItemViewSet, ColumnStageAssignmentViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Review chain")
    menu_name = "gov-review-chain"
    menu_order = 305


register_snippet(ReviewSettingsGroup)


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    # Wagtail's "awaiting your review" panel costs ~20 queries per item waiting; the
    # replacement lists the same rows in a fixed number of queries.
    panels[:] = [
        ScopedWorkflowObjectsToModeratePanel()
        if panel.name == WorkflowObjectsToModeratePanel.name
        else panel
        for panel in panels
    ]
    panels.append(AwaitingReviewByStagePanel())


@hooks.register("after_edit_page")
def end_review_decision_or_refused_submission(request, page):
    return after_editor_action(request, page)


@hooks.register("after_create_page")
def end_refused_submission_of_a_new_item(request, page):
    return after_editor_action(request, page)


hooks.register("construct_page_action_menu", relabel_resubmit)


@hooks.register("before_edit_page")
def show_why_the_item_was_sent_back(request, page):
    """A banner with the send-back reason whenever the editor opens an item sent back."""
    if request.method != "GET":
        return None
    record = send_back_record(page)
    if record is None:
        return None
    if record.opinion and any(record.opinion in text for text in queued_message_texts(request)):
        return None  # just said by the automated check on this submission
    messages.warning(request, send_back_banner(record))
    return None


@hooks.register("register_admin_urls")
def register_bulk_approve_url():
    return [
        path("gov-review/review/bulk-approve/", bulk_approve_view, name="gov_review_bulk_approve")
    ]
