"""Items waiting in the review chain: at which human stage, for which unit, and since when.

One question serves the manager's dashboard (counts per unit and stage, overdue items) and the
explorer's 审核环节 filter: a page *waits at a stage* when its workflow run is in progress and
the run's current task state is an in-progress ``ReviewTask`` of that stage. Everything is read
in a fixed number of queries, whatever the number of items waiting (issue 19, point 1).

The unit of a waiting item is the one its reviewers are chosen by (``workflows.moderation``):
the issuing unit stored in the revision under review, else the unit of its nearest column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, IntegerField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from ..conf import gov_review_settings
from ..listing import gov_item_models
from ..models.stages import HUMAN_STAGES
from ..monitoring.placement import Placement
from ..monitoring.timeliness import deadline_for, event_time, with_first_revision_at
from ..security.scoping import get_scope
from ..workflows.tasks import ReviewTask


def waiting_task_states(stage: str | None = None) -> QuerySet[TaskState]:
    """The current task state of every page waiting at a human stage (``stage`` if given),
    annotated with ``page_id``."""
    tasks = ReviewTask.objects.filter(active=True)
    if stage:
        tasks = tasks.filter(stage=stage)
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task_id__in=tasks.values("pk"),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        # the run's current step, not an older one of the same run
        workflow_state__current_task_state_id=F("pk"),
    ).annotate(page_id=Cast("workflow_state__object_id", IntegerField()))


def pages_waiting_at(stage: str) -> QuerySet:
    """Ids of the pages waiting at ``stage`` (a subquery for ``Page.objects.filter(pk__in=…)``)."""
    return waiting_task_states(stage).values("page_id")


@dataclass(frozen=True)
class WaitingItem:
    page: Page
    stage: str
    unit_id: int | None
    waiting_since: datetime
    overdue_reasons: tuple[str, ...]

    @property
    def is_overdue(self) -> bool:
        return bool(self.overdue_reasons)


STAGE_LABELS = dict(HUMAN_STAGES)


def _stage_deadline() -> timedelta | None:
    hours = gov_review_settings.DASHBOARD["STAGE_OVERDUE_HOURS"]
    return timedelta(hours=hours) if hours else None


def waiting_items(user, now: datetime | None = None) -> list[WaitingItem]:
    """Every item waiting at a human stage that ``user`` may see (unit scope), with its unit
    and why it is overdue, if it is. A fixed number of queries (one more per page type)."""
    now = now or timezone.now()
    states = waiting_task_states()
    scope = get_scope(user)
    if scope is not None:
        states = states.filter(page_id__in=Page.objects.filter(scope.accessible).values("pk"))
    item_types = {ContentType.objects.get_for_model(model).pk for model in gov_item_models()}
    rows = list(
        states.annotate(revision_unit=KT("revision__content__unit")).values_list(
            "page_id",
            "task__reviewtask__stage",
            "started_at",
            "revision_unit",
            "revision__content_type_id",
        )
    )
    pages = (
        with_first_revision_at(Page.objects.filter(pk__in=states.values("page_id")))
        .defer_streamfields()
        .specific()
        .in_bulk()
    )
    placement = Placement()
    stage_deadline = _stage_deadline()
    items = []
    for page_id, stage, started_at, revision_unit, content_type_id in rows:
        page = pages.get(page_id)
        if page is None:
            continue
        column = placement.column_for(page)
        unit_id = int(revision_unit) if revision_unit and content_type_id in item_types else None
        if unit_id is None:
            unit_id = column.unit_id if column else None
        if scope is not None and unit_id not in scope.unit_ids:
            continue  # its reviewers are another unit's: not this manager's item
        items.append(
            WaitingItem(
                page=page,
                stage=stage,
                unit_id=unit_id,
                waiting_since=started_at,
                overdue_reasons=tuple(
                    _overdue_reasons(page, column, started_at, stage_deadline, now)
                ),
            )
        )
    return items


def _overdue_reasons(page, column, started_at, stage_deadline, now) -> list[str]:
    reasons = []
    if stage_deadline is not None and now - started_at > stage_deadline:
        reasons.append("stage")
    deadline = deadline_for(column)
    event_at = event_time(page) if deadline else None
    if event_at is not None and now - event_at > deadline:
        reasons.append("column")
    return reasons
