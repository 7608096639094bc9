"""Has a revision completed its review chain? The publish gate asks this question.

Answered from Wagtail's own workflow models: a workflow run (``WorkflowState``) that finished
as approved, whose task states approve or skip every task *on this very revision*. With
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` on, an edit during review restarts the chain,
and an edit after the final approval creates a revision no finished run covers.

Only a run of the workflow that applies to the item *where it is now* counts, started after
its last move, with every skipped stage's condition judged again on this revision (an item
moved to a column with a shorter chain, or a column whose workflow changed mid-run, must be
reviewed again under the chain that now applies).

Withdrawal (撤回, seed 000 第二十条) resets the chain: a run that finished before the page's
latest withdrawal no longer counts, so the item goes back online only after a new full review.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from ..models import ReviewAction, ReviewRecord
from .conditions import skip_is_legitimate
from .tasks import ReviewTask
from .under_review import content_of

DONE = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


def last_withdrawn_at(page_id: int) -> datetime | None:
    """When the page was last withdrawn (撤回), from the append-only review records."""
    return (
        ReviewRecord.objects.filter(page_id_snapshot=page_id, action=ReviewAction.WITHDRAW)
        .aggregate(latest=Max("created_at"))
        .get("latest")
    )


def last_moved_at(page: Page) -> datetime | None:
    """When the item or one of its columns last moved in the tree (Wagtail's move log)."""
    return (
        PageLogEntry.objects.filter(
            page__in=Page.objects.ancestor_of(page, inclusive=True), action="wagtail.move"
        )
        .aggregate(latest=Max("timestamp"))
        .get("latest")
    )


def stages_done(run: WorkflowState, revision: Revision) -> bool:
    """Every active task of the run's workflow approved on ``revision``, or skipped because
    its condition does not apply to ``revision`` (judged again now: a skip recorded on other
    content proves nothing); no stage rejected or cancelled on it."""
    states = list(run.task_states.filter(revision_id=revision.pk))
    if any(state.status not in DONE for state in states):
        return False  # e.g. a stage cancelled mid-run because its task was deactivated
    required = set(
        run.workflow.workflow_tasks.filter(task__active=True).values_list("task_id", flat=True)
    )
    if not required <= {state.task_id for state in states}:
        return False
    skipped = [state for state in states if state.status == TaskState.STATUS_SKIPPED]
    if not skipped:
        return True
    conditions = dict(
        ReviewTask.objects.filter(pk__in=[state.task_id for state in skipped]).values_list(
            "pk", "condition"
        )
    )
    content = content_of(revision)
    return all(skip_is_legitimate(conditions.get(state.task_id), content) for state in skipped)


def approved_workflow_state_for(revision: Revision) -> WorkflowState | None:
    """The finished, approved run that covers ``revision``, if any.

    Only a run of the workflow that applies to the item where it is now counts (a move or a
    change of the column's workflow makes earlier runs worthless), started after the item's
    last move and finished after its last withdrawal.
    """
    page = revision.content_object
    if not isinstance(page, Page):
        return None
    workflow = page.get_workflow()
    if workflow is None:
        return None
    page_type = ContentType.objects.get_for_model(Page)
    runs = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id=str(revision.object_id),
        workflow=workflow,
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id=revision.pk,
    ).order_by("-created_at")
    moved_at = last_moved_at(page)
    if moved_at is not None:
        runs = runs.filter(created_at__gt=moved_at)
    withdrawn_at = last_withdrawn_at(int(revision.object_id))
    for run in runs:
        if withdrawn_at is not None:
            finished_at = run.task_states.filter(revision_id=revision.pk).aggregate(
                latest=Max("finished_at")
            )["latest"]
            if finished_at is None or finished_at <= withdrawn_at:
                continue  # approved before the withdrawal: the review must be done again
        if stages_done(run, revision):
            return run
    return None


def review_completed_for(revision: Revision) -> bool:
    return approved_workflow_state_for(revision) is not None
