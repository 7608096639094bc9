"""The drawn PDF forms: nothing is cut off, Chinese wraps properly, fonts fail clearly."""

from __future__ import annotations

import datetime
import io
import re
import subprocess

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import Page

from wagtail_gov_review.forms.data import FormItem, Selection, Signature
from wagtail_gov_review.forms.errors import PdfFontError
from wagtail_gov_review.forms.export import export_form
from wagtail_gov_review.forms.pdf_fonts import pdf_font_files
from wagtail_gov_review.forms.pdf_layout import FormCanvas
from wagtail_gov_review.forms.render_pdf import render_pdf


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def _item(number: int, title: str, opinion: str = "同意发布。", source_type="original") -> FormItem:
    when = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 30))
    item = FormItem(
        number=number,
        page_id=number,
        title=title,
        unit_name="区政府办公室",
        column_name="政务动态",
        source_type=source_type,
        source_name="省人民政府网站" if source_type == "reprint" else "",
        disclosure="public",
        involves_secret=False,
        involves_sensitive=True,
        go_live_at=None,
    )
    for stage, name in (("first", "李科长"), ("second", "张副主任"), ("final", "陈主任")):
        item.signatures[stage] = Signature(stage, True, opinion, name, "", "区政府办公室", when)
    return item


def _pages_text(content: bytes) -> list[str]:
    return [
        re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages
    ]


def test_an_opinion_longer_than_a_page_continues_on_the_next_page_whole():
    # 3,000 numbered sentences' worth of opinion: far more than one A4 page holds.
    opinion = "".join(f"第{n}条意见已落实。" for n in range(400))
    pages = _pages_text(render_pdf("responsibility", [_item(1, "关于长篇意见的测试", opinion)]))
    assert len(pages) >= 3
    # Every sentence is there, in order, once the page footers are taken out: no line was cut
    # off at a page break.
    body = re.sub(r"第\d+页共\d+页", "", "".join(pages))
    assert body.count(opinion) == 3  # the three reviews each wrote it
    assert "陈主任" in pages[-1]  # the third review comes after the second's long opinion
    assert [f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, 1)] == [True] * len(
        pages
    )


def test_the_secrecy_table_repeats_its_header_on_every_page():
    items = [_item(n, f"关于第{n}项工作的通知") for n in range(1, 61)]
    pages = _pages_text(render_pdf("secrecy", items, Selection()))
    assert len(pages) > 2
    for page in pages:
        assert "信息发布保密审查表" in page
        assert "序号部门信息名称信息来源公开属性发布平台初审二审三审备注" in page
    text = "".join(pages)
    assert all(f"关于第{n}项工作的通知" in text for n in range(1, 61))
    assert "承办人签字：" in pages[-1] and "承办人签字：" not in pages[0]


def test_check_boxes_come_from_the_fallback_font_and_stay_in_the_text():
    content = render_pdf("responsibility", [_item(1, "转载测试", source_type="reprint")])
    reader = PdfReader(io.BytesIO(content))
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert any("WenQuanYi" in name for name in fonts)
    assert any("DejaVu" in name for name in fonts)
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "☐本机关制发☑转载（省人民政府网站）" in text
    assert "是否涉敏☑是☐否" in text


def test_rare_characters_of_names_are_kept_and_their_font_embedded_only_when_needed():
    # 䶮 (CJK extension A) and 𠀋 (extension B) are in names; the leading font lacks them.
    rare = render_pdf("secrecy", [_item(1, "关于表彰王䶮、张𠀋明同志的通报")])
    assert "关于表彰王䶮、张𠀋明同志的通报" in _pages_text(rare)[0]
    plain = render_pdf("secrecy", [_item(1, "关于表彰先进集体的通报")])

    def fonts(content):
        page = PdfReader(io.BytesIO(content)).pages[0]
        return {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}

    assert any("HanaMin" in name for name in fonts(rare))
    assert not any("HanaMin" in name for name in fonts(plain))


def test_wrapping_keeps_punctuation_where_chinese_typesetting_wants_it():
    canvas = FormCanvas(pdf_font_files())
    width = canvas.text_width("一二三四五")  # five characters per line
    lines = canvas.wrap("一二三四五，六七八九（十）", width)
    assert lines[0] == "一二三四五，"  # the comma hangs instead of starting a line
    assert lines[1] == "六七八九" and lines[2].startswith("（")  # the bracket moves down
    assert canvas.wrap("第一行\n第二行", 100) == ("第一行", "第二行")
    assert canvas.wrap("", 100) == ("",)


def _noto_cff_font() -> str:
    path = subprocess.run(
        ["fc-match", "--format", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True
    ).stdout
    assert path.endswith(".ttc"), "make system-deps installs fonts-noto-cjk"
    return path


@pytest.mark.parametrize(
    ("fonts", "message"),
    [
        (["/nonexistent/font.ttf"], "不存在"),
        ([_noto_cff_font()], "不含 TrueType 字形轮廓"),
        (["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"], "未找到可用于生成 PDF 表单的中文"),
        ("not a list", "不存在"),  # a single path given as a string is taken as one file
        ({"a": 1}, "须为字体文件路径列表"),
    ],
)
def test_unusable_fonts_are_refused_with_a_clear_error(fonts, message):
    with override_settings(WAGTAIL_GOV_REVIEW={"PDF_FONT_FILES": fonts}):
        with pytest.raises(PdfFontError, match=message):
            render_pdf("secrecy", [_item(1, "测试")])


def test_a_configured_truetype_font_is_used():
    microhei = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    with override_settings(WAGTAIL_GOV_REVIEW={"PDF_FONT_FILES": [dejavu, microhei]}):
        files = pdf_font_files()
        # The Chinese font leads whatever the order given; DejaVu stays as the fallback.
        assert [f.path for f in files] == [microhei, dejavu]
        assert "测试标题" in _pages_text(render_pdf("secrecy", [_item(1, "测试标题")]))[0]


@pytest.mark.django_db
def test_a_font_problem_is_shown_in_the_admin_not_a_server_error(demo, client, login):
    login("admin")
    page = Page.objects.get(title="关于做好今冬供暖保障工作的通知")
    batch = reverse("wagtail_gov_review_forms:batch")
    one = reverse("wagtail_gov_review_forms:page_form", args=[page.pk, "responsibility", "pdf"])
    with override_settings(WAGTAIL_GOV_REVIEW={"PDF_FONT_FILES": ["/nonexistent/font.ttf"]}):
        response = client.get(batch, {"form": "secrecy", "format": "pdf", "export": "1"})
        assert response.status_code == 200
        assert "PDF 字体文件 /nonexistent/font.ttf 不存在。" in response.content.decode()
        response = client.get(one)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "PDF 字体文件 /nonexistent/font.ttf 不存在。"
        ]
        # XLSX does not need the font and still works.
        xlsx = client.get(batch, {"form": "secrecy", "format": "xlsx", "export": "1"})
        assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_system_check_warns_when_pdf_exports_would_fail():
    out = io.StringIO()
    with override_settings(WAGTAIL_GOV_REVIEW={"PDF_FONT_FILES": ["/nonexistent/font.ttf"]}):
        call_command("check", stdout=out, stderr=out)
    assert "wagtail_gov_review.W030" in out.getvalue()
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "W030" not in out.getvalue()


@pytest.mark.django_db
def test_export_of_an_empty_selection_says_so():
    text = _pages_text(export_form("secrecy", "pdf", Selection(page_ids=(-1,))).content)
    assert len(text) == 1 and "所选范围内没有已审核的信息。" in text[0]
