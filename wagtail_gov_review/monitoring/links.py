"""Link patrol (seeds 000 第二十条, 004 第十二条): broken internal and external links.

Internal links are rich-text page/document links (checked in the database) and URLs of this
site (resolved to their route and page, ``internal_links.py``: nothing is rendered). External links are requested
with a timeout, HEAD first and GET when the server refuses HEAD, a few at a time
(``MONITORING["LINK_CONCURRENCY"]``). Commercial links are flagged with the engine's
``link.commercial`` code.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from ..conf import gov_review_settings
from ..content import _stream_raw, _walk_stream
from ..engine import check_text
from .chunks import run_chunk
from .internal_links import LinkResult, check_internal_urls
from .models import RunKind, ScanRun
from .pages import in_batches, live_item_ids
from .placement import Placement
from .recording import Problem, record
from .runs import advance, finish, set_total, start_run

logger = logging.getLogger("wagtail_gov_review.monitoring")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "#", "data:")


@dataclass(frozen=True)
class Link:
    kind: str  # "page" | "document" | "url"
    target: str  # page/document id, or the URL
    field: str = ""


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attrs = dict(attrs)
        linktype = attrs.get("linktype")
        if linktype in ("page", "document") and attrs.get("id"):
            self.links.append((linktype, attrs["id"]))
        elif attrs.get("href"):
            self.links.append(("url", attrs["href"].strip()))


def links_in_html(html: str, field: str = "") -> list[Link]:
    """Links in stored rich text (``<a linktype="page" id="3">``) or rendered HTML."""
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return [Link(kind, target, field) for kind, target in parser.links]


def page_links(page) -> list[Link]:
    """Every link in the stored fields of ``page``: rich text, stream values, URL fields."""
    links: list[Link] = []
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for path, value in _walk_stream(_stream_raw(page, field), field.name):
                if "<a" in value:
                    links += links_in_html(value, path)
        elif isinstance(field, RichTextField):
            links += links_in_html(getattr(page, field.attname) or "", field.name)
        elif isinstance(field, models.URLField):
            if value := getattr(page, field.attname):
                links.append(Link("url", value, field.name))
    return links


def site_hosts() -> set[str]:
    """``host`` and ``host:port`` forms under which this site is reached."""
    hosts: set[str] = set()
    for site in Site.objects.all():
        hosts.add(f"{site.hostname}:{site.port}".lower())
        if site.port in (80, 443):
            hosts.add(site.hostname.lower())
    if base := getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
        hosts.add(urlsplit(base).netloc.lower())
    return hosts - {""}


def is_internal_url(url: str, hosts: set[str]) -> bool:
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True
    return parts.netloc.lower() in hosts


def check_external_url(url: str, timeout: float | None = None) -> LinkResult:
    """HEAD, then GET if the server does not answer HEAD properly; never raises."""
    conf = gov_review_settings.MONITORING
    timeout = timeout or conf["LINK_TIMEOUT"]
    headers = {"User-Agent": conf["LINK_USER_AGENT"]}
    detail = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return LinkResult(True, str(response.status))
        except urllib.error.HTTPError as exc:
            detail = f"HTTP {exc.code}"
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD; ask again with GET
            return LinkResult(False, detail)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return LinkResult(False, _("no answer: %(reason)s") % {"reason": reason})
    return LinkResult(False, detail)


def check_external_urls(urls: Iterable[str]) -> dict[str, LinkResult]:
    """Check many external URLs with at most ``LINK_CONCURRENCY`` requests at once."""
    urls = sorted(set(urls))
    if not urls:
        return {}
    workers = max(1, int(gov_review_settings.MONITORING["LINK_CONCURRENCY"]))
    with ThreadPoolExecutor(max_workers=min(workers, len(urls))) as pool:
        return dict(zip(urls, pool.map(check_external_url, urls), strict=True))


class LinkChecker:
    """Checks the links of many pages, each distinct target once per run."""

    def __init__(self) -> None:
        self.hosts = site_hosts()
        self.cache: dict[tuple[str, str], LinkResult] = {}

    def _classify(self, link: Link) -> tuple[str, str] | None:
        if link.kind != "url":
            return link.kind, link.target
        url = link.target
        if not url or url.lower().startswith(SKIPPED_SCHEMES):
            return None
        if is_internal_url(url, self.hosts):
            return "internal", url
        if urlsplit(url).scheme in ("http", "https"):
            return "external", url
        return None

    def check(
        self, links_by_page: dict[int, list[Link]]
    ) -> dict[int, list[tuple[Link, LinkResult]]]:
        keys = {
            key
            for links in links_by_page.values()
            for link in links
            if (key := self._classify(link)) and key not in self.cache
        }
        page_ids = {int(t) for kind, t in keys if kind == "page" and t.isdigit()}
        live = set(Page.objects.filter(pk__in=page_ids, live=True).values_list("pk", flat=True))
        doc_ids = {int(t) for kind, t in keys if kind == "document" and t.isdigit()}

        docs = set(get_document_model().objects.filter(pk__in=doc_ids).values_list("pk", flat=True))
        for kind, target in keys:
            if kind == "page":
                ok = target.isdigit() and int(target) in live
                self.cache[(kind, target)] = LinkResult(
                    ok, "" if ok else _("page not live or deleted")
                )
            elif kind == "document":
                ok = target.isdigit() and int(target) in docs
                self.cache[(kind, target)] = LinkResult(ok, "" if ok else _("document deleted"))
        internal = check_internal_urls(t for kind, t in keys if kind == "internal")
        self.cache.update({("internal", url): result for url, result in internal.items()})
        external = check_external_urls(t for kind, t in keys if kind == "external")
        self.cache.update({("external", url): result for url, result in external.items()})
        results: dict[int, list[tuple[Link, LinkResult]]] = {}
        for page_id, links in links_by_page.items():
            for link in links:
                if key := self._classify(link):
                    results.setdefault(page_id, []).append((link, self.cache[key]))
        return results


def link_problems(page_id: int, checked, *, unit_id=None, column_id=None) -> list[Problem]:
    """Broken links as ``link.broken`` problems, commercial ones as ``link.commercial``."""
    problems = []
    for link, result in checked:
        label = link.target if link.kind == "url" else f"{link.kind}:{link.target}"
        if not result.ok:
            problems.append(
                Problem(
                    page_id=page_id,
                    code="link.broken",
                    severity="warn",
                    text=label,
                    message=_("Broken link (%(detail)s)") % {"detail": result.detail},
                    suggestion=_("Fix or remove the link"),
                    field=link.field,
                    unit_id=unit_id,
                    column_id=column_id,
                )
            )
        if link.kind == "url":
            for finding in check_text(link.target):
                if finding.code == "link.commercial":
                    problems.append(
                        Problem(
                            page_id=page_id,
                            code=finding.code,
                            severity=finding.severity,
                            text=link.target,
                            message=finding.message,
                            suggestion=finding.suggestion or "",
                            field=link.field,
                            unit_id=unit_id,
                            column_id=column_id,
                        )
                    )
    return problems


def patrol_links(*, batch_size: int | None = None) -> ScanRun | None:
    """Check the links of every live item in one process; findings have source ``links``.

    The daily job runs in chunks on the django-q2 workers instead (``link_patrol_chunk``).
    """
    run = start_run(RunKind.LINKS)
    if run is None:
        logger.info("Link patrol skipped: another worker is running it.")
        return None
    try:
        ids = live_item_ids()
        set_total(run, len(ids))
        placement = Placement()
        checker = LinkChecker()
        for batch in in_batches(ids, batch_size):
            advance(run, len(batch), check_links_batch(run, batch, placement, checker))
    except Exception as exc:
        logger.exception("Link patrol failed")
        finish(run, error=repr(exc))
        raise
    finish(run)
    return run


def check_links_batch(run: ScanRun, batch: list, placement: Placement, checker: LinkChecker) -> int:
    """Check the links of one batch of specific pages and store the findings."""
    checked = checker.check({page.pk: page_links(page) for page in batch})
    problems = []
    for page in batch:
        column = placement.column_for(page)
        problems += link_problems(
            page.pk,
            checked.get(page.pk, []),
            unit_id=placement.unit_id_for(page, column),
            column_id=column.pk if column else None,
        )
    return record(RunKind.LINKS, [p.pk for p in batch], problems, run=run)


def link_patrol_chunk(chunk_id: int, *, batch_size: int | None = None) -> str:
    """The link patrol of one chunk of a chunked run (``chunks.py``); each distinct link
    target is checked once per chunk."""
    placement, checker = Placement(), LinkChecker()
    return run_chunk(
        chunk_id,
        lambda run, batch: check_links_batch(run, batch, placement, checker),
        batch_size=batch_size,
    )
