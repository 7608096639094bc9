"""The publish action of gated pages: Wagtail's, with the gate in ``check()``."""

from __future__ import annotations

from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from ...refusals import PublishRefused
from . import passes
from .gate import PublishGate, gate_applies_to
from .post_publish import start_post_publish_review

SCHEDULED_LOG_ACTION = "wagtail.publish.scheduled"


class GatedPublishPageRevisionAction(PublishPageRevisionAction):
    """``PublishPageRevisionAction`` that asks the publish gate first.

    ``check()`` raises ``PublishRefused`` (after archiving it) even when permission checks
    are skipped: skipping permissions is about who publishes, the gate about what. A
    scheduled publish that is refused cancels its schedule instead of raising, so one
    refused item does not stop ``publish_scheduled`` from publishing the others.
    """

    def __init__(self, revision, *args, **kwargs):
        super().__init__(revision, *args, **kwargs)
        self.gate = PublishGate(page=self.object, revision=self.revision, user=self.user)
        self.decision = None

    @property
    def is_scheduled_run(self) -> bool:
        return self.log_action == SCHEDULED_LOG_ACTION

    def check(self, skip_permission_checks: bool = False):
        super().check(skip_permission_checks=skip_permission_checks)
        if gate_applies_to(self.object):
            self.decision = self.gate.check_and_log()

    def execute(self, skip_permission_checks: bool = False):
        try:
            self.check(skip_permission_checks=skip_permission_checks)
        except PublishRefused:
            if self.is_scheduled_run:
                self.cancel_schedule()
                return None
            raise
        if self.decision is None:
            return self._publish()
        gate_pass = passes.GatePass(
            revision_id=self.revision.pk,
            user=self.user,
            emergency=self.decision.emergency,
            report=self.decision.report,
        )
        with passes.granted(gate_pass):
            result = self._publish()
        # The page's post_save receiver archived an emergency publish; the review chain can
        # only start now, after Wagtail cancelled the workflow in progress on publishing.
        if self.decision.emergency and self.object.live:
            start_post_publish_review(self.object, self.user)
        return result

    def _publish(self):
        return self._publish_revision(
            self.revision,
            self.object,
            user=self.user,
            changed=self.changed,
            log_action=self.log_action,
            previous_revision=self.previous_revision,
        )

    def cancel_schedule(self) -> None:
        """Unschedule the refused revision (Wagtail logs the cancellation)."""
        self.revision.approved_go_live_at = None
        self.revision.save(user=self.user, update_fields=["approved_go_live_at"])
