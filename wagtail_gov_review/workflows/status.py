"""Has a revision completed its review chain? The publish gate asks this question.

Answered from Wagtail's own workflow models: a workflow run (``WorkflowState``) that finished
as approved, whose task states approve or skip every task *on this very revision*. With
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` on, an edit during review restarts the chain,
and an edit after the final approval creates a revision no finished run covers.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision, TaskState, WorkflowState

DONE = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


def approved_workflow_state_for(revision: Revision) -> WorkflowState | None:
    """The finished, approved workflow run that covers ``revision``, if any."""
    page_type = ContentType.objects.get_for_model(Page)
    runs = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id=str(revision.object_id),
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id=revision.pk,
    ).order_by("-created_at")
    for run in runs:
        states = run.task_states.filter(revision_id=revision.pk)
        if states.exclude(status__in=DONE).exists():
            continue
        done_tasks = set(states.values_list("task_id", flat=True))
        workflow_tasks = set(
            run.workflow.workflow_tasks.filter(task__active=True).values_list("task_id", flat=True)
        )
        if workflow_tasks <= done_tasks:
            return run
    return None


def review_completed_for(revision: Revision) -> bool:
    return approved_workflow_state_for(revision) is not None
