"""PDF of a form: WeasyPrint lays out the printable HTML with the configured CJK fonts."""

from __future__ import annotations

from .data import FormItem, Selection
from .render_html import render_html


def render_pdf(form: str, items: list[FormItem], selection: Selection | None = None) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    return HTML(string=render_html(form, items, selection)).write_pdf()
