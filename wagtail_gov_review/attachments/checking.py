"""Check one stored document or image file, once per file content and engine configuration.

Reading is bounded by ``checks.files.FileLimits``; a file the readers refuse (too large, a zip
bomb, unreadable …) is recorded as refused with the readers' Chinese message, and an item that
links it cannot be published, because nobody can tell what it contains. OCR (images, scanned
PDF pages) never runs in a request: the request records the file as pending and queues the
django-q2 job, which reads it and replaces the row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os

from django.db import transaction
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from ..checks import Finding
from ..checks.files import FileLimits, FileRefused, check_file, needs_ocr
from ..checks.mask import default_mask
from ..conf import gov_review_settings
from .models import FileCheck, FileCheckStatus
from .references import IMAGE

logger = logging.getLogger("wagtail_gov_review.attachments")

CHUNK_BYTES = 1 << 20
CHECK_JOB = "wagtail_gov_review.attachments.jobs.check_stored_file"

# sha256 by (storage name, Wagtail's own sha1): hashing is skipped for a file seen before.
_sha256_memo: dict[tuple[str, str], str] = {}
SHA256_MEMO_SIZE = 10_000


def ocr_enabled() -> bool:
    return bool(gov_review_settings.ATTACHMENTS["OCR"])


def file_limits() -> FileLimits:
    return FileLimits(**gov_review_settings.ATTACHMENTS["LIMITS"])


def file_name(obj) -> str:
    return os.path.basename(obj.file.name or "")


def file_sha256(obj) -> str:
    """sha256 of the stored file, read in chunks (flat memory for any size)."""
    memo_key = (obj.file.name, getattr(obj, "file_hash", "") or "")
    if memo_key[1] and memo_key in _sha256_memo:
        return _sha256_memo[memo_key]
    digest = hashlib.sha256()
    with obj.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    if memo_key[1]:
        if len(_sha256_memo) >= SHA256_MEMO_SIZE:
            _sha256_memo.clear()  # bounded memory in a long-running worker
        _sha256_memo[memo_key] = digest.hexdigest()
    return digest.hexdigest()


def masked_finding(finding) -> dict:
    """A finding as stored: personal data masked, its place in the file kept."""
    data = finding.to_dict()
    if finding.code.startswith("pii."):
        data["text"] = default_mask(finding.code, finding.text)
    data["location"] = dict(getattr(finding, "location", None) or {})
    return data


_FINDING_FIELDS = {field.name for field in dataclasses.fields(Finding)}


def stored_finding(data: dict) -> Finding:
    """Turn a stored (masked) finding back into a ``Finding`` for reports."""
    return Finding(**{key: value for key, value in data.items() if key in _FINDING_FIELDS})


@dataclasses.dataclass
class _Outcome:
    status: str
    findings: list[dict] = dataclasses.field(default_factory=list)
    refusal_reason: str = ""
    message: str = ""


def _read(kind: str, obj, engine, *, ocr: bool) -> _Outcome:
    if kind == IMAGE and not ocr:
        return _Outcome(FileCheckStatus.CHECKED)  # an image holds no text without OCR
    try:
        with obj.file.open("rb") as handle:
            findings = check_file(
                engine, handle, name=file_name(obj), limits=file_limits(), ocr=ocr
            )
    except FileRefused as refused:
        return _Outcome(
            FileCheckStatus.REFUSED, refusal_reason=refused.reason, message=refused.message
        )
    except Exception:  # a reader bug must not make a file pass unchecked
        logger.exception("Reading %s %s failed", kind, obj.pk)
        return _Outcome(
            FileCheckStatus.REFUSED,
            refusal_reason="unreadable",
            message=_("The file could not be read."),
        )
    return _Outcome(FileCheckStatus.CHECKED, [masked_finding(f) for f in findings])


def _has_scanned_content(kind: str, obj) -> bool:
    """An image, or a document with pages only OCR can read (e.g. a scanned PDF)."""
    if kind == IMAGE:
        return True
    try:
        with obj.file.open("rb") as handle:
            return needs_ocr(handle, name=file_name(obj))
    except Exception:  # the reader will refuse it with its own message
        return False


def queue_check(kind: str, obj) -> None:
    """Check the file in the django-q2 worker once the current transaction commits."""
    pk = obj.pk

    def enqueue() -> None:
        async_task(CHECK_JOB, kind, pk, group="gov_review_files")

    transaction.on_commit(enqueue)


def stored_check(kind: str, obj, engine, config_key: str, *, in_worker: bool = False) -> FileCheck:
    """The check result of ``obj``'s file, read now unless it is cached or needs OCR.

    Outside the worker a file needing OCR is recorded as pending and queued; the worker
    (``in_worker=True``) reads it, OCR included, and replaces the pending row.
    """
    sha256 = file_sha256(obj)
    existing = FileCheck.objects.filter(sha256=sha256, config_key=config_key).first()
    if existing and (existing.status != FileCheckStatus.PENDING or not in_worker):
        return existing
    scanned = _has_scanned_content(kind, obj)
    ocr = scanned and ocr_enabled()
    if ocr and not in_worker:
        row, created = FileCheck.objects.get_or_create(
            sha256=sha256,
            config_key=config_key,
            defaults={
                "status": FileCheckStatus.PENDING,
                "file_name": file_name(obj)[:255],
                "scanned": True,
            },
        )
        if created:
            queue_check(kind, obj)
        return row
    outcome = _read(kind, obj, engine, ocr=ocr)
    row, _created = FileCheck.objects.update_or_create(
        sha256=sha256,
        config_key=config_key,
        defaults={
            "file_name": file_name(obj)[:255],
            "status": outcome.status,
            "findings": outcome.findings,
            "refusal_reason": outcome.refusal_reason,
            "message": outcome.message,
            "ocr_used": ocr,
            "scanned": scanned,
        },
    )
    return row
