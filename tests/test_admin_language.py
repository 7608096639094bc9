"""The admin speaks Chinese: no message of Wagtail's or the plugin's catalogues reaches a main
admin page in English, for any kind of user (issue: Wagtail 8.0's zh_Hans catalogue lacks
about 360 of its strings; the plugin's catalogue supplies them)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from wagtail_gov_review.models import GovInfoPageMixin, ReviewRecord

from .admin_language import catalogue_pieces, untranslated

pytestmark = pytest.mark.django_db

PLUGIN_SCREENS = [
    "wagtail_gov_review_forms:batch",
    "gov_review_inspection:report",
    "gov_review_monitoring:findings",
    "gov_review_monitoring:statistics",
    "gov_review_term_import",
    "gov_review_term_try",
    "wagtailsnippets_wagtail_gov_review_term:list",
    "wagtailsnippets_wagtail_gov_review_term:add",
    "wagtailsnippets_wagtail_gov_review_checklistitem:list",
    "wagtailsnippets_wagtail_gov_review_columnstageassignment:list",
    "gov_review_records:index",
    "gov_review_columns:index",
    "gov_review_column_requests:index",
    "gov_review_column_requests:add",
    "gov_review_account_requests:index",
    "gov_review_account_requests:add",
    "gov_review_officer_changes:index",
    "gov_review_post_publish_reviews:index",
    "gov_review_publish_date_changes:index",
    "gov_review_security_log:index",
]
WAGTAIL_SCREENS = [
    "/admin/",
    "/admin/pages/search/?q=会议",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/account/",
    "/admin/snippets/",
]


def _item_screens() -> list[str]:
    item = Page.objects.type(GovInfoPageMixin).live().order_by("pk").first()
    column = item.get_parent()
    model = item.specific_class._meta
    record = ReviewRecord.objects.order_by("pk").first()
    return [
        f"/admin/pages/{column.pk}/",
        # the explorer filters the manager's dashboard links to (审核环节, 单位, 公开属性)
        f"/admin/pages/{column.pk}/?review_stage=first&disclosure=public",
        f"/admin/pages/{item.pk}/edit/",
        f"/admin/pages/{item.pk}/history/",
        f"/admin/pages/{item.pk}/workflow_history/",
        f"/admin/pages/add/{model.app_label}/{model.model_name}/{column.pk}/",
        reverse("gov_review_records:inspect", args=[record.pk]),
    ]


def test_the_detector_knows_wagtails_english_strings():
    pieces = catalogue_pieces()
    assert {"Search all pages", "Exploring", "Privacy and access", "Date updated"} <= pieces
    html = '<p>Exploring: 政务动态</p><input placeholder="Search all pages…"><p>1-7 of 7 页面</p>'
    assert untranslated(html) == {"Exploring", "Search all pages", "of"}
    assert untranslated("<p>浏览：政务动态</p><p>admin 王信息 reviewer1 PDF</p>") == set()


@pytest.mark.parametrize("username", ["admin", "reviewer1", "editor", "town_editor"])
def test_main_admin_pages_have_no_english_ui_text(module_demo, client, login, username):
    from django.contrib.auth import get_user_model

    login(username)
    usernames = frozenset(get_user_model().objects.values_list("username", flat=True))
    screens = WAGTAIL_SCREENS + _item_screens() + [reverse(name) for name in PLUGIN_SCREENS]
    problems = {}
    for url in screens:
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue  # refused for this user: the refusal page is checked with the others
        if found := untranslated(response.content.decode(), usernames):
            problems[url] = sorted(found)
    assert not problems, problems
