"""The editor experience: check-report panel, AJAX check, one-click de-identification, review diff.

Driven through Wagtail's real page editor and the plugin's admin endpoints with the demo portal.
"""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from example_site.portal.models import NewsPage, NoticePage
from wagtail_gov_review.editor.paths import (
    PathError,
    ReplacementError,
    apply_replacements,
    parse_path,
)
from wagtail_gov_review.scanning import check_revision

CITIZEN_ID = "110101199003074514"
SUBSIDY = "2026年度临时救助对象名单公示"
FIRE = "關於做好冬季防火工作的通知"
HEATING = "关于做好今冬供暖保障工作的通知"
JSON = {"HTTP_ACCEPT": "application/json"}


def _page(title):
    return Page.objects.get(title=title).specific


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _mask_url(page):
    return reverse("gov_review_editor_mask", args=[page.pk])


def _check_url(page):
    return reverse("gov_review_editor_check", args=[page.pk])


def _mask_form(html, code):
    """(revision, finding key) from the mask button of the first finding with ``code``."""
    match = re.search(
        r'name="revision" value="(\d+)">\s*<input type="hidden" name="finding" value="([^"]+)">'
        r'\s*<button[^>]*data-gov-mask-button data-code="' + re.escape(code) + '"',
        html,
    )
    assert match, f"no mask button for {code}"
    return match.group(1), match.group(2)


def _codes(revision):
    return {item.finding.code for item in check_revision(revision).findings}


# The panel in the page editor ------------------------------------------------------------------


