"""The site's own leaders (name, current title, ranking order, term of office) for term.leader."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .units import Unit


class Leader(models.Model):
    """One post held by one person over a period; a person with a new post gets a new row, and
    the old row's end date makes its title "outdated" for the checks."""

    name = models.CharField(_("full name"), max_length=20)
    title = models.CharField(
        _("post"),
        max_length=100,
        help_text=_(
            "As written before the name, e.g. 区委副书记、区长 (several posts: separate with 、)."
        ),
    )
    rank = models.PositiveIntegerField(
        _("ranking order"),
        default=100,
        help_text=_("Leaders listed together must appear in this order (1 comes first)."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leaders",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the post is held; after this day the title is outdated."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive rows are ignored by the checks.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leader list")
        ordering = ["rank", "name", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.title} {self.name}"

    def clean(self) -> None:
        super().clean()
        self.name = self.name.strip()
        if self.name and not 2 <= len(self.name) <= 6:
            raise ValidationError({"name": _("Enter a Chinese name of 2 to 6 characters.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})
