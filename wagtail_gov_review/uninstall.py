"""Detach the plugin from a site before it is removed, keeping every page and record.

``gov_review_uninstall`` runs ``DetachReviewSetup``: the plugin's workflows are deactivated
(items under review are cancelled back to draft, so nothing is left waiting for a task type
that will no longer exist) and unassigned, and its django-q2 schedules are deleted. Pages,
revisions, units and the review archive stay in the database; docs/install.md lists the
steps that follow (settings, the mixin, migrations).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django_q.models import Schedule
from wagtail.models import Workflow, WorkflowState

from .monitoring.schedules import SCHEDULES

APP_LABEL = "wagtail_gov_review"


@dataclass
class DetachResult:
    workflows: list[str] = field(default_factory=list)
    cancelled_reviews: int = 0
    schedules: int = 0


def plugin_workflows():
    """Active workflows with at least one of the plugin's tasks (AutoCheckTask, ReviewTask)."""
    return Workflow.objects.filter(
        active=True, workflow_tasks__task__content_type__app_label=APP_LABEL
    ).distinct()


class DetachReviewSetup:
    """Shaped like Wagtail's actions; ``execute()`` is idempotent."""

    def __init__(self, user=None) -> None:
        self.user = user

    @transaction.atomic
    def execute(self) -> DetachResult:
        result = DetachResult()
        for workflow in plugin_workflows():
            # Wagtail's deactivate() cancels runs in progress only; an item sent back for
            # changes would keep a run of a chain that no longer exists, so cancel those too.
            for state in WorkflowState.objects.active().filter(workflow=workflow):
                state.cancel(user=self.user)
                result.cancelled_reviews += 1
            workflow.deactivate(user=self.user)  # removes the page assignments
            result.workflows.append(workflow.name)
        names = [name for name, *_ in SCHEDULES]
        result.schedules, _ = Schedule.objects.filter(name__in=names).delete()
        return result
