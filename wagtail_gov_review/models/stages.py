"""Review stages as the site admin configures them: when a conditional stage applies, the
checklist a reviewer confirms, and which groups review which column at each stage."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import ReviewStage

HUMAN_STAGES = [
    (value, label)
    for value, label in ReviewStage.choices
    if value not in (ReviewStage.AUTO_CHECK, ReviewStage.PUBLISH)
]


class StageCondition(models.TextChoices):
    """When a stage applies to an item; a stage that does not apply is skipped (recorded)."""

    ALWAYS = "always", _("Always")
    SENSITIVE_OR_EMERGENCY = (
        "sensitive_or_emergency",
        _("Only for items involving sensitive matters or emergencies"),
    )
    GOVERNMENT_NAME = "government_name", _("Only for items issued in the government's name")
    REPRINT = "reprint", _("Only for reprinted items")


class ChecklistItem(models.Model):
    """One proofreading point a reviewer confirms when approving a stage (seeds 001, 004)."""

    stage = models.CharField(_("stage"), max_length=32, choices=HUMAN_STAGES)
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("checkpoint"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("review checklist item")
        verbose_name_plural = _("review checklist items")
        ordering = ["stage", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "code"], name="gov_unique_checklist_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.label}"


class ColumnStageAssignment(models.Model):
    """Which groups act at one stage for the items of one column (and its sub-columns).

    Without an assignment the stage's own groups act. Either way, reviewers act only on items
    of their own unit unless their unit is central (``CENTRAL_UNIT_KINDS``).
    """

    column = models.ForeignKey(
        "wagtail_gov_review.Column",
        verbose_name=_("column"),
        on_delete=models.CASCADE,
        related_name="stage_assignments",
    )
    stage = models.CharField(_("stage"), max_length=32, choices=HUMAN_STAGES)
    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups"),
        related_name="+",
        help_text=_("Members of these groups review this column's items at this stage."),
    )

    class Meta:
        verbose_name = _("column review assignment")
        verbose_name_plural = _("column review assignments")
        constraints = [
            models.UniqueConstraint(fields=["column", "stage"], name="gov_unique_column_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.column} · {self.get_stage_display()}"
