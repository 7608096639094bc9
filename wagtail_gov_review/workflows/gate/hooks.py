"""Admin hooks of the publish gate: friendly Chinese messages before the model layer refuses.

The model layer (``GatedPublishPageRevisionAction`` and the ``pre_save`` catch-all) is what
enforces the gate; these hooks only make the admin say why, keep the draft and send the user
back to it instead of showing an error page.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from ...models import GovInfoPageMixin, ReviewAction, ReviewRecord
from ...refusals import PublishRefused
from . import passes
from .actions import GatedPublishPageRevisionAction
from .gate import PublishGate, gate_applies_to
from .models import PostPublishReview
from .post_publish import start_post_publish_review


def refusal_message(refusal: PublishRefused, title: str | None = None) -> str:
    reasons = "；".join(str(r) for r in refusal.reasons)
    if title:
        return _("Publishing of “%(title)s” was refused: %(reasons)s") % {
            "title": title,
            "reasons": reasons,
        }
    return _("Publishing was refused: %(reasons)s") % {"reasons": reasons}


@hooks.register("register_actions")
def register_gated_publish_action(registry):
    registry.register(GovInfoPageMixin, GatedPublishPageRevisionAction)


@hooks.register("register_permissions")
def register_emergency_permission():
    return Permission.objects.filter(
        content_type__app_label="wagtail_gov_review", codename="emergency_publish"
    )


@hooks.register("before_publish_page")
def gate_before_publish(request, page):
    """Edit and create views: refuse with the reasons, keeping the draft just saved."""
    page = page.specific
    if not gate_applies_to(page):
        return None
    revision = page.get_latest_revision()
    try:
        decision = PublishGate(revision=revision, user=request.user).check_and_log()
    except PublishRefused:
        # The edit page shows the archived refusal (see show_last_refusal).
        return redirect("wagtailadmin_pages:edit", page.pk)
    passes.grant(
        passes.GatePass(
            revision_id=revision.pk,
            user=request.user,
            emergency=decision.emergency,
            report=decision.report,
        )
    )
    return None


@hooks.register("after_publish_page")
def gate_after_publish(request, page):
    if not gate_applies_to(page.specific):
        return None

    if PostPublishReview.objects.filter(
        page_id=page.pk, completed_at__isnull=True, workflow_state__isnull=True
    ).exists():
        start_post_publish_review(page, request.user)
        messages.warning(
            request,
            _(
                "Published as emergency information before review. The item has been put "
                "into post-publish review."
            ),
        )
    return None


@hooks.register("before_edit_page")
def show_last_refusal(request, page):
    """Show why the current draft was refused (by any path: button, chain, schedule)."""
    if request.method != "GET" or not gate_applies_to(page.specific):
        return None
    latest = page.get_latest_revision()
    if latest is None or page.live_revision_id == latest.pk:
        return None
    record = (
        ReviewRecord.objects.filter(page_id_snapshot=page.pk, revision_id_snapshot=latest.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    if record is not None and record.action == ReviewAction.PUBLISH_REFUSED:
        messages.error(
            request, _("Publishing was refused: %(reasons)s") % {"reasons": record.opinion}
        )
    return None


def _bulk_targets(objects, action):
    include_descendants = False
    form = getattr(action, "cleaned_form", None)
    if form is not None:
        include_descendants = form.cleaned_data.get("include_descendants", False)
    for page in objects:
        yield page.specific
        if include_descendants:
            yield from page.get_descendants().not_live().specific()


@hooks.register("before_bulk_action")
def gate_before_bulk_publish(request, action_type, objects, action):
    """Bulk publish: if any selected item is refused, publish nothing and list why."""
    if action_type != "publish":
        return None
    refused = []
    for page in _bulk_targets(objects, action):
        if not gate_applies_to(page):
            continue
        revision = page.get_latest_revision()
        try:
            PublishGate(
                page=revision.as_object() if revision else page,
                revision=revision,
                user=request.user,
            ).check_and_log()
        except PublishRefused as refusal:
            refused.append(refusal_message(refusal, title=page.get_admin_display_title()))
    if not refused:
        return None
    messages.error(request, _("Nothing was published. ") + " ".join(refused))
    next_url = action.next_url
    if not next_url or next_url.split("?")[0] == request.path:
        parent = objects[0].get_parent() if objects else None
        next_url = (
            reverse("wagtailadmin_explore", args=[parent.pk])
            if parent
            else reverse("wagtailadmin_explore_root")
        )
    return redirect(next_url)


@hooks.register("before_copy_page")
def gate_before_copy_and_publish(request, page):
    """Copy-and-publish: a copy is a new item without a reviewed revision of its own."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    page = page.specific
    if not gate_applies_to(page):
        return None
    content = page.get_latest_revision_as_object()
    try:
        # Archived on the source item (the copy does not exist): who tried to publish what.
        PublishGate(page=content, revision=None, user=request.user).check_and_log()
    except PublishRefused as refusal:
        messages.error(
            request,
            _(
                "The copy was not made. %(refusal)s Copy without publishing, then submit the "
                "copy for review."
            )
            % {"refusal": refusal_message(refusal)},
        )
        return redirect(request.get_full_path())
    return None
