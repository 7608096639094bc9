"""Signal receivers of the security feature: offboarding, lockouts, account changes."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from ..conf import gov_review_settings
from ..models import UnitMembership
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
