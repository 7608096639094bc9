"""Signal receivers and system checks of the review chain (imported by the app's ready())."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Revision
from wagtail.signals import task_submitted

from ..models import ReviewRecord
from ..redaction import redact_review_record
from .models import ReviewTaskState
from .notifications import review_stage_submission_notifier

task_submitted.connect(
    review_stage_submission_notifier,
    sender=ReviewTaskState,
    dispatch_uid="gov_review_stage_submitted_email_notification",
)


@receiver(post_save, sender=Revision, dispatch_uid="gov_review_edit_during_review")
def record_edit_during_review(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .chain import record_edit_during_review as record

        record(instance)


@receiver(pre_save, sender=ReviewRecord, dispatch_uid="gov_review_record_without_raw_pii")
def mask_personal_data_before_archiving(sender, instance, raw=False, **kwargs):
    """Every writer of the append-only archive gets masked opinions and reports (loaddata too)."""
    if instance._state.adding:
        redact_review_record(instance)


@checks.register()
def check_reapproval_setting(app_configs=None, **kwargs):
    """The chain's guarantee (every stage on the published revision) needs re-approval on
    edit: without it Wagtail keeps approvals of an older revision after an edit."""
    if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        return []
    return [
        checks.Error(
            "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT must be True for the review chain.",
            hint="Add WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True to your settings.",
            id="wagtail_gov_review.E101",
        )
    ]
