"""Dashboard panel: the items awaiting the user's decision, grouped by stage.

Built on the same question as Wagtail's own "awaiting your review" panel
(``TaskState.objects.reviewable_by``), which the plugin's tasks answer unit-scoped.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component

from .tasks import ReviewTask


class AwaitingReviewByStagePanel(Component):
    name = "gov_review_awaiting_by_stage"
    template_name = "wagtail_gov_review/workflows/awaiting_by_stage.html"
    order = 210

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        groups: dict[str, dict] = {}
        for task in ReviewTask.objects.filter(active=True).order_by("pk"):
            states = (
                task.get_task_states_user_can_moderate(request.user)
                .select_related("revision", "workflow_state")
                .prefetch_related("workflow_state__content_object")
            )
            for state in states:
                page = state.workflow_state.content_object
                if page is None:
                    continue
                entry = groups.setdefault(
                    task.stage,
                    {"stage": task.stage, "label": task.get_stage_display(), "items": []},
                )
                entry["items"].append({"page": page, "state": state, "task": task})
        return {"stages": list(groups.values()), "request": request}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["stages"]:
            return ""
        return render_to_string(self.template_name, context)
