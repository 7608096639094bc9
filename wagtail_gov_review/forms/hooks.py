"""Admin hooks of the forms feature: export buttons on pages, the archive screens, URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from ..models.page_mixin import GovInfoPageMixin
from . import urls
from .access import can_export_batch
from .admin_views import ArchiveViewSetGroup
from .render_html import RESPONSIBILITY, SECRECY


@hooks.register("register_admin_urls")
def register_form_urls():
    return [path("gov-review/forms/", include(urls, namespace="wagtail_gov_review_forms"))]


@hooks.register("register_admin_viewset")
def register_archive_viewsets():
    return ArchiveViewSetGroup()


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export_batch(request.user)


@hooks.register("register_reports_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Export review forms"),
        reverse("wagtail_gov_review_forms:batch"),
        icon_name="download",
        order=900,
    )


def _page_buttons(page, priority: int):
    if not issubclass(page.specific_class or type(page), GovInfoPageMixin):
        return
    for form, label in (
        (RESPONSIBILITY, _("Approval and responsibility form (PDF)")),
        (SECRECY, _("Secrecy review form (PDF)")),
    ):
        url = reverse("wagtail_gov_review_forms:page_form", args=[page.pk, form, "pdf"])
        yield Button(label, url=url, icon_name="download", priority=priority)
        priority += 1
    url = reverse("wagtail_gov_review_forms:page_form", args=[page.pk, RESPONSIBILITY, "html"])
    yield Button(_("Print the approval form"), url=url, icon_name="doc-full", priority=priority)


@hooks.register("register_page_listing_more_buttons")
def page_listing_form_buttons(page, user, next_url=None):
    yield from _page_buttons(page, priority=80)


@hooks.register("register_page_header_buttons")
def page_header_form_buttons(page, user, view_name, next_url=None):
    yield from _page_buttons(page, priority=80)
