"""Template tags of the editor experience (see wagtail_gov_review/editor/).

``{% gov_review_editor_report page %}`` renders the check-report panel of a page's latest draft
(used by the checks side panel); ``{% gov_review_context task_state %}`` renders the reviewer's
report and diff (for ReviewTask's action templates).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..editor.review import REVIEW_TEMPLATE, review_context
from ..editor.views import FRAGMENT_TEMPLATE, report_context
from ..models import GovInfoPageMixin

register = template.Library()


@register.simple_tag(takes_context=True)
def gov_review_editor_report(context, page):
    """The panel for ``page`` when it is a saved government information item, else nothing."""
    request = context.get("request")
    if request is None or not isinstance(page, GovInfoPageMixin):
        return ""
    if not page.pk:
        return render_to_string(FRAGMENT_TEMPLATE, {"page": page, "unsaved": True}, request=request)
    return mark_safe(
        render_to_string(FRAGMENT_TEMPLATE, report_context(request, page), request=request)
    )


@register.simple_tag(takes_context=True)
def gov_review_context(context, task_state):
    """The report and diff of the revision under review in ``task_state``."""
    return render_to_string(
        REVIEW_TEMPLATE, review_context(task_state), request=context.get("request")
    )
