"""PDF of a form, drawn with fpdf2 in the layout of the printable HTML page.

Same rows as ``render_html`` (both read ``FormItem``), drawn as ruled tables by
``pdf_layout.FormCanvas``: 审批责任表 one A4 portrait page per item, 保密审查表 A4 landscape with
the header row repeated on every page.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .data import FormItem, Selection, Signature, check_box, yes_no_boxes
from .pdf_fonts import pdf_font_files
from .pdf_layout import Cell, FormCanvas
from .render_html import RESPONSIBILITY, SECRECY, form_title, secrecy_item_headers

NOTE_SIZE = 9
# Column shares of the content width, as in the HTML templates' <colgroup>.
RESPONSIBILITY_COLUMNS = (0.20, 0.30, 0.50)
SECRECY_COLUMNS = (0.05, 0.11, 0.22, 0.11, 0.07, 0.07, 0.10, 0.10, 0.10, 0.07)


def render_pdf(form: str, items: list[FormItem], selection: Selection | None = None) -> bytes:
    selection = selection or Selection()
    if form == RESPONSIBILITY:
        canvas = FormCanvas(pdf_font_files(), title=form_title(form))
        _responsibility(canvas, items)
    elif form == SECRECY:
        canvas = FormCanvas(pdf_font_files(), landscape=True, title=form_title(form))
        _secrecy(canvas, items, selection)
    else:
        raise ValueError(f"unknown form {form!r}")
    return canvas.finish()


def _signature_text(signature: Signature | None) -> str:
    if signature is None:
        return _("No review recorded")
    decision = signature.decision_label
    if signature.opinion:
        decision += f"：{signature.opinion}"
    reviewer = signature.user_name + (f"（{signature.role}）" if signature.role else "")
    return f"{decision}\n{_('Reviewer')}：{reviewer}　{_('Time')}：{signature.time_label}"


def _responsibility(canvas: FormCanvas, items: list[FormItem]) -> None:
    """政务信息发布审批责任表 (seed 000 附件1): one page per item."""
    label_w, middle_w, right_w = (share * canvas.content_width for share in RESPONSIBILITY_COLUMNS)
    wide = middle_w + right_w
    title = form_title(RESPONSIBILITY)
    if not items:
        canvas.new_page()
        canvas.form_heading(title)
        canvas.text_line(_("No reviewed items match the selection."))
        return
    # Translated once: thousands of pages repeat them.
    printed_on = f"{_('Printed on')}：{timezone.localdate().isoformat()}"
    unit_label, seal = _("Submitting unit"), _("seal")
    produced, reprint = _("Produced by this body"), _("Reprint or submitted")
    original = f"{check_box(True)} {produced}　{check_box(False)} {reprint}"
    not_original = f"{check_box(False)} {produced}　{check_box(True)} "
    labels = [
        Cell(text, label_w, header=True)
        for text in (_("Item title"), _("Source"), _("Column"), _("Publishing requirements"))
    ]
    secrecy_label = Cell(_("Secrecy"), label_w, header=True)
    secret_q = Cell(_("Involves secrets?"), middle_w)
    sensitive_q = Cell(_("Involves sensitive information?"), middle_w)
    boxes = {flag: Cell(yes_no_boxes(flag), right_w) for flag in (True, False)}
    stage_labels = [Cell(label, label_w, header=True) for label, _sig in items[0].signature_rows]
    remarks_label = Cell(_("Remarks"), label_w, header=True)
    note = _(
        "Generated from the review records of the portal; the reviews above were "
        "signed electronically in the review workflow."
    )
    for item in items:
        canvas.new_page()
        canvas.form_heading(title, [f"{unit_label}：{item.unit_name}（{seal}）", printed_on])
        source = original if item.source_type == "original" else not_original + item.source_label
        texts = (item.title, source, item.column_name, item.publish_requirements)
        for label, text in zip(labels, texts, strict=True):
            canvas.row([label, Cell(text, wide)])
        canvas.spanned_rows(
            secrecy_label,
            [
                [secret_q, boxes[item.involves_secret]],
                [sensitive_q, boxes[item.involves_sensitive]],
            ],
        )
        for label, signature in zip(stage_labels, item.review_cells, strict=True):
            canvas.row([label, Cell(_signature_text(signature), wide)])
        if item.remarks:
            canvas.row([remarks_label, Cell(item.remarks, wide)])
        canvas.skip(2)
        canvas.text_line(note, NOTE_SIZE)


def _secrecy(canvas: FormCanvas, items: list[FormItem], selection: Selection) -> None:
    """信息发布保密审查表 (seeds 002, 004): one row per item, header repeated on each page."""
    widths = [share * canvas.content_width for share in SECRECY_COLUMNS]
    headers = [
        *secrecy_item_headers(),
        _("First review"),
        _("Second review"),
        _("Third review"),
        _("Remarks"),
    ]
    units = sorted({item.unit_name for item in items if item.unit_name})
    meta = [f"{_('Unit')}：{'、'.join(units)}"]
    if selection.describe():
        meta.append(selection.describe())
    meta.append(f"{_('Printed on')}：{timezone.localdate().isoformat()}")
    title = form_title(SECRECY)

    def heading() -> None:
        canvas.form_heading(title, meta)
        if items:
            canvas.row(
                [Cell(text, w, header=True) for text, w in zip(headers, widths, strict=True)]
            )

    canvas.on_new_page = heading
    canvas.new_page()
    if not items:
        canvas.text_line(_("No reviewed items match the selection."))
        return
    for item in items:
        reviews = [f"{s.decision_label}\n{s.user_name}" if s else "" for s in item.review_cells]
        texts = [
            str(item.number),
            item.unit_name,
            item.title,
            item.source_label,
            item.disclosure_label,
            item.platform_label,
            *reviews,
            item.remarks,
        ]
        canvas.row([Cell(text, w) for text, w in zip(texts, widths, strict=True)])
    canvas.on_new_page = None
    canvas.skip(4)
    canvas.spread_line(
        [
            f"{_('Clerk')}：",
            f"{_('First review signature')}：",
            f"{_('Second review signature')}：",
            f"{_('Third review signature')}：",
        ]
    )
