"""``{% gov_review_file_report "document" document %}``: the check report in an edit view."""

from django import template
from django.template.loader import render_to_string

from ..attachments.panel import REPORT_TEMPLATE, file_report_context
from ..conf import gov_review_settings

register = template.Library()


@register.simple_tag(takes_context=True)
def gov_review_file_report(context, kind, obj):
    if not gov_review_settings.ATTACHMENTS["ENABLED"] or obj is None or not obj.pk:
        return ""
    return render_to_string(
        REPORT_TEMPLATE, file_report_context(kind, obj), request=context.get("request")
    )
