"""Wagtail's "awaiting your review" dashboard panel, built with a fixed number of queries.

Wagtail's own panel asks per row for the task's specific class, the run's task statuses, the
page permissions, the lock and the privacy of the page: about twenty queries an item, so a
reviewer with 200 items waiting waited seconds for the dashboard. This subclass builds the same
rows from a handful of bulk queries and renders them with a template that asks nothing per row
(every row listed is one the user may decide, so may open in the editor: ``access.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, Revision, Task, TaskState


def _task_statuses(workflow_state_ids: set[int]) -> dict[int, dict[int, str]]:
    """Per run, each task's status on the run's latest revision (Wagtail's
    ``WorkflowState.all_tasks_with_status``, for many runs in one query)."""
    rows = list(
        TaskState.objects.filter(workflow_state_id__in=workflow_state_ids)
        .order_by("started_at", "pk")
        .values_list("workflow_state_id", "task_id", "status", "revision_id")
        .annotate(revision_created=F("revision__created_at"))
    )
    latest_revision: dict[int, tuple] = {}
    for run_id, _task_id, _status, revision_id, created in rows:
        key = (created, revision_id or 0)
        if run_id not in latest_revision or key > latest_revision[run_id]:
            latest_revision[run_id] = key
    statuses: dict[int, dict[int, str]] = {}
    for run_id, task_id, status, revision_id, created in rows:
        if latest_revision[run_id] == (created, revision_id or 0):
            statuses.setdefault(run_id, {})[task_id] = status  # later rows win
    return statuses


def _workflow_tasks(workflow_ids: set[int]) -> dict[int, list[Task]]:
    tasks: dict[int, list[Task]] = {}
    for task in (
        Task.objects.filter(workflow_tasks__workflow_id__in=workflow_ids)
        .annotate(workflow_id=F("workflow_tasks__workflow_id"))
        .order_by("workflow_tasks__sort_order")
    ):
        tasks.setdefault(task.workflow_id, []).append(task)
    return tasks


def _with_status(tasks: list[Task], statuses: dict[int, str]) -> list[Task]:
    choices = dict(TaskState.STATUS_CHOICES)
    rows = []
    for task in tasks:
        row = Task(pk=task.pk, name=task.name)
        row.status = statuses.get(task.pk)
        row.status_display = choices.get(row.status, _("Not started"))
        rows.append(row)
    return rows


class ScopedWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    template_name = "wagtail_gov_review/workflows/objects_to_moderate.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = {
            "states": [],
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        states = list(
            TaskState.objects.reviewable_by(request.user)
            .select_related("revision", "revision__user", "workflow_state")
            .order_by("-started_at")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        )
        page_type = ContentType.objects.get_for_model(Page)
        page_ids = {
            int(state.workflow_state.object_id)
            for state in states
            if state.workflow_state.base_content_type_id == page_type.pk
        }
        pages = Page.objects.in_bulk(page_ids)
        tasks = Task.objects.filter(pk__in={s.task_id for s in states}).specific().in_bulk()
        workflow_tasks = _workflow_tasks({s.workflow_state.workflow_id for s in states})
        statuses = _task_statuses({s.workflow_state_id for s in states})
        for state in states:
            run = state.workflow_state
            if run.base_content_type_id == page_type.pk:
                obj = pages.get(int(run.object_id))
            else:
                obj = run.content_object  # a snippet in a workflow: rare, one query each
            task = tasks.get(state.task_id)
            if obj is None or task is None:
                continue
            context["states"].append(
                {
                    "obj": obj,
                    "is_page": isinstance(obj, Page),
                    "revision": state.revision,
                    "previous_revision_id": state.previous_revision_id,
                    "live_revision_id": getattr(obj, "live_revision_id", None),
                    "task_state": state,
                    "task": task,
                    "actions": task.get_actions(obj, request.user),
                    "workflow_tasks": _with_status(
                        workflow_tasks.get(run.workflow_id, []), statuses.get(run.pk, {})
                    ),
                    **_url_names(obj),
                }
            )
        return context


def _url_names(obj) -> dict[str, str | None]:
    names = {
        "workflow_action_url_name": "wagtailadmin_pages:workflow_action",
        "workflow_preview_url_name": "wagtailadmin_pages:workflow_preview",
        "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare",
        "edit_url_name": "wagtailadmin_pages:edit",
    }
    if not isinstance(obj, Page):
        viewset = obj.snippet_viewset
        names = {key: viewset.get_url_name(key[: -len("_url_name")]) for key in names}
    if not getattr(obj, "is_previewable", False):
        names["workflow_preview_url_name"] = None
    return names
