"""Read-only admin lists of the gate's own records, shown in the 审核档案 menu.

- 发布后审核: items published as emergency information before review, open until a review
  chain over the item finishes;
- 发布日期变更记录: every change of an item's publish dates (seed 003).

Nobody adds, changes or deletes these in the admin; the gate writes them.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from ...admin_permissions import RestrictedPermissionPolicy
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


def date_field_label(change: PublishDateChange) -> str:
    """The page field's own label (首次发布于 …) instead of its attribute name."""
    try:
        return str(Page._meta.get_field(change.field).verbose_name)
    except FieldDoesNotExist:
        return change.field


class PublishDateChangeViewSet(ModelViewSet):
    model = PublishDateChange
    icon = "date"
    menu_label = _("publish date changes")
    url_prefix = "gov-review/publish-date-changes"
    inspect_view_enabled = True
    list_display = [
        "page_id_snapshot",
        "page",
        Column(
            "field",
            label=PublishDateChange._meta.get_field("field").verbose_name,
            accessor=date_field_label,
        ),
        "old_value",
        "new_value",
        "user",
        "changed_at",
    ]
    list_filter = ["field"]
    form_fields = []
