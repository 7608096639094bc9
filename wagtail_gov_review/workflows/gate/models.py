"""Models of the publish gate: the post-publish review queue and the publish-date change log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PostPublishReview(models.Model):
    """An item published in an emergency, before its review chain finished.

    Created by the gate when a user holding the emergency-publish permission publishes an
    unreviewed revision of an item marked as emergency information; closed when a review
    chain over the item finishes. Reviewers see the open ones in the admin.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="gov_post_publish_reviews",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name=_("review run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("post-publish review")
        verbose_name_plural = _("post-publish reviews")
        ordering = ["-created_at"]
        permissions = [("emergency_publish", _("Can publish emergency items before review"))]

    def __str__(self) -> str:
        return str(self.page)

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class PublishDateChange(models.Model):
    """Who changed a publish date of an item, when, from what to what (seed 003)."""

    FIELDS = ("go_live_at", "expire_at", "first_published_at")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="gov_publish_date_changes",
        db_constraint=False,
    )
    page_id_snapshot = models.PositiveIntegerField(_("page ID"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    field = models.CharField(_("field"), max_length=32)
    old_value = models.DateTimeField(_("old value"), null=True, blank=True)
    new_value = models.DateTimeField(_("new value"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publish date change")
        verbose_name_plural = _("publish date changes")
        ordering = ["changed_at", "pk"]
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        old, new = (
            date_format(timezone.localtime(v), "Y-m-d H:i") if v else "—"
            for v in (self.old_value, self.new_value)
        )
        return f"{self.page_id_snapshot} {self.field_label()}：{old} → {new}"

    @admin.display(description=_("date changed"))
    def field_label(self) -> str:
        """The changed page field's own name (首次发布时间 …), not its column name."""
        try:
            return capfirst(Page._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:
            return self.field
