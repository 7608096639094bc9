"""One entry point for every export: form kind × format → bytes, file name and content type."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from .data import Selection, collect_items
from .errors import ExportError
from .render_html import FORM_KINDS, render_html
from .render_pdf import render_pdf
from .render_xlsx import render_xlsx

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@dataclass(frozen=True)
class ExportResult:
    content: bytes
    content_type: str
    filename: str
    item_count: int


def export_form(form: str, fmt: str, selection: Selection) -> ExportResult:
    """Collect the selected items' records and render them as one form in one format."""
    if form not in FORM_KINDS:
        raise ExportError(f"unknown form {form!r}; choose from {', '.join(FORM_KINDS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    items = collect_items(selection)
    if fmt == "html":
        content = render_html(form, items, selection).encode("utf-8")
    elif fmt == "pdf":
        content = render_pdf(form, items, selection)
    else:
        content = render_xlsx(form, items, selection)
    content_type, extension = FORMATS[fmt]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return ExportResult(content, content_type, f"{form}-{stamp}.{extension}", len(items))
