"""The lock shown on an item under review: it says *why* the user cannot review it."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.locks import WorkflowLock

from .access import refusal_for_page


class ReviewLock(WorkflowLock):
    def get_message(self, user):
        reason = refusal_for_page(self.task, self.object, user)
        if reason is None:
            return super().get_message(user)
        return format_html(
            "{} <b>{}</b>",
            _("This item is awaiting “%(stage)s”.") % {"stage": self.task.name},
            reason,
        )
