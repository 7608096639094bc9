"""``GovInfoPageMixin``: the attributes every government information item carries.

Mix it into a site's page models (``class NewsPage(GovInfoPageMixin, Page)``) and add
``GovInfoPageMixin.gov_review_panels`` to the editor's content tab (``content_panels``). The
publish gate and the review chain only act on pages using this mixin.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..refusals import PublishRefused
from .columns import Column
from .page_form import GovInfoPageForm
from .page_manager import GovInfoPageManager
from .page_permissions import ItemPermissionTester


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

    # The editor panels, for a site to place where editors see them: 公开属性 and 来源 belong
    # on the content tab, next to the text they describe (see docs/editor.md):
    #     content_panels = Page.content_panels + [FieldPanel("body"), *GovInfoPageMixin.gov_review_panels]
    disclosure_panel = MultiFieldPanel(
        [
            FieldPanel("unit"),
            FieldPanel("disclosure"),
            FieldPanel("disclosure_reason"),
        ],
        heading=_("Disclosure"),
        help_text=_(
            "Decided when the item is drafted. Items disclosed on request are not listed: "
            "the public sees only the title and how to apply. Items not disclosed are never "
            "published."
        ),
    )
    source_panel = MultiFieldPanel(
        [
            FieldPanel("source_type"),
            FieldPanel("source_name"),
            FieldPanel("source_url"),
        ],
        heading=_("Source"),
        help_text=_(
            "A reprint names and links its source; a submitted item names the unit that "
            "submitted it."
        ),
    )
    declarations_panel = MultiFieldPanel(
        [
            FieldPanel("involves_secret"),
            FieldPanel("involves_sensitive"),
            FieldPanel("is_emergency"),
            FieldPanel("issued_in_government_name"),
        ],
        heading=_("Review declarations"),
    )
    gov_review_panels = [disclosure_panel, source_panel, declarations_panel]

    # Limits the issuing unit to the editor's own units (see page_form.py).
    base_form_class = GovInfoPageForm
    # The publish action every publish path runs: the gate's, set by the app's ready() so that
    # the models know nothing of the workflows that use them (docs/architecture.md).
    publish_action_class = None

    # Refuses queryset.update(live=True), which would skip the gate (page_manager.py).
    objects = GovInfoPageManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        try:
            return super().save(*args, **kwargs)
        except PublishRefused as refusal:
            # Page.save() is atomic: the gate's catch-all (pre_save) refused inside it, and the
            # rollback took the review record along. Archive it now, outside.
            refusal.archive()
            raise

    def gov_attribute_errors(self) -> dict[str, list[ValidationError]]:
        """Errors in the disclosure and source attributes, by field (empty when valid).

        Used by ``clean()`` (the editor shows them next to the field) and by the publish gate
        (a revision saved in code without validation is still refused).
        """
        errors: dict[str, list[ValidationError]] = {}
        if not self.disclosure:
            # Seed 003: 公开属性 is decided when the item is drafted (the editor offers no
            # preselected choice on a new item, see page_form.py).
            errors.setdefault("disclosure", []).append(
                ValidationError(
                    _(
                        "Choose the disclosure attribute: proactive disclosure, disclosure on "
                        "request or not disclosed."
                    ),
                    code="disclosure_required",
                )
            )
        elif self.disclosure != Disclosure.PUBLIC and not (self.disclosure_reason or "").strip():
            errors.setdefault("disclosure_reason", []).append(
                ValidationError(
                    _(
                        "Give the reason and legal basis when the item is not disclosed proactively."
                    ),
                    code="reason_required",
                )
            )
        if self.source_type == SourceType.SUBMITTED and not (self.source_name or "").strip():
            # Seed 004 三（一）3 (报送类信息) and seed 000 附件1 (信息报送单位).
            errors.setdefault("source_name", []).append(
                ValidationError(
                    _("A submitted item must name the unit that submitted it."),
                    code="submitting_unit_required",
                )
            )
        if self.source_type == SourceType.REPRINT:
            # Seeds 000 附件1, 002 and 004 保密审查表: 转载（注明转载来源）.
            if not (self.source_name or "").strip():
                errors.setdefault("source_name", []).append(
                    ValidationError(_("A reprint must name its source."), code="source_required")
                )
            if not (self.source_url or "").strip():
                errors.setdefault("source_url", []).append(
                    ValidationError(
                        _("A reprint must link to its source."), code="source_url_required"
                    )
                )
        return errors

    def clean(self) -> None:
        super().clean()
        errors = self.gov_attribute_errors()
        if errors:
            raise ValidationError(errors)

    # -- publishing: every publish of an item passes the publish gate ---------------------------

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        """Publish ``revision`` through the gate (``workflows/gate``); raises ``PublishRefused``.

        Covers ``revision.publish()``, workflow finish, bulk publish and ``publish_scheduled``.
        The edit view and the admin API build Wagtail's action themselves; the gate's
        ``pre_save`` catch-all covers them.
        """
        action_class = GovInfoPageMixin.publish_action_class
        if action_class is None:  # fail closed: never publish around the gate
            raise ImproperlyConfigured(
                "The publish gate is not wired in: is wagtail_gov_review in INSTALLED_APPS?"
            )
        return action_class(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
        ).execute(skip_permission_checks=skip_permission_checks)

    # -- what the public sees -----------------------------------------------------------------

    @property
    def is_publishable(self) -> bool:
        """False for items that must never be on the portal (not disclosed, secret)."""
        return self.disclosure != Disclosure.NOT_PUBLIC and not self.involves_secret

    on_request_template = "wagtail_gov_review/gate/on_request.html"

    def serve(self, request, *args, **kwargs):
        """Enforce disclosure when serving, whatever listings do.

        Not disclosed or secret: 404 even if such a version is live. On request: a notice
        page with the title, issuing unit and how to apply, never the body. Previews (editors
        only) show everything.
        """
        if not getattr(request, "is_preview", False):
            if not self.is_publishable:
                raise Http404
            if self.disclosure == Disclosure.ON_REQUEST:
                return self.serve_on_request(request, *args, **kwargs)
        return super().serve(request, *args, **kwargs)

    def serve_on_request(self, request, *args, **kwargs):
        request.is_preview = False
        context = {
            "page": self,
            "self": self,
            "request": request,
            "unit": self.get_gov_unit(),
        }
        return TemplateResponse(request, self.on_request_template, context)

    def get_sitemap_urls(self, request=None):
        if not self.is_publicly_listed:
            return []
        return super().get_sitemap_urls(request)

    @property
    def is_publicly_listed(self) -> bool:
        """Only proactively disclosed items appear in listings, search and the sitemap."""
        return self.disclosure == Disclosure.PUBLIC and not self.involves_secret

    def permissions_for_user(self, user) -> ItemPermissionTester:
        # Wagtail's tester, answering ``can_delete`` of a childless item without queries.
        return ItemPermissionTester(user, self)

    def get_gov_unit(self):
        """The issuing unit, falling back to the owning unit of the column."""
        if self.unit_id:
            return self.unit

        column = Column.for_page(self)
        return column.unit if column else None
