"""撤回 by review: a reviewed revision that declares a live item 不予公开 or 涉密 takes it down.

The gate refuses to publish such a revision, but refusing alone leaves the old public version
served, listed and in the sitemap. The declaration is itself a decision the chain reviews, so
it takes effect when the chain finishes on it (not on submission: an editor alone cannot take
a published item offline; urgent cases use 撤回 by a withdraw-permission holder). It is the
existing withdraw action (``monitoring.withdraw``), with the finished chain as its authority
instead of the withdraw permission: Wagtail unpublishes the page (404, out of listings, sitemap
and search), and the ``withdraw`` record resets the chain like any 撤回.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from ...models import Disclosure, ReviewRecord
from ..status import review_completed_for
from ..under_review import content_of
from .withdraw import WithdrawError, WithdrawPageAction


def undisclosable_reasons(content) -> list[str]:
    """What in ``content`` (a revision's page) forbids the item on the portal."""
    reasons = []
    if getattr(content, "disclosure", None) == Disclosure.NOT_PUBLIC:
        reasons.append(_("marked as not disclosed"))
    if getattr(content, "involves_secret", False):
        reasons.append(_("declared to involve secrets"))
    return reasons


class TakeDownPageAction(WithdrawPageAction):
    """Unpublish a live item because its reviewed ``revision`` declares it undisclosable.

    ``check()`` raises ``WithdrawError`` unless the item is live, the revision declares it
    不予公开 or 涉密, and the revision completed the review chain that applies to the item.
    """

    def __init__(self, page: Page, *, revision: Revision, user=None) -> None:
        self.revision = revision
        self.reasons = undisclosable_reasons(content_of(revision))
        reason = _("The reviewed version %(revision)s is %(reasons)s; taken offline.") % {
            "revision": revision.pk,
            "reasons": "、".join(self.reasons),
        }
        super().__init__(page, user=user, reason=reason)

    def check(self) -> None:
        if not self.page.live:
            raise WithdrawError(_("The page is not published, there is nothing to withdraw."))
        if not self.reasons:
            raise WithdrawError(_("This version does not declare the item undisclosable."))
        if not review_completed_for(self.revision):
            raise WithdrawError(_("This version has not completed the review chain."))


def take_down_if_declared(page: Page, revision: Revision, user=None) -> ReviewRecord | None:
    """Take ``page`` offline when ``revision`` (just reviewed) declares it undisclosable and
    it is live; returns the ``withdraw`` record, or None when there is nothing to take down."""
    action = TakeDownPageAction(page, revision=revision, user=user)
    try:
        action.check()
    except WithdrawError:
        return None
    return action.execute()
