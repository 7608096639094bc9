"""The editor's resubmit button names the stage the chain really restarts at.

Wagtail labels it "重新提交给<the rejecting task>", but a resubmission is a new revision and
the chain starts again at its first task (智能校对), as seed 000 requires.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.admin.action_menu import SubmitForModerationMenuItem

from .chain import first_task


class ResubmitFromTheStartMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            task = first_task(workflow_state)
            if task is not None:
                context["label"] = _("Resubmit to %(task_name)s") % {"task_name": task.name}
        return context


def relabel_resubmit(menu_items: list, request, context) -> None:
    """``construct_page_action_menu``: swap Wagtail's submit item for the one above."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = ResubmitFromTheStartMenuItem(order=item.order)
