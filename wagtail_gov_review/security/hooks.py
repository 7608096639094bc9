"""Admin hooks of the security feature: unit scope in the explorer, chooser, copy and bulk
actions; the page policy is registered first so every Wagtail view uses it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from . import policy, richtext
from .access import check_page_ids
from .accounts import DEACTIVATED_ACTION
from .route_rules import as_id
from .scoping import get_scope, visible_pages_for
from .views import security_event_viewset

policy.register()
richtext.install()


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    actions.register_action(DEACTIVATED_ACTION, _("Deactivate account"), _("Account deactivated"))


@hooks.register("register_admin_viewset")
def register_security_log():
    return security_event_viewset


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    """Explorer listings and explorer search: own pages and the ancestors leading to them."""
    return visible_pages_for(request.user, pages, navigable=True)


@hooks.register("construct_page_chooser_queryset")
def scope_chooser(pages, request):
    """The page chooser (links, page fields, move and copy destinations)."""
    return visible_pages_for(request.user, pages, navigable=True)


@hooks.register("before_copy_page")
def refuse_copy_outside_scope(request, page):
    """Copying into another unit's column: the destination comes from the form, not the URL."""
    if request.method == "POST":
        parent_id = as_id(request.POST.get("new_parent_page"))
        if parent_id is not None:
            return check_page_ids(request, [parent_id])
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_action_outside_scope(request, action_type, objects, action_class_instance):
    """Bulk publish / unpublish / delete / move: every selected page must be in scope."""
    ids = [obj.pk for obj in objects if isinstance(obj, Page)]
    if not ids or get_scope(request.user) is None:
        return None
    response = check_page_ids(request, ids)
    if response is None and request.method == "POST":
        # The bulk move destination, read as the form's pk lookup reads it (" 12" is 12).
        destination = as_id(request.POST.get("chooser"))
        if destination is not None:
            response = check_page_ids(request, [destination])
    return response
