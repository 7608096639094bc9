"""Signal receivers of monitoring: re-check every item right after it is published (seed 004)."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django_q.tasks import async_task
from wagtail.signals import page_published

from ..conf import gov_review_settings
from ..models import GovInfoPageMixin


@receiver(page_published, dispatch_uid="gov_review_recheck_published")
def enqueue_recheck(sender, instance, revision=None, **kwargs) -> None:
    if not isinstance(instance, GovInfoPageMixin):
        return
    if not gov_review_settings.MONITORING["RECHECK_ON_PUBLISH"]:
        return
    page_id = instance.pk

    def enqueue() -> None:
        async_task(
            "wagtail_gov_review.monitoring.jobs.recheck_published",
            page_id,
            group="gov_review_recheck",
        )

    # After commit: a worker must see the published page, and a rolled-back publish
    # must not be re-checked.
    transaction.on_commit(enqueue)
