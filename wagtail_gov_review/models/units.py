"""Units (单位) own columns, items and staff; reviewers act only within their unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..conf import gov_review_settings


class UnitKind(models.TextChoices):
    GOVERNMENT_OFFICE = "government_office", _("Government office")
    DEPARTMENT = "department", _("Department")
    TOWN = "town", _("Town / street office")
    DATA_CENTER = "data_center", _("Data center")
    OTHER = "other", _("Other")


class Unit(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitMembership(models.Model):
    """A user working for a unit; a user may serve several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="gov_unit_memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=100, blank=True)
    is_information_officer = models.BooleanField(_("information officer"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="gov_unique_user_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit}"


def user_unit_ids(user) -> set[int]:
    """Active units the user works for."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        UnitMembership.objects.filter(user=user, unit__is_active=True).values_list(
            "unit_id", flat=True
        )
    )


def sees_everything(user) -> bool:
    """Superusers and members of central units (data center, government office)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return UnitMembership.objects.filter(
        user=user,
        unit__is_active=True,
        unit__kind__in=gov_review_settings.CENTRAL_UNIT_KINDS,
    ).exists()
