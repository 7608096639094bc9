"""Bad input through the real admin: a clear answer, never a 500, never a lost draft.

The check engine is fuzzed with hypothesis in tests/checks/test_robustness.py
(``test_fuzz_offsets_always_valid``); here the Django side gets the same treatment.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from example_site.portal.models import NewsPage, NoticePage

from .form_helpers import page_form, set_rich_text, set_stream


@pytest.fixture
def demo(module_demo):
    """The demo portal, loaded once for this module (conftest ``module_demo``)."""
    return module_demo


NOTICE = "关于做好今冬供暖保障工作的通知"
NEWS = "区政府召开安全生产工作会议"
MALFORMED = "表单内容无法识别"


@pytest.fixture
def client(client):
    # A 500 must fail the test as a response, not as an exception escaping the test client.
    client.raise_request_exception = False
    return client


def kept(text: str, html: str) -> bool:
    """Whether the re-rendered editor still holds ``text`` (raw, or JSON-escaped in the
    editor's data attributes)."""
    import json
    from html import unescape

    html = unescape(html)
    once = json.dumps(text)[1:-1]
    twice = json.dumps(once)[1:-1]  # rich text JSON inside the StreamField's JSON
    return text in html or once in html or twice in html


def _edit_url(title):
    return reverse("wagtailadmin_pages:edit", args=[Page.objects.get(title=title).pk])


def _errors(html: str) -> list[str]:
    import re

    return re.findall(r'class="error-message"[^>]*>(.*?)<', html, re.S)


def _latest(title):
    return Page.objects.get(title=title).specific.get_latest_revision_as_object()


def test_one_megabyte_of_rich_text_is_saved_whole(demo, client, login):
    login("editor")
    url = _edit_url(NOTICE)
    data = page_form(client, url)
    text = "政务公开，依法依规。" * 35_000  # 350 000 characters, over 1 MB in UTF-8
    assert len(text.encode()) > 1_000_000
    set_rich_text(data, "body", f"<p>{text}</p>")
    response = client.post(url, data)
    assert response.status_code == 302
    assert text in _latest(NOTICE).body


def test_emoji_traditional_script_and_rare_characters_survive(demo, client, login):
    login("editor")
    url = _edit_url(NOTICE)
    data = page_form(client, url)
    body = "<p>😀🇨🇳 繁體字「關於」 𠮷野家 ½ ℃ — 第①条</p>"
    set_rich_text(data, "body", body)
    data["title"] = "关于供暖😀的通知（繁體）"
    assert client.post(url, data).status_code == 302
    latest = _latest("关于做好今冬供暖保障工作的通知")
    assert latest.title == "关于供暖😀的通知（繁體）"
    assert "𠮷野家" in latest.body and "🇨🇳" in latest.body


def test_control_characters_get_a_clear_error_and_the_form_keeps_the_text(demo, client, login):
    login("editor")
    url = _edit_url(NOTICE)
    before = Page.objects.get(title=NOTICE).latest_revision_id
    data = page_form(client, url)
    data["title"] = "含控制字符\x00的标题"
    set_rich_text(data, "body", "<p>正文保留：供暖热线12345。</p>")
    response = client.post(url, data)
    assert response.status_code == 200  # the editor again, with the error
    html = response.content.decode()
    assert "空字符" in html or "Null characters are not allowed" in html, _errors(html)
    assert kept("正文保留", html)  # what the editor typed is still in the form
    assert Page.objects.get(title=NOTICE).latest_revision_id == before


def test_malformed_stored_html_still_opens_in_the_editor(demo, client, login):
    page = NoticePage.objects.get(title=NOTICE)
    page.body = "<p><b>未闭合 <script>alert(1)</script><table><tr><td>表格</p></div></i>正文继续"
    page.save_revision(user=page.owner)
    login("editor")
    url = _edit_url(NOTICE)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert kept("正文继续", html) and kept("表格", html)
    # And it can be saved again from the editor.
    data = page_form(client, url)
    assert client.post(url, data).status_code == 302


def test_deeply_nested_json_in_a_rich_text_field_is_refused_clearly(demo, client, login):
    login("editor")
    url = _edit_url(NOTICE)
    before = _latest(NOTICE).body
    data = page_form(client, url)
    data["body"] = "[" * 100_000 + "]" * 100_000
    response = client.post(url, data)
    assert response.status_code == 400
    assert MALFORMED in response.content.decode()
    assert _latest(NOTICE).body == before


@pytest.mark.parametrize(
    "field,value",
    [
        ("body-0-value", "[" * 50_000 + "]" * 50_000),  # deeply nested StreamField JSON
        ("body-0-value", "{not json"),
        ("body-count", "1000000000"),  # more blocks announced than posted
        ("body-count", "abc"),
        ("body-0-order", "x"),
    ],
    ids=["deep-json", "not-json", "huge-count", "count-not-a-number", "order-not-a-number"],
)
def test_malformed_streamfield_posts_get_a_400_and_keep_the_draft(
    demo, client, login, field, value
):
    login("editor")
    url = _edit_url(NEWS)
    data = page_form(client, url)
    set_stream(data, "body", [("paragraph", rich_text("<p>新的正文</p>"))])
    before = Page.objects.get(title=NEWS).latest_revision_id
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 400
    assert MALFORMED in response.content.decode()
    assert Page.objects.get(title=NEWS).latest_revision_id == before


def test_a_long_streamfield_block_is_saved(demo, client, login):
    login("editor")
    url = _edit_url(NEWS)
    data = page_form(client, url)
    set_stream(
        data,
        "body",
        [("paragraph", rich_text(f"<p>第{i}段。</p>")) for i in range(300)]
        + [("figure", {"caption": "图" * 5000, "credit": ""})],
    )
    assert client.post(url, data).status_code == 302
    latest = _latest(NEWS)
    assert len(latest.body) == 301


def test_create_view_with_bad_input_keeps_the_typed_text(demo, client, login):
    login("editor")
    parent = Page.objects.get(slug="news")
    url = reverse("wagtailadmin_pages:add", args=["portal", "newspage", parent.pk])
    data = page_form(client, url)
    data["title"] = ""  # required
    data["slug"] = "new-item"
    set_stream(data, "body", [("paragraph", rich_text("<p>草稿内容😀不能丢</p>"))])
    response = client.post(url, data)
    assert response.status_code == 200
    assert kept("草稿内容😀不能丢", response.content.decode())
    assert not NewsPage.objects.filter(slug="new-item").exists()


# Term list imports (/admin/gov-review/terms/import/)


def _import(client, name, content):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(reverse("gov_review_term_import"), {"category": "sensitive", "file": upload})


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("huge.txt", b"x" * (20 * 1024 * 1024 + 1), "20 MB"),
        ("many.txt", "\n".join(f"词{i}" for i in range(200_001)).encode(), "200000"),
        ("garbage.xlsx", b"\x00\xff" * 5000, "XLSX"),
        ("empty.txt", b"\n\n \n", ""),
        ("virus.exe", b"MZ\x90\x00", ".txt"),
    ],
    ids=["over-20MB", "over-200k-rows", "not-a-workbook", "empty", "wrong-type"],
)
def test_bad_term_imports_get_a_clear_error(demo, client, login, name, content, message):
    from wagtail_gov_review.models import Term

    login("admin")
    before = Term.objects.count()
    response = _import(client, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "error" in html.lower()
    assert message in html
    assert Term.objects.count() == before


def test_a_large_valid_term_import_previews(demo, client, login):
    login("admin")
    lines = [f"测试词{i}\t建议{i}" for i in range(20_000)] + ["😀表情\t", "\x07控制"]
    response = _import(client, "large.txt", "\n".join(lines).encode("utf-8"))
    assert response.status_code == 200
    assert "20" in response.content.decode()
