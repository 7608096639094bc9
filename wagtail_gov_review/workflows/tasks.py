"""The review chain (三审三校) as Wagtail workflow tasks.

* ``AutoCheckTask`` (智能校对) runs the check engine when the chain reaches it: blocking
  findings reject the revision back to the editor, a clean report approves it at once.
* ``ReviewTask`` is one human stage (初审初校, 复审复校, 终审终校, or a conditional stage). It
  builds on Wagtail's ``AbstractGroupApprovalTask`` and adds unit scoping, per-column groups,
  segregation of duties, a written opinion and the stage's proofreading checklist.
* ``ChecklistItem`` and ``ColumnStageAssignment`` are the site admin's settings (snippets).

Every task of a chain restarts the chain at its first pending task (see ``chain.py``), so a
resubmission after a rejection starts again at the first stage, as seed 000 requires.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from ..models.stages import HUMAN_STAGES, StageCondition
from . import chain
from .access import can_review_page, is_refused, remember_decidable
from .autocheck import run_auto_check
from .chain import next_task_that_applies, skip_if_not_applicable
from .decisions import ReviewDecision, ReviewRefused
from .forms import ApproveForm, RejectForm, approve_form_for, checklist_items
from .locks import ReviewLock
from .moderation import decidable_task_states
from .opinions import earlier_opinions
from .outcome import after_decision_url, confirm_decision, is_workflow_action_post, remember_refusal
from .records import warnings_to_acknowledge
from .requests import current_request


class ReviewTaskState(TaskState):
    """Task state of the plugin's tasks.

    A subclass so that Wagtail's own group notification (connected to ``TaskState`` only) does
    not mail every member of a stage's groups: the plugin notifies only reviewers allowed for
    the item's unit (``notifications.py``).
    """

    class Meta:
        verbose_name = _("review task state")
        verbose_name_plural = _("review task states")

    @property
    def gov_warnings(self) -> list[dict]:
        """Warnings of the automated check that this decision must acknowledge."""
        return warnings_to_acknowledge(self)

    def log_state_change_action(self, user, action):
        """Wagtail's log entry, naming as next step the stage the run will really stop at.

        Wagtail names the next active task even when it is a conditional stage about to skip
        itself ("下一步是“主要领导审核”" for an item that never goes there).
        """
        next_task = next_task_that_applies(self.workflow_state)
        log(
            instance=self.revision.as_object(),
            action=f"wagtail.workflow.{action}",
            user=user,
            data={
                "workflow": {
                    "id": self.workflow_state.workflow.id,
                    "title": self.workflow_state.workflow.name,
                    "status": self.status,
                    "task_state_id": self.id,
                    "task": {"id": self.task.id, "title": self.task.name},
                    "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
                },
                "comment": self.get_comment(),
            },
            revision=self.revision,
        )

    @property
    def gov_earlier_opinions(self):
        """What the stages already passed said about the revision under review."""
        return earlier_opinions(self)

    @property
    def gov_checklist(self):
        return checklist_items(self.task.specific.stage)


class ChainTaskMixin:
    """Shared by the plugin's tasks: start the chain's first pending task, record resubmits."""

    task_state_class = ReviewTaskState

    def start(self, workflow_state, user=None):
        chain.record_resubmission_if_resumed(workflow_state, user)
        first = chain.first_pending_task(workflow_state)
        if first is not None and first.pk != self.pk:
            # Wagtail's resume() restarts the rejected task; the chain restarts at its first
            # stage instead (seed 000: problems go back, are fixed and reviewed again).
            return first.specific.start(workflow_state, user=user)
        return self.start_here(workflow_state, user=user)

    def start_here(self, workflow_state, user=None):
        return super().start(workflow_state, user=user)


class AutoCheckTask(ChainTaskMixin, Task):
    """智能校对: the check engine over every text field of the submitted revision."""

    admin_form_fields = Task.admin_form_fields

    def start_here(self, workflow_state, user=None):
        return run_auto_check(self, workflow_state, user=user)

    def get_actions(self, obj, user):
        return []  # nobody acts on it: the engine decides

    def locked_for_user(self, obj, user):
        return True

    @classmethod
    def get_description(cls):
        return _(
            "Runs the automated proofreading; blocking findings send the item back to the editor."
        )

    class Meta:
        verbose_name = _("automated proofreading task")
        verbose_name_plural = _("automated proofreading tasks")


class ReviewTask(ChainTaskMixin, AbstractGroupApprovalTask):
    """One human stage of the chain, acted on by its groups within the item's unit."""

    stage = models.CharField(_("stage"), max_length=32, choices=HUMAN_STAGES)
    condition = models.CharField(
        _("applies to"),
        max_length=32,
        choices=StageCondition.choices,
        default=StageCondition.ALWAYS,
        help_text=_("A stage that does not apply to an item is skipped, and the skip recorded."),
    )

    admin_form_fields = Task.admin_form_fields + ["stage", "condition", "groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    @property
    def lock_class(self):
        return ReviewLock

    def start_here(self, workflow_state, user=None):
        skipped = skip_if_not_applicable(self, workflow_state, user=user)
        if skipped is not None:
            return skipped
        return super().start_here(workflow_state, user=user)

    # Access: who may open, edit and decide. The rules live in access.py.

    def user_can_access_editor(self, obj, user):
        return can_review_page(self, obj, user)

    def locked_for_user(self, obj, user):
        return is_refused(self, obj, user)

    def user_can_lock(self, obj, user):
        return not is_refused(self, obj, user)

    def get_actions(self, obj, user):
        # A refused user sees no buttons; a direct POST of a decision still reaches
        # on_action, which refuses it with the reason instead of Wagtail's generic refusal.
        if is_refused(self, obj, user) and not is_workflow_action_post(current_request()):
            return []
        return [
            ("reject", pgettext_lazy("review action", "Send back for changes"), True),
            ("approve", pgettext_lazy("review action", "Approve"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return approve_form_for(self.stage) if self.stage else ApproveForm
        if action == "reject":
            return RejectForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "wagtail_gov_review/workflows/action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        """Decide; in a request, confirm the decision and send the reviewer somewhere they may go.

        Wagtail's workflow action view redirects to what this returns; the page editor's
        ending is replaced in ``outcome.after_editor_action``. Outside a request (shell, jobs)
        a refusal is raised as ``ReviewRefused``.
        """
        request = current_request()
        try:
            ReviewDecision(self, task_state, user, action_name, kwargs).run()
        except ReviewRefused as refused:
            if request is None:
                raise
            remember_refusal(request, str(refused))
            return after_decision_url(request)
        if request is None:
            return None
        confirm_decision(request, task_state.workflow_state.content_object, action_name)
        return after_decision_url(request)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # Judged for all waiting items at once (dashboards list them all), and remembered
        # for the request so that the per-row ``get_actions`` of Wagtail's panel is free.
        allowed = decidable_task_states(self, user)
        remember_decidable(self, allowed, user)
        return TaskState.objects.filter(pk__in=[state.pk for state in allowed])

    @classmethod
    def get_description(cls):
        return _(
            "A review stage (初审初校, 复审复校, 终审终校 …): members of the chosen groups in the "
            "item's unit approve with a written opinion and the stage's checklist."
        )

    class Meta:
        verbose_name = _("review stage task")
        verbose_name_plural = _("review stage tasks")
