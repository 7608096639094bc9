"""``GovInfoPageMixin``: the attributes every government information item carries.

Mix it into a site's page models (``class NewsPage(GovInfoPageMixin, Page)``) and add
``GovInfoPageMixin.gov_review_panels`` to the editor. The publish gate and the review chain
only act on pages using this mixin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class Disclosure(models.TextChoices):
    PUBLIC = "public", _("Proactive disclosure")
    ON_REQUEST = "on_request", _("Disclosure on request")
    NOT_PUBLIC = "not_public", _("Not disclosed")


class SourceType(models.TextChoices):
    ORIGINAL = "original", _("Produced by this body")
    REPRINT = "reprint", _("Reprint")
    SUBMITTED = "submitted", _("Submitted by a subordinate unit")


# Page fields worth keeping in the audit history besides the mixin's own: the dates guard
# against backdating (seed 003), ``live`` and ``live_revision`` record what the public saw.
TRACKED_PAGE_FIELDS = {
    "title",
    "slug",
    "live",
    "live_revision",
    "owner",
    "go_live_at",
    "expire_at",
    "first_published_at",
    "last_published_at",
}


class GovInfoHistory(HistoricalRecords):
    """History of the audit-relevant fields only; bodies live in Wagtail's revisions."""

    def fields_included(self, model):
        # Local fields only: get_fields() would need the app registry, not ready yet here.
        mixin_fields = {f.name for f in GovInfoPageMixin._meta.local_fields}
        return [
            field
            for field in super().fields_included(model)
            if field.primary_key or field.name in TRACKED_PAGE_FIELDS | mixin_fields
        ]


class GovInfoPageMixin(models.Model):
    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty means the unit that owns the column."),
    )
    disclosure = models.CharField(
        _("disclosure"),
        max_length=16,
        choices=Disclosure.choices,
        default=Disclosure.PUBLIC,
    )
    disclosure_reason = models.TextField(
        _("reason / legal basis for not disclosing proactively"),
        blank=True,
    )
    source_type = models.CharField(
        _("source"),
        max_length=16,
        choices=SourceType.choices,
        default=SourceType.ORIGINAL,
    )
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    involves_secret = models.BooleanField(
        _("involves state or work secrets"),
        default=False,
        help_text=_("Items involving secrets must not be published on the portal."),
    )
    involves_sensitive = models.BooleanField(
        _("involves sensitive matters"),
        default=False,
        help_text=_("Adds the principal leader's review to the chain."),
    )
    is_emergency = models.BooleanField(
        _("emergency / breaking information"),
        default=False,
        help_text=_("Adds the principal leader's review to the chain."),
    )
    issued_in_government_name = models.BooleanField(
        _("issued in the government's name"),
        default=False,
        help_text=_("Adds the government office's review to the chain."),
    )

    gov_history = GovInfoHistory(inherit=True, related_name="gov_history_records")

    gov_review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("disclosure"),
                FieldPanel("disclosure_reason"),
                FieldPanel("source_type"),
                FieldPanel("source_name"),
                FieldPanel("source_url"),
                FieldPanel("involves_secret"),
                FieldPanel("involves_sensitive"),
                FieldPanel("is_emergency"),
                FieldPanel("issued_in_government_name"),
            ],
            heading=_("Disclosure and source"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        if self.disclosure != Disclosure.PUBLIC and not self.disclosure_reason.strip():
            errors.setdefault("disclosure_reason", []).append(
                ValidationError(
                    _(
                        "Give the reason and legal basis when the item is not disclosed proactively."
                    ),
                    code="reason_required",
                )
            )
        if self.source_type == SourceType.REPRINT:
            if not self.source_name.strip():
                errors.setdefault("source_name", []).append(
                    ValidationError(_("A reprint must name its source."), code="source_required")
                )
            if not self.source_url.strip():
                errors.setdefault("source_url", []).append(
                    ValidationError(
                        _("A reprint must link to its source."), code="source_url_required"
                    )
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_publicly_listed(self) -> bool:
        """Only proactively disclosed items appear in listings, search and the sitemap."""
        return self.disclosure == Disclosure.PUBLIC

    def get_gov_unit(self):
        """The issuing unit, falling back to the owning unit of the column."""
        if self.unit_id:
            return self.unit
        from .columns import Column

        column = Column.for_page(self)
        return column.unit if column else None
