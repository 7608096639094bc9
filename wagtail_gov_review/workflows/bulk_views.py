"""The 批量审核 page: the items awaiting the reviewer, by stage, approved several at once.

GET lists what the user may decide (the same question as the dashboard's panels) and changes
nothing. POST approves the ticked items of one stage with one opinion and the stage's
checklist through ``BulkApproval``, then shows per item: approved, or refused and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, TaskState

from ..models.stages import HUMAN_STAGES
from ..people import display_name
from .bulk import MAX_ITEMS, BulkApproval, BulkOutcome
from .forms import ApproveForm, approve_form_for
from .moderation import decidable_task_states
from .records import warnings_to_acknowledge_each
from .tasks import ReviewTask

TEMPLATE = "wagtail_gov_review/workflows/bulk_approve.html"


@dataclass
class WaitingItem:
    state: TaskState
    title: str
    url: str
    submitter: str
    warnings: int


@dataclass
class StageQueue:
    """One stage's waiting items and its bulk form."""

    stage: str
    label: str
    items: list[WaitingItem] = field(default_factory=list)
    form: ApproveForm | None = None


def waiting_by_stage(user) -> dict[str, StageQueue]:
    """The task states ``user`` may decide, grouped by stage in the chain's order.

    Titles come from the revisions; submitters and warnings are read in one query each, so the
    page costs the same number of queries however many items wait."""
    labels = dict(HUMAN_STAGES)
    by_stage: dict[str, list[TaskState]] = {}
    for task in ReviewTask.objects.filter(active=True).order_by("pk"):
        by_stage.setdefault(task.stage, []).extend(decidable_task_states(task, user))
    every = [state for states in by_stage.values() for state in states]
    submitters = get_user_model().objects.in_bulk(
        {state.workflow_state.requested_by_id for state in every} - {None}
    )
    warnings = warnings_to_acknowledge_each(every)
    page_type_id = ContentType.objects.get_for_model(Page).pk
    queues: dict[str, StageQueue] = {}
    for stage in labels:  # the chain's order
        if not by_stage.get(stage):
            continue
        queue = queues[stage] = StageQueue(stage, labels[stage])
        for state in by_stage[stage]:
            run = state.workflow_state
            is_page = run.base_content_type_id == page_type_id
            queue.items.append(
                WaitingItem(
                    state=state,
                    title=state.revision.object_str
                    if state.revision_id
                    else str(run.content_object),
                    url=reverse("wagtailadmin_pages:edit", args=[run.object_id]) if is_page else "",
                    submitter=display_name(submitters.get(run.requested_by_id)),
                    warnings=len(warnings[state.pk]),
                )
            )
    return queues


def _selected_ids(values: list[str]) -> list[int] | None:
    """The ticked task state ids, or None when one is not a number (a crafted request)."""
    try:
        return [int(value) for value in values]
    except ValueError:
        return None


def bulk_approve_view(request: HttpRequest) -> TemplateResponse:
    """GET: the waiting items by stage. POST: approve the ticked items of one stage."""
    posted_stage = request.POST.get("stage", "") if request.method == "POST" else None
    bound_form, results = (
        _approve_posted(request, posted_stage) if posted_stage is not None else (None, [])
    )
    queues = waiting_by_stage(request.user)
    for stage, queue in queues.items():
        if stage == posted_stage and bound_form is not None and not results:
            queue.form = bound_form  # show its errors; the reviewer's text is kept
        else:
            queue.form = approve_form_for(stage)()
    wanted = request.GET.get("stage")
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            "page_title": _("Bulk approval"),
            "header_title": _("Bulk approval"),
            "header_icon": "tasks",
            "queues": [q for s, q in queues.items() if not wanted or s == wanted],
            "results": results,
        },
    )


def _approve_posted(request, stage: str) -> tuple[ApproveForm | None, list[BulkOutcome]]:
    """Validate the posted bulk form of ``stage`` and run it; anything invalid runs nothing."""
    if stage not in dict(HUMAN_STAGES):
        messages.error(request, _("Unknown review stage; nothing was approved."))
        return None, []
    form = approve_form_for(stage)(request.POST)
    ids = _selected_ids(request.POST.getlist("task_state"))
    if ids is None:
        messages.error(request, _("The selection is not valid; nothing was approved."))
    elif not ids:
        messages.error(request, _("Select the items to approve; nothing was approved."))
    elif len(set(ids)) > MAX_ITEMS:
        messages.error(
            request,
            _("Select at most %(max)d items at once; nothing was approved.") % {"max": MAX_ITEMS},
        )
    elif not form.is_valid():
        messages.error(request, _("The decision is incomplete; nothing was approved."))
    else:
        data = {k: v for k, v in form.cleaned_data.items() if k != "gov_task_state"}
        results = BulkApproval(request.user, stage, ids, data).run()
        _summarise(request, results)
        return form, results
    return form, []


def _summarise(request, results: list[BulkOutcome]) -> None:
    approved = sum(1 for r in results if r.approved)
    text = ngettext(
        "Approved %(approved)d of %(total)d item.",
        "Approved %(approved)d of %(total)d items.",
        len(results),
    ) % {"approved": approved, "total": len(results)}
    if approved == len(results):
        messages.success(request, text)
    else:
        messages.warning(request, text + " " + _("The refused items and the reasons are listed."))
