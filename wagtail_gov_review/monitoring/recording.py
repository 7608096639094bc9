"""Store what a job found: insert new findings, refresh seen ones, resolve vanished ones.

Works a batch of pages at a time in a handful of queries. New rows go in with
``ignore_conflicts`` against the (source, page, fingerprint) unique constraint, so two
workers recording the same finding at once leave exactly one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from ..checks.mask import stored_text  # the engine package loads spaCy: only when used
from .models import ScanFinding, ScanRun


@dataclass(frozen=True)
class Problem:
    """A problem on a page, before it is stored."""

    page_id: int
    code: str
    severity: str
    text: str = ""
    message: str = ""
    suggestion: str = ""
    field: str = ""
    unit_id: int | None = None
    column_id: int | None = None

    @property
    def fingerprint(self) -> str:
        return ScanFinding.make_fingerprint(f"{self.page_id}:{self.field}", self.code, self.text)


def problems_from_report(page_id: int, report, *, unit_id=None, column_id=None, prefix=""):
    """``Problem`` objects from a ``scanning.CheckReport`` (or a list of engine findings).

    Personal data is stored masked (``checks.mask.stored_text``), like in review records; the
    fingerprint is then made of the masked text too, so no derivative of the raw value is kept.
    """
    findings = getattr(report, "findings", report)
    for item in findings:
        finding = getattr(item, "finding", item)
        field = getattr(item, "field", "")
        text = stored_text(finding.code, finding.text)
        yield Problem(
            page_id=page_id,
            code=finding.code,
            severity=finding.severity,
            text=text,
            message=finding.message.replace(finding.text, text),
            suggestion=(finding.suggestion or "").replace(finding.text, text),
            field=f"{prefix}{field}",
            unit_id=unit_id,
            column_id=column_id,
        )


def record(
    source: str,
    page_ids: Iterable[int],
    problems: Iterable[Problem],
    *,
    run: ScanRun | None = None,
    resolve_missing: bool = True,
) -> int:
    """Record ``problems`` found by ``source`` on ``page_ids``; return how many were stored.

    Findings of the same source on those pages that were not found again are resolved.
    """
    page_ids = list(page_ids)
    now = timezone.now()
    unique = {p.fingerprint: p for p in problems}
    if unique:
        ScanFinding.objects.bulk_create(
            [
                ScanFinding(
                    source=source,
                    page_id=p.page_id,
                    unit_id=p.unit_id,
                    column_id=p.column_id,
                    last_run=run,
                    field=p.field[:255],
                    code=p.code,
                    severity=p.severity,
                    text=p.text,
                    message=p.message,
                    suggestion=p.suggestion,
                    fingerprint=fingerprint,
                    first_seen=now,
                    last_seen=now,
                )
                for fingerprint, p in unique.items()
            ],
            ignore_conflicts=True,
        )
        # Rows that existed before (or that another worker just inserted) are seen again.
        ScanFinding.objects.filter(source=source, fingerprint__in=list(unique)).update(
            last_seen=now,
            last_run=run,
            resolved=False,
            resolved_at=None,
            resolved_by=None,
            resolution_note="",
        )
    if resolve_missing and page_ids:
        ScanFinding.objects.filter(source=source, page_id__in=page_ids, resolved=False).exclude(
            fingerprint__in=list(unique)
        ).update(resolved=True, resolved_at=now)
    return len(unique)
