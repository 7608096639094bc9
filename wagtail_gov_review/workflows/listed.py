"""Items in a workflow, listed many to a page: what Wagtail asks per row, answered at once.

A page listing (the explorer) asks of every row in a workflow for its current task state and
task (``page.current_workflow_task``, each made specific with one query) and whether the row
is locked for the user (``ReviewTask.locked_for_user``: the full access rules, several queries
a row). ``prepare_listed_pages`` is called once with the rows of the listing page: it makes
the rows' task states and tasks specific in one query per type and judges all rows of each
review stage with ``decidable_task_states``, remembering the answers for the request. The
rows then cost no query of their own, however many items are waiting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from wagtail.models import Page, Task, TaskState

from .access import remember_judged
from .moderation import decidable_task_states
from .tasks import ReviewTask


def _current_task_states(pages: Iterable[Page]) -> list[TaskState]:
    """The in-progress current task states of the rows, from Wagtail's own prefetch
    (``prefetch_workflow_states``); rows without it are left to Wagtail."""
    states = []
    for page in pages:
        runs = getattr(page, "_current_workflow_states", None)
        if not runs:
            continue
        run = runs[0]
        if run.status == run.STATUS_IN_PROGRESS and run.current_task_state_id is not None:
            state = run.current_task_state
            state.workflow_state = run  # the run is at hand: no query to read it back
            states.append(state)
    return states


def _make_specific(states: list[TaskState]) -> None:
    """Give each task state its specific form (with the specific task and the run attached)
    so that ``current_workflow_task_state`` and ``current_workflow_task`` are free."""
    specific_states = TaskState.objects.filter(pk__in=[s.pk for s in states]).specific().in_bulk()
    tasks = Task.objects.filter(pk__in={s.task_id for s in states}).specific().in_bulk()
    for task in tasks.values():
        task.__dict__["specific"] = task  # ``Task.specific`` is a cached_property
    for state in states:
        specific = specific_states.get(state.pk)
        if specific is None:
            continue
        specific.workflow_state = state.workflow_state
        specific.task = tasks.get(state.task_id, state.task)
        specific.__dict__["specific"] = specific
        state.__dict__["specific"] = specific
        state.task = specific.task


def prepare_listed_pages(pages: Iterable[Page], user) -> None:
    """Answer once, for all ``pages`` of one listing page, what Wagtail asks per row."""
    states = _current_task_states(pages)
    if not states:
        return
    _make_specific(states)
    by_task: dict[int, list[TaskState]] = defaultdict(list)
    for state in states:
        by_task[state.task_id].append(state.specific)
    for task_states in by_task.values():
        task = task_states[0].task
        if not isinstance(task, ReviewTask):
            continue
        allowed = decidable_task_states(task, user, among=[s.pk for s in task_states])
        allowed_ids = {s.pk for s in allowed}
        refused = [s for s in task_states if s.pk not in allowed_ids]
        remember_judged(task, allowed, refused, user)
