"""The manager of item pages: ``update(live=True)`` on their querysets is refused.

An item goes live only through the publish gate (revision, review chain, checks). A queryset
update writes the column directly and would put every matched item online unreviewed, so
it is refused while the gate is on. ``update(live=False)`` (taking items offline) is allowed.
``Page.objects`` (Wagtail's own manager) and raw SQL remain outside: see docs/gate.md.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.models import PageManager, PageQuerySet

from ..conf import gov_review_settings
from ..workflows.gate.exceptions import PublishRefused, RefusalReason

logger = logging.getLogger("wagtail_gov_review.gate")


class GovInfoPageQuerySet(PageQuerySet):
    def update(self, **kwargs):
        if kwargs.get("live", False) is not False and gov_review_settings.GATE["ENABLED"]:
            logger.warning("Refused %s.objects.update(live=...) bypassing the gate", self.model)
            raise PublishRefused(
                [
                    RefusalReason(
                        "bypass",
                        _(
                            "Items cannot be put live by a bulk database update; publish each "
                            "one after its review so that the publish gate checks it."
                        ),
                    )
                ]
            )
        return super().update(**kwargs)


# A subclass of Wagtail's PageManager, as Wagtail requires of page models' managers.
GovInfoPageManager = PageManager.from_queryset(GovInfoPageQuerySet)
