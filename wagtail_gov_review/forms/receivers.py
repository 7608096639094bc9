"""Signal receivers of the archive: database guards, column deletion guard, officer changes."""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from ..models.columns import Column, ColumnChangeRefused
from ..models.units import UnitMembership
from . import db_guard
from .officers import record_officer_change


@receiver(connection_created, dispatch_uid="gov_review_archive_sqlite_function")
def _register_sqlite_function(sender, connection, **kwargs) -> None:
    db_guard.register_connection_function(connection)


@receiver(post_migrate, dispatch_uid="gov_review_archive_triggers")
def _install_triggers(sender, app_config=None, using="default", **kwargs) -> None:
    if app_config is not None and app_config.label == "wagtail_gov_review":
        db_guard.install_triggers(using)


@receiver(pre_delete, sender=Column, dispatch_uid="gov_review_column_delete_guard")
def _refuse_cascaded_column_deletion(sender, instance: Column, **kwargs) -> None:
    # Deleting a column's index page cascades to its settings without calling delete().
    if instance._approved_change is None:
        raise ColumnChangeRefused("Remove a column through an approved change request first.")


@receiver(pre_save, sender=UnitMembership, dispatch_uid="gov_review_officer_before")
def _remember_officer_flag(sender, instance: UnitMembership, **kwargs) -> None:
    previous = None
    if instance.pk:
        previous = (
            UnitMembership.objects.filter(pk=instance.pk)
            .values_list("is_information_officer", flat=True)
            .first()
        )
    instance._gov_was_officer = bool(previous)


@receiver(post_save, sender=UnitMembership, dispatch_uid="gov_review_officer_after")
def _record_officer_change(sender, instance: UnitMembership, raw=False, **kwargs) -> None:
    if raw:
        return

    was = getattr(instance, "_gov_was_officer", False)
    if was != instance.is_information_officer:
        record_officer_change(instance, appointed=instance.is_information_officer)
