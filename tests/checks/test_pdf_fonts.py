"""PDFs written with the usual CJK fonts: whatever font a PDF uses, the numbers in its text are
found. pypdf reads fpdf2's Noto Sans/Serif CJK (CID) text with a NUL before every character;
the reader detects that and reads the page with PDFium instead."""

from __future__ import annotations

import io
import subprocess

import pytest
from fpdf import FPDF

from wagtail_gov_review.checks.files import check_file, read_segments
from wagtail_gov_review.checks.files.pdf import clean_text, is_garbled

from .helpers import make_card, make_id

ID = make_id("110101", "19900307", "451")
CARD = make_card()
MOBILE = "13800138000"
FAMILIES = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "HanaMinA"]


def _font_file(family: str) -> str | None:
    """The font file fontconfig has for exactly ``family``, or None when it is not installed."""
    out = subprocess.run(
        ["fc-list", f":family={family}", "file"], capture_output=True, text=True, check=False
    ).stdout
    files = sorted(line.split(":")[0] for line in out.splitlines() if line.strip())
    regular = [f for f in files if "Regular" in f] or files
    return regular[0] if regular else None


def _pdf(font: str, lines: list[str], digits_font: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=font)
    if digits_font:
        pdf.add_font("digits", fname=digits_font)
    for line in lines:
        if digits_font and line.isascii():
            pdf.set_font("digits", size=11)
        else:
            pdf.set_font("cjk", size=11)
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _font_or_skip(family: str) -> str:
    font = _font_file(family)
    if font is None:
        pytest.skip(f"font {family} not installed")
    return font


@pytest.mark.parametrize("family", FAMILIES)
def test_numbers_in_a_pdf_are_found_whatever_the_cjk_font(engine, family):
    lines = [f"张三 身份证：{ID} 手机 {MOBILE}", f"银行卡号 {CARD}", "以上信息已核实。"]
    data = _pdf(_font_or_skip(family), lines)
    segments = read_segments(io.BytesIO(data), name="名单.pdf")
    assert segments and not any(is_garbled(s.text) or "\x00" in s.text for s in segments)
    found = {(f.code, f.text) for f in check_file(engine, io.BytesIO(data), name="名单.pdf")}
    assert {("pii.id_card", ID), ("pii.mobile", MOBILE), ("pii.bank_card", CARD)} <= found


@pytest.mark.parametrize("family", FAMILIES)
def test_digits_in_a_latin_font_beside_cjk_text(engine, family):
    data = _pdf(
        _font_or_skip(family),
        ["身份证号码：", f"{ID} {MOBILE}"],
        digits_font=_font_or_skip("DejaVu Sans"),
    )
    found = {(f.code, f.text) for f in check_file(engine, io.BytesIO(data), name="a.pdf")}
    assert {("pii.id_card", ID), ("pii.mobile", MOBILE)} <= found


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("\x00身\x00份\x00证\x001\x001", True),
        ("\ufffd\ufffd\ufffd 通知", True),
        ("关于做好2024年工作的通知\n各单位：", False),
        ("", False),
        ("正文" * 100 + "\x00", False),  # one stray NUL in a long page is only cleaned
    ],
)
def test_garbage_detection(text, garbled):
    assert is_garbled(text) is garbled


def test_control_characters_are_removed_line_breaks_kept():
    assert clean_text("\x00身\x00份\r\n证\x07号\t1") == "身份\n证号\t1"
