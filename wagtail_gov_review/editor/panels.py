"""``GovReviewReportPanel``: the check report as an edit-handler panel.

The report normally sits in Wagtail's checks side panel (see hooks.py). That panel exists only for
previewable pages; a page model without previews (or a site that prefers the report inside the
form) adds this panel instead, e.g. ``content_panels = [..., GovReviewReportPanel()]``.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..models import GovInfoPageMixin
from .views import FRAGMENT_TEMPLATE, report_context


class GovReviewReportPanel(Panel):
    """Read-only panel rendering the report of the latest saved draft, with mask buttons."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Automated proofreading"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "gov_review_report"

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            page = self.instance
            if self.request is None or not isinstance(page, GovInfoPageMixin):
                return ""
            if not page.pk:
                context = {"page": page, "unsaved": True}
            else:
                context = report_context(self.request, page)
            return mark_safe(render_to_string(FRAGMENT_TEMPLATE, context, request=self.request))
