"""A reviewer's decision on a task state, shaped like Wagtail's actions.

``ReviewDecision(task, task_state, user, action, data)``: ``check()`` raises ``ReviewRefused``
(a ``PermissionDenied`` with a sentence for the user) when the decision must not happen;
``execute()`` locks the task state row, checks again, writes the review record and calls
Wagtail's own ``TaskState.approve()`` / ``reject()``, which move the workflow on.

Two reviewers deciding the same task state at once: the row lock (``SELECT … FOR UPDATE``;
on SQLite, which ignores it, a write that takes the database lock) makes the second wait
until the first has committed; it then finds the state no longer in progress and is refused.
"""

from __future__ import annotations

import time

from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from ..models import ReviewAction
from ..redaction import mask_personal_data
from .access import clear_cache, refusal
from .records import write_record

ACTIONS = {"approve": ReviewAction.APPROVE, "reject": ReviewAction.REJECT}


class ReviewRefused(PermissionDenied):
    """A decision the rules do not allow; ``str()`` is the message for the user."""


def lock_task_state(pk: int) -> TaskState:
    """Lock and reload a task state row; call inside a transaction."""
    if connection.vendor == "sqlite":
        # SQLite has no row locks: a write takes the database write lock until commit.
        TaskState.objects.filter(pk=pk).update(status=F("status"))
    return TaskState.objects.select_for_update().get(pk=pk)


class ReviewDecision:
    retries = 50  # SQLite only: how often to retry when the database is locked
    retry_delay = 0.05

    def __init__(self, task, task_state: TaskState, user, action: str, data: dict | None = None):
        self.task = task
        self.task_state = task_state
        self.user = user
        self.action = action
        self.data = dict(data or {})
        self.form = None

    # -- check ---------------------------------------------------------------------------

    def check(self, task_state: TaskState | None = None) -> None:
        state = task_state or self.task_state
        if self.action not in ACTIONS:
            raise ReviewRefused(_("Unknown review action."))
        if state.task_id != self.task.pk:
            raise ReviewRefused(_("This decision does not belong to this stage."))
        if state.status != TaskState.STATUS_IN_PROGRESS:
            raise ReviewRefused(
                _("This stage has already been decided (%(status)s); reload the page.")
                % {"status": state.get_status_display()}
            )
        clear_cache(self.user)
        reason = refusal(self.task, state, self.user)
        if reason:
            raise ReviewRefused(reason)
        self.form = self._validated_form(state)

    def _validated_form(self, state: TaskState):
        # The data is validated again here: the edit view passes client-side JSON straight
        # to on_action, so the modal's validation alone proves nothing.
        data = {k: v for k, v in self.data.items() if v not in (False, None)}
        data["gov_task_state"] = state.pk
        form = self.task.get_form_for_action(self.action)(data=data)
        if not form.is_valid():
            errors = "；".join(str(e) for errors in form.errors.values() for e in errors)
            raise ReviewRefused(_("The decision is incomplete: %(errors)s") % {"errors": errors})
        return form

    # -- execute -------------------------------------------------------------------------

    def run(self) -> TaskState:
        """check() then execute(), retrying while SQLite reports the database locked."""
        attempts = self.retries if not connection.in_atomic_block else 1
        for attempt in range(attempts):
            try:
                self.task_state.refresh_from_db()
                self.check()
                return self.execute()
            except OperationalError as error:
                if "locked" not in str(error) or attempt == attempts - 1:
                    raise
                time.sleep(self.retry_delay)
        raise AssertionError("unreachable")

    def execute(self) -> TaskState:
        with transaction.atomic():
            state = lock_task_state(self.task_state.pk).specific
            self.check(state)  # again, under the lock: the state may have moved on
            self._record(state)
            # Wagtail keeps the comment in the task state and the page's log: masked there too.
            comment = mask_personal_data(self.form.cleaned_data["comment"])
            if self.action == "approve":
                state.approve(user=self.user, comment=comment)
            else:
                state.reject(user=self.user, comment=comment)
        self.task_state.refresh_from_db()
        return state

    def _record(self, state: TaskState) -> None:
        checklist = {}
        if self.action == "approve":
            checklist = self.form.checklist_answers()
            warnings = state.gov_warnings if hasattr(state, "gov_warnings") else []
            if warnings:
                checklist["acknowledged_warnings"] = True
                checklist["warnings"] = warnings
        write_record(
            state,
            stage=self.task.stage,
            action=ACTIONS[self.action],
            user=self.user,
            opinion=self.form.cleaned_data["comment"],
            checklist=checklist,
        )
