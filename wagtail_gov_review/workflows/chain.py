"""How a chain moves: its first pending task, conditional stages, resubmissions.

Wagtail's ``WorkflowState.resume()`` restarts the task that rejected; ``first_pending_task``
is what the plugin's tasks start instead, so a resubmission begins again at the first stage.
It counts only task states on the latest revision, like Wagtail with
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True`` (which the plugin requires).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Task, TaskState, WorkflowState

from ..models import GovInfoPageMixin, ReviewAction, ReviewRecord, ReviewStage
from .changes import changed_fields, previous_revision
from .conditions import stage_applies
from .records import write_record
from .under_review import content_of, revision_under_review

DONE = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


def first_pending_task(workflow_state: WorkflowState) -> Task | None:
    """The first active task of the run's workflow not yet approved or skipped on the latest
    revision."""
    latest = revision_under_review(workflow_state)
    done = set(
        workflow_state.task_states.filter(revision=latest, status__in=DONE).values_list(
            "task_id", flat=True
        )
    )
    for task in Task.objects.filter(
        workflow_tasks__workflow=workflow_state.workflow, active=True
    ).order_by("workflow_tasks__sort_order"):
        if task.pk not in done:
            return task
    return None


def first_task(workflow_state: WorkflowState) -> Task | None:
    """Where a resubmission starts: the workflow's first active task (its new revision has
    no decisions yet)."""
    return (
        Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .first()
    )


def next_task_that_applies(workflow_state: WorkflowState) -> Task | None:
    """The next task the run will stop at: Wagtail's next pending task, passing over the
    conditional stages that do not apply to the revision under review (they will skip)."""
    pending = (
        Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
        .exclude(task_states__in=workflow_state.successful_task_states)
        .order_by("workflow_tasks__sort_order")
    )
    content = None
    for task in pending:
        condition = getattr(task.specific, "condition", None)
        if condition:
            content = content or content_of(revision_under_review(workflow_state))
            if not stage_applies(condition, content)[0]:
                continue
        return task
    return None


def skip_if_not_applicable(task, workflow_state: WorkflowState, user=None) -> TaskState | None:
    """Create a SKIPPED task state (and a skip record) when ``task`` does not apply to the
    revision under review (a live item's row still holds the published version)."""
    revision = revision_under_review(workflow_state)
    applies, reason = stage_applies(task.condition, content_of(revision))
    if applies:
        return None
    state = task.get_task_state_class()(
        workflow_state=workflow_state,
        task=task,
        revision=revision,
        status=TaskState.STATUS_SKIPPED,
        finished_at=timezone.now(),
    )
    state.save()
    write_record(
        state,
        stage=task.stage,
        action=ReviewAction.SKIP,
        user=None,
        opinion=reason,
    )
    return state


def record_resubmission_if_resumed(workflow_state: WorkflowState, user=None) -> None:
    """Write a RESUBMIT record when a rejected run is resumed (Wagtail's resume() clears the
    current task state before starting the next task), naming the fields that changed."""
    if workflow_state.current_task_state_id is not None:
        return
    rejected = (
        workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED)
        .select_related("revision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if rejected is None:
        return
    latest = workflow_state.content_object.get_latest_revision()
    if ReviewRecord.objects.filter(
        workflow_state=workflow_state, revision=latest, action=ReviewAction.RESUBMIT
    ).exists():
        return
    changes = changed_fields(rejected.revision, latest)
    if changes:
        opinion = _("Changed: %(fields)s") % {"fields": "、".join(c["label"] for c in changes)}
    else:
        opinion = _("Resubmitted without changes.")
    rejected_task = rejected.task.specific
    write_record(
        rejected,
        stage=getattr(rejected_task, "stage", ReviewStage.AUTO_CHECK),
        action=ReviewAction.RESUBMIT,
        user=user,
        opinion=opinion,
        checklist={"changed_fields": changes, "rejected_revision": rejected.revision_id},
        revision=latest,
    )


def record_edit_during_review(revision) -> None:
    """Write a RESUBMIT record when an item under review gets a new revision with changes.

    With re-approval on edit, the stages approved so far count for the earlier revision only:
    once the current stage is decided, the chain starts again at its first stage. Whoever made
    the edit (editor or reviewer), the record says which fields changed and by whom (seed 000:
    problems found in review are fixed *and recorded*).
    """
    model = revision.content_type.model_class()
    if model is None or not issubclass(model, GovInfoPageMixin):
        return
    workflow_state = (
        WorkflowState.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=revision.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state")
        .first()
    )
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None:
        return
    previous = previous_revision(revision)
    changes = changed_fields(previous, revision)
    if not changes:
        return  # saved again without changes: nothing to review again
    stage = getattr(task_state.task.specific, "stage", ReviewStage.AUTO_CHECK)
    write_record(
        task_state,
        stage=stage,
        action=ReviewAction.RESUBMIT,
        user=revision.user,
        opinion=_(
            "Changed during review: %(fields)s. The review starts again at the first stage "
            "once the current stage is decided."
        )
        % {"fields": "、".join(c["label"] for c in changes)},
        checklist={
            "changed_fields": changes,
            "during_review": True,
            "previous_revision": previous.pk if previous else None,
        },
        revision=revision,
    )


OPEN_RUN = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


def open_runs_under(page: Page):
    """Open runs (in progress or needing changes) over ``page`` and every page below it."""
    # WorkflowState.object_id is text: compare it with the subtree's ids cast to text.
    subtree = (
        Page.objects.descendant_of(page, inclusive=True)
        .annotate(key=Cast("pk", CharField()))
        .values("key")
    )
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=subtree,
        status__in=OPEN_RUN,
    ).select_related("requested_by")


def restart_run(run: WorkflowState, item, user=None) -> WorkflowState | None:
    """Cancel ``run`` and, if it was in progress, start the workflow that applies to ``item``
    now, from its first stage, for the same submitter. Returns the new run, if any."""
    was_in_progress = run.status == WorkflowState.STATUS_IN_PROGRESS
    run.cancel(user=user)
    workflow = item.get_workflow()
    if was_in_progress and workflow is not None:
        return workflow.start(item, run.requested_by)
    return None


def restart_after_move(moved: Page, user=None) -> list[WorkflowState]:
    """A moved item (or column) changes its unit, reviewers and chain, so no approval given at
    the old place counts: every open run over ``moved`` and below it restarts under the
    workflow that applies where the item is now. The publish gate holds the same line on its
    own (``status.approved_workflow_state_for``). Returns the new runs."""
    restarted = []
    for run in open_runs_under(moved):
        item = run.content_object.specific
        if isinstance(item, GovInfoPageMixin) and (new := restart_run(run, item, user)):
            restarted.append(new)
    return restarted


def restart_changed_chains(under: Page, user=None) -> list[WorkflowState]:
    """The workflow assigned at ``under`` changed: open runs below it whose workflow no longer
    applies restart under the one that does (the others go on). Returns the new runs."""
    restarted = []
    for run in open_runs_under(under):
        item = run.content_object.specific
        if not isinstance(item, GovInfoPageMixin):
            continue
        current = item.get_workflow()
        if current is not None and current.pk == run.workflow_id:
            continue
        if new := restart_run(run, item, user):
            restarted.append(new)
    return restarted
