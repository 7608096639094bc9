"""Security records: password changes (for expiry) and an append-only security log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordChange(models.Model):
    """One password change of one user; the newest decides when the password expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="gov_password_changes",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("password change")
        verbose_name_plural = _("password changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.changed_at:%Y-%m-%d %H:%M}"


class SecurityEventKind(models.TextChoices):
    LOCKED_OUT = "locked_out", _("Locked out after failed logins")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_EXPIRED = "password_expired", _("Password expired, change required")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
    SCOPE_REFUSED = "scope_refused", _("Access to another unit's page refused")


class SecurityEvent(models.Model):
    """Append-only log of account and access events (seeds 000 第十一条, 001 第十五条)."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-timestamp", "-pk"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Security events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Security events are append-only.")
