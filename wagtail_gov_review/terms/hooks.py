"""Term lists and the leader list as Wagtail snippets, with import and try-a-text views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..admin_base import YesNoColumn
from ..models import Leader, Term
from .views import TermImportView, TryTextView


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "list-ul"
    menu_label = _("Term lists")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "term",
        "suggestion",
        "category",
        YesNoColumn("is_active", Term),
        "updated_at",
    ]
    list_filter = ["category", "is_active"]
    search_fields = ["term", "suggestion", "note"]
    list_per_page = 50


register_snippet(TermViewSet)


class LeaderViewSet(SnippetViewSet):
    """The site's leaders for the term.leader check (names, titles, order, terms of office)."""

    model = Leader
    icon = "user"
    menu_label = _("Leader list")
    add_to_admin_menu = True
    menu_order = 313  # after the term lists, "Try a text" and "Import terms"
    list_display = [
        "name",
        "title",
        "rank",
        "unit",
        "valid_from",
        "valid_to",
        YesNoColumn("is_active", Leader),
    ]
    list_filter = ["is_active", "unit"]
    search_fields = ["name", "title"]
    ordering = ["rank", "name"]


register_snippet(LeaderViewSet)


@hooks.register("register_admin_urls")
def term_urls():
    return [
        path("gov-review/terms/import/", TermImportView.as_view(), name="gov_review_term_import"),
        path("gov-review/terms/try/", TryTextView.as_view(), name="gov_review_term_try"),
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def try_text_menu_item():
    return _PermissionMenuItem(
        _("Try a text"),
        reverse("gov_review_term_try"),
        icon_name="search",
        order=311,
        permission="wagtail_gov_review.view_term",
    )


@hooks.register("register_admin_menu_item")
def import_terms_menu_item():
    return _PermissionMenuItem(
        _("Import terms"),
        reverse("gov_review_term_import"),
        icon_name="upload",
        order=312,
        permission="wagtail_gov_review.add_term",
    )
