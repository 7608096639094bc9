"""Real files for the reader tests and benchmarks: DOCX, XLSX, XLS, CSV/TXT, PDF, images, and
hostile ones (zip bombs, lying zip directories), all carrying checksum-valid synthetic IDs."""

from __future__ import annotations

import io
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from .helpers import make_id


def _cjk_font() -> Path:
    """WenQuanYi Micro Hei through fontconfig: TrueType outlines (fpdf2 embeds it well) and both
    scripts; ``make system-deps`` installs it, as the review-form PDFs need it too."""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei:lang=zh-cn"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return Path(found or "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


CJK_FONT = _cjk_font()


ID = make_id("110101", "19900101", "123")
ID2 = make_id("440803", "19850315", "042")
MOBILE = "13812345678"


def docx_bytes() -> bytes:
    document = docx.Document()
    document.core_properties.title = f"名单 {MOBILE}"
    document.add_paragraph("关于公示补助名单的通知")
    document.add_paragraph(f"联系人张三，身份证号码{ID}。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "姓名"
    table.cell(1, 1).text = f"身份证号 {ID2}"
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = f"经办人手机 {MOBILE}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "2023年统计表"
    sheet = book.create_sheet("名单")
    sheet["A1"] = "姓名"
    sheet["C1"] = "身份证号"
    sheet["C7"] = ID
    sheet["D9"] = int(MOBILE)  # a number cell, as Excel stores typed-in phone numbers
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes() -> bytes:
    import xlwt  # test-only dependency, old but the simplest writer of real .xls

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "身份证号")
    sheet.write(6, 2, ID)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_pdf_bytes(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_font("cjk", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def text_image(lines: list[str], fmt: str = "PNG") -> bytes:
    """A picture of ``lines`` of text (what a scan or a screenshot holds)."""
    font = ImageFont.truetype(str(CJK_FONT), 32)
    image = Image.new("L", (40 + 34 * max(len(line) for line in lines), 40 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 20 + 60 * i), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def scanned_pdf_bytes(lines: list[str]) -> bytes:
    """A PDF whose only page is an image of text: no text layer, as a scanner makes it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(text_image(lines)), x=10, y=10, w=190)
    return bytes(pdf.output())


def zip_bomb(base: bytes, member: str, megabytes: int) -> bytes:
    """``base`` (a DOCX/XLSX) with ``member`` replaced by ``megabytes`` MB that deflate to ~KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info.filename), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as fh:
            chunk = b"<si><t>a</t></si>" * (1024 * 1024 // 17)
            for _ in range(megabytes):
                fh.write(chunk)
    return out.getvalue()


def lying_zip(base: bytes, member: str, declared: int) -> bytes:
    """``base`` with the sizes of ``member`` in the zip directory rewritten to ``declared``
    bytes: the member inflates to far more than its directory entry says."""
    data = bytearray(base)
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)  # local header
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len].decode() == member:
            struct.pack_into("<I", data, pos + 24, declared)  # central directory
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def big_xlsx_member(megabytes: int) -> bytes:
    """An XLSX whose shared strings inflate to ``megabytes`` MB (issue 15 point 7's 600 MB)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "词条"
    out = io.BytesIO()
    book.save(out)
    return zip_bomb(out.getvalue(), "xl/sharedStrings.xml", megabytes)
