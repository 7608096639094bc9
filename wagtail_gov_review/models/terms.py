"""Term lists managed in the admin, fed to the check engine beside the built-in lexicons."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TermCategory(models.TextChoices):
    # The first five match the engine's TERM_CATEGORIES; ALLOW is its allow-list.
    SENSITIVE = "sensitive", _("Sensitive term")
    PROHIBITED = "prohibited", _("Prohibited content")
    OUTDATED_NAME = "outdated_name", _("Outdated institution name")
    POLITICAL = "political", _("Political expression")
    TYPO = "typo", _("Common typo")
    ALLOW = "allow", _("Allowed term (never reported)")


class Term(models.Model):
    category = models.CharField(_("category"), max_length=32, choices=TermCategory.choices)
    term = models.CharField(_("term"), max_length=100)
    suggestion = models.CharField(
        _("suggestion"),
        max_length=200,
        blank=True,
        help_text=_("The correct or current wording shown to editors."),
    )
    note = models.CharField(_("note / source"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("term lists")
        ordering = ["category", "term"]
        constraints = [
            models.UniqueConstraint(fields=["category", "term"], name="gov_unique_term"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.suggestion}" if self.suggestion else self.term
