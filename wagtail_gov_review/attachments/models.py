"""What the plugin stores about attached files: check results by file hash, and masked copies.

Personal data: ``FileCheck.findings`` keep personal data masked (``checks.mask``); the text read
from a file is never stored, it lives only in the memory of the process that checks the file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FileCheckStatus(models.TextChoices):
    CHECKED = "checked", _("Checked")
    PENDING = "pending", _("Waiting for text recognition")
    REFUSED = "refused", _("Could not be read")


class FileCheck(models.Model):
    """The check result of one file content (sha256) under one engine configuration.

    An unchanged file is read once: every item linking it, every edit view and the daily
    re-scan reuse the row. A changed term list or setting gives a new ``config_key``, so the
    file is read again with today's rules.
    """

    sha256 = models.CharField(max_length=64)
    config_key = models.CharField(max_length=64)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=FileCheckStatus.choices)
    # Findings with personal data masked: code, start, end, text, severity, message,
    # suggestion, location.
    findings = models.JSONField(default=list, blank=True)
    refusal_reason = models.CharField(max_length=32, blank=True)
    message = models.TextField(blank=True)
    # Images and scanned PDF pages: text only OCR can read. ``ocr_used`` says whether it did.
    scanned = models.BooleanField(default=False)
    ocr_used = models.BooleanField(default=False)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sha256", "config_key"], name="gov_review_file_check")
        ]
        verbose_name = _("file check")

    def __str__(self) -> str:
        return f"{self.file_name} {self.sha256[:12]} {self.status}"


class DeidentifiedCopy(models.Model):
    """A masked version of a document: who made it, from which file, and where the original is.

    The original file stays in storage under ``original_file``; the document now serves
    ``masked_file``. Nothing is overwritten.
    """

    document_id = models.PositiveBigIntegerField(db_index=True)
    document_title = models.CharField(max_length=255)
    original_file = models.CharField(max_length=255)
    original_sha256 = models.CharField(max_length=64)
    masked_file = models.CharField(max_length=255)
    masked_count = models.PositiveIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("de-identified copy")

    def __str__(self) -> str:
        return f"{self.document_title}: {self.original_file} → {self.masked_file}"
