"""Mail the next stage's reviewers, only those allowed to act for the item's unit.

Wagtail's own notifier mails every member of a stage's groups (and superusers), across all
units; the plugin's task states use their own class, so that notifier stays silent for them
and this one, built on it, filters the recipients by the same rules as the review itself.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier

from .access import scope_refusal, stage_groups
from .under_review import task_state_item


class ReviewStageSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        page = task_state_item(task_state)  # the unit as the reviewed revision states it
        triggering_user = kwargs.get("user")
        candidates = (
            get_user_model()
            .objects.filter(groups__in=stage_groups(task, page), is_active=True)
            .distinct()
        )
        return {
            user
            for user in candidates
            if scope_refusal(task, page, user) is None
            and user.pk != getattr(triggering_user, "pk", None)
            and user.pk != task_state.workflow_state.requested_by_id
        }


review_stage_submission_notifier = ReviewStageSubmissionNotifier()
