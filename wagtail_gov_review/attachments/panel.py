"""The check report of one document or image, as its edit view shows it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from ..codes import SEVERITY_LABELS
from ..engine import current_engine, engine_version
from .deidentify import can_deidentify
from .references import DOCUMENT
from .report import PENDING_CODE, file_findings

REPORT_TEMPLATE = "wagtail_gov_review/attachments/report.html"


@dataclass(frozen=True)
class FileRow:
    label: str
    code: str
    severity: str
    severity_label: str
    text: str
    message: str
    suggestion: str

    @property
    def is_blocking(self) -> bool:
        return self.severity == "block"


def file_report_context(kind: str, obj) -> dict:
    """Rows of ``obj``'s findings (blocking first) and whether a masked copy can be made."""
    rows = [
        FileRow(
            label=label,
            code=f.code,
            severity=f.severity,
            severity_label=str(SEVERITY_LABELS.get(f.severity, f.severity)),
            text=f.text,
            message=f.message,
            suggestion=f.suggestion,
        )
        for _path, label, f in file_findings(kind, obj, current_engine(), engine_version())
    ]
    rows.sort(key=lambda row: not row.is_blocking)
    has_pii = any(row.code.startswith("pii.") for row in rows)
    maskable = kind == DOCUMENT and has_pii and can_deidentify(obj)
    return {
        "rows": rows,
        "blocking_count": sum(row.is_blocking for row in rows),
        "warning_count": sum(not row.is_blocking for row in rows),
        "pending": any(row.code == PENDING_CODE for row in rows),
        "deidentify_url": (
            reverse("gov_review_deidentify_document", args=[obj.pk]) if maskable else ""
        ),
    }
