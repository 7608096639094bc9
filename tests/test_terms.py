"""Admin-managed term lists: they reach the engine, import with a preview, try-a-text."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from wagtail_gov_review.engine import check_text
from wagtail_gov_review.models import Term, TermCategory

IMPORT_URL = "/admin/gov-review/terms/import/"
TRY_URL = "/admin/gov-review/terms/try/"


@pytest.fixture
def admin_client(demo, client, login):
    login("admin")
    return client


def test_term_added_in_admin_is_found_by_the_engine(admin_client):
    text = "本次活动由示范演练公司承办。"
    assert not [f for f in check_text(text) if f.code == "term.sensitive"]
    response = admin_client.post(
        "/admin/snippets/wagtail_gov_review/term/add/",
        {
            "category": "sensitive",
            "term": "示范演练公司",
            "suggestion": "",
            "note": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    findings = [f for f in check_text(text) if f.code == "term.sensitive"]
    assert [f.text for f in findings] == ["示范演练公司"]


def test_deactivated_and_allowed_terms_are_not_reported(db):
    term = Term.objects.create(category=TermCategory.TYPO, term="兰球场", suggestion="篮球场")
    assert [f.suggestion for f in check_text("新建兰球场一个") if f.code == "typo"] == ["篮球场"]
    term.is_active = False
    term.save()
    assert not [f for f in check_text("新建兰球场一个") if f.text == "兰球场"]
    Term.objects.create(category=TermCategory.ALLOW, term="国土资源局")
    assert not [f for f in check_text("区国土资源局") if f.code == "term.outdated_name"]


def test_term_changes_are_kept_in_history(db):
    term = Term.objects.create(category=TermCategory.TYPO, term="既使", suggestion="即便")
    term.suggestion = "即使"
    term.save()
    assert [h.suggestion for h in term.history.order_by("history_date")] == ["即便", "即使"]


def test_txt_import_previews_then_applies(admin_client):
    Term.objects.create(category=TermCategory.TYPO, term="既使", suggestion="即便")
    upload = SimpleUploadedFile(
        "typos.txt",
        "# 常见错别字\n既使\t即使\n兰球场，篮球场\n\n示范错字->示范正字\n".encode(),
    )
    response = admin_client.post(IMPORT_URL, {"category": "typo", "file": upload, "note": "测试"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 新增" in html and "1 修改" in html
    assert Term.objects.filter(category="typo").count() == 1  # nothing written yet
    token = response.context["token"]
    response = admin_client.post(IMPORT_URL, {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert dict(Term.objects.filter(category="typo").values_list("term", "suggestion")) == {
        "既使": "即使",
        "兰球场": "篮球场",
        "示范错字": "示范正字",
    }


def test_xlsx_import_with_header_row(admin_client):
    book = Workbook()
    sheet = book.active
    sheet.append(["词条", "建议"])
    sheet.append(["示范区旅游局", "示范区文化和旅游局"])
    sheet.append(["  ", None])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("names.xlsx", data.getvalue())
    response = admin_client.post(IMPORT_URL, {"category": "outdated_name", "file": upload})
    assert response.context["preview"].new[0].term == "示范区旅游局"
    admin_client.post(IMPORT_URL, {"confirm": "1", "token": response.context["token"]})
    assert Term.objects.get(term="示范区旅游局").suggestion == "示范区文化和旅游局"


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("terms.pdf", b"%PDF-1.4", "请上传 .txt 或 .xlsx 文件"),
        ("terms.xlsx", b"not a workbook", "不是可读取的 XLSX"),
        ("terms.txt", b"\n# only a comment\n", "没有词条"),
        ("terms.txt", b"\xff\xfe\x00\xd8\x00", "编码"),
    ],
)
def test_bad_import_files_get_a_clear_error_and_change_nothing(admin_client, name, data, message):
    before = Term.objects.count()
    response = admin_client.post(
        IMPORT_URL, {"category": "typo", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Term.objects.count() == before


def test_gb18030_text_and_control_characters(admin_client):
    upload = SimpleUploadedFile("gbk.txt", "兰球场\t篮球场\n坏\x07词\n".encode("gb18030"))
    response = admin_client.post(IMPORT_URL, {"category": "typo", "file": upload})
    preview = response.context["preview"]
    assert [r.term for r in preview.new] == ["兰球场"]
    assert len(preview.invalid) == 1 and "控制字符" in preview.invalid[0].error


def test_expired_import_token_changes_nothing(admin_client):
    response = admin_client.post(IMPORT_URL, {"confirm": "1", "token": "deadbeef"}, follow=True)
    assert "已失效" in response.content.decode()


def test_try_a_text_highlights_findings(admin_client):
    response = admin_client.post(
        TRY_URL, {"kind": "body", "text": "联系电话：13800138000，区国土资源局<script>"}
    )
    html = response.content.decode()
    assert '<mark class="gov-finding">13800138000</mark>' in html
    assert "自然资源局" in html
    assert "&lt;script&gt;" in html  # the text is escaped, not rendered


def test_editor_cannot_manage_terms(demo, client, login):
    login("editor")
    assert client.get(IMPORT_URL).status_code in (302, 403)
    assert client.get(TRY_URL).status_code in (302, 403)


def test_import_refuses_empty_suggestions_and_lists_built_in_pairs_as_built_in(admin_client):
    upload = SimpleUploadedFile(
        "typos.txt",
        "这一行->\n兰球场\n按装，安装\n示范错字->示范正字\n".encode(),
    )
    response = admin_client.post(IMPORT_URL, {"category": "typo", "file": upload, "note": ""})
    html = response.content.decode()
    preview = response.context["preview"]
    assert [row.term for row in preview.new] == ["示范错字"]
    assert [row.term for row in preview.builtin] == ["按装"]
    assert {row.term: row.error for row in preview.invalid} == {
        "这一行": "分隔符后没有建议词：请补上建议词，或删去分隔符",
        "兰球场": "此类词库的每个词条都须有建议词",
    }
    assert "1 新增" in html and "2 无效" in html and "1 条已内置" in html
    admin_client.post(IMPORT_URL, {"confirm": "1", "token": response.context["token"]})
    assert dict(Term.objects.filter(category="typo").values_list("term", "suggestion")) == {
        "示范错字": "示范正字"
    }


def test_a_sensitive_term_list_needs_no_suggestion(admin_client):
    upload = SimpleUploadedFile("sensitive.txt", "示范演练公司\n".encode())
    response = admin_client.post(IMPORT_URL, {"category": "sensitive", "file": upload, "note": ""})
    assert [row.term for row in response.context["preview"].new] == ["示范演练公司"]
