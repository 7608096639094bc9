"""The manager of item pages: queryset writes that would bypass the gate are refused.

An item goes live only through the publish gate (revision, review chain, checks). A queryset
update writes the columns directly: ``update(live=True)`` would put every matched item online
unreviewed, and an update of a content column (title, body, attributes, first publish date)
or of ``live_revision`` would change what the public reads of live items. Both are refused
while the gate is on, and so is ``bulk_update()``, which updates through the same path.
``update(live=False)`` (taking items offline) and content updates of offline items are
allowed. ``bulk_create()`` is refused by Django itself for page models (multi-table).
``Page.objects`` (Wagtail's own manager) and raw SQL remain outside: see docs/gate.md.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.models import PageManager, PageQuerySet

from ..conf import gov_review_settings
from ..refusals import PublishRefused, RefusalReason
from .content_fields import content_field_names

LIVE_REVISION_FIELDS = {"live_revision", "live_revision_id"}

logger = logging.getLogger("wagtail_gov_review.gate")


def _bulk_refusal(message: str) -> PublishRefused:
    logger.warning("Refused a bulk database write bypassing the gate: %s", message)
    return PublishRefused([RefusalReason("bypass", message)])


class GovInfoPageQuerySet(PageQuerySet):
    def update(self, **kwargs):
        # bulk_update() runs through here as well (with Case() values).
        if gov_review_settings.GATE["ENABLED"]:
            self._refuse_live_writes(kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        # Checked before Django opens its transaction, so a refusal leaves the caller's intact.
        objs = list(objs)
        if gov_review_settings.GATE["ENABLED"]:
            pks = [obj.pk for obj in objs]
            self.filter(pk__in=pks)._refuse_live_writes(dict.fromkeys(fields))
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def _refuse_live_writes(self, kwargs: dict) -> None:
        if kwargs.get("live", False) is not False:
            raise _bulk_refusal(
                _(
                    "Items cannot be put live by a bulk database update; publish each "
                    "one after its review so that the publish gate checks it."
                )
            )
        public = content_field_names(self.model, with_public_dates=True) | LIVE_REVISION_FIELDS
        if set(kwargs) & public and self.filter(live=True).exists():
            raise _bulk_refusal(
                _(
                    "The content of live items cannot be changed by a bulk database update; "
                    "save each change as a draft and publish it after its review."
                )
            )


# A subclass of Wagtail's PageManager, as Wagtail requires of page models' managers.
GovInfoPageManager = PageManager.from_queryset(GovInfoPageQuerySet)
