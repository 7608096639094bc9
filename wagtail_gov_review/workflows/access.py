"""Who may act at a stage: groups (per column), unit scope and segregation of duties.

The rules, in the order they are checked (the first that fails gives the refusal):

1. the user is in the stage's groups for the item's column (``ColumnStageAssignment``, falling
   back to the task's groups), or is a superuser;
2. the user belongs to the item's unit (``UnitMembership``), or to a central unit
   (``CENTRAL_UNIT_KINDS``: data center, government office), or is a superuser;
3. the user did not submit the item and did not write the revision under review;
4. the user has not already approved another stage of the same run on the same revision.

Rules 3 and 4 hold for superusers too. Every refusal is a sentence the user can read.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState

from ..models import Column
from ..models.stages import ColumnStageAssignment
from ..security.scoping import page_unit, sees_everything, user_unit_ids
from .under_review import latest_content, task_state_item


def stage_groups(task, page) -> QuerySet[Group]:
    """Groups acting at ``task``'s stage for ``page``: the nearest column assignment wins."""
    if isinstance(page, Page):
        columns = Column.objects.filter(
            page__in=Page.objects.ancestor_of(page, inclusive=True)
        ).order_by("-page__depth")
        for column in columns:
            assignment = ColumnStageAssignment.objects.filter(
                column=column, stage=task.stage
            ).first()
            if assignment is not None:
                return assignment.groups.all()
    return task.groups.all()


def in_stage_groups(task, page, user) -> bool:
    return stage_groups(task, page).filter(pk__in=user.groups.values("pk")).exists()


def in_unit_scope(page, user) -> bool:
    """Whether the user works for the item's unit or for a central unit (the admin's rule)."""
    if sees_everything(user):
        return True
    unit = page_unit(page)
    return unit is not None and unit.pk in user_unit_ids(user)


def scope_refusal(task, page, user) -> str | None:
    """Rules 1 and 2: is the user a reviewer of this stage for this item at all?"""
    if not user.is_authenticated or not user.is_active:
        return _("Log in to review.")
    if not user.is_superuser and not in_stage_groups(task, page, user):
        return _("You are not a reviewer of the stage “%(stage)s” for this item.") % {
            "stage": task.get_stage_display()
        }
    if not in_unit_scope(page, user):
        unit = page_unit(page)
        return _(
            "This item belongs to %(unit)s; reviewers of other units cannot see or review it."
        ) % {"unit": unit.name if unit else _("no unit")}
    return None


def duty_refusal(task_state: TaskState, user) -> str | None:
    """Rules 3 and 4 (segregation of duties), for superusers too."""
    workflow_state = task_state.workflow_state
    if user.pk in (workflow_state.requested_by_id, task_state.revision.user_id):
        return _(
            "You submitted this item or wrote the version under review; "
            "someone else must review it."
        )
    earlier = (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            revision_id=task_state.revision_id,
            status=TaskState.STATUS_APPROVED,
            finished_by=user,
        )
        .exclude(pk=task_state.pk)
        .select_related("task")
        .first()
    )
    if earlier is not None:
        stage = getattr(earlier.task.specific, "get_stage_display", lambda: earlier.task.name)()
        return _(
            "You already approved the stage “%(stage)s” of this version; "
            "one person cannot approve two stages."
        ) % {"stage": stage}
    return None


def refusal(task, task_state: TaskState, user) -> str | None:
    """Why ``user`` may not decide ``task_state`` (None: they may), judged on the revision
    under review (its issuing unit), not on the live row."""
    page = task_state_item(task_state)
    return scope_refusal(task, page, user) or duty_refusal(task_state, user)


def current_task_state_for(task, obj) -> TaskState | None:
    state = getattr(obj, "current_workflow_task_state", None)
    if state is not None and state.task_id == task.pk:
        return state
    return None


# Cached in place of a reason when a listing judged a row refused in bulk: the reason itself
# (a sentence) is only worked out if something asks for it (a lock message).
_REFUSED = object()


def _refusal_key(task, object_id) -> tuple:
    return ("refusal", task.pk, str(object_id))


def refusal_for_page(task, obj, user) -> str | None:
    """Why ``user`` may not decide ``obj``'s current task state at ``task``."""
    cache = _cache(user)
    key = _refusal_key(task, obj.pk)
    if cache.get(key, _REFUSED) is _REFUSED:
        state = current_task_state_for(task, obj)
        if state is None:
            cache[key] = scope_refusal(task, latest_content(obj), user)
        else:
            cache[key] = refusal(task, state, user)
    return cache[key]


def is_refused(task, obj, user) -> bool:
    """Whether ``user`` may not decide ``obj`` at ``task``; free for rows a listing judged in
    bulk (``remember_judged``), where Wagtail asks once per row (locks, buttons)."""
    cached = _cache(user).get(_refusal_key(task, obj.pk))
    if cached is _REFUSED:
        return True
    return refusal_for_page(task, obj, user) is not None


def remember_decidable(task, task_states: list[TaskState], user) -> None:
    """Record for this request that ``user`` may decide these task states of ``task`` (a
    dashboard then asks ``refusal_for_page`` for each row without new queries)."""
    remember_judged(task, task_states, [], user)


def remember_judged(task, allowed: list[TaskState], refused: list[TaskState], user) -> None:
    """Record for this request which current task states of ``task`` ``user`` may decide
    (``allowed``) and may not (``refused``, reason worked out only when asked for)."""
    cache = _cache(user)
    for states, answer in ((allowed, None), (refused, _REFUSED)):
        for state in states:
            if state.workflow_state.current_task_state_id == state.pk:
                cache.setdefault(_refusal_key(task, state.workflow_state.object_id), answer)


def can_review_page(task, obj, user) -> bool:
    """Whether ``user`` may open the editor of ``obj`` while it is at ``task``."""
    return scope_refusal(task, latest_content(obj), user) is None


def _cache(user) -> dict:
    # One request asks the same question many times (menus, locks, panels); the cache lives
    # on the user object, which lives for one request.
    cache = getattr(user, "_gov_review_access_cache", None)
    if cache is None:
        cache = {}
        try:
            user._gov_review_access_cache = cache
        except AttributeError:
            pass
    return cache


def clear_cache(user) -> None:
    if hasattr(user, "_gov_review_access_cache"):
        user._gov_review_access_cache = {}
