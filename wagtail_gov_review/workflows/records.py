"""Writing the append-only review records of the chain, and reading what they say.

Every decision of the chain (check passed/failed, approve, reject, skip, resubmit) becomes one
``ReviewRecord`` with snapshots of who, in which role and unit, on which column and revision.
The forms (审批责任表, 保密审查表) and the statistics are built from these rows.
"""

from __future__ import annotations

from wagtail.models import Page, Revision, TaskState

from ..models import Column, ReviewAction, ReviewRecord
from ..people import display_name
from .under_review import content_of


def unit_and_column(page) -> tuple[str, str]:
    unit = page.get_gov_unit() if hasattr(page, "get_gov_unit") else None
    column = Column.for_page(page) if isinstance(page, Page) else None
    if unit is None and column is not None:
        unit = column.unit
    return (unit.name if unit else "", str(column) if column else "")


def role_of(user, task) -> str:
    """The user's groups that act at ``task``'s stage (or all their groups)."""
    if user is None:
        return ""
    names = list(user.groups.values_list("name", flat=True))
    stage_groups = (
        set(task.groups.values_list("name", flat=True)) if hasattr(task, "groups") else set()
    )
    acting = [n for n in names if n in stage_groups]
    if user.is_superuser and not acting:
        acting = [n for n in names] or ["superuser"]
    return "、".join(acting or names)


def write_record(
    task_state: TaskState,
    *,
    stage: str,
    action: str,
    user=None,
    opinion: str = "",
    checklist: dict | None = None,
    check_report: list | None = None,
    revision: Revision | None = None,
    role: str | None = None,
) -> ReviewRecord:
    """Append one record for a decision taken on ``task_state``."""
    revision = revision or task_state.revision
    # Unit and title as the recorded revision states them, not as the live row does.
    page = content_of(revision)
    unit_name, column_name = unit_and_column(page)
    return ReviewRecord.objects.create(
        page=page,
        page_id_snapshot=page.pk,
        page_title=(revision.object_str or str(page))[:255],
        revision=revision,
        revision_id_snapshot=revision.pk,
        workflow_state=task_state.workflow_state,
        task_state=task_state,
        stage=stage,
        action=action,
        user=user,
        user_name=display_name(user),
        role=role if role is not None else role_of(user, task_state.task.specific),
        unit_name=unit_name,
        column_name=column_name,
        opinion=opinion,
        checklist=checklist or {},
        check_report=check_report or [],
    )


def warnings_to_acknowledge(task_state: TaskState) -> list[dict]:
    """Warnings the automated check raised on this revision that no earlier human approval of
    the same run has acknowledged yet (the next stage's reviewer must acknowledge them)."""
    return warnings_to_acknowledge_each([task_state])[task_state.pk]


def warnings_to_acknowledge_each(task_states: list[TaskState]) -> dict[int, list[dict]]:
    """``warnings_to_acknowledge`` of many task states (by pk) in one query, for lists."""
    records = ReviewRecord.objects.filter(
        workflow_state_id__in={state.workflow_state_id for state in task_states},
        action__in=[ReviewAction.CHECK_PASSED, ReviewAction.APPROVE],
    ).order_by("created_at", "pk")
    by_run: dict[tuple, list[ReviewRecord]] = {}
    for record in records.only(
        "pk",
        "workflow_state_id",
        "revision_id",
        "action",
        "created_at",
        "check_report",
        "checklist",
    ):
        by_run.setdefault((record.workflow_state_id, record.revision_id), []).append(record)
    return {
        state.pk: _unacknowledged(by_run.get((state.workflow_state_id, state.revision_id), []))
        for state in task_states
    }


def _unacknowledged(records: list[ReviewRecord]) -> list[dict]:
    """The warnings of the newest passed check unless an approval since acknowledged them."""
    checks = [r for r in records if r.action == ReviewAction.CHECK_PASSED]
    if not checks:
        return []
    check = checks[-1]
    warnings = [f for f in check.check_report if f.get("severity") != "block"]
    if not warnings:
        return []
    for record in records:
        if (
            record.action == ReviewAction.APPROVE
            and record.created_at >= check.created_at
            and record.checklist.get("acknowledged_warnings")
        ):
            return []
    return warnings
