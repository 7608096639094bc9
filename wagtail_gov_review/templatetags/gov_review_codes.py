"""``{{ finding.code|code_label }}``: the name of a finding code for people."""

from django import template

from ..codes import code_label as _code_label

register = template.Library()


@register.filter
def code_label(code: str) -> str:
    return _code_label(code)
