"""What the user sees right after a review decision or a submission.

Wagtail ends a decision taken in the page editor with "页面…已被更新。" and a redirect to the
column's explorer listing, and a decision on the workflow action URL with a redirect to the
page editor: reviewers may open neither once the stage has moved on, so they landed on the
dashboard under a red "没有权限访问". A submission that 智能校对 rejected at once ended with a
green "已经提交进行审核" and a redirect away from the 脱敏 buttons. This module replaces those
endings: a confirmation that names the decision and a page the user may open.
"""

from __future__ import annotations

from django.contrib import messages as django_messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page, WorkflowState

# Wagtail's own messages this module replaces (Wagtail's msgids, translated by Wagtail).
WAGTAIL_UPDATED = "Page '%(page_title)s' has been updated."
WAGTAIL_SUBMITTED = "Page '%(page_title)s' has been submitted for moderation."
WAGTAIL_CREATED_AND_SUBMITTED = "Page '%(page_title)s' created and submitted for moderation."


def confirm_decision(request: HttpRequest, page: Page, action: str) -> None:
    """Say what the reviewer just did, naming the item."""
    title = page.get_admin_display_title()
    if action == "approve":
        messages.success(request, _("Approved: “%(title)s”.") % {"title": title})
    else:
        messages.success(request, _("Sent back to the editor: “%(title)s”.") % {"title": title})


def after_decision_url(request: HttpRequest) -> str:
    """Where a reviewer goes after deciding: the page they came from, else the dashboard.

    Not the item's editor or its column listing: once the stage has moved on the reviewer
    may open neither.
    """
    return get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")


def queued_message_texts(request: HttpRequest) -> list[str]:
    """The texts of the messages waiting to be shown, left unread."""
    storage = django_messages.get_messages(request)
    texts = [str(message.message) for message in storage]
    storage.used = False  # reading marked them as shown; they are not yet
    return texts


def drop_messages(request: HttpRequest, msgids: tuple[str, ...], page: Page) -> None:
    """Remove Wagtail's messages ``msgids`` about ``page`` queued in this request.

    Django's message API has no removal: reading the storage marks every message as shown,
    so the ones to keep are added again. Call it once per request (a second read would see
    the kept ones twice) and only before a redirect.
    """
    title = page.get_admin_display_title()
    texts = [_(msgid) % {"page_title": title} for msgid in msgids]
    texts += [escape(text) for text in texts]
    storage = django_messages.get_messages(request)
    kept = [m for m in storage if not any(text in str(m.message) for text in texts)]
    for message in kept:
        storage.add(message.level, message.message, message.extra_tags)


def was_decision(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(request.POST.get("action-workflow-action"))


def was_submission(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(
        request.POST.get("action-submit") or request.POST.get("action-restart-workflow")
    )


def sent_back_at_once(page: Page) -> bool:
    """Whether the run just started is already back with the editor (智能校对 rejected it)."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES


def is_workflow_action_post(request: HttpRequest | None) -> bool:
    """Whether ``request`` posts a decision to Wagtail's workflow action URL."""
    match = getattr(request, "resolver_match", None)
    return (
        request is not None
        and request.method == "POST"
        and match is not None
        and match.view_name == "wagtailadmin_pages:workflow_action"
    )


def remember_refusal(request: HttpRequest, reason: str) -> None:
    """Show why a decision was refused and let the editor view know it did not happen."""
    messages.error(request, reason)
    request.gov_review_refused = True


def after_editor_action(request: HttpRequest, page: Page) -> HttpResponseRedirect | None:
    """``after_edit_page`` / ``after_create_page``: end decisions and refused submissions here."""
    if was_decision(request):
        drop_messages(request, (WAGTAIL_UPDATED,), page)
        if getattr(request, "gov_review_refused", False):
            # Not decided (e.g. no opinion): back to the editor, where the reviewer can retry.
            return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return HttpResponseRedirect(after_decision_url(request))
    if was_submission(request) and sent_back_at_once(page):
        drop_messages(request, (WAGTAIL_SUBMITTED, WAGTAIL_CREATED_AND_SUBMITTED), page)
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None
