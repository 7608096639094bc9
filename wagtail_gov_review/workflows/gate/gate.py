"""``PublishGate``: may this revision of an item go live now? One answer for every path.

Shaped like Wagtail's actions: the constructor takes everything, ``check()`` raises
``PublishRefused`` with every reason at once, the side effects (review records, the
post-publish review of an emergency publish) sit in small methods called after.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, PageLogEntry

from ...conf import gov_review_settings
from ...models import Disclosure, GovInfoPageMixin, ReviewAction, ReviewRecord, ReviewStage
from ...people import display_name
from ...refusals import PublishRefused, RefusalReason
from ...scanning import check_page, check_revision
from ..changes import previous_revision
from ..status import review_completed_for
from .models import PostPublishReview

logger = logging.getLogger("wagtail_gov_review.gate")

EMERGENCY_PERMISSION = "wagtail_gov_review.emergency_publish"


def gate_applies_to(page) -> bool:
    """The gate acts on pages using GovInfoPageMixin, while ``GATE["ENABLED"]`` is on."""
    return isinstance(page, GovInfoPageMixin) and gov_review_settings.GATE["ENABLED"]


@dataclass
class GateDecision:
    """What the gate let through: ``emergency`` means unreviewed, by emergency permission."""

    revision_id: int | None
    emergency: bool = False
    report: object | None = None  # scanning.CheckReport


def _local(value: datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def real_first_published_at(page) -> datetime | None:
    """When the item really went live first: Wagtail's earliest publish log entry.

    Falls back to the stored page row only if that row shows a past publication, because the
    edit view writes a never-published page's form values to its row before publishing.
    """
    if not page.pk:
        return None
    first_log = (
        PageLogEntry.objects.filter(
            page_id=page.pk,
            action__in=["wagtail.publish", "wagtail.publish.scheduled"],
        )
        .order_by("timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    if first_log:
        return first_log

    row = Page.objects.filter(pk=page.pk).values("first_published_at", "last_published_at").first()
    if row and row["last_published_at"]:
        return row["first_published_at"]
    return None


# Revision content keys that Wagtail updates on every save: not what reviewers approve.
BOOKKEEPING_KEYS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live",
    "live_revision",
    "last_published_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    "expired",
    "wagtail_admin_comments",
}


def same_content(a: dict, b: dict) -> bool:
    """Two revisions' content is equal apart from Wagtail's bookkeeping."""
    keys = (set(a) | set(b)) - BOOKKEEPING_KEYS
    return all(a.get(key) == b.get(key) for key in keys)


class PublishGate:
    """Decide whether ``revision`` (or, for a page inserted live, ``page``) may go live.

    :param page: the specific page (defaults to the revision's content)
    :param revision: the revision being published; ``None`` only for pages inserted live
    :param user: the publishing user, if known (needed for emergency publishing)
    """

    def __init__(self, page=None, revision=None, user=None):
        if page is None and revision is None:
            raise ValueError("PublishGate needs a page or a revision.")
        self.revision = revision
        self.page = page if page is not None else revision.as_object()
        self.user = user if user is not None and user.is_authenticated else None
        self.settings = gov_review_settings.GATE

    @property
    def applies(self) -> bool:
        return gate_applies_to(self.page)

    # -- the checks ---------------------------------------------------------------------------

    def check(self) -> GateDecision:
        """Return the decision, or raise ``PublishRefused`` listing every reason."""
        decision = GateDecision(revision_id=self.revision.pk if self.revision else None)
        if not self.applies:
            return decision
        reasons: list[RefusalReason] = []
        reasons += self._disclosure_reasons()
        reasons += self._attribute_reasons()
        reasons += self._backdating_reasons()
        if self.settings["BLOCK_ON_FINDINGS"]:
            decision.report = self._report()
            reasons += self._finding_reasons(decision.report)
        if self.settings["REQUIRE_REVIEW"] and not self._review_completed():
            if self.emergency_allowed():
                decision.emergency = True
            else:
                reasons.append(
                    RefusalReason(
                        "review",
                        _(
                            "This version has not completed the review chain; submit it for "
                            "review and publish it after the final approval."
                        ),
                    )
                )
        if reasons:
            raise PublishRefused(
                reasons, page=self.page, revision=self.revision, report=decision.report
            )
        return decision

    def _disclosure_reasons(self) -> list[RefusalReason]:
        reasons = []
        if self.page.disclosure == Disclosure.NOT_PUBLIC:
            reasons.append(
                RefusalReason(
                    "not_public",
                    _("Items marked as not disclosed are never published on the portal."),
                )
            )
        if self.page.involves_secret:
            reasons.append(
                RefusalReason(
                    "secret",
                    _("Items involving state or work secrets must not be published on the portal."),
                )
            )
        return reasons

    def _attribute_reasons(self) -> list[RefusalReason]:
        return [
            RefusalReason("attributes", str(message))
            for messages in self.page.gov_attribute_errors().values()
            for message in messages
        ]

    def _backdating_reasons(self) -> list[RefusalReason]:
        tolerance = timedelta(minutes=self.settings["BACKDATE_TOLERANCE_MINUTES"])
        now = timezone.now()
        # The moment the editor set the dates: the revision's creation. A scheduled publish
        # runs after its go-live time, which is not backdating.
        set_at = min(self.revision.created_at, now) if self.revision else now
        reasons = []
        go_live_at = self.page.go_live_at
        if go_live_at and go_live_at < set_at - tolerance:
            reasons.append(
                RefusalReason(
                    "backdated",
                    _(
                        "The go-live time %(value)s is earlier than the time it was set "
                        "(%(set_at)s). Backdating publish dates is not allowed."
                    )
                    % {"value": _local(go_live_at), "set_at": _local(set_at)},
                )
            )
        first_published_at = self.page.first_published_at
        if first_published_at:
            real = real_first_published_at(self.page)
            if real is None and first_published_at < set_at - tolerance:
                reasons.append(
                    RefusalReason(
                        "backdated",
                        _(
                            "The first-published time %(value)s is earlier than the time it was "
                            "set (%(set_at)s). Backdating publish dates is not allowed."
                        )
                        % {"value": _local(first_published_at), "set_at": _local(set_at)},
                    )
                )
            elif real is not None and abs(first_published_at - real) > tolerance:
                reasons.append(
                    RefusalReason(
                        "backdated",
                        _(
                            "The first-published time %(value)s differs from the item's real "
                            "first publication (%(real)s). Publish dates may not be changed."
                        )
                        % {"value": _local(first_published_at), "real": _local(real)},
                    )
                )
        return reasons

    def _report(self):
        return check_revision(self.revision) if self.revision else check_page(self.page)

    def _finding_reasons(self, report) -> list[RefusalReason]:
        blocking = report.blocking
        if not blocking:
            return []
        # Masked: the refusal's text reaches logs, records, messages and API answers.
        listed = report.summary(blocking)
        return [
            RefusalReason(
                "findings",
                ngettext(
                    "The automated proofreading found %(count)d problem that must be fixed "
                    "before publishing: %(findings)s",
                    "The automated proofreading found %(count)d problems that must be fixed "
                    "before publishing: %(findings)s",
                    len(blocking),
                )
                % {"count": len(blocking), "findings": listed},
            )
        ]

    def _review_completed(self) -> bool:
        """The chain finished on this revision, or on the previous one with the same content.

        Pressing Publish in the editor saves a new revision first; when nothing but Wagtail's
        bookkeeping changed since the reviewed revision, it is still what the reviewers saw.
        """
        if self.revision is None:
            return False
        if review_completed_for(self.revision):
            return True
        previous = previous_revision(self.revision)
        return (
            previous is not None
            and same_content(previous.content, self.revision.content)
            and review_completed_for(previous)
        )

    def emergency_allowed(self) -> bool:
        """Emergency items may go out before review when the publisher holds the permission."""
        return bool(self.page.is_emergency and self.user and self._holds_emergency_permission())

    def _holds_emergency_permission(self) -> bool:
        """Superusers hold every permission implicitly; skipping review is not implied.

        Unless ``GATE["SUPERUSER_EMERGENCY"]`` is on, a superuser needs the permission granted
        explicitly (to the user or one of their groups), like anyone else.
        """
        user = self.user
        if user.is_superuser and not self.settings["SUPERUSER_EMERGENCY"]:
            app_label, codename = EMERGENCY_PERMISSION.split(".")
            return (
                user.is_active
                and Permission.objects.filter(
                    Q(user=user) | Q(group__user=user),
                    content_type__app_label=app_label,
                    codename=codename,
                ).exists()
            )
        return user.has_perm(EMERGENCY_PERMISSION)

    # -- side effects -------------------------------------------------------------------------

    def _record(self, action: str, opinion: str, report=None) -> ReviewRecord | None:
        if not self.page.pk:
            return None
        return ReviewRecord.objects.create(
            page_id=self.page.pk,
            page_id_snapshot=self.page.pk,
            page_title=str(self.page.title)[:255],
            revision=self.revision,
            stage=ReviewStage.PUBLISH,
            action=action,
            user=self.user,
            user_name=display_name(self.user),
            opinion=opinion,
            check_report=report.to_list() if report is not None else [],
        )

    def log_refusal(self, refusal: PublishRefused) -> None:
        """Archive the refusal (ReviewRecord ``publish_refused``) and log it."""
        logger.warning(
            "Publishing refused: %r pk=%s revision=%s: %s",
            str(self.page.title),
            self.page.pk,
            self.revision.pk if self.revision else None,
            refusal,
        )
        self._record(ReviewAction.PUBLISH_REFUSED, str(refusal), refusal.report)

    def log_emergency(self, decision: GateDecision) -> None:
        """Archive an emergency publish and put the item in the post-publish review queue."""
        self._record(
            ReviewAction.EMERGENCY_PUBLISH,
            _("Published as emergency information before review; to be reviewed after publishing."),
            decision.report,
        )
        PostPublishReview.objects.create(
            page_id=self.page.pk, revision=self.revision, published_by=self.user
        )

    def check_and_log(self) -> GateDecision:
        """``check()``, archiving a refusal before re-raising it."""
        try:
            return self.check()
        except PublishRefused as refusal:
            self.log_refusal(refusal)
            raise
