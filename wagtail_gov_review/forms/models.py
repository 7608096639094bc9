"""Requests and registers behind the prescribed forms of seed 000.

- ``ColumnChangeRequest``: 栏目调整审批表 (附件2). A column is added, changed or removed only by
  applying an approved request; ``Column.save()``/``delete()`` refuse anything else.
- ``AccountRequest``: 网站账号申请审批表 (附件3). The account exists only after approval.
- ``InformationOfficerChange``: 信息员登记/变更表 (附件4). One row per change of a unit's
  information officers, filed with the data center within 3 working days.

Decided requests are final: their decision fields are never changed again, and django-simple-history
keeps every state a request went through.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..models.columns import ColumnKind
from ..roles import DEFAULT_ROLES


class RequestDecidedError(Exception):
    """Raised when a decided request would be changed or deleted."""


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DecidedRequest(models.Model):
    """Who asked, who decided, when and with what opinion; shared by the request models."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        editable=False,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_by_name = models.CharField(
        _("decided by (name)"), max_length=150, blank=True, editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decision_opinion = models.TextField(_("approver's opinion"), blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A decided request is a record: it is never changed or decided again.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != RequestStatus.PENDING:
                raise RequestDecidedError("A decided request cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != RequestStatus.PENDING:
            raise RequestDecidedError("A decided request cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING


class ColumnChangeOperation(models.TextChoices):
    ADD = "add", _("Add a column")
    CHANGE = "change", _("Change a column")
    REMOVE = "remove", _("Remove a column")


class ColumnChangeRequest(DecidedRequest):
    """栏目调整审批表: one requested addition, change or removal of a column."""

    operation = models.CharField(
        _("requested operation"), max_length=16, choices=ColumnChangeOperation.choices
    )
    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("requesting unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("column page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The index page of the column to add, change or remove."),
    )
    column_name = models.CharField(_("column name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("column kind"), max_length=32, choices=ColumnKind.choices, blank=True)
    owning_unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("owning unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty keeps the current owner (or the requesting unit for a new column)."),
    )
    update_frequency_days = models.PositiveIntegerField(
        _("update at least every (days)"),
        null=True,
        blank=True,
        help_text=_("In principle at least once a quarter (90 days)."),
    )
    timeliness_hours = models.PositiveIntegerField(
        _("publish within (hours)"), null=True, blank=True
    )
    requirement = models.TextField(
        _("requirements"),
        blank=True,
        help_text=_("What the new column is for, or what should change."),
    )
    planned_date = models.DateField(_("planned date online / offline"), null=True, blank=True)
    reason = models.TextField(_("reason for the request"))
    unit_leader_opinion = models.TextField(_("opinion of the unit's leader"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("column change request")
        verbose_name_plural = _("column change requests")
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_columnchangerequest", _("Can approve column change requests"))]

    def __str__(self) -> str:
        return f"{self.get_operation_display()} · {self.column_name or self.page_id}"

    def save(self, *args, **kwargs):
        # The column's name as it was when the request was filed, whoever files it.
        if self._state.adding and self.page_id:
            self.column_name = self.page.title
        super().save(*args, **kwargs)


class AccountRequest(DecidedRequest):
    """网站账号申请审批表: an admin account that exists only once the request is approved."""

    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("requested account name"), max_length=150)
    role = models.CharField(
        _("requested permissions (role)"),
        max_length=32,
        choices=[(role.key, role.group_name) for role in DEFAULT_ROLES],
    )
    reason = models.TextField(_("reason for the account"))
    holder_name = models.CharField(_("account holder"), max_length=150)
    phone = models.CharField(_("contact phone"), max_length=32)
    email = models.EmailField(_("email"), blank=True)
    valid_from = models.DateField(_("account valid from"))
    valid_until = models.DateField(_("account valid until"))
    leader_opinion = models.TextField(_("opinion of the leader in charge"), blank=True)
    created_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_accountrequest", _("Can approve account requests"))]

    def __str__(self) -> str:
        return f"{self.username} · {self.unit}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.username and get_user_model().objects.filter(username=self.username).exists():
            errors["username"] = _("An account with this name already exists.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)


class OfficerChangeKind(models.TextChoices):
    APPOINTED = "appointed", _("Information officer appointed")
    RELIEVED = "relieved", _("Information officer relieved")


class InformationOfficerChange(models.Model):
    """信息员登记/变更表: a change of a unit's information officers and its filing.

    Created automatically when ``UnitMembership.is_information_officer`` changes; the unit
    then files the form (handover checklist, leader in charge) within 3 working days.
    """

    unit = models.ForeignKey(
        "wagtail_gov_review.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="officer_changes",
    )
    kind = models.CharField(_("change"), max_length=16, choices=OfficerChangeKind.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("information officer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer_name = models.CharField(_("information officer (name)"), max_length=150)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    leader_name = models.CharField(_("leader in charge"), max_length=150, blank=True)
    leader_phone = models.CharField(_("leader's phone"), max_length=32, blank=True)
    officer_phone = models.CharField(_("officer's phone"), max_length=32, blank=True)
    told_account = models.BooleanField(
        _("told the unit's admin account and password"), default=False
    )
    told_rules = models.BooleanField(
        _("told the submission rules and review principles"), default=False
    )
    told_timeliness = models.BooleanField(
        _("told the update deadlines of each column"), default=False
    )
    told_leader_info = models.BooleanField(
        _("told the reporting rules for leader activities"), default=False
    )
    told_workflow = models.BooleanField(_("told how to submit items in the admin"), default=False)
    reported_at = models.DateTimeField(
        _("filed with the data center at"), null=True, blank=True, editable=False
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("information officer change")
        verbose_name_plural = _("information officer register")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()} · {self.officer_name}"

    @property
    def is_unfiled(self) -> bool:
        return self.reported_at is None
