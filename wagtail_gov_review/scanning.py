"""Run the check engine over a page or revision: the Django side of 智能校对.

The engine (``wagtail_gov_review.checks``) knows text, not pages. This module feeds it every
text field (see ``content.py``) with the site's configuration and returns a ``CheckReport``
that the review task, the publish gate, the editor panel and the re-scan jobs share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .attachments.report import attachment_findings
from .checks.mask import stored_text
from .conf import gov_review_settings
from .content import FieldText, page_texts
from .engine import current_engine, engine_version


@dataclass(frozen=True)
class FieldFinding:
    field: str
    field_label: str
    finding: object  # wagtail_gov_review.checks.Finding

    @property
    def is_blocking(self) -> bool:
        return self.finding.severity == "block"

    @property
    def stored_text(self) -> str:
        """The finding's text with personal data masked: the only form that is ever stored."""
        return stored_text(self.finding.code, self.finding.text)

    def to_dict(self) -> dict:
        """The stored form: code, field, offsets, masked text, message, suggestion.

        Review records, monitoring rows and messages keep this; the raw value stays in the page
        (the editor panel reads ``finding.text`` from the draft it shows).
        """
        f = self.finding
        masked = self.stored_text
        data = {**f.to_dict(), "field": self.field, "field_label": self.field_label}
        data["text"] = masked
        if masked != f.text:  # a message or suggestion quoting the value must not keep it
            data["message"] = f.message.replace(f.text, masked)
            data["suggestion"] = (f.suggestion or "").replace(f.text, masked)
        return data


@dataclass
class CheckReport:
    findings: list[FieldFinding] = field(default_factory=list)

    @property
    def blocking(self) -> list[FieldFinding]:
        return [f for f in self.findings if f.is_blocking]

    @property
    def warnings(self) -> list[FieldFinding]:
        return [f for f in self.findings if not f.is_blocking]

    @property
    def has_blocking(self) -> bool:
        return any(f.is_blocking for f in self.findings)

    def to_list(self) -> list[dict]:
        """The findings in their stored form (personal data masked)."""
        return [f.to_dict() for f in self.findings]

    def summary(self, items: list[FieldFinding] | None = None) -> str:
        """One line per finding (default: all), masked, for messages, opinions and logs."""
        rows = (f.to_dict() for f in (self.findings if items is None else items))
        return "；".join(f"{row['field_label']}「{row['text']}」：{row['message']}" for row in rows)


def check_texts(texts: list[FieldText]) -> CheckReport:
    engine = current_engine()
    report = CheckReport()
    for item in texts:
        for finding in engine.check(item.text, kind=item.kind):
            report.findings.append(FieldFinding(item.field, item.label, finding))
    return report


def check_page(page) -> CheckReport:
    """Check the page as it is in memory (e.g. the draft being published), with the
    documents and images it links or embeds."""
    page = page.specific if hasattr(page, "specific") else page
    report = check_texts(page_texts(page))
    if gov_review_settings.ATTACHMENTS["ENABLED"]:
        items = attachment_findings(page, current_engine(), engine_version())
        report.findings += [FieldFinding(path, label, finding) for path, label, finding in items]
    return report


def check_revision(revision) -> CheckReport:
    """Check the content of a stored revision."""
    return check_page(revision.as_object())
