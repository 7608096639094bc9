"""Signal receivers and system checks of the review chain (imported by the app's ready())."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Revision, WorkflowPage
from wagtail.signals import post_page_move, task_submitted

from ..models import ReviewRecord
from ..redaction import redact_review_record
from . import chain
from .notifications import review_stage_submission_notifier
from .requests import current_request
from .tasks import ReviewTaskState

task_submitted.connect(
    review_stage_submission_notifier,
    sender=ReviewTaskState,
    dispatch_uid="gov_review_stage_submitted_email_notification",
)


@receiver(post_save, sender=Revision, dispatch_uid="gov_review_edit_during_review")
def record_edit_during_review(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        chain.record_edit_during_review(instance)


def _request_and_user():
    """The request being served (for messages) and its logged-in user, if any."""
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    return request, (user if getattr(user, "pk", None) else None)


@receiver(post_page_move, dispatch_uid="gov_review_restart_chain_after_move")
def restart_chain_after_move(sender, instance, url_path_before=None, url_path_after=None, **kw):
    """Every move path (move view, admin API, ``Page.move()``) sends this signal."""
    if url_path_before == url_path_after:
        return  # reordered among its siblings: same column, same chain
    request, user = _request_and_user()
    restarted = chain.restart_after_move(instance, user=user)
    if restarted and request is not None:
        messages.warning(
            request,
            _(
                "The moved item was under review: its review starts again from the first "
                "stage, under the review chain of its new column."
            ),
        )


@receiver(post_save, sender=WorkflowPage, dispatch_uid="gov_review_restart_chains_on_assign")
def restart_chains_after_assignment(sender, instance, raw=False, **kwargs):
    """A workflow assigned to a column or changed (Wagtail's workflow admin saves a
    ``WorkflowPage``): runs below it of a workflow that no longer applies restart. Removing
    an assignment is left to the gate, which refuses such runs on its own: the row also goes
    when its page is deleted, and nothing may start on a page being deleted."""
    if raw:
        return
    _request, user = _request_and_user()
    chain.restart_changed_chains(instance.page, user=user)


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
