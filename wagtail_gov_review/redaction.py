"""Personal data stays out of everything long-lived (issue 15 point 6).

Findings are stored in their masked form (``FieldFinding.to_dict``, ``CheckReport.summary``);
what people type — review opinions, withdrawal reasons, checklist notes — is run through the
engine's ``pii.*`` checks here and stored masked too. :func:`redact_review_record` is applied
to every review record before it is inserted (a ``pre_save`` receiver), so a writer that forgets
cannot archive a raw ID number; the archive is append-only, so what goes in must be clean.
"""

from __future__ import annotations

from typing import Any

from .checks import mask  # the engine loads spaCy: only when there is text to check
from .checks.mask import stored_text
from .engine import check_text

PII_PREFIX = "pii."
# Wagtail log action of ``gov_review_mask_archive`` on each review record it rewrote.
ARCHIVE_MASKED_ACTION = "gov_review.archive_masked"


def mask_personal_data(text: str) -> str:
    """``text`` with every personal-data finding masked (``138****5678``), the rest unchanged."""
    if not text or not isinstance(text, str):
        return text

    found = [f for f in check_text(text) if f.code.startswith(PII_PREFIX)]
    return mask(text, found) if found else text


def mask_personal_data_in(value: Any) -> Any:
    """A JSON value (dicts, lists, strings) with every string masked like free text.

    A stored finding (a dict with a ``pii.*`` code) has its ``text`` masked with the code's own
    operator as well, since the value alone lacks the context words a check needs.
    """
    if isinstance(value, str):
        return mask_personal_data(value)
    if isinstance(value, list):
        return [mask_personal_data_in(item) for item in value]
    if isinstance(value, dict):
        out = {key: mask_personal_data_in(item) for key, item in value.items()}
        code = value.get("code")
        if isinstance(code, str) and isinstance(value.get("text"), str):
            raw = value["text"]
            masked = stored_text(code, raw)
            if masked != raw:
                out["text"] = masked
                for key in ("message", "suggestion"):
                    if isinstance(out.get(key), str):
                        out[key] = out[key].replace(raw, masked)
        return out
    return value


def redact_review_record(record) -> None:
    """Mask personal data in a review record's free text and reports, before it is stored."""
    record.page_title = mask_personal_data(record.page_title)[:255]
    record.opinion = mask_personal_data(record.opinion)
    record.checklist = mask_personal_data_in(record.checklist)
    record.check_report = mask_personal_data_in(record.check_report)
