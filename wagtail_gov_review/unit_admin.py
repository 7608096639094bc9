"""Admin screens for units (单位) and who works for them, so a site is set up without a shell.

Scoped like the rest of the admin (``security/scoping.py``): superusers and members of a
central unit see and manage every unit; anyone else only the units they work for, and only
memberships of those units. An object outside the scope answers 404, as page URLs do.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin_permissions import RestrictedPermissionPolicy
from .models import Unit, UnitMembership
from .security.scoping import sees_everything, user_unit_ids


def units_for(user) -> QuerySet[Unit]:
    """The units ``user`` may see and manage here."""
    if sees_everything(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=user_unit_ids(user))


def memberships_for(user) -> QuerySet[UnitMembership]:
    """The memberships ``user`` may see and manage here: those of their units."""
    return UnitMembership.objects.filter(unit__in=units_for(user)).select_related("user", "unit")


class ScopedViewMixin:
    """Lists only what the user's scope holds; any other object's URL is a 404."""

    scoped_queryset = staticmethod(units_for)

    def get_base_queryset(self):
        return self.scoped_queryset(self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped_queryset(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedUnitChoicesForm(WagtailAdminModelForm):
    """Offers only the units (and, for memberships, the active users) the user may choose."""

    unit_fields = ("unit", "parent")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        allowed = units_for(self.for_user)
        for name in self.unit_fields:
            if name in self.fields:
                self.fields[name].queryset = allowed
        if "user" in self.fields:
            self.fields["user"].queryset = get_user_model().objects.filter(is_active=True)


class UnitForm(ScopedUnitChoicesForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "is_active"]


class MembershipForm(ScopedUnitChoicesForm):
    class Meta:
        model = UnitMembership
        fields = ["user", "unit", "position", "is_information_officer"]


def _scoped(view_class, scope):
    """``view_class`` limited to the objects ``scope(user)`` returns."""
    return type(
        f"Scoped{view_class.__name__}",
        (ScopedViewMixin, view_class),
        {"scoped_queryset": staticmethod(scope)},
    )


class ScopedModelViewSet(ModelViewSet):
    """A model viewset whose index, edit, delete and inspect views keep to ``scope``."""

    scope = staticmethod(units_for)
    scoped_form_class: type[ScopedUnitChoicesForm]
    inspect_view_enabled = True
    copy_view_enabled = False
    # Plain ORM filtering: these models are not in the search index.
    search_backend_name = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_view_class = _scoped(generic.IndexView, self.scope)
        self.edit_view_class = _scoped(generic.EditView, self.scope)
        self.delete_view_class = _scoped(generic.DeleteView, self.scope)
        self.inspect_view_class = _scoped(generic.InspectView, self.scope)
        self.history_view_class = _scoped(self.history_view_class, self.scope)
        self.usage_view_class = _scoped(self.usage_view_class, self.scope)

    def get_form_class(self, for_update=False):
        return self.scoped_form_class


# A unit is deactivated, never deleted: columns, items and records keep pointing at it.
register_permission_policy(Unit, RestrictedPermissionPolicy(Unit, ("delete",)), exact_class=True)


class UnitViewSet(ScopedModelViewSet):
    model = Unit
    scoped_form_class = UnitForm
    icon = "site"
    menu_label = _("units")
    url_prefix = "gov-review/units"
    list_display = ["name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    scope = staticmethod(units_for)


class UnitMembershipViewSet(ScopedModelViewSet):
    model = UnitMembership
    scoped_form_class = MembershipForm
    icon = "group"
    menu_label = _("unit memberships")
    url_prefix = "gov-review/unit-memberships"
    list_display = ["user", "unit", "position", "is_information_officer"]
    list_filter = ["unit", "is_information_officer"]
    search_fields = ["position", "user__username", "user__last_name", "user__first_name"]
    scope = staticmethod(memberships_for)


class UnitsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Units and staff")
    menu_icon = "site"
    menu_order = 305
    items = (
        UnitViewSet("gov_review_units"),
        UnitMembershipViewSet("gov_review_unit_memberships"),
    )
