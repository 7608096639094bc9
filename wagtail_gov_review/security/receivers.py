"""Signal receivers of the security feature: offboarding, lockouts, account changes, and the
owning unit of every page (``PageUnit``, what the unit scope filters on) kept current."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import post_page_move

from ..conf import gov_review_settings
from ..models import Column, GovInfoPageMixin, PageUnit, UnitMembership
from ..models.page_units import fill_page_units, refresh_column_units, set_item_unit
from . import events
from .accounts import DeactivateAccount
from .models import SecurityEventKind

User = get_user_model()


@receiver(post_delete, sender=UnitMembership, dispatch_uid="gov_security_membership_removed")
def deactivate_when_last_unit_left(sender, instance: UnitMembership, **kwargs) -> None:
    """An information officer removed from their last unit loses backend access (seed 000)."""
    if not gov_review_settings.SECURITY.get("DEACTIVATE_WITHOUT_UNIT", True):
        return
    user = User.objects.filter(pk=instance.user_id).first()
    if user is None or not user.is_active or user.is_superuser:
        return
    if UnitMembership.objects.filter(user=user).exists():
        return
    DeactivateAccount(
        user, reason="last unit membership removed", remove_memberships=False
    ).execute(skip_check=True)


@receiver(pre_save, sender=User, dispatch_uid="gov_security_user_deactivated")
def log_deactivation_elsewhere(sender, instance, update_fields=None, **kwargs) -> None:
    """Log accounts switched off outside ``DeactivateAccount`` (Wagtail's user editor, shell)."""
    if (
        instance.pk is None
        or instance.is_active
        or getattr(instance, "_gov_deactivation_logged", False)
    ):
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    was_active = User.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        events.record(
            SecurityEventKind.ACCOUNT_DEACTIVATED, user=instance, reason="deactivated by edit"
        )


@receiver(user_locked_out, dispatch_uid="gov_security_locked_out")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """A login lockout (django-axes) in the security log."""
    events.record(
        SecurityEventKind.LOCKED_OUT,
        user=User.objects.filter(**{User.USERNAME_FIELD: username or ""}).first(),
        username=username or "",
        request=request,
    )


# -- the owning unit of each page (security/scoping.py reads it) ------------------------------


@receiver(post_save, dispatch_uid="gov_security_page_unit_saved")
def place_saved_page(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A page created (copies included: Wagtail saves each copied page) or an item's issuing
    unit changed. Saves of other fields and of a base ``Page`` of an item cost nothing."""
    if raw or not isinstance(instance, Page):
        return
    if isinstance(instance, GovInfoPageMixin):
        if created or update_fields is None or "unit" in update_fields:
            set_item_unit(instance, instance.unit_id)
    elif created:
        set_item_unit(instance, None)


@receiver(post_page_move, dispatch_uid="gov_security_page_unit_moved")
def place_moved_subtree(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A page moved to another parent: it and its descendants may now sit in another column."""
    if parent_page_before.pk != parent_page_after.pk:
        refresh_column_units(instance.path)


@receiver(pre_save, sender=Column, dispatch_uid="gov_security_column_before_save")
def remember_column_page(sender, instance: Column, raw=False, **kwargs) -> None:
    instance._gov_page_before = (
        None
        if raw or instance.pk is None
        else Column._base_manager.filter(pk=instance.pk).values_list("page_id", flat=True).first()
    )


@receiver(post_save, sender=Column, dispatch_uid="gov_security_column_saved")
def place_column_subtree(sender, instance: Column, raw=False, **kwargs) -> None:
    """A column added or its unit changed: its subtree (and the one it left) change owner."""
    if raw:
        return
    before = getattr(instance, "_gov_page_before", None)
    paths = Page.objects.filter(pk__in={instance.page_id, before} - {None})
    for path in paths.values_list("path", flat=True):
        refresh_column_units(path)


@receiver(post_delete, sender=Column, dispatch_uid="gov_security_column_deleted")
def place_former_column_subtree(sender, instance: Column, **kwargs) -> None:
    """A column removed: its pages fall to the column above (or to the central units)."""
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:  # None: the page itself is being deleted with its subtree
        refresh_column_units(path)


@receiver(post_migrate, dispatch_uid="gov_security_page_unit_filled")
def fill_missing_page_units(sender, app_config=None, using="default", **kwargs) -> None:
    """Pages created where no receiver ran (other apps' data migrations) get their row."""
    if app_config is None or app_config.label != "wagtail_gov_review":
        return
    connection = connections[using]
    if PageUnit._meta.db_table not in connection.introspection.table_names():
        return  # migrated back below 0004
    if Page.objects.using(using).exclude(pk__in=PageUnit.objects.values("page_id")).exists():
        fill_page_units()
