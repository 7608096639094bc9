"""Printable HTML (A4 print CSS) of a form; ``render_pdf`` draws the same layout as a PDF."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import gov_review_settings
from .data import FormItem, Selection

RESPONSIBILITY = "responsibility"
SECRECY = "secrecy"
FORM_KINDS = (RESPONSIBILITY, SECRECY)
# Rows per printed table of the 保密审查表: one table per page keeps layout linear.
SECRECY_ROWS_PER_PAGE = 18


def form_title(form: str) -> str:
    if form == RESPONSIBILITY:
        return _("Government information publishing approval and responsibility form")
    if form == SECRECY:
        return _("Information publishing secrecy review form")
    raise ValueError(f"unknown form {form!r}")


def secrecy_item_headers() -> list[str]:
    """The item columns of the 保密审查表, before the three reviews (all renderers)."""
    return [
        _("No."),
        _("Department"),
        _("Item title"),
        _("Source"),
        _("Disclosure"),
        _("Platform"),
    ]


def render_html(form: str, items: list[FormItem], selection: Selection | None = None) -> str:
    """The form as a standalone HTML page, ready to print on A4."""
    selection = selection or Selection()
    units = sorted({item.unit_name for item in items if item.unit_name})
    context = {
        "form_title": form_title(form),
        "items": items,
        "font_family": gov_review_settings.PDF_FONT_FAMILY,
        "orientation": "portrait" if form == RESPONSIBILITY else "landscape",
        "printed_on": timezone.localdate().isoformat(),
        "selection_label": selection.describe(),
        "unit_label": "、".join(units),
    }
    if form == SECRECY:
        context["chunks"] = [
            items[i : i + SECRECY_ROWS_PER_PAGE]
            for i in range(0, len(items), SECRECY_ROWS_PER_PAGE)
        ]
    return render_to_string(f"wagtail_gov_review/forms/{form}.html", context)
