"""The check report as the editor panel shows it: findings with context, keys and mask previews.

Every finding gets a stable key (field, code and offsets) so a button can name it and the server
can find it again in the current draft; a key that no longer matches means the draft changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..attachments.report import is_attachment_path
from ..codes import SEVERITY_LABELS
from ..content import IMAGE_ALTS_PATH, LINKS_PATH, page_texts
from ..scanning import CheckReport, FieldFinding, check_page

CONTEXT_CHARS = 24
# Paths that are not a page field the mask action can rewrite: texts content.py gathers from
# the whole page, and the slug (a mask character is not valid in an address).
UNMASKABLE_PATHS = {LINKS_PATH, IMAGE_ALTS_PATH, "slug"}


def finding_key(item: FieldFinding) -> str:
    """``body:pii.id_card:23:41``: identifies a finding within one version of the page."""
    f = item.finding
    return f"{item.field}:{f.code}:{f.start}:{f.end}"


def in_rewritable_field(item: FieldFinding) -> bool:
    """The finding lies in a page field a one-click fix can rewrite; attached files are
    de-identified on their own edit page."""
    return item.field not in UNMASKABLE_PATHS and not is_attachment_path(item.field)


def is_maskable(item: FieldFinding) -> bool:
    """Personal data in a rewritable field can be de-identified with one click."""
    return item.finding.code.startswith("pii.") and in_rewritable_field(item)


def has_suggestion(item: FieldFinding) -> bool:
    """A finding whose suggestion can replace its text with one click (personal data is
    masked instead, never "adopted")."""
    return (
        bool(item.finding.suggestion)
        and not item.finding.code.startswith("pii.")
        and in_rewritable_field(item)
    )


def masked_text(item: FieldFinding) -> str:
    """What ``checks.mask`` turns the offending text into (the form records store)."""
    return item.stored_text


@dataclass(frozen=True)
class PanelFinding:
    """One row of the panel."""

    key: str
    field: str
    field_label: str
    code: str
    severity: str
    severity_label: str
    message: str
    suggestion: str
    text: str
    before: str
    after: str
    maskable: bool
    masked: str
    adoptable: bool = False  # its suggestion can replace the text with one click

    @property
    def is_blocking(self) -> bool:
        return self.severity == "block"


def panel_findings(report: CheckReport, texts: dict[str, str]) -> list[PanelFinding]:
    """Rows for ``report``; ``texts`` maps field paths to the text the offsets index."""
    rows = []
    for item in report.findings:
        f = item.finding
        text = texts.get(item.field, "")
        maskable = is_maskable(item)
        rows.append(
            PanelFinding(
                key=finding_key(item),
                field=item.field,
                field_label=item.field_label,
                code=f.code,
                severity=f.severity,
                severity_label=str(SEVERITY_LABELS.get(f.severity, f.severity)),
                message=f.message,
                suggestion=f.suggestion,
                text=f.text,
                before=text[max(0, f.start - CONTEXT_CHARS) : f.start],
                after=text[f.end : f.end + CONTEXT_CHARS],
                maskable=maskable,
                masked=masked_text(item) if maskable else "",
                adoptable=has_suggestion(item),
            )
        )
    rows.sort(key=lambda row: (not row.is_blocking,))
    return rows


def page_report(page) -> tuple[CheckReport, list[PanelFinding]]:
    """Check ``page`` (a draft in memory) and return the report with its panel rows."""
    page = page.specific if hasattr(page, "specific") else page
    texts = {item.field: item.text for item in page_texts(page)}
    report = check_page(page)
    return report, panel_findings(report, texts)
