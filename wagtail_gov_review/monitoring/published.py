"""Re-check a page as the public sees it, right after it is published (seed 004 第十四条 2).

The stored fields were checked before publishing; what reaches readers is the rendered
template (titles, captions, related items, chrome). This job renders the live URL in
process, turns the visible HTML into text (``content.html_to_text``, scripts and styles
dropped) and runs the engine and the link checks on it.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from django.test import Client
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..content import html_to_text
from ..engine import check_text
from .links import LinkChecker, link_problems, links_in_html
from .models import RunKind
from .placement import Placement
from .recording import Problem, problems_from_report, record

logger = logging.getLogger("wagtail_gov_review.monitoring")
INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)


def render_live_page(page: Page) -> tuple[int, str]:
    """Status code and HTML of the page's public URL, requested in process."""
    url = page.get_full_url()
    if not url:
        return 404, ""
    parts = urlsplit(url)
    client = Client(raise_request_exception=False)
    response = client.get(parts.path, HTTP_HOST=parts.hostname or "localhost")
    body = response.content.decode(response.charset or "utf-8", "replace")
    return response.status_code, body


def visible_text(html: str) -> tuple[str, list[str]]:
    """Text a reader sees and the link targets, from a rendered page."""
    return html_to_text(INVISIBLE.sub(" ", html))


def recheck_published_page(page_id: int) -> int:
    """Render the live page, check its text and links; return the number of findings."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return 0  # unpublished again before the job ran
    page = page.specific
    placement = Placement()
    column = placement.column_for(page)
    place = {
        "unit_id": placement.unit_id_for(page, column),
        "column_id": column.pk if column else None,
    }
    status, html = render_live_page(page)
    problems: list[Problem] = []
    if status != 200:
        problems.append(
            Problem(
                page_id=page.pk,
                code="link.broken",
                severity="block",
                text=page.get_url() or "",
                message=_("The published page does not open (HTTP %(status)s)")
                % {"status": status},
                field="rendered",
                **place,
            )
        )
    else:
        text, _hrefs = visible_text(html)
        problems += problems_from_report(page.pk, check_text(text), prefix="rendered", **place)
        links = links_in_html(INVISIBLE.sub(" ", html), "rendered")
        checked = LinkChecker().check({page.pk: links})
        problems += link_problems(page.pk, checked.get(page.pk, []), **place)
    stored = record(RunKind.PUBLISHED, [page.pk], problems)
    logger.info("Re-checked published page %s: %s findings", page.pk, stored)
    return stored
