"""Mask personal data that was stored before the archive kept it masked.

``manage.py gov_review_mask_archive`` runs :class:`MaskStoredPersonalDataAction`: review
records (opinion, title, checklist, 校对报告), the comments of workflow task states and of the
page log, monitoring findings and inspection snapshots are rewritten with personal data masked
(``redaction.py``). Review records are append-only; they change only inside
``masking_personal_data()``, which the model and the database triggers both check, and only in
their text columns. Every changed row is logged (table, primary key, columns; never a value),
review records in Wagtail's audit log as well.

Page revisions are content, not archive, and are left alone: Wagtail's ``purge_revisions``
command removes old drafts (``--days``), the pre-脱敏 ones included.
"""

from __future__ import annotations

import logging
from collections import Counter

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, TaskState

from .checks.mask import stored_text
from .inspection.models import InspectionSnapshot
from .models.records import MASKABLE_FIELDS, ReviewRecord, masking_personal_data
from .monitoring.models import ScanFinding
from .redaction import (
    ARCHIVE_MASKED_ACTION,
    mask_personal_data,
    mask_personal_data_in,
    redact_review_record,
)

logger = logging.getLogger("wagtail_gov_review.archive")
# Page log entries whose data the plugin writes or that carry a reviewer's comment.
LOG_ACTION_PREFIXES = ("wagtail.workflow.", "gov_review.")


class MaskStoredPersonalDataAction:
    """Find stored raw personal data and mask it; ``dry_run`` only counts the rows."""

    def __init__(self, *, dry_run: bool = False, using: str = "default") -> None:
        self.dry_run = dry_run
        self.using = using
        self.changed: Counter[str] = Counter()

    def execute(self) -> Counter[str]:
        """Mask every kind of stored text; returns the number of rows changed per kind."""
        with masking_personal_data(self.using):
            self._review_records()
            self._task_state_comments()
            self._page_log_entries()
            self._scan_findings()
            self._inspection_snapshots()
            if self.dry_run:
                transaction.set_rollback(True, using=self.using)
        return self.changed

    # -- one method per kind of stored text ----------------------------------------------------

    def _review_records(self) -> None:
        for record in ReviewRecord.objects.using(self.using).order_by("pk").iterator():
            before = {name: getattr(record, name) for name in MASKABLE_FIELDS}
            redact_review_record(record)
            changes = {
                n: getattr(record, n) for n in MASKABLE_FIELDS if getattr(record, n) != before[n]
            }
            if changes:
                ReviewRecord.objects.using(self.using).filter(pk=record.pk).update(**changes)
                self._logged("review record", record.pk, changes)
                log(instance=record, action=ARCHIVE_MASKED_ACTION, data={"fields": sorted(changes)})

    def _task_state_comments(self) -> None:
        states = TaskState.objects.using(self.using).exclude(comment="").order_by("pk")
        for pk, comment in states.values_list("pk", "comment").iterator():
            masked = mask_personal_data(comment)
            if masked != comment:
                TaskState.objects.using(self.using).filter(pk=pk).update(comment=masked)
                self._logged("task state", pk, {"comment": masked})

    def _page_log_entries(self) -> None:
        entries = PageLogEntry.objects.using(self.using).order_by("pk")
        for prefix in LOG_ACTION_PREFIXES:
            for pk, data in entries.filter(action__startswith=prefix).values_list("pk", "data"):
                masked = mask_personal_data_in(data)
                if masked != data:
                    PageLogEntry.objects.using(self.using).filter(pk=pk).update(data=masked)
                    self._logged("page log entry", pk, {"data": masked})

    def _scan_findings(self) -> None:
        findings = ScanFinding.objects.using(self.using).filter(code__startswith="pii.")
        for finding in findings.order_by("pk").iterator():
            masked = stored_text(finding.code, finding.text)
            if masked == finding.text:
                continue
            fingerprint = ScanFinding.make_fingerprint(
                f"{finding.page_id}:{finding.field}", finding.code, masked
            )
            same = ScanFinding.objects.using(self.using).filter(
                source=finding.source, page_id=finding.page_id, fingerprint=fingerprint
            )
            if same.exists():  # already recorded in the masked form by a newer scan
                finding.delete()
                self._logged("monitoring finding (duplicate, deleted)", finding.pk, {})
                continue
            changes = {
                "text": masked,
                "message": finding.message.replace(finding.text, masked),
                "suggestion": finding.suggestion.replace(finding.text, masked),
                "fingerprint": fingerprint,
            }
            ScanFinding.objects.using(self.using).filter(pk=finding.pk).update(**changes)
            self._logged("monitoring finding", finding.pk, changes)

    def _inspection_snapshots(self) -> None:
        snapshots = InspectionSnapshot.objects.using(self.using).order_by("pk")
        for pk, results in snapshots.values_list("pk", "results"):
            masked = mask_personal_data_in(results)
            if masked != results:
                InspectionSnapshot.objects.using(self.using).filter(pk=pk).update(results=masked)
                self._logged("inspection snapshot", pk, {"results": masked})

    def _logged(self, kind: str, pk: int, changes: dict) -> None:
        self.changed[kind] += 1
        logger.info(
            "%s personal data in %s #%s (%s)",
            "Would mask" if self.dry_run else "Masked",
            kind,
            pk,
            ", ".join(sorted(changes)) or "-",
        )
