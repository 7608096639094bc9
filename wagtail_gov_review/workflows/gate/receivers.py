"""Signal receivers of the publish gate: the model-layer catch-all and the date change log.

The catch-all (``pre_save`` on pages) sees every save that puts an item live with a new live
revision, whichever code path does it - Wagtail's edit view and admin API build the publish
action themselves, so no ``publish()`` override sees them. It trusts a pass the gate issued
for that revision a moment earlier; otherwise it runs the gate itself and raises
``PublishRefused``. A page *inserted* live (copy-and-publish, fixtures, code) has no reviewed
revision yet: it is saved as a draft instead of failing half-way through a tree insert.

It also keeps the live row equal to what was published (``live_row.py``): a save of a live
item that writes new content, a publish whose page object differs from the revision it names,
an alias unlike its original, and fixtures (raw saves) that put an item live or change a
live one are refused with code ``bypass`` before anything is written.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_finished
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision
from wagtail.signals import workflow_approved

from ...conf import gov_review_settings
from ...models import GovInfoPageMixin
from ...models.content_fields import changed_content, content_field_names
from ...refusals import PublishRefused, RefusalReason
from ..changes import previous_revision
from . import passes
from . import system_checks as _system_checks  # noqa: F401  (registers the checks)
from .gate import GateDecision, PublishGate, gate_applies_to
from .models import PublishDateChange
from .post_publish import close_post_publish_reviews

logger = logging.getLogger("wagtail_gov_review.gate")

LIVE_FIELDS = {"live", "live_revision", "live_revision_id"}
ALIAS_OWN_FIELDS = {"slug"}


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
    if not isinstance(instance, Page):
        return
    if raw:
        guard_raw_save(sender, instance)
        return
    if update_fields is not None and not (
        (LIVE_FIELDS | content_field_names(type(instance), with_public_dates=True))
        & set(update_fields)
    ):
        return  # bookkeeping only (latest_revision, locks, has_unpublished_changes …)
    page = _gov_page(instance)
    if page is None:
        return
    if instance._state.adding or not instance.pk:
        _gate_insert(instance)
        return
    row = type(instance)._base_manager.filter(pk=instance.pk).first()
    if not instance.live:
        # A draft pointing at a "live" revision (CopyPageAction does this after our demotion)
        # is cleaned up, so the copy cannot carry a publish date it never had.
        if instance.live_revision_id and row and not row.live and not row.last_published_at:
            _demote_to_draft(instance)
        return
    if instance.alias_of_id:
        _refuse_alias_unlike_source(instance)
        return
    revision_id = instance.live_revision_id
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    gate_pass = passes.take(revision_id) if revision_id else None
    if gate_pass is not None:
        # The gate approved this revision a moment ago; the page object must still hold it
        # (not an action whose object was changed after the check).
        _refuse_content_other_than(_as_it_will_be_stored(instance), revision)
        if gate_pass.emergency:
            instance._gov_gate_emergency = gate_pass
        return
    if row and row.live and row.live_revision_id == revision_id:
        _refuse_live_content_change(instance, row, update_fields)
        return  # already live with this revision and unchanged: not a publish
    content = _as_it_will_be_stored(instance)
    if revision is not None:
        _refuse_content_other_than(content, revision)
    gate = PublishGate(page=content, revision=revision)
    try:
        gate.check()
    except PublishRefused as refusal:
        _raise_archived_later(gate, refusal)


def _raise_archived_later(gate: PublishGate, refusal: PublishRefused):
    """Raise ``refusal``; its review record is written once ``Page.save()`` has rolled back."""
    logger.warning("Refused a save of %r pk=%s: %s", str(gate.page.title), gate.page.pk, refusal)
    refusal.archive_after_rollback(lambda: gate.log_refusal(refusal))
    raise refusal


def _bypass(message: str, instance, revision=None) -> PublishRefused:
    return PublishRefused([RefusalReason("bypass", message)], page=instance, revision=revision)


def _refuse_live_content_change(instance, row, update_fields) -> None:
    """A save of a live item may write bookkeeping, never new content.

    Refused before anything is written: the caller still holds the changed page and can
    save it as a draft revision (``save_revision()``) and submit that for review.
    """
    changed = changed_content(instance, row, only=update_fields, with_public_dates=True)
    if not changed:
        return
    refusal = _bypass(
        _(
            "The content of a live item cannot be changed without publishing (changed: "
            "%(fields)s). Save the change as a draft and publish it after its review."
        )
        % {"fields": "、".join(changed)},
        instance,
    )
    _raise_archived_later(PublishGate(page=instance), refusal)


def _as_it_will_be_stored(instance):
    """The specific item as the public will read it after this save.

    A plain ``Page`` object writes only the page table: the item's own table (body,
    attributes) stays as stored, so that is what goes live with it.
    """
    if isinstance(instance, GovInfoPageMixin):
        return instance
    stored = instance.specific_class._base_manager.filter(pk=instance.pk).first()
    if stored is None:
        return instance.specific
    for field in type(instance)._meta.concrete_fields:
        setattr(stored, field.attname, getattr(instance, field.attname))
    return stored


def _refuse_content_other_than(content, revision) -> None:
    """Publishing a revision puts *its* content live, not whatever the page holds."""
    changed = changed_content(content, revision.as_object())
    if not changed:
        return
    refusal = _bypass(
        _(
            "The item's content differs from the revision being published (%(fields)s). "
            "Only the content of a reviewed revision may go live: publish that revision."
        )
        % {"fields": "、".join(changed)},
        content,
        revision,
    )
    _raise_archived_later(PublishGate(page=content, revision=revision), refusal)


def _copies_live_source(alias) -> bool:
    """The alias shows exactly what its live original shows (which passed the gate).

    Wagtail copies the original's content into its aliases after each publish; an alias keeps
    its own slug so that it can sit next to the original.
    """
    source = type(alias)._base_manager.filter(pk=alias.alias_of_id).first()
    return (
        source is not None
        and source.live
        and not changed_content(alias, source, exclude=ALIAS_OWN_FIELDS)
    )


def _refuse_alias_unlike_source(alias) -> None:
    if _copies_live_source(alias):
        return
    refusal = _bypass(
        _(
            "An alias can only show the live content of its original item; publish the "
            "original after its review."
        ),
        alias,
    )
    _raise_archived_later(PublishGate(page=alias), refusal)


def guard_raw_save(sender, instance) -> None:
    """Fixtures (``loaddata``) save rows raw: they may not put a gated item live or change it.

    Raised before the row is written, so ``loaddata`` rolls the whole fixture back. Load
    items offline (``live: false``) and publish each through its review instead.
    """
    if not gov_review_settings.GATE["ENABLED"] or instance.pk is None:
        return
    if issubclass(sender, GovInfoPageMixin):
        # The item's own table (body, attributes): only the page row says whether it is live.
        page_row = Page.objects.filter(pk=instance.pk).values("live").first()
        if not (page_row and page_row["live"]):
            return
    elif sender is Page and instance.content_type_id:
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        if model is None or not issubclass(model, GovInfoPageMixin) or not instance.live:
            return
    else:
        return  # another page type's own table
    row = sender._base_manager.filter(pk=instance.pk).first()
    # A raw save writes only the sender's own table: compare just those columns.
    own_columns = [field.attname for field in sender._meta.local_concrete_fields]
    unchanged = (
        row is not None
        and (sender is not Page or (row.live and row.live_revision_id == instance.live_revision_id))
        and not changed_content(instance, row, only=own_columns, with_public_dates=True)
    )
    if unchanged:
        return
    logger.warning(
        "Refused a raw save (fixture) of %s pk=%s: it would go live", sender, instance.pk
    )
    raise _bypass(
        _(
            "Fixtures and other raw saves cannot put an item live or change a live item. Load "
            "it offline (live: false) and publish it after its review."
        ),
        instance,
    )


def _gate_insert(instance) -> None:
    if not instance.live:
        return
    if instance.alias_of_id and _copies_live_source(instance):
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
