"""The 所属单位 field on Wagtail's own user screens (issue 20): accounts are put in their
units where they are made, and a unit-scoped administrator may only pick their own unit.

Driven through Wagtail's user create and edit URLs with the demo portal.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from wagtail_gov_review.models import Unit, UnitMembership
from wagtail_gov_review.user_units import UnitUserEditForm

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Units!field2026"
OFFICE = "区政府办公室"
TOWN = "城关镇人民政府"


@pytest.fixture
def demo(module_demo):
    return module_demo


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def _new_user(username: str, *units: Unit, **extra) -> dict:
    data = {
        "username": username,
        "email": f"{username}@site.invalid",
        "first_name": "小明",
        "last_name": "刘",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "units": [unit.pk for unit in units],
    }
    data.update(extra)
    return data


def _units_of(username: str) -> set[str]:
    return set(
        UnitMembership.objects.filter(user__username=username).values_list("unit__name", flat=True)
    )


@pytest.fixture
def town_admin(demo):
    """A town's own account administrator: may add users, sees only 城关镇人民政府."""
    group = Group.objects.create(name="镇账号管理员")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_user", content_type__app_label="auth"),
    )
    user = User.objects.create_user("town_accounts", password=PASSWORD, last_name="镇")
    user.groups.add(group)
    UnitMembership.objects.create(user=user, unit=_unit(TOWN))
    return user


def test_admin_puts_a_new_account_in_its_units_on_wagtails_user_screen(demo, client, login):
    login("admin")
    url = reverse("wagtailusers_users:add")
    html = client.get(url).content.decode()
    assert 'name="units"' in html and "所属单位" in html
    response = client.post(url, _new_user("liu", _unit(OFFICE), _unit(TOWN)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _units_of("liu") == {OFFICE, TOWN}


def test_editing_an_account_changes_its_units_and_shows_the_current_ones(demo, client, login):
    login("admin")
    user = User.objects.get(username="town_editor")
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    html = client.get(url).content.decode()
    town = _unit(TOWN)
    assert f'value="{town.pk}"' in html and "checked" in html.split(f'value="{town.pk}"')[1][:40]
    data = {
        "username": user.username,
        "email": "town_editor@site.invalid",
        "first_name": user.first_name or "编辑",
        "last_name": user.last_name or "吴",
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "units": [_unit(OFFICE).pk],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _units_of("town_editor") == {OFFICE}


def test_unit_scoped_administrator_may_only_pick_their_own_unit(demo, client, town_admin):
    client.force_login(town_admin)
    url = reverse("wagtailusers_users:add")
    html = client.get(url).content.decode()
    assert TOWN in html and OFFICE not in html
    # Another unit: refused with a message on the form, no account made.
    response = client.post(url, _new_user("outsider", _unit(OFFICE)))
    assert response.status_code == 200
    assert response.context["form"].errors["units"], response.context["form"].errors
    assert not User.objects.filter(username="outsider").exists()
    # No unit at all: the account would vanish from their sight, so a unit is required.
    response = client.post(url, _new_user("nobody"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["units"], response.context["form"].errors
    assert not User.objects.filter(username="nobody").exists()
    response = client.post(url, _new_user("clerk", _unit(TOWN)))
    assert response.status_code == 302
    assert _units_of("clerk") == {TOWN}


def test_saving_keeps_memberships_of_units_the_editor_cannot_see(demo, town_admin):
    """On the form: a scoped administrator cannot open another account's edit URL at all
    (site configuration, central units only); the form must still not drop what it hides."""
    user = User.objects.get(username="town_reviewer1")
    UnitMembership.objects.create(user=user, unit=_unit(OFFICE))
    form = UnitUserEditForm(
        instance=user,
        for_user=town_admin,
        data={
            "username": user.username,
            "email": "r@site.invalid",
            "first_name": "科长",
            "last_name": "吴",
            "is_active": "on",
            "units": [],
        },
    )
    assert form.is_valid() is False  # a unit of their own is required
    form = UnitUserEditForm(
        instance=user,
        for_user=town_admin,
        data={**form.data, "units": [_unit(TOWN).pk]},
    )
    assert form.is_valid(), form.errors
    form.save()
    assert _units_of("town_reviewer1") == {TOWN, OFFICE}


def test_system_check_warns_when_the_site_has_its_own_user_viewset():
    from django.apps import apps

    users = apps.get_app_config("wagtailusers")
    original = users.user_viewset
    out = io.StringIO()
    try:
        users.user_viewset = "wagtail.users.views.users.UserViewSet"
        call_command("check", stdout=out, stderr=out)
    finally:
        users.user_viewset = original
    assert "wagtail_gov_review.W032" in out.getvalue()
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "W032" not in out.getvalue()
