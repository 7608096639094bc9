"""What each finding code is called in the admin (the codes themselves are the engine's
contract, see DESIGN.md; people read these names instead)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CODE_LABELS = {
    "pii.id_card": _("ID card number"),
    "pii.mobile": _("Mobile number"),
    "pii.bank_card": _("Bank card number"),
    "pii.social_security": _("Social security number"),
    "pii.address": _("Home address"),
    "pii.health": _("Health condition"),
    "pii.passport": _("Passport or travel permit number"),
    "pii.plate": _("Licence plate"),
    "pii.email": _("Private e-mail address"),
    "pii.landline": _("Private landline number"),
    "pii.account": _("Financial account number"),
    "pii.medical_record": _("Medical record number"),
    "term.sensitive": _("Sensitive term"),
    "term.prohibited": _("Prohibited content"),
    "term.outdated_name": _("Outdated institution name"),
    "term.political": _("Political wording"),
    "term.leader": _("Leader's name or title"),
    "typo": _("Typo"),
    "format.title_space": _("Space in title"),
    "format.punctuation": _("Punctuation"),
    "format.number": _("Number format"),
    "format.date": _("Date"),
    "format.ordinal": _("Ordinal levels"),
    "link.commercial": _("Commercial link"),
    "link.external": _("External link"),
    "link.broken": _("Broken link"),
    "timeliness.column_stale": _("Column not updated in time"),
    "timeliness.late": _("Published late"),
}


def code_label(code: str) -> str:
    """The name of ``code`` for people; an unknown code (a site's own) is shown as it is."""
    return str(CODE_LABELS.get(code, code))


# How a finding's severity reads in the editor panel and attachment reports.
SEVERITY_LABELS = {"block": _("Blocks publishing"), "warn": _("Reminder")}
