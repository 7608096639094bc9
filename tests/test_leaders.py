"""The site-managed leader list: kept in the admin, read by 智能校对 (term.leader)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from wagtail_gov_review.engine import check_text
from wagtail_gov_review.models import Leader

ADD_URL = "/admin/snippets/wagtail_gov_review/leader/add/"
TRY_URL = "/admin/gov-review/terms/try/"
HEATING = "关于做好今冬供暖保障工作的通知"
JSON = {"HTTP_ACCEPT": "application/json"}


def _leader_form(**overrides) -> dict:
    form = {
        "name": "孙某某",
        "title": "区委书记",
        "rank": "1",
        "unit": "",
        "valid_from": "2024-01-01",
        "valid_to": "",
        "is_active": "on",
    }
    return form | overrides


def _leader_findings(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestion) for f in check_text(text) if f.code == "term.leader"]


def test_leader_added_in_admin_flags_a_wrong_title_in_the_editor_check_report(demo, client, login):
    login("admin")
    response = client.post(ADD_URL, _leader_form())
    assert response.status_code == 302, response.content.decode()[:2000]

    login("editor")
    page = Page.objects.get(title=HEATING).specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), "page-edit-form")
    data["body"] = rich_text("<p>区委副书记孙某某带队检查供暖保障工作。</p>")
    response = client.post(reverse("gov_review_editor_check", args=[page.pk]), data, **JSON)
    assert response.status_code == 200, response.content
    leader = [f for f in response.json()["findings"] if f["code"] == "term.leader"]
    assert [(f["text"], f["suggestion"], f["severity"]) for f in leader] == [
        ("区委副书记", "区委书记", "warn")
    ]
    assert "孙某某现任“区委书记”" in leader[0]["message"]


def test_demo_leaders_flag_outdated_titles_names_and_order_in_try_a_text(demo, client, login):
    login("admin")
    text = "副区长钱某某、区长刘某某、副区长周某某出席会议。区长刘某谋讲话。"
    response = client.post(TRY_URL, {"kind": "body", "text": text})
    assert response.status_code == 200
    found = [
        (f.text, f.suggestion) for f in response.context["findings"] if f.code == "term.leader"
    ]
    assert found == [
        ("副区长", "常务副区长"),  # 钱某某's post until 2023
        ("副区长钱某某、区长刘某某、副区长周某某", "区长刘某某、副区长钱某某、副区长周某某"),
        ("刘某谋", "刘某某"),
    ]


def test_editing_or_ending_a_post_in_the_admin_reaches_the_engine(demo, client, login):
    login("admin")
    client.post(ADD_URL, _leader_form())
    leader = Leader.objects.get(name="孙某某")
    assert _leader_findings("区委书记孙某某出席。") == []
    edit_url = reverse("wagtailsnippets_wagtail_gov_review_leader:edit", args=[leader.pk])
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    response = client.post(edit_url, _leader_form(valid_to=yesterday))
    assert response.status_code == 302
    client.post(ADD_URL, _leader_form(title="市委副书记", valid_from=dt.date.today().isoformat()))
    assert _leader_findings("区委书记孙某某出席。") == [("区委书记", "市委副书记")]
    assert [h.valid_to for h in leader.history.order_by("history_date")] == [
        None,
        dt.date.today() - dt.timedelta(days=1),
    ]


def test_inactive_leaders_are_ignored(db):
    sun = Leader.objects.create(name="孙某某", title="区委书记", rank=1, is_active=False)
    Leader.objects.create(name="周某某", title="副区长", rank=3)
    text = "区委书记周某某、副区长孙某某出席。"
    assert _leader_findings(text) == []  # 孙某某 and his post are unknown while inactive
    sun.is_active = True
    sun.save()
    assert _leader_findings(text) == [("区委书记", "副区长"), ("副区长", "区委书记")]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"valid_from": "2025-01-01", "valid_to": "2024-01-01"}, "valid_to", "不能早于起始日期"),
        ({"name": "孙"}, "name", "2 至 6 个字"),
        ({"rank": "第一"}, "rank", ""),
    ],
)
def test_bad_leader_input_gets_a_chinese_error_and_saves_nothing(
    demo, client, login, overrides, field, message
):
    login("admin")
    before = Leader.objects.count()
    response = client.post(ADD_URL, _leader_form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert Leader.objects.count() == before


def test_leader_list_is_in_the_admin_menu_in_chinese(demo, client, login):
    login("admin")
    html = client.get("/admin/").content.decode()
    assert "/admin/snippets/wagtail_gov_review/leader/" in html  # the sidebar menu (JSON)
    listing = client.get("/admin/snippets/wagtail_gov_review/leader/").content.decode()
    assert "钱某某" in listing and "常务副区长" in listing and "任职截止日期" in listing
