"""Columns (栏目): an index page whose subtree holds the items of one section."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.models import Page


class ColumnChangeRefused(Exception):
    """A column was added, changed or removed without an approved change request (000 附件2)."""


UNAPPROVED = "Columns change only through an approved change request."


def _refuse(*args, **kwargs):
    raise ColumnChangeRefused(UNAPPROVED)


class ColumnQuerySet(models.QuerySet):
    # Bulk paths skip save()/delete(); refuse them so every change goes through a request.
    update = delete = bulk_create = bulk_update = _refuse


class ColumnKind(models.TextChoices):
    # Which timeliness and inspection rules apply (seeds 000, 003; 国办秘函〔2019〕19号).
    NEWS = "news", _("News and highlights")
    LEADER_ACTIVITY = "leader_activity", _("Leader activities")
    NOTICE = "notice", _("Notices / announcements")
    POLICY = "policy", _("Policy documents")
    INTERPRETATION = "interpretation", _("Policy interpretations")
    PLANNING = "planning", _("Plans and programmes")
    INTERACTION = "interaction", _("Interaction")
    STATIC = "static", _("Static information")


class Column(models.Model):
    """Review-relevant settings of one column, attached to its index page."""

    page = models.OneToOneField(
        Page,
        verbose_name=_("column page"),
        on_delete=models.CASCADE,
        related_name="gov_column",
    )
    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="columns",
    )
    kind = models.CharField(_("column kind"), max_length=32, choices=ColumnKind.choices)
    update_frequency_days = models.PositiveIntegerField(
        _("update at least every (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for columns that need no regular updates."),
    )
    timeliness_hours = models.PositiveIntegerField(
        _("publish within (hours)"),
        null=True,
        blank=True,
        help_text=_("Deadline from the event to publication; empty uses the default of the kind."),
    )

    history = HistoricalRecords()
    objects = ColumnQuerySet.as_manager()

    # Set by ``forms.column_changes.ApplyColumnChange`` to the approved request being applied.
    _approved_change = None

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        ordering = ["page__path"]

    def __str__(self) -> str:
        return self.page.title

    def save(self, *args, **kwargs):
        self._check_approved()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_approved()
        return super().delete(*args, **kwargs)

    def _check_approved(self) -> None:
        request = self._approved_change
        if request is None or request.pk is None or request.status != "approved":
            raise ColumnChangeRefused(UNAPPROVED)

    @classmethod
    def for_page(cls, page: Page) -> Column | None:
        """The column a page belongs to: the nearest ancestor (or itself) with column settings."""
        return (
            cls.objects.filter(page__in=Page.objects.ancestor_of(page, inclusive=True))
            .select_related("unit", "page")
            .order_by("-page__depth")
            .first()
        )
