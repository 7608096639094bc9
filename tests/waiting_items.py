"""Many items waiting at the first review stage, written in bulk for query-count tests.

Submitting through the editor costs seconds per item (the automated check runs); these tests
measure what the admin does with items already waiting, so the rows are written directly:
live notice pages (``bench/bulk_pages.py``), one revision each holding the page's content, and
a run whose current task state is the first human stage.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState, WorkflowState

from bench.bulk_pages import bulk_live_pages
from example_site.portal.models import NoticePage
from wagtail_gov_review.workflows.tasks import ReviewTask, ReviewTaskState


def first_review_task(page: Page) -> ReviewTask:
    workflow = page.get_workflow()
    return (
        ReviewTask.objects.filter(workflow_tasks__workflow=workflow)
        .order_by("workflow_tasks__sort_order")
        .first()
    )


def add_waiting_items(
    column_slug: str, count: int, *, owner: str = "editor", unit_id: int | None = None, **fields
) -> list[Page]:
    """``count`` new items of the column ``column_slug``, each waiting at the first stage
    (issued by ``unit_id`` if given, else by the column's unit)."""
    parent = Page.objects.get(slug=column_slug)
    user = get_user_model().objects.get(username=owner)
    start = parent.numchild
    rows = [
        {
            "title": f"待审信息{column_slug}{start + n}",
            "slug": f"w-{column_slug}-{start + n}",
            "unit": unit_id,
            **fields,
        }
        for n in range(count)
    ]
    pages = bulk_live_pages(parent, NoticePage, rows)
    task = first_review_task(parent)
    workflow = parent.get_workflow()
    page_type = ContentType.objects.get_for_model(NoticePage)
    base_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()
    for page in NoticePage.objects.filter(pk__in=[p.pk for p in pages]):
        revision = Revision.objects.create(
            content_type=page_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            object_str=page.title,
            content=page.serializable_data(),
            user=user,
            created_at=now,
        )
        Page.objects.filter(pk=page.pk).update(latest_revision=revision)
        run = WorkflowState.objects.create(
            content_type=page_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            workflow=workflow,
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=user,
        )
        state = ReviewTaskState.objects.create(
            workflow_state=run,
            task=task,
            revision=revision,
            status=TaskState.STATUS_IN_PROGRESS,
            content_type=ContentType.objects.get_for_model(ReviewTaskState),
        )
        WorkflowState.objects.filter(pk=run.pk).update(current_task_state=state)
    return pages
