"""Real attachment files carrying checksum-valid synthetic ID numbers, built in memory."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import xlwt
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# A TrueType (not collection) font for PDFs: pypdf reads fpdf2's embedded Noto CJK collection
# as UTF-16 with a NUL before each character (reported to the readers' engineer).
PDF_FONT = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def id_number(first17: str) -> str:
    """A GB 11643 ID number: ``first17`` plus its check character."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return first17 + CHECK_CHARS[total % 11]


ID_A = id_number("11010119900307451")  # 110101199003074514
ID_B = id_number("43010219850612003")
ID_C = id_number("44080319781130102")
MASKED_A = ID_A[:4] + "*" * 12 + ID_A[-2:]

ROWS = [("姓名", "身份证号", "救助金额"), ("陈某某", ID_A, 800), ("李某某", ID_B, 600)]


def xlsx_bytes(rows=ROWS, sheet: str = "救助名单") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes(rows=ROWS, sheet: str = "救助名单") -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(paragraphs=None) -> bytes:
    document = docx.Document()
    for text in paragraphs or ["关于临时救助对象的公示", f"申请人陈某某，身份证号：{ID_A}。"]:
        paragraph = document.add_paragraph()
        # Split across runs, as Word does, so masking must follow the runs.
        middle = len(text) // 2
        paragraph.add_run(text[:middle])
        paragraph.add_run(text[middle:]).bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def csv_bytes(encoding: str, rows=ROWS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


TRADITIONAL_ROWS = [("姓名", "身份證號碼", "住址"), ("陳某某", ID_C, "雲州區")]


def text_pdf_bytes(lines=None) -> bytes:
    pdf = FPDF()
    pdf.add_font("cjk", fname=PDF_FONT)
    pdf.set_font("cjk", size=12)
    for page_lines in lines or [["救助名单公示"], [f"陈某某 身份证号：{ID_A}"]]:
        pdf.add_page()
        for line in page_lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def text_image(text: str = f"身份证号 {ID_B}", size=(1200, 160)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    font = ImageFont.truetype(CJK_FONT, 56)
    ImageDraw.Draw(image).text((30, 40), text, fill="black", font=font)
    return image


def png_bytes(text: str = f"身份证号 {ID_B}") -> bytes:
    out = io.BytesIO()
    text_image(text).save(out, format="PNG")
    return out.getvalue()


def scanned_pdf_bytes(text: str = f"身份证号 {ID_B}") -> bytes:
    """A PDF whose only page is a picture of text: no text layer, OCR needed."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(text_image(text), x=10, y=10, w=190)
    return bytes(pdf.output())
