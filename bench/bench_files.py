"""Benchmark of the file readers (checks.files) beside the engine alone, in one run.

    .venv/bin/python bench/bench_files.py [--pages 100] [--rows 5000] [--images 5]

Generates real files (a text PDF, an XLSX, a DOCX, PNG text images, a scanned PDF page) with
checksum-valid synthetic ID numbers and prints, for each format: reading only, reading plus
checking (``check_file``), and the engine alone on the same segments (``check_segments`` on
what was read), as pages/s, cells/s, paragraphs/s or images/s. OCR runs in a child process so
its peak memory (RSS) is its own. Hostile files: time to refuse a zip bomb, a 10,000-page PDF
and a 500 MB sparse file. `bench/run_all.py` picks this script up (bench_*.py).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.checks import file_makers as make  # noqa: E402
from tests.checks.helpers import make_id  # noqa: E402
from wagtail_gov_review.checks import get_engine  # noqa: E402
from wagtail_gov_review.checks.files import (  # noqa: E402
    FileRefused,
    check_file,
    ocr_available,
    read_segments,
)
from wagtail_gov_review.checks.files.check import check_segments  # noqa: E402

FILLER = [
    "为进一步做好政府网站信息发布工作，切实提高信息质量，现将有关事项通知如下。",
    "全年完成固定资产投资410.7亿元，同比增长2.1%，社会消费品零售总额稳步增长。",
    "文号：长政办发〔2021〕12号。咨询电话：0731-86083400，政务服务便民热线12345。",
    "各单位要高度重视，明确专人负责，确保各项工作落到实处。",
]


def _rng_id(rng: random.Random) -> str:
    return make_id("430102", f"19{rng.randint(50, 99)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}")


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _row(label: str, count: int, unit: str, seconds: float) -> None:
    print(f"  {label:<34} {count / seconds:>12,.0f} {unit}/s   ({seconds * 1000:,.0f} ms)")


def _measure(engine, label: str, data: bytes, name: str, count: int, unit: str) -> None:
    print(f"{label}: {name}, {len(data) / 1024:,.0f} KB, {count:,} {unit}")
    segments = read_segments(io.BytesIO(data), name=name)
    _row("read", count, unit, _best(lambda: read_segments(io.BytesIO(data), name=name)))
    _row(
        "read + check (check_file)",
        count,
        unit,
        _best(lambda: check_file(engine, io.BytesIO(data), name=name)),
    )
    _row(
        "engine only (same segments)",
        count,
        unit,
        _best(lambda: check_segments(engine, segments, name=name)),
    )
    found = check_file(engine, io.BytesIO(data), name=name)
    print(f"  findings: {len(found):,} ({sum(f.code == 'pii.id_card' for f in found):,} IDs)")


def bench_pdf(engine, pages: int, rng: random.Random) -> None:
    texts = [
        "".join(rng.choice(FILLER) for _ in range(12)) + f"联系人身份证号码{_rng_id(rng)}。"
        for _ in range(pages)
    ]
    _measure(engine, "Text PDF", make.text_pdf_bytes(texts), "通知.pdf", pages, "pages")


def bench_xlsx(engine, rows: int, rng: random.Random) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "身份证号", "单位", "金额", "日期", "备注", "电话"])
    for i in range(rows):
        sheet.append(
            [i + 1, "张三", _rng_id(rng), "区政务服务中心", 1234.5, "2023-01-05", "已核实",
             f"0731-8608{i % 10000:04d}"]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    _measure(engine, "XLSX", out.getvalue(), "名单.xlsx", (rows + 1) * 8, "cells")


def bench_docx(engine, paragraphs: int, rng: random.Random) -> None:
    import docx

    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph(rng.choice(FILLER) + f"身份证号码{_rng_id(rng)}。")
    out = io.BytesIO()
    document.save(out)
    _measure(engine, "DOCX", out.getvalue(), "通知.docx", paragraphs, "paragraphs")


def bench_hostile() -> None:
    print("Hostile files (time to refuse):")
    bomb = make.big_xlsx_member(600)
    t0 = time.perf_counter()
    try:
        read_segments(io.BytesIO(bomb), name="bomb.xlsx")
    except FileRefused as refused:
        print(
            f"  zip bomb {len(bomb) / 1024:,.0f} KB → 600 MB: {refused.reason} in "
            f"{(time.perf_counter() - t0) * 1000:.1f} ms"
        )
    from pypdf import PdfWriter

    with tempfile.TemporaryDirectory() as tmp:
        writer = PdfWriter()
        for _ in range(10_000):
            writer.add_blank_page(width=595, height=842)
        pdf_path = Path(tmp) / "many.pdf"
        with open(pdf_path, "wb") as fh:
            writer.write(fh)
        t0 = time.perf_counter()
        try:
            read_segments(str(pdf_path), name="many.pdf")
        except FileRefused as refused:
            print(
                f"  10,000-page PDF ({pdf_path.stat().st_size / 1024:,.0f} KB): {refused.reason} "
                f"in {(time.perf_counter() - t0) * 1000:.1f} ms"
            )
        sparse = Path(tmp) / "huge.txt"
        with open(sparse, "wb") as fh:
            fh.truncate(500 * 1024 * 1024)
        t0 = time.perf_counter()
        try:
            read_segments(str(sparse), name="huge.txt")
        except FileRefused as refused:
            print(f"  500 MB file: {refused.reason} in {(time.perf_counter() - t0) * 1000:.2f} ms")
    print(f"  peak RSS of this process so far: {_peak_mb():,.0f} MB")


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def ocr_child(images: int) -> None:
    """Runs in a child process: OCR ``images`` PNGs and one scanned A4 page, prints JSON."""
    rng = random.Random(7)
    engine = get_engine()
    pngs = [
        make.text_image(
            [f"申请人张三 身份证号码{_rng_id(rng)}", "联系电话 13812345678", "特此公示"]
        )
        for _ in range(images)
    ]
    t0 = time.perf_counter()
    check_file(engine, io.BytesIO(pngs[0]), name="warm.png", ocr=True)
    warm = time.perf_counter() - t0
    found = 0
    t0 = time.perf_counter()
    for i, png in enumerate(pngs):
        found += len(check_file(engine, io.BytesIO(png), name=f"{i}.png", ocr=True))
    image_s = time.perf_counter() - t0
    scan = make.scanned_pdf_bytes([f"身份证号码{_rng_id(rng)}", "联系电话 13812345678"])
    t0 = time.perf_counter()
    scan_found = check_file(engine, io.BytesIO(scan), name="scan.pdf", ocr=True)
    scan_s = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "images": images,
                "image_seconds": image_s,
                "first_call_seconds": warm,
                "findings": found,
                "scan_page_seconds": scan_s,
                "scan_findings": len(scan_found),
                "peak_rss_mb": _peak_mb(),
            }
        )
    )


def bench_ocr(images: int) -> None:
    if not ocr_available():
        print("OCR: not installed (pip install wagtail-gov-review[ocr]) — skipped")
        return
    proc = subprocess.run(
        [sys.executable, __file__, "--ocr-child", str(images)],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"OCR (RapidOCR, onnxruntime, 2 cores shared): {r['images']} PNG images ~1000×220 px")
    print(f"  first call (loads models)          {r['first_call_seconds']:.2f} s")
    print(
        f"  images                             {r['images'] / r['image_seconds']:.2f} images/s "
        f"({r['image_seconds'] / r['images']:.2f} s each), findings {r['findings']}"
    )
    print(
        f"  scanned A4 page at 144 dpi         {r['scan_page_seconds']:.2f} s/page, "
        f"findings {r['scan_findings']}"
    )
    print(f"  peak RSS of the OCR process        {r['peak_rss_mb']:,.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--ocr-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ocr_child:
        ocr_child(args.ocr_child)
        return 0
    rng = random.Random(42)
    engine = get_engine()
    engine.check("预热")
    bench_pdf(engine, args.pages, rng)
    bench_xlsx(engine, args.rows, rng)
    bench_docx(engine, args.paragraphs, rng)
    bench_hostile()
    bench_ocr(args.images)
    return 0


if __name__ == "__main__":
    sys.exit(main())
