"""File readers (checks.files): real DOCX/XLSX/XLS/CSV/TXT/PDF/image files, their locations,
encodings, and hostile files refused fast with a clear reason (issue 16, issue 15 point 7)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_gov_review.checks.files import (
    SUPPORTED_EXTENSIONS,
    FileLimits,
    FileRefused,
    Segment,
    check_file,
    describe_location,
    needs_ocr,
    ocr_available,
    read_segments,
)
from wagtail_gov_review.checks.findings import Finding

from . import file_makers as make
from .conftest import REPO

needs_ocr_engine = pytest.mark.skipif(not ocr_available(), reason="OCR extra not installed")


def _refusal(data, name: str, **kw) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_segments(io.BytesIO(data) if isinstance(data, bytes) else data, name=name, **kw)
    assert caught.value.message and not caught.value.message.isascii()  # Chinese, for users
    return caught.value


def _codes_at(findings: list[Finding]) -> set[tuple[str, tuple]]:
    return {(f.code, tuple(sorted((f.location or {}).items()))) for f in findings}


# --- formats and locations ------------------------------------------------------------------


def test_docx_paragraphs_tables_headers_and_properties_are_read_in_place(engine):
    findings = check_file(engine, io.BytesIO(make.docx_bytes()), name="名单.docx")
    found = _codes_at(findings)
    assert ("pii.id_card", (("file", "名单.docx"), ("paragraph", 2))) in found
    assert (
        "pii.id_card",
        (("column", 2), ("file", "名单.docx"), ("row", 2), ("table", 1)),
    ) in found
    assert ("pii.mobile", (("file", "名单.docx"), ("header", 1), ("paragraph", 1))) in found
    assert ("pii.mobile", (("file", "名单.docx"), ("property", "title"))) in found
    for f in findings:  # offsets index the segment's own text
        assert f.text in (make.ID, make.ID2, make.MOBILE)


def test_xlsx_every_sheet_and_cell_with_sheet_and_cell_location(engine):
    findings = check_file(engine, io.BytesIO(make.xlsx_bytes()), name="名单.xlsx")
    by_code = {f.code: f for f in findings}
    assert by_code["pii.id_card"].location == {"file": "名单.xlsx", "sheet": "名单", "cell": "C7"}
    assert by_code["pii.id_card"].to_dict()["location"]["cell"] == "C7"
    # a phone typed into a number cell is read as the digits, not "13812345678.0"
    assert by_code["pii.mobile"].location["cell"] == "D9"
    assert by_code["pii.mobile"].text == make.MOBILE


def test_legacy_xls_is_read_with_cell_locations(engine):
    findings = check_file(engine, io.BytesIO(make.xls_bytes()), name="名单.xls")
    assert [(f.code, f.location) for f in findings] == [
        ("pii.id_card", {"file": "名单.xls", "sheet": "名单", "cell": "C7"})
    ]


def test_text_pdf_is_read_page_by_page(engine, tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_bytes(make.text_pdf_bytes(["第一页没有个人信息。", f"联系人身份证号码{make.ID}。"]))
    findings = check_file(engine, str(path), name="通知.pdf")
    assert [(f.code, f.location, f.text) for f in findings] == [
        ("pii.id_card", {"file": "通知.pdf", "page": 2}, make.ID)
    ]
    assert not needs_ocr(str(path), name="通知.pdf")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_csv_and_txt_in_each_chinese_encoding_are_decoded_right(engine, codec):
    rows = ["姓名,身份證號,備註", f"張三,{make.ID},已核實"]
    data = "\r\n".join(rows).encode(codec)
    cells = read_segments(io.BytesIO(data), name="名單.csv")
    assert Segment(make.ID, {"cell": "B2"}) in cells
    assert Segment("身份證號", {"cell": "B1"}) in cells  # traditional text intact, no mojibake
    lines = read_segments(io.BytesIO(data), name="名單.txt")
    assert lines[1] == Segment(rows[1], {"line": 2})


def test_big5_text_is_never_read_as_gb18030(engine):
    """Issue 15 point 7: a Big5 file used to come out of GB18030 as kana and rare characters."""
    text = "雲州區人民政府關於印發政府網站信息發布審核制度的通知\n請各單位認真貫徹執行。\n"
    assert text.encode("big5").decode("gb18030")  # the trap: it does decode as GB18030
    segments = read_segments(io.BytesIO(text.encode("big5")), name="制度.txt")
    assert [s.text for s in segments] == text.splitlines()


@pytest.mark.parametrize(
    "data",
    [
        "Café crème, naïve résumé — déjà vu".encode("cp1252"),
        bytes(range(0x80, 0x100)) * 20,
        b"\x00\x01\x02binary\x00" * 50,
    ],
    ids=["latin1", "high-bytes", "binary"],
)
def test_text_in_no_supported_encoding_is_refused_not_garbled(data):
    assert _refusal(data, "a.txt").reason == "encoding"


def test_a_late_decoding_error_is_refused_not_replaced():
    data = ("正常内容。\n" * 20000).encode("utf-8") + b"\xff\xfe broken"
    assert _refusal(data, "a.txt").reason == "encoding"


def test_check_file_keeps_the_finding_contract(engine):
    finding = check_file(engine, io.BytesIO(make.xlsx_bytes()), name="a.xlsx")[0]
    assert set(finding.to_dict()) == {
        "code", "start", "end", "text", "severity", "message", "suggestion", "location"
    }  # fmt: skip
    plain = engine.check(f"身份证号码{make.ID}")[0]
    assert "location" not in plain.to_dict()  # text findings unchanged (DESIGN.md)


def test_locations_read_as_words():
    assert describe_location({"file": "名单.xlsx", "sheet": "Sheet1", "cell": "C7"}) == (
        "名单.xlsx 工作表“Sheet1” 单元格 C7"
    )
    assert describe_location({"file": "通知.pdf", "page": 3, "ocr": True, "line": 2}) == (
        "通知.pdf 第 3 页 第 2 行（文字识别）"
    )


# --- OCR ------------------------------------------------------------------------------------


def test_an_image_without_ocr_is_refused_with_its_own_reason():
    refused = _refusal(make.text_image(["手机 13812345678"]), "a.png")
    assert refused.reason == "ocr_required"


@needs_ocr_engine
def test_scanned_pdf_page_is_read_by_ocr_with_page_location(engine, tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(make.scanned_pdf_bytes([f"身份证号码{make.ID}"]))
    assert needs_ocr(str(path), name="扫描件.pdf")
    assert read_segments(str(path), name="扫描件.pdf") == []  # no text layer, OCR not asked
    findings = check_file(engine, str(path), name="扫描件.pdf", ocr=True)
    assert [(f.code, f.location["page"], f.location["ocr"]) for f in findings] == [
        ("pii.id_card", 1, True)
    ]


@needs_ocr_engine
def test_image_pixel_bomb_is_refused_before_decoding():
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")  # 144 Mpx in ~20 KB
    started = time.perf_counter()
    assert _refusal(out.getvalue(), "a.png", ocr=True).reason == "too_many_pixels"
    assert time.perf_counter() - started < 1


# --- hostile files --------------------------------------------------------------------------


def test_oversize_file_is_refused_from_its_size_without_reading(tmp_path):
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(500 * 1024 * 1024)  # a 500 MB sparse file: costs no disk
    started = time.perf_counter()
    assert _refusal(str(sparse), "huge.txt").reason == "too_large"
    assert time.perf_counter() - started < 0.5

    class Upload(io.RawIOBase):  # like Django's UploadedFile: knows its size, must not be read
        size = 300 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("read before the size check")

    assert _refusal(Upload(), "huge.xlsx").reason == "too_large"


def test_a_stream_without_size_is_read_only_up_to_the_limit():
    class Stream(io.RawIOBase):
        served = 0

        def readable(self):
            return True

        def seekable(self):
            return False

        def readinto(self, buffer):
            self.served += len(buffer)
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    stream = Stream()
    refused = _refusal(stream, "a.txt", limits=FileLimits(max_bytes=1024 * 1024))
    assert refused.reason == "too_large"
    assert stream.served <= 2 * 1024 * 1024


@pytest.mark.parametrize("megabytes,detail", [(120, "解压后"), (20, "压缩比")])
def test_zip_bomb_xlsx_is_refused_from_its_directory_fast(megabytes, detail):
    bomb = make.big_xlsx_member(megabytes)
    assert len(bomb) < 500_000
    started = time.perf_counter()
    refused = _refusal(bomb, "名单.xlsx")
    assert time.perf_counter() - started < 0.5
    assert refused.reason == "zip_bomb" and detail in refused.message


def test_zip_bomb_docx_is_refused():
    bomb = make.zip_bomb(make.docx_bytes(), "word/document.xml", 120)
    assert _refusal(bomb, "a.docx").reason == "zip_bomb"


def test_a_zip_directory_that_understates_sizes_is_refused():
    bomb = make.zip_bomb(make.xlsx_bytes(), "xl/sharedStrings.xml", 5)
    liar = make.lying_zip(bomb, "xl/sharedStrings.xml", 1000)  # says 1 KB, inflates to 5 MB
    assert _refusal(liar, "a.xlsx").reason == "unreadable"


def test_a_10000_page_pdf_is_refused_by_its_page_count(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(10_000):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "many.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    started = time.perf_counter()
    assert _refusal(str(path), "many.pdf").reason == "too_many_pages"
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "limits,reason",
    [
        (FileLimits(max_chars=20), "too_much_text"),
        (FileLimits(max_cells=3), "too_many_cells"),
        (FileLimits(max_rows=5), "too_many_rows"),
        (FileLimits(max_sheets=1), "too_many_sheets"),
    ],
)
def test_streaming_limits_stop_a_workbook(limits, reason):
    assert _refusal(make.xlsx_bytes(), "a.xlsx", limits=limits).reason == reason


def test_a_sparse_sheet_with_far_apart_cells_is_cheap():
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "首"
    book.active["XFD100000"] = "末"  # a range of 1.6e9 cells, two of them used
    out = io.BytesIO()
    book.save(out)
    started = time.perf_counter()
    cells = read_segments(io.BytesIO(out.getvalue()), name="a.xlsx")
    assert [s.location["cell"] for s in cells] == ["A1", "XFD100000"]
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("a.exe", b"MZ\x90\x00", "unsupported"),
        ("a.docx", b"%PDF-1.4 not a docx", "unreadable"),
        ("a.xlsx", b"PK\x03\x04 truncated", "unreadable"),
        ("a.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "unreadable"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "unreadable"),
        ("a.jpg", b"\xff\xd8\xff\xe0 broken", "ocr_required"),
    ],
)
def test_damaged_or_wrong_files_get_a_reason_not_a_traceback(name, data, reason):
    assert _refusal(data, name).reason == reason


def test_supported_extensions_cover_the_contract():
    assert {".docx", ".xlsx", ".xls", ".csv", ".txt", ".pdf", ".png", ".jpg"} <= set(
        SUPPORTED_EXTENSIONS
    )


# --- CLI --json FILE... ---------------------------------------------------------------------


def _cli(*args):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "wagtail_gov_review.checks", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_cli_json_prints_one_line_per_file_with_locations_or_an_error(tmp_path):
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(make.xlsx_bytes())
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(make.big_xlsx_member(120))
    other = tmp_path / "a.exe"
    other.write_bytes(b"MZ")
    proc = _cli("--json", str(sheet), str(bomb), str(other), str(tmp_path / "missing.pdf"))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["file"] for line in lines] == [
        str(sheet), str(bomb), str(other), str(tmp_path / "missing.pdf")
    ]  # fmt: skip
    id_finding = next(f for f in lines[0]["findings"] if f["code"] == "pii.id_card")
    assert id_finding["location"] == {"file": "名单.xlsx", "sheet": "名单", "cell": "C7"}
    assert "压缩炸弹" in lines[1]["error"]
    assert "不支持" in lines[2]["error"]
    assert "error" in lines[3]


def test_cli_human_mode_reads_office_files_with_locations(tmp_path):
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(make.xlsx_bytes())
    proc = _cli(str(sheet))
    assert proc.returncode == 1  # a block finding
    assert f"{sheet} 工作表“名单” 单元格 C7 第 1 字: pii.id_card [block]" in proc.stdout


# --- batching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts",
    [
        ["身份证号码", make.ID, "手机", make.MOBILE, "住址", "长沙市芙蓉区解放西路22号3栋401室"],
        [f"第{i}行：患有糖尿病的张三，电话{make.MOBILE}，卫计委" for i in range(300)],
        ["", " ", "\n", make.ID + make.ID, "６２２８４８０１２３４５６７８９０１２"],
    ],
    ids=["cells", "many-lines", "odd"],
)
def test_batched_checking_equals_one_call_per_segment(engine, texts):
    from wagtail_gov_review.checks.files.check import check_segments

    segments = [Segment(t, {"line": i}) for i, t in enumerate(texts, start=1)]
    one_by_one = [
        dataclasses.replace(f, location={"file": "f", **s.location})
        for s in segments
        for f in engine.check(s.text)
    ]
    assert check_segments(engine, segments, name="f") == one_by_one
    for f in one_by_one:
        assert texts[f.location["line"] - 1][f.start : f.end] == f.text


def test_numbers_and_words_cut_at_the_pdf_margin_are_whole_again(engine):
    filler = "为进一步做好政府网站信息发布工作，切实提高信息质量，现将有关事项通知如下。"
    pages = [filler[: i % 37] + filler * 2 + f"联系人身份证号码{make.ID}。" for i in range(40)]
    findings = check_file(engine, io.BytesIO(make.text_pdf_bytes(pages)), name="a.pdf")
    assert [f.location["page"] for f in findings if f.code == "pii.id_card"] == list(range(1, 41))


def test_short_pdf_lines_keep_their_breaks():
    from wagtail_gov_review.checks.files.pdf import unwrap_lines

    wrapped = (
        "这是一段很长的正文，排版时在页边被折成了两行，身份证号码1101011990\n01011237，后面还有。"
    )
    assert "\n" not in unwrap_lines(wrapped)
    table = "序号 姓名 电话\n1 张三 138\n12345678"
    assert unwrap_lines(table) == table
    assert unwrap_lines("A long English sentence that was wrapped at the\nmargin.") == (
        "A long English sentence that was wrapped at the margin."
    )


def test_an_xls_with_far_apart_cells_is_not_walked_cell_by_cell():
    import xlwt

    book = xlwt.Workbook()
    for i in range(5):
        sheet = book.add_sheet(f"表{i}")
        sheet.write(0, 0, "首")
        sheet.write(65535, 255, "末")  # the whole 65,536 × 256 rectangle, two cells used
    out = io.BytesIO()
    book.save(out)
    started = time.perf_counter()
    cells = read_segments(io.BytesIO(out.getvalue()), name="a.xls")
    assert [s.location["cell"] for s in cells[:2]] == ["A1", "IV65536"]
    assert len(cells) == 10
    assert time.perf_counter() - started < 10


def test_the_file_readers_import_no_django():
    code = (
        "import sys, wagtail_gov_review.checks.files, wagtail_gov_review.checks.cli; "
        "assert 'django' not in sys.modules, [m for m in sys.modules if 'django' in m]"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr


def test_a_missing_file_is_refused_in_chinese(tmp_path):
    assert _refusal(str(tmp_path / "无.docx"), "无.docx").message == "文件不存在"


# --- fuzz: damaged bytes never escape as anything but FileRefused ---------------------------

_VALID = {
    "a.docx": make.docx_bytes(),
    "a.xlsx": make.xlsx_bytes(),
    "a.xls": make.xls_bytes(),
    "a.pdf": make.text_pdf_bytes([f"身份证号码{make.ID}"]),
    "a.csv": f"姓名,身份证号\n张三,{make.ID}\n".encode("gb18030"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(_VALID)),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=4),
    truncate=st.one_of(st.none(), st.floats(0, 1)),
)
def test_damaged_files_are_read_or_refused_never_crash(name, cuts, truncate):
    data = bytearray(_VALID[name])
    for where, junk in cuts:
        at = int(where * (len(data) - 1))
        data[at : at + len(junk)] = junk
    if truncate is not None:
        data = data[: int(truncate * len(data))]
    try:
        segments = read_segments(io.BytesIO(bytes(data)), name=name, limits=FileLimits(seconds=10))
    except FileRefused as refused:
        assert refused.reason and refused.message
    else:
        assert all(isinstance(s, Segment) and s.text.strip() for s in segments)


def test_statistics_formatted_with_separators_are_not_phone_numbers(engine):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"], sheet["D1"] = "地区", "总产值（元）", "占比", "联系电话"
    sheet["B2"] = 13812345678
    sheet["B2"].number_format = "#,##0"
    sheet["B3"] = 15912345678.5
    sheet["B3"].number_format = "#,##0.00"
    sheet["C2"] = 0.1381234
    sheet["C2"].number_format = "0.00%"
    sheet["D2"] = 13912345678  # typed into a General cell: a phone number
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    cells = {s.location["cell"]: s.text for s in read_segments(io.BytesIO(data), name="a.xlsx")}
    assert (cells["B2"], cells["B3"], cells["C2"]) == (
        "13,812,345,678",
        "15,912,345,678.50",
        "13.81%",
    )
    findings = check_file(engine, io.BytesIO(data), name="统计.xlsx")
    assert [(f.code, f.location["cell"]) for f in findings] == [("pii.mobile", "D2")]