def test_editor_shows_report_with_highlighted_id_field_and_severity(demo, client, login):
    login("editor")
    page = _page(SUBSIDY)
    response = client.get(_edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    # Inside Wagtail's checks side panel, before Wagtail's own metrics.
    panel = html[html.index('data-side-panel="checks"') :]
    assert panel.index("data-gov-report") < panel.index("data-content-word-count")
    finding = re.search(
        r'<li class="gov-finding gov-finding--block" data-gov-finding="(body:pii\.id_card:[^"]+)"'
        r".*?</li>",
        html,
        re.S,
    )
    assert finding, "the citizen ID finding is listed"
    row = finding.group(0)
    assert f"<mark data-gov-highlight>{CITIZEN_ID}</mark>" in row
    assert '<span class="gov-finding__field" data-gov-field>正文</span>' in row
    assert "阻止发布" in row
    assert "data-gov-mask-button" in row
    assert "智能校对" in html and "一键脱敏全部个人信息" in html


def test_clean_item_reports_no_problems(demo, client, login):
    login("editor")
    html = client.get(_edit_url(_page(HEATING))).content.decode()
    assert "data-gov-report" in html
    assert "data-gov-finding=" not in html
    assert "未发现问题" in html
    # Pages without GovInfoPageMixin (a column index) get no report.
    login("admin")
    html = client.get(_edit_url(Page.objects.get(slug="notices"))).content.decode()
    assert 'data-side-panel="checks"' in html and "data-gov-report" not in html


# The AJAX check of unsaved form data ------------------------------------------------------------


def test_check_endpoint_reports_unsaved_form_data_without_saving(demo, client, login):
    login("editor")
    page = _page(HEATING)
    revisions = Revision.objects.count()
    data = querydict_from_html(client.get(_edit_url(page)).content.decode(), "page-edit-form")
    data["body"] = rich_text("<p>联系人：刘先生，手机：13912345678。</p>")
    response = client.post(_check_url(page), data, **JSON)
    assert response.status_code == 200, response.content
    payload = response.json()
    assert payload["source"] == "form"
    mobile = [f for f in payload["findings"] if f["code"] == "pii.mobile"]
    assert mobile and mobile[0]["text"] == "13912345678"
    assert mobile[0]["field"] == "body" and mobile[0]["severity_label"] == "阻止发布"
    assert payload["has_blocking"] is True
    assert "<mark data-gov-highlight>13912345678</mark>" in payload["html"]
    # An unsaved report offers no mask buttons: masking works on the saved draft only.
    assert "data-gov-mask-button" not in payload["html"]
    assert Revision.objects.count() == revisions
    page.refresh_from_db()
    assert "13912345678" not in page.get_latest_revision_as_object().body

    # Invalid form data: the form's errors, nothing else.
    data["disclosure"] = "nonsense"
    response = client.post(_check_url(page), data, **JSON)
    assert response.status_code == 400
    assert "disclosure" in response.json()["errors"]
    assert Revision.objects.count() == revisions


def test_check_endpoint_get_reports_latest_draft_to_editors_only(demo, client, login):
    login("editor")
    page = _page(SUBSIDY)
    payload = client.get(_check_url(page), **JSON).json()
    assert payload["source"] == "revision"
    assert payload["revision_id"] == page.latest_revision_id
    assert any(f["code"] == "pii.id_card" and f["text"] == CITIZEN_ID for f in payload["findings"])
    for username in ("town_editor", "reviewer1"):  # another unit's editor; a reviewer
        login(username)
        assert client.get(_check_url(page), **JSON).status_code == 403


# One-click de-identification ---------------------------------------------------------------------


def test_mask_button_masks_id_into_new_revision_keeping_the_old_one(demo, client, login):
    user = login("editor")
    page = _page(SUBSIDY)
    old_revision = page.latest_revision
    revision_id, key = _mask_form(client.get(_edit_url(page)).content.decode(), "pii.id_card")
    assert int(revision_id) == old_revision.pk

    response = client.post(_mask_url(page), {"revision": revision_id, "finding": key})
    assert response.status_code == 302 and response.url == _edit_url(page)

    page.refresh_from_db()
    new_revision = page.latest_revision
    assert new_revision.pk != old_revision.pk and new_revision.user == user
    body = new_revision.as_object().body
    assert CITIZEN_ID not in body
    masked = re.search(r"身份证号：(\S{18})，", body).group(1)
    assert masked.startswith("1101") and masked.endswith("14") and "*" * 10 in masked
    assert "pii.id_card" not in _codes(new_revision)
    # Only the chosen finding changed: the mobile number is still there (not selected).
    assert "138 0013 8000" in body and "pii.mobile" in _codes(new_revision)
    # The draft it started from is intact in the history.
    old_revision.refresh_from_db()
    assert CITIZEN_ID in old_revision.as_object().body
    entry = PageLogEntry.objects.get(page=page, action="gov_review.mask")
    assert entry.revision_id == new_revision.pk and entry.user == user
    assert entry.data["previous_revision_id"] == old_revision.pk
    assert CITIZEN_ID not in json.dumps(entry.data)  # the log does not copy the personal data
    # The editor shows the masked draft and says what happened.
    html = client.get(response.url).content.decode()
    assert masked in html and "已脱敏" in html


def test_mask_all_removes_every_personal_data_finding(demo, client, login):
    login("editor")
    page = _page(SUBSIDY)
    html = client.get(_edit_url(page)).content.decode()
    assert "data-gov-mask-all" in html
    response = client.post(
        _mask_url(page), {"revision": page.latest_revision_id, "all": "pii"}, **JSON
    )
    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert response.json()["revision_id"] == page.latest_revision_id
    codes = _codes(page.latest_revision)
    assert not {code for code in codes if code.startswith("pii.")}
    body = page.latest_revision.as_object().body
    assert body.startswith("<p>") and body.endswith("</p>")
    assert CITIZEN_ID not in body and "138 0013 8000" not in body


def test_mask_in_streamfield_rewrites_only_that_block(demo, client, login):
    login("town_editor")
    page = _page(FIRE)
    old_raw = list(page.get_latest_revision_as_object().body.raw_data)
    html = client.get(_edit_url(page)).content.decode()
    revision_id, key = _mask_form(html, "pii.mobile")
    assert key.startswith("body[1]:pii.mobile:")

    response = client.post(_mask_url(page), {"revision": revision_id, "finding": key})
    assert response.status_code == 302

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    new_raw = list(draft.body.raw_data)
    assert [b["id"] for b in new_raw] == [b["id"] for b in old_raw]
    assert new_raw[0] == old_raw[0]
    assert "139-1234-5678" not in new_raw[1]["value"]
    assert "139-****-5678" in new_raw[1]["value"]
    assert "pii.mobile" not in _codes(page.latest_revision)
    draft.full_clean()  # still a valid page
    assert str(draft.body[1].value).startswith("<p>")


def test_users_who_cannot_edit_cannot_mask(demo, client, login):
    login("editor")
    page = _page(SUBSIDY)
    revision_id, key = _mask_form(client.get(_edit_url(page)).content.decode(), "pii.id_card")
    # reviewer1 (same unit) lacks the edit permission; town_editor is refused by the unit scope.
    for username, refusal in (("reviewer1", "没有编辑此页面的权限"), ("town_editor", "其他单位")):
        login(username)
        for data in (
            {"revision": revision_id, "finding": key},
            {"revision": revision_id, "all": "pii"},
        ):
            response = client.post(_mask_url(page), data)
            assert response.status_code == 403, username
            assert refusal in response.content.decode()
    page.refresh_from_db()
    assert page.latest_revision_id == int(revision_id)
    assert not PageLogEntry.objects.filter(page=page, action="gov_review.mask").exists()


BAD_MASK_REQUESTS = [
    ({"finding": "KEY"}, 400, "草稿"),  # no revision
    ({"revision": "abc", "finding": "KEY"}, 400, "草稿"),  # malformed revision
    ({"revision": "REV"}, 400, "选择"),  # nothing chosen
    ({"revision": "REV", "finding": "STALE"}, 409, "当前草稿"),  # offsets that no longer match
    ({"revision": "REV", "finding": "nonsense"}, 409, "当前草稿"),  # unknown finding
    ({"revision": "OLD", "finding": "KEY"}, 409, "重新加载"),  # an outdated draft
]


def test_bad_mask_requests_get_a_clear_error_and_change_nothing(demo, client, login):
    login("editor")
    page = _page(SUBSIDY)
    revision_id, key = _mask_form(client.get(_edit_url(page)).content.decode(), "pii.id_card")
    field, code, start, end = key.split(":")
    stale = f"{field}:{code}:{int(start) + 1}:{int(end) + 1}"
    old = page.latest_revision
    page.get_latest_revision_as_object().save_revision(user=old.user)  # a newer draft
    page.refresh_from_db()
    latest = page.latest_revision_id
    values = {"REV": str(latest), "OLD": str(old.pk), "KEY": key, "STALE": stale}
    revisions = Revision.objects.count()
    for post, status, words in BAD_MASK_REQUESTS:
        data = {name: values.get(value, value) for name, value in post.items()}
        response = client.post(_mask_url(page), data, **JSON)
        assert response.status_code == status, (post, response.content)
        assert words in response.json()["error"], post
        # Without JSON (the plain form): back to the editor with the same message.
        response = client.post(_mask_url(page), data, follow=True)
        assert response.redirect_chain[-1][0] == _edit_url(page)
        assert words in response.content.decode(), post
    assert Revision.objects.count() == revisions
    page.refresh_from_db()
    assert page.latest_revision_id == latest
    assert CITIZEN_ID in page.get_latest_revision_as_object().body
    assert not PageLogEntry.objects.filter(page=page, action="gov_review.mask").exists()


def test_masking_a_non_personal_finding_is_refused(demo, client, login):
    login("editor")
    page = _page("区国土资源局开展土地卫片执法检查")
    payload = client.get(_check_url(page), **JSON).json()
    other = [f for f in payload["findings"] if not f["maskable"]]
    assert other, "the demo item with abolished names has non-personal findings"
    response = client.post(
        _mask_url(page), {"revision": payload["revision_id"], "finding": other[0]["key"]}, **JSON
    )
    assert response.status_code == 400
    assert "不是个人信息" in response.json()["error"]


# The replacement helper --------------------------------------------------------------------------


def test_parse_path():
    assert parse_path("body") == ("body", [])
    assert parse_path("body[2]") == ("body", [2])
    assert parse_path("body[1].caption") == ("body", [1, "caption"])
    with pytest.raises(PathError):
        parse_path("body[x]")
    with pytest.raises(PathError):
        parse_path("")


def test_apply_replacements_on_rich_text_touches_text_not_markup(db):
    page = NoticePage(title="t")
    page.body = '<p>电话 <a href="tel:13800138000">13800138000</a> 与 a&amp;b 13800138000</p>'
    apply_replacements(page, "body", [("13800138000", "138****8000"), ("a&b", "x&y")])
    assert page.body == (
        '<p>电话 <a href="tel:13800138000">138****8000</a> 与 x&amp;y 138****8000</p>'
    )
    with pytest.raises(ReplacementError):
        apply_replacements(page, "body", [("电话 138", "x")])  # not in any text node
    with pytest.raises(PathError):
        apply_replacements(page, "body[0]", [("a", "b")])
    with pytest.raises(PathError):
        apply_replacements(page, "nofield", [("a", "b")])


def test_apply_replacements_on_streamfield_struct_and_paragraph(db):
    page = NewsPage(title="t")
    page.body = [
        {"type": "paragraph", "value": "<p>手机：139-1234-5678</p>", "id": "p1"},
        {"type": "figure", "value": {"caption": "王某 13912345678", "credit": ""}, "id": "f1"},
    ]
    apply_replacements(page, "body[1].caption", [("13912345678", "139****5678")])
    apply_replacements(page, "body[0]", [("139-1234-5678", "139-****-5678")])
    raw = list(page.body.raw_data)
    assert raw[1]["value"]["caption"] == "王某 139****5678" and raw[1]["id"] == "f1"
    assert raw[0]["value"] == "<p>手机：139-****-5678</p>"
    assert page.body[1].value["caption"] == "王某 139****5678"  # still a valid stream value
    with pytest.raises(PathError):
        apply_replacements(page, "body[5]", [("a", "b")])
    with pytest.raises(PathError):
        apply_replacements(page, "body[1]", [("a", "b")])  # a struct, not a text
    with pytest.raises(ReplacementError):
        apply_replacements(page, "body[1].caption", [("13912345678", "x")])  # already masked


# What reviewers see ------------------------------------------------------------------------------


def test_review_context_reports_revision_under_review_and_diff_since_live(demo, client, login):
    from django.template import Context, Template
    from wagtail.models import WorkflowState

    from wagtail_gov_review.editor.review import review_context

    page = _page(HEATING)
    live_revision = page.live_revision
    login("editor")
    url = _edit_url(page)
    data = querydict_from_html(client.get(url).content.decode(), "page-edit-form")
    data["body"] = rich_text(
        "<p>各街道、各有关部门：为做好今冬供暖保障工作，现将有关事项通知如下。"
        "供暖服务热线：12345。区国土资源局负责协调。</p>"
    )
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    task_state = state.current_task_state
    assert task_state is not None and task_state.revision_id != live_revision.pk

    context = review_context(task_state)
    assert context["revision"] == task_state.revision
    assert context["baseline"] == live_revision
    body = [diff for diff in context["diffs"] if diff.field == "body"]
    assert body and body[0].status == "changed"
    assert "<ins>区国土资源局负责协调。</ins>" in body[0].html
    assert not [diff for diff in context["diffs"] if diff.field == "title"]  # unchanged
    assert any(row.code == "term.outdated_name" for row in context["findings"])

    html = Template("{% load gov_review_editor %}{% gov_review_context task_state %}").render(
        Context({"task_state": task_state})
    )
    assert f'data-gov-baseline="{live_revision.pk}"' in html
    assert 'data-gov-diff="body"' in html and "<ins>区国土资源局负责协调。</ins>" in html
    assert "本版本智能校对结果" in html and "提醒" in html


def test_review_context_without_earlier_approved_version_shows_everything_as_new(demo):
    from django.template import Context, Template

    page = _page(SUBSIDY)

    class Stub:  # review_context reads only the task state's revision
        revision = page.latest_revision

    html = Template("{% load gov_review_editor %}{% gov_review_context task_state %}").render(
        Context({"task_state": Stub()})
    )
    assert 'data-gov-baseline=""' in html and "全部为新内容" in html
    assert f"<ins>{page.title}</ins>" in html
    assert 'data-code="pii.id_card"' in html and "阻止发布" in html


# One-click 采用建议 ---------------------------------------------------------------------------

TYPO_BODY = "<p>参观的群众穿流不息，秩序良好。</p><p>节日期间道路上车辆穿流不息。</p>"


def _draft_with_typos(user):
    page = _page(HEATING)
    draft = page.get_latest_revision_as_object()
    draft.body = TYPO_BODY
    return page, draft.save_revision(user=user)


def _adopt_form(html):
    """(revision, finding key) of the first 采用建议 button in the panel."""
    match = re.search(
        r'name="revision" value="(\d+)">\s*<input type="hidden" name="finding" value="([^"]+)">'
        r"\s*<button[^>]*data-gov-adopt-button",
        html,
    )
    assert match, "no adopt button"
    return match.group(1), match.group(2)


def test_adopting_one_suggestion_fixes_that_place_only_into_a_new_revision(demo, client, login):
    user = login("editor")
    page, revision = _draft_with_typos(user)
    html = client.get(_edit_url(page)).content.decode()
    assert "采用 → 川流不息" in html
    revision_id, key = _adopt_form(html)
    assert int(revision_id) == revision.pk

    url = reverse("gov_review_editor_suggest", args=[page.pk])
    response = client.post(url, {"revision": revision_id, "finding": key})
    assert response.status_code == 302 and response.url == _edit_url(page)
    page.refresh_from_db()
    body = page.latest_revision.as_object().body
    # The first place is corrected; the same typo elsewhere waits for its own click.
    assert body == "<p>参观的群众川流不息，秩序良好。</p><p>节日期间道路上车辆穿流不息。</p>"
    entry = PageLogEntry.objects.get(page=page, action="gov_review.apply_suggestion")
    assert entry.user == user and entry.data["previous_revision_id"] == revision.pk
    assert "已采用" in client.get(response.url).content.decode()


def test_adopt_all_suggestions_leaves_personal_data_to_masking(demo, client, login):
    user = login("editor")
    page, _revision = _draft_with_typos(user)
    draft = page.get_latest_revision_as_object()
    draft.body = TYPO_BODY + f"<p>身份证号：{CITIZEN_ID}。</p>"
    draft.save_revision(user=user)
    page.refresh_from_db()
    url = reverse("gov_review_editor_suggest", args=[page.pk])
    response = client.post(url, {"revision": page.latest_revision_id, "all": "suggestions"}, **JSON)
    assert response.status_code == 200, response.content
    assert response.json()["adopted"] == 2
    page.refresh_from_db()
    body = page.latest_revision.as_object().body
    assert "穿流不息" not in body and body.count("川流不息") == 2
    assert CITIZEN_ID in body  # 脱敏 is its own, deliberate click
    codes = _codes(page.latest_revision)
    assert "typo" not in codes and "pii.id_card" in codes

    # A personal-data finding named directly: refused with the reason, nothing saved.
    html = client.get(_edit_url(page)).content.decode()
    revision_id, key = _mask_form(html, "pii.id_card")
    before = page.latest_revision_id
    response = client.post(url, {"revision": revision_id, "finding": key}, **JSON)
    assert response.status_code == 400 and "没有可采用的建议" in response.json()["error"]
    page.refresh_from_db()
    assert page.latest_revision_id == before


def test_panel_names_a_stream_block_by_field_position_and_kind_not_by_path(demo, client, login):
    login("town_editor")
    page = _page(FIRE)
    html = client.get(_edit_url(page)).content.decode()
    panel = html.split("data-gov-report", 1)[1]
    finding = panel.split('data-code="pii.mobile"', 1)[1].split("</li>", 1)[0]
    visible = re.sub(r"<[^>]+>", " ", finding.split(">", 1)[1])
    assert "正文 第2块（段落）" in visible
    assert "body[1]" not in visible  # kept only in attributes, for the mask form


@pytest.mark.parametrize(
    "field, code, suggestion, adoptable, maskable",
    [
        ("body", "typo", "川流不息", True, False),
        ("body", "pii.id_card", "1101************14", False, True),
        ("attachment:document:7", "typo", "川流不息", False, False),  # fixed on its own page
        ("attachment:document:7", "pii.id_card", "1101************14", False, False),
        ("image_alts", "pii.mobile", "138****8000", False, False),
        ("links", "link.commercial", "删除", False, False),
        ("body", "format.punctuation", "", False, False),
    ],
)
def test_one_click_fixes_are_offered_only_where_the_page_field_can_be_rewritten(
    field, code, suggestion, adoptable, maskable
):
    from wagtail_gov_review.checks import Finding
    from wagtail_gov_review.editor.report import has_suggestion, is_maskable
    from wagtail_gov_review.scanning import FieldFinding

    finding = Finding(code, 0, 4, "穿流不息", "warn", "错别字", suggestion)
    item = FieldFinding(field=field, field_label="x", finding=finding)
    assert (has_suggestion(item), is_maskable(item)) == (adoptable, maskable)
