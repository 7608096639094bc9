"""The result type shared by every check, and the default severity of each code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLOCK = "block"
WARN = "warn"
SEVERITIES = (BLOCK, WARN)

# Publishing is refused for personal data and forbidden content (seeds 000, 004); the rest asks a
# reviewer to acknowledge (outdated names and wording may be quoted on purpose, e.g. in history).
DEFAULT_SEVERITY: dict[str, str] = {
    "pii.id_card": BLOCK,
    "pii.mobile": BLOCK,
    "pii.bank_card": BLOCK,
    "pii.social_security": BLOCK,
    "pii.address": BLOCK,
    "pii.health": BLOCK,
    # GB/T 35273 Annex B sensitive personal information: blocks like the codes above.
    "pii.passport": BLOCK,
    "pii.account": BLOCK,
    "pii.medical_record": BLOCK,
    # Reported only with a private person's context, so as sure as the ones above.
    "pii.landline": BLOCK,
    # Personal but not sensitive, and often published on purpose (an office on a free mail
    # service, a plate in a traffic notice): the reviewer decides.
    "pii.email": WARN,
    "pii.plate": WARN,
    "term.sensitive": BLOCK,
    "term.prohibited": BLOCK,
    "term.outdated_name": WARN,
    "term.political": WARN,
    "typo": WARN,
    "format.title_space": WARN,
    "format.punctuation": WARN,
    "format.number": WARN,
    "format.date": WARN,
    "format.ordinal": WARN,
    "term.leader": WARN,
    "link.commercial": WARN,
    "link.external": WARN,
}


def default_severity(code: str) -> str:
    """Severity of a code without overrides: listed codes as above, other ``pii.*`` block."""
    if code in DEFAULT_SEVERITY:
        return DEFAULT_SEVERITY[code]
    return BLOCK if code.startswith("pii.") else WARN


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a text; ``start``/``end`` index the original text (Python str offsets).

    ``rule`` names the regulation (seed) the check enforces and ``reason`` says why this span
    matched (pattern, checksum, context word …), like Presidio's explanation. Both stay out of
    :meth:`to_dict`, which is the DESIGN.md contract. ``location`` is set for text read from a
    file (see :mod:`.files`); ``start``/``end`` then index that segment's text.
    """

    code: str
    start: int
    end: int
    text: str
    severity: str
    message: str
    suggestion: str = ""
    rule: str = field(default="", compare=False)
    reason: str = field(default="", compare=False)
    # Where in a file (attachment) the text was: {"file": ..., "sheet": ..., "cell": ...} etc.
    location: dict[str, Any] | None = field(default=None, hash=False)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.location is not None:
            out["location"] = dict(self.location)
        return out
