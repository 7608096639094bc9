"""Has a revision completed its review chain? The publish gate asks this question.

Answered from Wagtail's own workflow models: a workflow run (``WorkflowState``) that finished
as approved, whose task states approve or skip every task *on this very revision*. With
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` on, an edit during review restarts the chain,
and an edit after the final approval creates a revision no finished run covers.

Withdrawal (撤回, seed 000 第二十条) resets the chain: a run that finished before the page's
latest withdrawal no longer counts, so the item goes back online only after a new full review.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from wagtail.models import Page, Revision, TaskState, WorkflowState

DONE = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


def last_withdrawn_at(page_id: int) -> datetime | None:
    """When the page was last withdrawn (撤回), from the append-only review records."""
    from ..models import ReviewAction, ReviewRecord

    return (
        ReviewRecord.objects.filter(page_id_snapshot=page_id, action=ReviewAction.WITHDRAW)
        .aggregate(latest=Max("created_at"))
        .get("latest")
    )


def approved_workflow_state_for(revision: Revision) -> WorkflowState | None:
    """The finished, approved workflow run that covers ``revision``, if any."""
    page_type = ContentType.objects.get_for_model(Page)
    runs = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id=str(revision.object_id),
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id=revision.pk,
    ).order_by("-created_at")
    withdrawn_at = last_withdrawn_at(int(revision.object_id))
    for run in runs:
        states = run.task_states.filter(revision_id=revision.pk)
        if states.exclude(status__in=DONE).exists():
            continue
        if withdrawn_at is not None:
            finished_at = states.aggregate(latest=Max("finished_at"))["latest"]
            if finished_at is None or finished_at <= withdrawn_at:
                continue  # approved before the withdrawal: the review must be done again
        done_tasks = set(states.values_list("task_id", flat=True))
        workflow_tasks = set(
            run.workflow.workflow_tasks.filter(task__active=True).values_list("task_id", flat=True)
        )
        if workflow_tasks <= done_tasks:
            return run
    return None


def review_completed_for(revision: Revision) -> bool:
    return approved_workflow_state_for(revision) is not None
