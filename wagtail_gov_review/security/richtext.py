"""Opening a page whose stored rich text is malformed HTML.

Wagtail converts stored HTML to Draftail's content state when the editor opens; its parser
asserts that end tags match (``AssertionError: Unmatched tags``), so one page imported or
migrated with broken HTML cannot be opened at all (a 500 on every GET of the editor) and its
editor cannot repair it. ``install()`` wraps the converter: on failure the HTML is re-parsed
and re-serialised by BeautifulSoup (which closes and nests tags properly) and converted
again; if that fails too, the text is kept as plain paragraphs. Nothing is saved until the
editor saves, and the original stays in the page's revisions.
"""

from __future__ import annotations

import functools
import logging

from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

logger = logging.getLogger("wagtail_gov_review.security")


def normalise_html(html: str) -> str:
    """Well-formed HTML with the same text (unclosed and crossed tags repaired)."""
    return str(BeautifulSoup(html, "html.parser"))


def as_plain_paragraphs(html: str) -> str:
    text = BeautifulSoup(html, "html.parser").get_text("\n")
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def install() -> None:
    """Make ``ContentstateConverter.from_database_format`` tolerate malformed HTML (idempotent)."""
    original = ContentstateConverter.from_database_format
    if getattr(original, "_gov_review_tolerant", False):
        return

    @functools.wraps(original)
    def from_database_format(self, html):
        try:
            return original(self, html)
        except Exception:  # the HTML parser asserts and raises on broken markup
            logger.warning("Malformed rich text HTML repaired for the editor.", exc_info=True)
        try:
            return original(self, normalise_html(html))
        except Exception:
            return original(self, as_plain_paragraphs(html))

    from_database_format._gov_review_tolerant = True
    ContentstateConverter.from_database_format = from_database_format
