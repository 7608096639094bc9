"""System checks of the publish gate: warn when a site lets finished workflows bypass it."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

from ...conf import gov_review_settings
from .finish import FINISH_ACTION_PATH


@register(Tags.compatibility)
def check_finish_workflow_action(app_configs=None, **kwargs):
    if not gov_review_settings.GATE["ENABLED"]:
        return []
    configured = getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", None)
    if configured == FINISH_ACTION_PATH:
        return []
    return [
        Warning(
            "WAGTAIL_FINISH_WORKFLOW_ACTION is not the publish gate's finish action, so a "
            "finished review chain publishes with the final approver's own permissions and a "
            "refusal by the gate breaks the approve action.",
            hint=f'Set WAGTAIL_FINISH_WORKFLOW_ACTION = "{FINISH_ACTION_PATH}".',
            id="wagtail_gov_review.W020",
        )
    ]
