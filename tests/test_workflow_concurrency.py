"""Two reviewers approving the same task state at the same moment: exactly one advance.

Real threads, real transactions (``transactional_db``): both decisions pass their first check
while the task state is still in progress; the row lock serialises them, and the second,
re-checking under the lock, is refused.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page, TaskState, WorkflowState

from example_site.portal.models import NoticePage
from wagtail_gov_review.models import ReviewAction, ReviewRecord, ReviewStage
from wagtail_gov_review.workflows import decisions
from wagtail_gov_review.workflows.decisions import ReviewRefused
from wagtail_gov_review.workflows.demo import approval_data

User = get_user_model()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_advance_the_chain_once(demo, monkeypatch):
    # A second first-stage reviewer of the same unit.
    other = User.objects.create_user("reviewer1b", email="r1b@demo.invalid", password="x" * 12)
    other.groups.add(Group.objects.get(name="初审初校"))
    other.gov_unit_memberships.create(
        unit=User.objects.get(username="reviewer1").gov_unit_memberships.get().unit
    )

    parent = Page.objects.get(slug="notices")
    editor = User.objects.get(username="editor")
    page = NoticePage(
        title="关于冬季供水保障的通知", slug="water", body="<p>冬季供水保障。</p>", owner=editor
    )
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    run = page.get_workflow().start(page, editor)
    state = run.current_task_state.specific
    assert state.task.specific.stage == ReviewStage.FIRST

    # Make the race certain: each decision waits, after its first check has seen the state
    # in progress, until the other has seen it too; then both go for the lock. The winner
    # holds it a moment so the loser really has to wait for it.
    real_check = decisions.ReviewDecision.check
    both_checked = threading.Barrier(2, timeout=20)
    first_checks: dict[str, str] = {}

    def racing_check(self, task_state=None):
        real_check(self, task_state)
        name = threading.current_thread().name
        if task_state is None and name not in first_checks:
            first_checks[name] = self.task_state.status
            both_checked.wait()

    real_lock = decisions.lock_task_state
    lock_holders = []

    def slow_lock(pk):
        locked = real_lock(pk)
        acquired = time.monotonic()
        threading.Event().wait(0.5)  # keep the transaction (and the lock) open
        lock_holders.append((threading.current_thread().name, acquired, time.monotonic()))
        return locked

    monkeypatch.setattr(decisions.ReviewDecision, "check", racing_check)
    monkeypatch.setattr(decisions, "lock_task_state", slow_lock)

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(username):
        try:
            user = User.objects.get(username=username)
            task_state = TaskState.objects.get(pk=state.pk).specific
            task = task_state.task.specific
            barrier.wait()
            task.on_action(task_state, user, "approve", **approval_data(task, f"{username} 同意"))
            outcomes[username] = "approved"
        except ReviewRefused as refused:
            outcomes[username] = refused
        except Exception as error:  # pragma: no cover - reported by the assertion below
            outcomes[username] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(name,), name=name)
        for name in ("reviewer1", "reviewer1b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    approved = [name for name, outcome in outcomes.items() if outcome == "approved"]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, ReviewRefused)]
    assert len(approved) == 1, outcomes
    assert len(refused) == 1, outcomes
    assert "已被处理" in str(refused[0])
    # both saw the state in progress before either decided: the race was real
    assert first_checks == {"reviewer1": "in_progress", "reviewer1b": "in_progress"}
    # the loser never held the lock while the winner did (without the lock it would have)
    winner = next(h for h in lock_holders if h[0] == approved[0])
    for name, acquired, _released in lock_holders:
        if name != approved[0]:
            assert acquired >= winner[2], lock_holders

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by.username == approved[0]
    assert (
        ReviewRecord.objects.filter(page_id_snapshot=page.pk, action=ReviewAction.APPROVE).count()
        == 1
    )
    run.refresh_from_db()
    assert run.status == WorkflowState.STATUS_IN_PROGRESS
    # exactly one second stage started
    assert run.current_task_state.task.specific.stage == ReviewStage.SECOND
    assert (
        TaskState.objects.filter(workflow_state=run, task=run.current_task_state.task).count() == 1
    )
