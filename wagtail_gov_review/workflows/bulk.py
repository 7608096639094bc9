"""Bulk approval: one reviewer approves several items of one stage with one written opinion.

Each item goes through the single approval's own path (``ReviewDecision``: the reviewer's
access for *that* item, the form, the masked comment, the review record, Wagtail's
``TaskState.approve()``), so the same opinion is recorded once per item. Two things are added
because the reviewer did not open each item:

* at the last stage that applies, the publish gate is asked first, as it will judge the
  revision once the chain is complete; an item it would refuse is *not* approved (it stays at
  the stage for the reviewer to open on its own) and the reasons are reported;
* an item the reviewer may not see at all (another unit's, or no such item) is reported by its
  number only, so a crafted request learns nothing about it.

One item's refusal never stops the others. ``BulkApproval(...).run()`` returns one
``BulkOutcome`` per requested id, in the order requested (callers keep to ``MAX_ITEMS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Task, TaskState

from ..refusals import PublishRefused
from .access import in_unit_scope
from .conditions import stage_applies
from .decisions import ReviewDecision, ReviewRefused
from .gate.gate import PublishGate
from .tasks import ReviewTask
from .under_review import content_of, task_state_item

# Each item costs what a single approval costs (about 0.5 s measured here): a larger selection
# is refused as a whole, so that one request does not run for minutes.
MAX_ITEMS = 50


@dataclass(frozen=True)
class BulkOutcome:
    """What happened to one requested item: ``label`` is its title, or its number when the
    reviewer may not see it; ``reason`` says why it was refused, or what followed approval."""

    task_state_id: int
    label: str
    approved: bool
    reason: str = ""
    url: str = ""


class GateOnceReviewed(PublishGate):
    """The publish gate as it will judge a revision once the chain is complete: every rule
    except "the review chain is finished", which the approval about to be given provides."""

    def _review_completed(self) -> bool:
        return True


def completes_the_chain(task_state: TaskState) -> bool:
    """Whether approving ``task_state`` finishes its run: no later active task applies to the
    revision under review (conditional stages that do not apply will skip themselves)."""
    tasks = list(
        Task.objects.filter(workflow_tasks__workflow_id=task_state.workflow_state.workflow_id)
        .filter(active=True)
        .order_by("workflow_tasks__sort_order")
        .specific()
    )
    ids = [task.pk for task in tasks]
    if task_state.task_id not in ids:
        return False
    content = content_of(task_state.revision)
    for task in tasks[ids.index(task_state.task_id) + 1 :]:
        condition = getattr(task, "condition", None)
        if not condition or stage_applies(condition, content)[0]:
            return False
    return True


class BulkApproval:
    """Approve the task states ``task_state_ids`` at ``stage`` for ``user`` with ``data``
    (the approve form's fields: ``comment``, ``acknowledge_warnings``, the checklist)."""

    def __init__(self, user, stage: str, task_state_ids: list[int], data: dict):
        self.user = user
        self.stage = stage
        self.task_state_ids = list(dict.fromkeys(task_state_ids))
        self.data = dict(data)

    def run(self) -> list[BulkOutcome]:
        return [self._approve_one(pk) for pk in self.task_state_ids]

    def _approve_one(self, pk: int) -> BulkOutcome:
        state = TaskState.objects.filter(pk=pk).select_related("workflow_state", "revision").first()
        task = state.task.specific if state is not None else None
        if not isinstance(task, ReviewTask):
            return self._unseen(pk, _("There is no such item awaiting review."))
        item = task_state_item(state)
        if item is None or not in_unit_scope(item, self.user):
            return self._unseen(
                pk, _("The item is outside your unit's scope; it was not approved.")
            )
        label = state.revision.object_str if state.revision_id else str(item)
        url = edit_url(item)
        if task.stage != self.stage:
            return BulkOutcome(
                pk,
                label,
                False,
                _("The item is at the stage “%(stage)s”; approve it there.")
                % {"stage": task.get_stage_display()},
                url,
            )
        decision = ReviewDecision(task, state, self.user, "approve", self.data)
        try:
            decision.check()
            if completes_the_chain(state):
                GateOnceReviewed(revision=state.revision, user=self.user).check()
            decision.run()
        except ReviewRefused as refused:
            return BulkOutcome(pk, label, False, str(refused), url)
        except PublishRefused as refused:
            return BulkOutcome(
                pk,
                label,
                False,
                _(
                    "Publishing would be refused: %(reasons)s. Not approved; open the item to "
                    "send it back or decide on its own."
                )
                % {"reasons": str(refused)},
                url,
            )
        return BulkOutcome(pk, label, True, after_approval(state), url)

    def _unseen(self, pk: int, reason: str) -> BulkOutcome:
        return BulkOutcome(pk, _("Item no. %(id)s") % {"id": pk}, False, reason)


def after_approval(state: TaskState) -> str:
    """What the approval led to: published, refused at publishing, or the next stage."""
    state.workflow_state.refresh_from_db()
    run = state.workflow_state
    if run.status == run.STATUS_IN_PROGRESS:
        current = run.current_task_state
        if current is None:
            return _("Approved.")
        next_task = current.task.specific
        name = (
            next_task.get_stage_display() if isinstance(next_task, ReviewTask) else next_task.name
        )
        return _("Passed on to “%(stage)s”.") % {"stage": name}
    page = Page.objects.filter(pk=run.object_id).values("live", "live_revision_id").first()
    if page and page["live"] and page["live_revision_id"] == state.revision_id:
        return _("Review complete; published.")
    return _("Review complete; not published (see the item).")


def edit_url(item) -> str:
    return reverse("wagtailadmin_pages:edit", args=[item.pk]) if isinstance(item, Page) else ""
