"""Signal receivers of the publish gate: the model-layer catch-all and the date change log.

The catch-all (``pre_save`` on pages) sees every save that puts an item live with a new live
revision, whichever code path does it - Wagtail's edit view and admin API build the publish
action themselves, so no ``publish()`` override sees them. It trusts a pass the gate issued
for that revision a moment earlier; otherwise it runs the gate itself and raises
``PublishRefused``. A page *inserted* live (copy-and-publish, fixtures, code) has no reviewed
revision yet: it is saved as a draft instead of failing half-way through a tree insert.
"""

from __future__ import annotations

import logging

from django.core.signals import request_finished
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.dateparse import parse_datetime
from wagtail.models import Page, Revision
from wagtail.signals import workflow_approved

from ...conf import gov_review_settings
from ...models import GovInfoPageMixin
from ..changes import previous_revision
from . import passes
from . import system_checks as _system_checks  # noqa: F401  (registers the checks)
from .exceptions import PublishRefused
from .gate import GateDecision, PublishGate, gate_applies_to
from .models import PublishDateChange
from .post_publish import close_post_publish_reviews

logger = logging.getLogger("wagtail_gov_review.gate")

LIVE_FIELDS = {"live", "live_revision", "live_revision_id"}


def _gov_page(instance):
    """The instance if it is a gated page (a plain ``Page`` of a gated type counts too)."""
    if isinstance(instance, GovInfoPageMixin):
        return instance if gate_applies_to(instance) else None
    if isinstance(instance, Page) and instance.pk and not instance._state.adding:
        specific_class = instance.specific_class
        if specific_class and issubclass(specific_class, GovInfoPageMixin):
            return instance if gov_review_settings.GATE["ENABLED"] else None
    return None


def _demote_to_draft(instance) -> None:
    instance.live = False
    instance.live_revision = None
    instance.has_unpublished_changes = True
    instance.first_published_at = None
    instance.last_published_at = None


@receiver(pre_save, dispatch_uid="gov_review_gate_catch_all")
def gate_catch_all(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and not (LIVE_FIELDS & set(update_fields)):
        return
    page = _gov_page(instance)
    if page is None:
        return
    if instance._state.adding or not instance.pk:
        _gate_insert(instance)
        return
    row = (
        Page.objects.filter(pk=instance.pk)
        .values("live", "live_revision_id", "last_published_at")
        .first()
    )
    if not instance.live:
        # A draft pointing at a "live" revision (CopyPageAction does this after our demotion)
        # is cleaned up, so the copy cannot carry a publish date it never had.
        if instance.live_revision_id and row and not row["live"] and not row["last_published_at"]:
            _demote_to_draft(instance)
        return
    if row and row["live"] and row["live_revision_id"] == instance.live_revision_id:
        return  # already live with this revision: not a publish
    revision_id = instance.live_revision_id
    if revision_id:
        gate_pass = passes.take(revision_id)
        if gate_pass is not None:
            if gate_pass.emergency:
                instance._gov_gate_emergency = gate_pass
            return
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    content = instance if isinstance(instance, GovInfoPageMixin) else None
    if content is None:
        content = revision.as_object() if revision else instance.specific
    PublishGate(page=content, revision=revision).check_and_log()


def _gate_insert(instance) -> None:
    if not instance.live:
        return
    if isinstance(instance, GovInfoPageMixin):
        try:
            PublishGate(page=instance).check()
            return
        except PublishRefused as refusal:
            logger.info("Page %r inserted as a draft: %s", str(instance.title), refusal)
    _demote_to_draft(instance)


@receiver(post_save, dispatch_uid="gov_review_gate_emergency")
def archive_emergency_publish(sender, instance, created=False, raw=False, **kwargs):
    gate_pass = getattr(instance, "_gov_gate_emergency", None)
    if gate_pass is None or raw:
        return
    del instance._gov_gate_emergency
    revision = Revision.objects.filter(pk=gate_pass.revision_id).first()
    gate = PublishGate(page=instance, revision=revision, user=gate_pass.user)
    gate.log_emergency(
        GateDecision(revision_id=gate_pass.revision_id, emergency=True, report=gate_pass.report)
    )


@receiver(post_save, sender=Revision, dispatch_uid="gov_review_gate_date_changes")
def log_publish_date_changes(sender, instance: Revision, created=False, raw=False, **kwargs):
    """One PublishDateChange row per date an editor changed in a new revision."""
    if not created or raw:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, GovInfoPageMixin):
        return
    previous = previous_revision(instance)
    before = previous.content if previous else {}
    for field in PublishDateChange.FIELDS:
        old = _as_datetime(before.get(field))
        new = _as_datetime(instance.content.get(field))
        if old != new:
            PublishDateChange.objects.create(
                page_id=int(instance.object_id),
                page_id_snapshot=int(instance.object_id),
                revision=instance,
                field=field,
                old_value=old,
                new_value=new,
                user=instance.user,
            )


def _as_datetime(value):
    if not value:
        return None
    return parse_datetime(value) if isinstance(value, str) else value


@receiver(workflow_approved, dispatch_uid="gov_review_gate_close_post_publish")
def close_reviews_on_approval(sender, instance, user=None, **kwargs):
    """A review chain over the item finished: its post-publish reviews are done."""
    close_post_publish_reviews(int(instance.object_id))


@receiver(request_finished, dispatch_uid="gov_review_gate_clear_passes")
def clear_passes(sender, **kwargs):
    passes.clear()
