"""Drive an item through its review chain in code: used by ``load_demo`` so the demo's live
items went through the real chain, and handy in a shell. Not for production use: it approves
every stage with a stock opinion."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Revision, WorkflowState

from .access import clear_cache, refusal
from .forms import CHECK_PREFIX, checklist_items

# Demo reviewers tried in this order at every stage; the first allowed to act approves.
DEMO_REVIEWERS = ["reviewer1", "reviewer2", "reviewer3", "leader", "govoffice", "siteleader"]


class ChainStuck(RuntimeError):
    """The chain stopped: a check failed, or no reviewer may act at a stage."""


def approval_data(task, opinion: str) -> dict:
    data = {"comment": opinion, "acknowledge_warnings": True}
    for item in checklist_items(task.stage):
        data[CHECK_PREFIX + item.code] = True
    return data


def review_and_publish(
    revision: Revision,
    reviewers: list[str] | None = None,
    between_steps: Callable[[], None] | None = None,
) -> WorkflowState:
    """Submit ``revision``'s page as its author and approve every stage until it is live.

    ``between_steps`` is called before each reviewer acts: ``load_demo --history`` moves its
    travelling clock forward there, so each stage's record carries its own time.
    """
    User = get_user_model()
    page = revision.content_object.specific
    workflow = page.get_workflow()
    if workflow is None:
        raise ChainStuck(_("No workflow applies to this item."))
    candidates = list(User.objects.filter(username__in=reviewers or DEMO_REVIEWERS))
    candidates.sort(key=lambda u: (reviewers or DEMO_REVIEWERS).index(u.username))
    state = workflow.start(page, revision.user)
    while True:
        state.refresh_from_db()
        if state.status != WorkflowState.STATUS_IN_PROGRESS:
            break
        task_state = state.current_task_state.specific
        task = task_state.task.specific
        for user in candidates:
            clear_cache(user)
        reviewer = next((u for u in candidates if refusal(task, task_state, u) is None), None)
        if reviewer is None:
            raise ChainStuck(_("No demo reviewer may act at “%(task)s”.") % {"task": task.name})
        opinion = _("Checked; agreed. (%(stage)s)") % {"stage": task.get_stage_display()}
        if between_steps is not None:
            between_steps()
        task.on_action(task_state, reviewer, "approve", **approval_data(task, opinion))
    if state.status != WorkflowState.STATUS_APPROVED:
        raise ChainStuck(
            _("The chain stopped: %(comment)s") % {"comment": state.current_task_state.comment}
        )
    return state
