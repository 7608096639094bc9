"""A person marks monitoring findings resolved, with a note: one or many at once.

Only the findings of pages in the user's unit scope are touched (``scope_queryset``, the
admin's one rule); the others are counted, never named. Who and when are stored on the
finding (``resolved_by``, ``resolved_at``) with the note, masked for personal data like every
opinion that reaches the archive. A later run that still finds the problem reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..redaction import mask_personal_data
from ..security.scoping import scope_queryset
from .models import ScanFinding

# A listing page holds 50; callers refuse larger selections (a crafted request).
MAX_FINDINGS = 500


@dataclass(frozen=True)
class ResolveOutcome:
    resolved: int  # marked resolved now
    already: int  # in scope but resolved before
    out_of_scope: int  # another unit's, or no such finding


class ResolveFindings:
    """Mark the findings ``finding_ids`` resolved by ``user`` with ``note``."""

    def __init__(self, user, finding_ids: list[int], note: str):
        self.user = user
        self.finding_ids = list(dict.fromkeys(finding_ids))
        self.note = note.strip()

    def execute(self) -> ResolveOutcome:
        visible = scope_queryset(self.user, ScanFinding.objects.filter(pk__in=self.finding_ids))
        with transaction.atomic():
            in_scope = list(
                visible.select_for_update().values_list("pk", "resolved").order_by("pk")
            )
            open_ids = [pk for pk, resolved in in_scope if not resolved]
            resolved = ScanFinding.objects.filter(pk__in=open_ids, resolved=False).update(
                resolved=True,
                resolved_at=timezone.now(),
                resolved_by=self.user,
                resolution_note=mask_personal_data(self.note),
            )
        return ResolveOutcome(
            resolved=resolved,
            already=len(in_scope) - resolved,
            out_of_scope=len(self.finding_ids) - len(in_scope),
        )
