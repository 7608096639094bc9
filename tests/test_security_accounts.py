"""Account policy through the real admin: lockout, password rules and expiry, offboarding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page
from wagtail.test.utils.form_data import rich_text

from wagtail_gov_review.models import Unit, UnitMembership
from wagtail_gov_review.security.accounts import (
    AccountDeactivationRefused,
    DeactivateAccount,
    password_expired,
)
from wagtail_gov_review.security.models import PasswordChange, SecurityEvent

from .form_helpers import page_form, set_stream


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


PASSWORD = "GovDemo!town2026"


def _login(client, password):
    return client.post(
        reverse("wagtailadmin_login"), {"username": "town_editor", "password": password}
    )


def test_five_failed_logins_lock_the_account_for_thirty_minutes(demo, client):
    for _ in range(4):
        response = _login(client, "wrong-password")
        assert response.status_code == 200  # the login form again, with its error
    response = _login(client, "wrong-password")
    assert response.status_code == 429
    assert SecurityEvent.objects.filter(kind="locked_out").count() == 1
    html = response.content.decode()
    assert "登录失败次数过多" in html and "30分钟" in html
    # Locked: even the right password is refused now.
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    event = SecurityEvent.objects.filter(kind="locked_out").first()
    assert event.username == "town_editor"
    assert event.user == get_user_model().objects.get(username="town_editor")


def test_lockout_ends_after_the_cool_off(demo, client):
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_successful_login_resets_the_failure_count(demo, client):
    for _ in range(4):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "wrong-password").status_code == 200
    assert _login(client, PASSWORD).status_code == 302


def _change_password(client, old, new):
    return client.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": old,
            "password-new_password1": new,
            "password-new_password2": new,
            # The other account panels post their current values.
            "name_email-first_name": "镇信息员",
            "name_email-last_name": "孙",
            "name_email-email": "town_editor@demo.invalid",
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )


@pytest.mark.parametrize(
    "weak,message",
    [
        ("12345678901", "密码只包含数字"),
        ("Ab1!xyz", "密码太短，至少需要 10 个字符"),
        ("password123", "这个密码太常见"),
    ],
)
def test_weak_passwords_are_refused(demo, client, login, weak, message):
    user = login("town_editor")
    before = PasswordChange.objects.filter(user=user).count()
    response = _change_password(client, PASSWORD, weak)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert PasswordChange.objects.filter(user=user).count() == before


def _age_password(user, days):
    PasswordChange.objects.filter(user=user).update(
        changed_at=timezone.now() - timedelta(days=days)
    )


def test_an_expired_password_must_be_changed_before_working(demo, client, login):
    user = login("town_editor")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    _age_password(user, 91)
    assert password_expired(user)

    response = client.get(reverse("wagtailadmin_home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_account")
    assert "您的密码已过期" in response.content.decode()
    own = Page.objects.get(title="關於做好冬季防火工作的通知")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert edit.status_code == 302
    assert SecurityEvent.objects.filter(kind="password_expired", user=user).count() == 1

    response = _change_password(client, PASSWORD, "Xin-Mima!2027-town")
    assert response.status_code == 302
    assert PasswordChange.objects.filter(user=user).count() >= 2
    assert not password_expired(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert SecurityEvent.objects.filter(kind="password_changed", user=user).exists()


@override_settings(WAGTAIL_GOV_REVIEW={"SECURITY": {"PASSWORD_MAX_AGE_DAYS": 30}})
def test_password_age_is_configurable(demo, login):
    user = get_user_model().objects.get(username="town_editor")
    _age_password(user, 31)
    assert password_expired(user)
    with override_settings(WAGTAIL_GOV_REVIEW={"SECURITY": {"PASSWORD_MAX_AGE_DAYS": 0}}):
        assert not password_expired(user)


def test_a_draft_posted_after_expiry_is_still_saved(demo, client, login):
    user = login("town_editor")
    own = Page.objects.get(title="關於做好冬季防火工作的通知").specific
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    data = page_form(client, url)  # the editor was opened before the password expired
    set_stream(data, "body", [("paragraph", rich_text("<p>冬季防火，人人有責。</p>"))])
    data["title"] = "關於做好冬季防火工作的通知（修訂）"
    _age_password(user, 200)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    own.refresh_from_db()
    draft = own.get_latest_revision_as_object()
    assert draft.title == "關於做好冬季防火工作的通知（修訂）"
    assert "人人有責" in str(draft.body)


def test_offboarding_deactivates_logs_and_ends_the_session(demo, client, login):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    town = login("town_editor")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    DeactivateAccount(town, by=admin, reason="调离岗位").execute()

    town.refresh_from_db()
    assert not town.is_active
    assert not UnitMembership.objects.filter(user=town).exists()
    entry = ModelLogEntry.objects.get(action="wagtail_gov_review.account_deactivated")
    assert entry.user == admin and entry.data["reason"] == "调离岗位"
    assert entry.data["units"] == ["城关镇人民政府"]
    event = SecurityEvent.objects.get(kind="account_deactivated", user=town)
    assert event.actor == admin
    # The open session no longer works, and a new login is refused.
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url
    response = _login(client, PASSWORD)
    assert response.status_code == 200  # the login form again
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url


def test_offboarding_refusals(demo):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    editor = User.objects.get(username="editor")
    town = User.objects.get(username="town_editor")
    with pytest.raises(AccountDeactivationRefused):
        DeactivateAccount(admin, by=admin).check()
    with pytest.raises(AccountDeactivationRefused):
        DeactivateAccount(town, by=editor).check()
    assert User.objects.get(pk=town.pk).is_active


def test_removing_the_last_unit_membership_deactivates_the_account(demo):
    User = get_user_model()
    town = User.objects.get(username="town_editor")
    second = UnitMembership.objects.create(user=town, unit=Unit.objects.get(name="区发展和改革局"))
    UnitMembership.objects.get(user=town, unit__name="城关镇人民政府").delete()
    assert User.objects.get(pk=town.pk).is_active  # still works for another unit
    second.delete()
    assert not User.objects.get(pk=town.pk).is_active
    assert ModelLogEntry.objects.filter(
        action="wagtail_gov_review.account_deactivated", object_id=str(town.pk)
    ).exists()


def test_deactivation_in_wagtails_user_editor_is_logged(demo, client, login):
    User = get_user_model()
    town = User.objects.get(username="town_editor")
    town.is_active = False
    town.save()
    assert SecurityEvent.objects.filter(kind="account_deactivated", user=town).exists()


def test_security_log_is_append_only(demo):
    event = SecurityEvent.objects.create(kind="password_changed", username="x")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_the_security_log_is_readable_by_administrators_only(demo, client, login):
    event = SecurityEvent.objects.create(kind="locked_out", username="town_editor")
    index = reverse("gov_review_security_log:index")
    login("admin")
    response = client.get(index)
    assert response.status_code == 200
    assert "登录失败被锁定" in response.content.decode()
    inspect = reverse("gov_review_security_log:inspect", args=[event.pk])
    assert client.get(inspect).status_code == 200
    login("town_editor")
    assert client.get(index).status_code in (302, 403)
