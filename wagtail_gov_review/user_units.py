"""A 所属单位 (units) field on Wagtail's own user create and edit screens.

Wagtail 8 customises its user screens through the user viewset named by the ``wagtailusers``
app config (``user_viewset``). ``UnitUserViewSet`` is Wagtail's viewset with forms that add the
field; ``apps.py`` installs it when the site still uses Wagtail's default viewset, and system
check W032 names the remedy when the site has its own.

Choosing units writes ``UnitMembership`` rows. The choices keep to the acting user's scope
(``unit_admin.units_for``): a unit-scoped administrator may only pick their own units, and
memberships of units they cannot see are kept untouched when they save.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, UserViewSet

from .models import Unit, UnitMembership
from .security.scoping import sees_everything
from .unit_admin import units_for

# What Wagtail's ``wagtailusers`` app config names when the site has not customised it.
WAGTAIL_USER_VIEWSET = "wagtail.users.views.users.UserViewSet"
UNIT_USER_VIEWSET = "wagtail_gov_review.user_units.UnitUserViewSet"


class UnitsFieldMixin(forms.ModelForm):
    """Adds ``units`` to a user form; ``for_user`` (the admin acting) scopes its choices."""

    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Units"),
        help_text=_("The units this person works for; they see and review those units' items."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.fields["units"].queryset = self.choosable_units()
        # Someone who sees only their own units must put a new colleague in one of them,
        # or the account is out of their sight as soon as it is saved.
        self.fields["units"].required = for_user is not None and not sees_everything(for_user)
        if self.instance.pk:
            self.initial["units"] = list(
                self.instance.gov_unit_memberships.filter(
                    unit__in=self.fields["units"].queryset
                ).values_list("unit_id", flat=True)
            )

    def choosable_units(self):
        if self.for_user is None:
            return Unit.objects.none()
        return units_for(self.for_user).filter(is_active=True).order_by("name")

    def _save_m2m(self):
        super()._save_m2m()
        self.save_units(self.instance)

    @transaction.atomic
    def save_units(self, user) -> None:
        """Memberships of the choosable units follow the field; others stay as they were."""
        chosen = set(self.cleaned_data.get("units") or ())
        choosable = set(self.fields["units"].queryset)
        UnitMembership.objects.filter(user=user, unit__in=choosable - chosen).delete()
        for unit in chosen:
            UnitMembership.objects.get_or_create(user=user, unit=unit)


class UnitUserCreationForm(UnitsFieldMixin, UserCreationForm):
    pass


class UnitUserEditForm(UnitsFieldMixin, UserEditForm):
    pass


class _ForUserMixin:
    """Wagtail passes ``for_user`` only to its admin model forms; the user forms need it too."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class UnitUserCreateView(_ForUserMixin, CreateView):
    pass


class UnitUserEditView(_ForUserMixin, EditView):
    pass


class UnitUserViewSet(UserViewSet):
    """Wagtail's user screens with the 所属单位 field; subclass it for a custom user viewset."""

    add_view_class = UnitUserCreateView
    edit_view_class = UnitUserEditView
    create_template_name = "wagtail_gov_review/users/create.html"
    edit_template_name = "wagtail_gov_review/users/edit.html"

    def get_form_class(self, for_update=False):
        return UnitUserEditForm if for_update else UnitUserCreationForm
