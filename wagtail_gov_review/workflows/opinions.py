"""Earlier decisions where the next person needs them: the reason an item was sent back
(a banner for the editor) and the opinions of the stages already passed (for the reviewer)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

from ..models import ReviewAction, ReviewRecord

SEND_BACKS = (ReviewAction.REJECT, ReviewAction.CHECK_FAILED)


def earlier_opinions(task_state: TaskState) -> list[ReviewRecord]:
    """Approvals of this run's earlier stages on the revision under review, in order."""
    return list(
        ReviewRecord.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            revision_id_snapshot=task_state.revision_id,
            action=ReviewAction.APPROVE,
        ).order_by("created_at", "pk")
    )


def send_back_record(page: Page) -> ReviewRecord | None:
    """Why the item's run is back with the editor, or None when it is not."""
    run = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if run is None or run.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        ReviewRecord.objects.filter(workflow_state=run, action__in=SEND_BACKS)
        .order_by("-created_at", "-pk")
        .first()
    )


def send_back_banner(record: ReviewRecord) -> str:
    """The banner text: who sent the item back, at which stage, and why."""
    opinion = record.opinion or _("no reason given")
    if not record.user_name:
        return _("Sent back by the automated proofreading: %(opinion)s") % {"opinion": opinion}
    return _("Sent back at %(stage)s by %(name)s: %(opinion)s") % {
        "stage": record.get_stage_display(),
        "name": record.user_name,
        "opinion": opinion,
    }
