"""Append-only review records: one row per decision, the archive the forms are built from.

Nothing updates or deletes a record: not the admin, not the model, not the manager. Seeds
000 and 004 ask for written, archived review records; a record that could be edited later
would not prove anything.

One exception, for personal data stored before records were masked (issue 15 point 6): inside
:func:`masking_personal_data` (used by ``manage.py gov_review_mask_archive`` only), the text
columns in :data:`MASKABLE_FIELDS` may be rewritten with ``update()``; the database triggers
(``forms/db_guard.py``) check the same flag and the same columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

# The columns that may hold personal data copied from a page or typed by a reviewer.
MASKABLE_FIELDS = ("page_title", "opinion", "checklist", "check_report")
# PostgreSQL: a transaction-local setting the trigger reads (``SET LOCAL`` semantics).
POSTGRES_MASKING_SETTING = "gov_review.masking_personal_data"
_masking = ContextVar("gov_review_masking_personal_data", default=False)


@contextmanager
def masking_personal_data(using: str = "default") -> Iterator[None]:
    """One transaction in which :data:`MASKABLE_FIELDS` of existing records may be rewritten."""
    connection = connections[using]
    with transaction.atomic(using=using):
        _set_postgres_flag(connection, "on")
        token = _masking.set(True)
        try:
            yield
        finally:
            _masking.reset(token)
        # An error or a rollback undoes the setting with the (sub)transaction; otherwise clear
        # it here, so the rest of an enclosing transaction is guarded again.
        if not connection.needs_rollback:
            _set_postgres_flag(connection, "")


def _set_postgres_flag(connection, value: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [POSTGRES_MASKING_SETTING, value])


def is_masking_personal_data() -> bool:
    return _masking.get()


class ImmutableRecordError(Exception):
    """Raised on any attempt to change or delete a review record."""


class ReviewStage(models.TextChoices):
    AUTO_CHECK = "auto_check", _("Automated proofreading")
    FIRST = "first", _("First review and proofreading")
    SECOND = "second", _("Second review and proofreading")
    FINAL = "final", _("Final review and proofreading")
    PRINCIPAL_LEADER = "principal_leader", _("Principal leader review")
    GOVERNMENT_OFFICE = "government_office", _("Government office review")
    SITE_LEADER = "site_leader", _("Site leader review")
    PUBLISH = "publish", _("Publishing")


class ReviewAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    SKIP = "skip", _("Skipped (does not apply)")
    CHECK_PASSED = "check_passed", _("Checks passed")
    CHECK_FAILED = "check_failed", _("Checks failed")
    RESUBMIT = "resubmit", _("Resubmitted after changes")
    EMERGENCY_PUBLISH = "emergency_publish", _("Emergency publish")
    PUBLISH_REFUSED = "publish_refused", _("Publishing refused")
    WITHDRAW = "withdraw", _("Withdrawn")


class ReviewRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if is_masking_personal_data() and set(kwargs) <= set(MASKABLE_FIELDS):
            return super().update(**kwargs)
        raise ImmutableRecordError("Review records are append-only.")

    def delete(self):
        raise ImmutableRecordError("Review records are append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecordError("Review records are append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save() and its signals; new records still pass the pre_save
        # receivers (personal data is masked there, see redaction.py) before they are inserted.
        objs = list(objs)
        for obj in objs:
            pre_save.send(sender=self.model, instance=obj, raw=False, using=self.db)
        return super().bulk_create(objs, *args, **kwargs)

    def update_or_create(self, *args, **kwargs):
        raise ImmutableRecordError("Review records are append-only.")


class ReviewRecord(models.Model):
    # Foreign keys are kept nullable with snapshots beside them so a record survives the
    # deletion of what it refers to (a user who left, a page removed after withdrawal).
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="gov_review_records",
        db_constraint=False,
    )
    page_id_snapshot = models.PositiveIntegerField(_("page ID"))
    page_title = models.CharField(_("title"), max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    revision_id_snapshot = models.PositiveIntegerField(_("revision ID"), null=True)
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name=_("workflow run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name=_("task state"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    stage = models.CharField(_("stage"), max_length=32, choices=ReviewStage.choices)
    action = models.CharField(_("action"), max_length=32, choices=ReviewAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    user_name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=150, blank=True)
    unit_name = models.CharField(_("unit"), max_length=100, blank=True)
    column_name = models.CharField(_("column"), max_length=255, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    checklist = models.JSONField(_("checklist answers"), default=dict, blank=True)
    check_report = models.JSONField(_("check report"), default=list, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ReviewRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("review record")
        verbose_name_plural = _("review records")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page_id_snapshot", "created_at"])]
        # No change/delete permissions: nothing in the admin may offer them.
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.page_title} · {self.get_stage_display()} · {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("Review records are append-only.")
        if self.page_id and not self.page_id_snapshot:
            self.page_id_snapshot = self.page_id
        if self.revision_id and not self.revision_id_snapshot:
            self.revision_id_snapshot = self.revision_id
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("Review records are append-only.")
