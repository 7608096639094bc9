"""After an emergency publish: start the review chain again over the live item."""

from __future__ import annotations

import logging

from django.utils import timezone

from .models import PostPublishReview

logger = logging.getLogger("wagtail_gov_review.gate")


def start_post_publish_review(page, user=None) -> None:
    """Start the page's workflow for each open post-publish review not yet under way.

    Runs after the publish has finished: Wagtail cancels the workflow in progress when a page
    is published (``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``), so starting earlier would be undone.
    """

    pending = PostPublishReview.objects.filter(
        page_id=page.pk, completed_at__isnull=True, workflow_state__isnull=True
    )
    if not pending.exists():
        return
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        logger.warning("No active workflow for post-publish review of page %s", page.pk)
        return
    state = page.current_workflow_state
    if state is None:
        state = workflow.start(page, user)
    pending.update(workflow_state=state)


def close_post_publish_reviews(page_id: int) -> int:
    """Mark the item's open post-publish reviews done (a review chain over it finished)."""

    return PostPublishReview.objects.filter(page_id=page_id, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
