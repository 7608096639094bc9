"""Links to this site's own URLs, checked by resolving the route and the page's state.

Rendering each linked page in process (Django's test client) cost seconds and hundreds of MB
for a long listing at 100,000 items. A URL of this site is alive when Django's URL resolver
knows its route and, for Wagtail's page route, a live page has that URL path (or a live
routable page above it accepts the rest of the path); a document URL needs the document.
Many URLs are decided with one query per kind, whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Page, Site


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    detail: str = ""


BROKEN = LinkResult(False, "404")
ALIVE = LinkResult(True, "200")

PAGE_ROUTE = "wagtail_serve"
DOCUMENT_ROUTE = "wagtaildocs_serve"


def _site_roots() -> tuple[dict[str, str], str]:
    """Root URL paths by hostname, and the default site's."""
    roots: dict[str, str] = {}
    default = "/"
    for site in Site.objects.select_related("root_page"):
        roots[site.hostname.lower()] = site.root_page.url_path
        if site.is_default_site:
            default = site.root_page.url_path
    return roots, default


def _ancestors(url_path: str) -> list[str]:
    """``/home/a/b/`` → ``/home/a/``, ``/home/``, ``/`` (nearest first)."""
    parts = url_path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) + "/" if n else "/" for n in range(len(parts) - 1, -1, -1)]


def check_internal_urls(urls: Iterable[str]) -> dict[str, LinkResult]:
    """Whether each URL of this site leads somewhere: ``{url: LinkResult}``."""
    roots, default_root = _site_roots()
    results: dict[str, LinkResult] = {}
    wanted_pages: dict[str, str] = {}  # url -> full url_path of the page it names
    wanted_documents: dict[str, int] = {}
    for url in set(urls):
        parts = urlsplit(url)
        path = unquote(parts.path or "/")
        try:
            match = resolve(path)
        except Resolver404:
            results[url] = BROKEN
            continue
        if match.url_name == PAGE_ROUTE:
            root = roots.get((parts.hostname or "").lower(), default_root)
            wanted_pages[url] = root.rstrip("/") + "/" + path.strip("/") + "/"
            wanted_pages[url] = wanted_pages[url].replace("//", "/")
        elif match.url_name == DOCUMENT_ROUTE:
            wanted_documents[url] = int(match.args[0])
        else:
            results[url] = ALIVE  # a view of the site (search, sitemap …): the route exists
    results.update(_pages(wanted_pages))
    documents = set(
        get_document_model()
        .objects.filter(pk__in=set(wanted_documents.values()))
        .values_list("pk", flat=True)
    )
    for url, document_id in wanted_documents.items():
        results[url] = (
            ALIVE if document_id in documents else LinkResult(False, _("document deleted"))
        )
    return results


def _pages(wanted: dict[str, str]) -> dict[str, LinkResult]:
    live = set(
        Page.objects.live()
        .filter(url_path__in=set(wanted.values()))
        .values_list("url_path", flat=True)
    )
    results = {url: ALIVE for url, url_path in wanted.items() if url_path in live}
    missing = {url: url_path for url, url_path in wanted.items() if url not in results}
    # A routable page (RoutablePageMixin) answers sub-paths of its own URL.
    candidates = {a for url_path in missing.values() for a in _ancestors(url_path)}
    routable = {
        page.url_path: page
        for page in Page.objects.live().filter(url_path__in=candidates).specific()
        if isinstance(page, RoutablePageMixin)
    }
    for url, url_path in missing.items():
        results[url] = BROKEN
        for ancestor in _ancestors(url_path):
            if ancestor in routable:
                rest = "/" + url_path[len(ancestor) :]
                try:
                    routable[ancestor].resolve_subpage(rest)
                    results[url] = ALIVE
                except Http404:
                    pass
                break
    return results
