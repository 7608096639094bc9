"""What a reviewer sees next to the approve/reject form: the report and the changes.

``review_context(task_state)`` gives the check report of the revision under review and a
field-level text diff against the *baseline*: the newest earlier revision that went live or that a
review task approved. ``{% gov_review_context task_state %}`` (templatetags/gov_review_editor.py)
renders it with ``wagtail_gov_review/editor/review_context.html``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Revision, TaskState

from ..content import page_texts
from .report import page_report

REVIEW_TEMPLATE = "wagtail_gov_review/editor/review_context.html"


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    status: str  # "added" | "removed" | "changed"
    html: SafeString  # the new text with <ins>/<del> marks, escaped


def baseline_revision(revision: Revision) -> Revision | None:
    """The newest revision before ``revision`` that went live or a review task approved."""
    candidates = Revision.objects.filter(
        base_content_type_id=revision.base_content_type_id,
        object_id=revision.object_id,
        created_at__lte=revision.created_at,
    ).exclude(pk=revision.pk)
    approved_ids = TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        revision__in=candidates,
    ).values("revision_id")
    obj = revision.content_object
    live_id = getattr(obj, "live_revision_id", None)
    condition = Q(pk__in=approved_ids)
    if live_id and live_id != revision.pk:
        condition |= Q(pk=live_id)
    return candidates.filter(condition).order_by("-created_at", "-pk").first()


def diff_html(old: str, new: str) -> SafeString:
    """Character-level diff of two texts: deletions in ``<del>``, insertions in ``<ins>``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(new[j1:j2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(old[i1:i2])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return mark_safe("".join(out))


def field_diffs(old_page, new_page) -> list[FieldDiff]:
    """Per-field diffs of the texts ``content.page_texts`` extracts; unchanged fields left out."""
    old = {t.field: t for t in page_texts(old_page)} if old_page is not None else {}
    new = {t.field: t for t in page_texts(new_page)}
    diffs: list[FieldDiff] = []
    for path, item in new.items():
        before = old.get(path)
        if before is None:
            diffs.append(FieldDiff(path, item.label, "added", diff_html("", item.text)))
        elif before.text != item.text:
            diffs.append(FieldDiff(path, item.label, "changed", diff_html(before.text, item.text)))
    for path, item in old.items():
        if path not in new:
            diffs.append(FieldDiff(path, item.label, "removed", diff_html(item.text, "")))
    return diffs


def review_context(task_state) -> dict:
    """Report and diff of the revision under review in ``task_state`` (a Wagtail TaskState).

    Keys: ``revision``, ``report`` (CheckReport), ``findings`` (panel rows), ``blocking_count``,
    ``warning_count``, ``baseline`` (Revision or None), ``diffs`` (list of FieldDiff).
    """
    revision = task_state.revision
    page = revision.as_object()
    report, rows = page_report(page)
    baseline = baseline_revision(revision)
    diffs = field_diffs(baseline.as_object() if baseline else None, page)
    return {
        "task_state": task_state,
        "revision": revision,
        "report": report,
        "findings": rows,
        "blocking_count": sum(1 for row in rows if row.is_blocking),
        "warning_count": sum(1 for row in rows if not row.is_blocking),
        "baseline": baseline,
        "diffs": diffs,
    }
