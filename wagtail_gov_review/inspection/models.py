"""One stored inspection result per day: the trend on the report is built from these rows."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InspectionSnapshot(models.Model):
    """The per-indicator results of the inspection run of one day (the last run wins)."""

    date = models.DateField(_("date"), unique=True)
    created_at = models.DateTimeField(_("run at"), default=timezone.now)
    passed = models.BooleanField(_("passed"))
    results = models.JSONField(_("results"), default=list)

    class Meta:
        verbose_name = _("inspection snapshot")
        verbose_name_plural = _("inspection snapshots")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"

    def status_of(self, code: str) -> str | None:
        for result in self.results:
            if result.get("code") == code:
                return result.get("status")
        return None
