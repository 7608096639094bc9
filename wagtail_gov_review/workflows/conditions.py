"""When a conditional stage applies: read from the content under review (see under_review.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models.stages import StageCondition


def stage_applies(condition: str, page) -> tuple[bool, str]:
    """Whether a stage with ``condition`` applies to ``page``, and why not (for the record).

    ``page`` must carry the content of the revision under review, not the live row.
    """
    if condition == StageCondition.SENSITIVE_OR_EMERGENCY:
        applies = bool(
            getattr(page, "involves_sensitive", False) or getattr(page, "is_emergency", False)
        )
        return applies, _("The item involves no sensitive matter and is no emergency.")
    if condition == StageCondition.GOVERNMENT_NAME:
        applies = bool(getattr(page, "issued_in_government_name", False))
        return applies, _("The item is not issued in the government's name.")
    if condition == StageCondition.REPRINT:
        applies = getattr(page, "source_type", "") == "reprint"
        return applies, _("The item is not a reprint.")
    return True, ""


def skip_is_legitimate(condition: str | None, page) -> bool:
    """A skipped stage counts only if it is conditional (``condition``: its task's, None for
    a task without one) and its condition still does not apply to ``page`` (the revision
    being published)."""
    if not condition or condition == StageCondition.ALWAYS:
        return False
    applies, _reason = stage_applies(condition, page)
    return not applies
