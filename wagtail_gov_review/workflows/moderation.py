"""Which in-progress task states of one review stage a user may decide, judged all at once.

``access.refusal`` answers for one task state and costs several queries (the revision's page,
the column assignments up the tree, the unit, the earlier approvals). Dashboards and lists ask
for every item waiting, so this module applies the same four rules (see ``access.py``) to all
of a stage's waiting task states with a fixed number of queries: the column assignments,
units and earlier approvals are read once and matched in memory (columns by tree path).

Task states that are not about a page (a snippet in a workflow) or that have no revision are
rare and keep going through ``access.refusal`` one by one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState

from ..models import Column, GovInfoPageMixin
from ..models.stages import ColumnStageAssignment
from ..security.scoping import sees_everything, user_unit_ids
from .access import refusal


def _ancestor_paths(path: str) -> list[str]:
    """``path`` and the paths of its ancestors, nearest first."""
    steplen = Page.steplen
    return [path[:end] for end in range(len(path), 0, -steplen)]


def _nearest(path: str, by_path: dict[str, object]):
    for ancestor in _ancestor_paths(path):
        if ancestor in by_path:
            return by_path[ancestor]
    return None


@dataclass
class _StageGroups:
    """Rule 1's data for one stage: the task's groups and the column assignments by path."""

    task_group_ids: set[int]
    assigned_by_path: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, task) -> _StageGroups:
        groups = cls(task_group_ids=set(task.groups.values_list("pk", flat=True)))
        rows = ColumnStageAssignment.objects.filter(stage=task.stage).values_list(
            "column__page__path", "groups__pk"
        )
        for path, group_id in rows:
            members = groups.assigned_by_path.setdefault(path, set())
            if group_id is not None:
                members.add(group_id)
        return groups

    def any_of(self, group_ids: set[int]) -> bool:
        every = set(self.task_group_ids)
        for members in self.assigned_by_path.values():
            every |= members
        return bool(every & group_ids)

    def for_path(self, path: str) -> set[int]:
        """The nearest column assignment wins, else the task's own groups."""
        assigned = _nearest(path, self.assigned_by_path)
        return self.task_group_ids if assigned is None else assigned


def _is_item_type(content_type_id: int) -> bool:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is not None and issubclass(model, GovInfoPageMixin)


def _revision_unit_id(task_state: TaskState) -> int | None:
    """The issuing unit stored in the revision under review (the rule reads the revision)."""
    if not _is_item_type(task_state.revision.content_type_id):
        return None
    return task_state.revision.content.get("unit")


def decidable_task_states(task, user, among: Collection[int] | None = None) -> list[TaskState]:
    """``task``'s in-progress task states that ``user`` may decide: the same answer as
    ``access.refusal(task, state, user) is None`` for each, in a constant number of queries.
    ``among``: only these task state ids (the rows of one listing page)."""
    if not user.is_authenticated or not user.is_active:
        return []
    stage_groups = _StageGroups.load(task)
    user_group_ids = set(user.groups.values_list("pk", flat=True))
    if not user.is_superuser and not stage_groups.any_of(user_group_ids):
        return []  # rule 1 fails for every item: no need to look at them
    waiting = task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
    if among is not None:
        waiting = waiting.filter(pk__in=among)
    states = list(waiting.select_related("workflow_state", "revision"))
    page_type_id = ContentType.objects.get_for_model(Page).pk
    page_states = [
        state
        for state in states
        if state.revision_id is not None
        and state.workflow_state.base_content_type_id == page_type_id
    ]
    judged_in_bulk = {state.pk for state in page_states}
    allowed = [
        state
        for state in states
        if state.pk not in judged_in_bulk and refusal(task, state, user) is None
    ]
    if not page_states:
        return allowed

    paths = dict(
        Page.objects.filter(
            pk__in={int(state.workflow_state.object_id) for state in page_states}
        ).values_list("pk", "path")
    )
    ancestors = {a for path in paths.values() for a in _ancestor_paths(path)}
    column_unit_by_path = dict(
        Column.objects.filter(page__path__in=ancestors).values_list("page__path", "unit_id")
    )
    everywhere = sees_everything(user)
    own_units = set() if everywhere else user_unit_ids(user)
    approved_before = set(
        TaskState.objects.filter(
            workflow_state_id__in={state.workflow_state_id for state in page_states},
            status=TaskState.STATUS_APPROVED,
            finished_by=user,
        ).values_list("workflow_state_id", "revision_id")
    )

    for state in page_states:
        path = paths.get(int(state.workflow_state.object_id))
        if path is None:
            continue
        # Rule 1: the stage's groups for the item's column.
        if not user.is_superuser and not (stage_groups.for_path(path) & user_group_ids):
            continue
        # Rule 2: the item's unit (issuing unit in the revision, else its column's unit).
        if not everywhere:
            unit_id = _revision_unit_id(state) or _nearest(path, column_unit_by_path)
            if unit_id not in own_units:
                continue
        # Rules 3 and 4: segregation of duties.
        if user.pk in (state.workflow_state.requested_by_id, state.revision.user_id):
            continue
        if (state.workflow_state_id, state.revision_id) in approved_before:
            continue
        allowed.append(state)
    return allowed
