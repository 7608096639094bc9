"""The content a chain decision is about: the revision under review, never the live row.

A live item keeps serving its published version while a new revision is reviewed, so its page
row says nothing about what the reviewers see. Stage conditions, routing (unit, reviewers,
notifications) and the records' reasons read the revision; only the item's place in the tree
(column, workflow) comes from the row, which ``Revision.as_object()`` keeps.
"""

from __future__ import annotations

from wagtail.models import Page, Revision, TaskState, WorkflowState


def _specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def content_of(revision: Revision):
    """The specific page as ``revision`` stores it (remembered on the revision object)."""
    if not hasattr(revision, "_gov_content"):
        revision._gov_content = _specific(revision.as_object())
    return revision._gov_content


def revision_under_review(workflow_state: WorkflowState) -> Revision | None:
    """The revision the run reviews next: the item's latest revision (re-approval on edit)."""
    obj = workflow_state.content_object
    return obj.get_latest_revision() if obj is not None else None


def item_under_review(workflow_state: WorkflowState):
    """The specific page with the content of the revision under review."""
    revision = revision_under_review(workflow_state)
    if revision is None:
        return _specific(workflow_state.content_object)
    return content_of(revision)


def task_state_item(task_state: TaskState):
    """The specific page with the content of the revision ``task_state`` decides on."""
    if task_state.revision_id is None:
        return _specific(task_state.workflow_state.content_object)
    return content_of(task_state.revision)


def latest_content(page):
    """A page's latest revision as a specific page (the page itself if it has none)."""
    if not isinstance(page, Page):
        return page
    revision = page.get_latest_revision()
    return content_of(revision) if revision is not None else page.specific
