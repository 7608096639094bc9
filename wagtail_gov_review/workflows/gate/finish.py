"""What a finished review chain does: publish the approved revision through the gate.

Set ``WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_gov_review.workflows.gate.finish.publish_reviewed"``
(system check ``wagtail_gov_review.W020`` warns when a site does not). Compared with Wagtail's
default ``publish_workflow_state``:

* finishing the chain is the authority to publish, so the final approver needs no publish
  permission of their own (reviewers usually have none);
* a refusal by the gate (a blocking finding that appeared since, a backdated date, an item
  marked not disclosed) does not undo the reviewers' approvals and does not crash their
  approve action: it is archived as ``publish_refused`` and shown on the item's edit page;
* a reviewed version that declares a live item 不予公开 or 涉密 takes the item offline
  (撤回, see ``takedown.py``) instead of leaving the old public version served.
"""

from __future__ import annotations

import logging

from ...refusals import PublishRefused

logger = logging.getLogger("wagtail_gov_review.gate")

FINISH_ACTION_PATH = "wagtail_gov_review.workflows.gate.finish.publish_reviewed"


def publish_reviewed(workflow_state, user=None) -> None:
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the latest revision, gate permitting."""
    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if revision is None:
        return
    # Wagtail (app registry): this module is imported while ``wagtail.models`` is still loading.
    from .takedown import take_down_if_declared

    if take_down_if_declared(obj, revision, user=user) is not None:
        return  # the reviewed version says the item must not be public: taken offline
    try:
        revision.publish(user=user, skip_permission_checks=True)
    except PublishRefused as refusal:
        # Already archived by the gate; the approvals stand, the item stays offline.
        logger.warning("Review chain finished but publishing was refused: %s", refusal)
