"""智能校对 as a workflow task: run the check engine on the submitted revision.

Blocking findings reject the task state (the run goes to "needs changes", back to the
editor) with the report kept in a ``check_failed`` record; otherwise the task state is
approved at once and the run moves on. Warnings are kept in the ``check_passed`` record; the
next reviewer must acknowledge them.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import TaskState

from ..models import ReviewAction, ReviewStage
from ..scanning import check_revision
from .records import write_record
from .requests import current_request
from .under_review import revision_under_review

logger = logging.getLogger(__name__)


def run_auto_check(task, workflow_state, user=None) -> TaskState:
    state = task.get_task_state_class()(workflow_state=workflow_state, task=task)
    state.status = TaskState.STATUS_IN_PROGRESS
    state.revision = revision_under_review(workflow_state)
    state.save()
    try:
        report = check_revision(state.revision)
    except Exception:  # fail closed: an engine that cannot run passes nothing
        logger.exception("Automated proofreading failed on revision %s", state.revision.pk)
        message = _("The automated proofreading could not run; ask the site administrator.")
        write_record(state, stage=ReviewStage.AUTO_CHECK, action=ReviewAction.CHECK_FAILED, role="")
        state.reject(user=None, update=False, comment=message)
        notify_submitter(message)
        return state
    findings = report.to_list()
    if report.has_blocking:
        # Masked: the comment goes into the record, the task state, the log and the message.
        comment = _("Blocking findings: %(summary)s") % {"summary": report.summary(report.blocking)}
        write_record(
            state,
            stage=ReviewStage.AUTO_CHECK,
            action=ReviewAction.CHECK_FAILED,
            opinion=comment,
            check_report=findings,
            role="",
        )
        state.reject(user=None, update=False, comment=comment)
        notify_submitter(
            _("The automated proofreading sent the item back: %(summary)s") % {"summary": comment}
        )
    else:
        comment = (
            _("%(count)s warning(s) for the reviewer to check.") % {"count": len(report.warnings)}
            if report.warnings
            else _("No findings.")
        )
        write_record(
            state,
            stage=ReviewStage.AUTO_CHECK,
            action=ReviewAction.CHECK_PASSED,
            opinion=comment,
            check_report=findings,
            role="",
        )
        state.approve(user=None, update=False, comment=comment)
    return state


def notify_submitter(message: str) -> None:
    """Show ``message`` to the user whose request started the check, if there is one."""
    request = current_request()
    if request is not None:
        messages.error(request, message)
