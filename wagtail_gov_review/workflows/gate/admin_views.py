"""Read-only admin lists of the gate's own records, shown in the 审核档案 menu.

- 发布后审核: items published as emergency information before review, open until a review
  chain over the item finishes;
- 发布日期变更记录: every change of an item's publish dates (seed 003).

Nobody adds, changes or deletes these in the admin; the gate writes them.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ...admin_permissions import RestrictedPermissionPolicy
from ...security.listings import PageScopedIndexView
from .models import PostPublishReview, PublishDateChange

for _model in (PostPublishReview, PublishDateChange):
    register_permission_policy(
        _model,
        RestrictedPermissionPolicy(_model, ("add", "change", "delete")),
        exact_class=True,
    )


class PostPublishReviewViewSet(ModelViewSet):
    model = PostPublishReview
    icon = "warning"
    menu_label = _("post-publish reviews")
    url_prefix = "gov-review/post-publish-reviews"
    inspect_view_enabled = True
    list_display = ["page", "published_by", "created_at", "completed_at"]
    list_filter = ["completed_at"]
    search_fields = ["page__title"]
    form_fields = []
    index_view_class = PageScopedIndexView


class PublishDateChangeInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "changed_field":
            return capfirst(PublishDateChange._meta.get_field("field").verbose_name)
        return super().get_field_label(field_name, field)

    def get_changed_field_display_value(self):
        return self.object.field_label()


class PublishDateChangeViewSet(ModelViewSet):
    model = PublishDateChange
    icon = "date"
    menu_label = _("publish date changes")
    url_prefix = "gov-review/publish-date-changes"
    inspect_view_enabled = True
    list_display = [
        "page_id_snapshot",
        "page",
        "field_label",
        "old_value",
        "new_value",
        "user",
        "changed_at",
    ]
    list_filter = ["field"]
    form_fields = []
    index_view_class = PageScopedIndexView
    inspect_view_class = PublishDateChangeInspectView
    # Wagtail's inspect view looks for ``get_<name>_display_value``: for a field named "field"
    # that is its own ``get_field_display_value`` (a 500), so the field is shown by another name.
    inspect_view_fields = [
        "page_id_snapshot",
        "page",
        "revision",
        "changed_field",
        "old_value",
        "new_value",
        "user",
        "changed_at",
    ]
