"""TXT and CSV: detect the encoding on the first 64 KB, then stream line by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from .encoding import detect_encoding
from .limits import Budget, FileRefused
from .segments import Segment

SAMPLE_BYTES = 64 * 1024


def _text_stream(fh: IO[bytes]) -> io.TextIOWrapper:
    sample = fh.read(SAMPLE_BYTES + 1)
    codec = detect_encoding(sample[:SAMPLE_BYTES], complete=len(sample) <= SAMPLE_BYTES)
    fh.seek(0)
    return io.TextIOWrapper(fh, encoding=codec, errors="strict", newline="")


def _decoding_failed(exc: UnicodeDecodeError) -> FileRefused:
    return FileRefused(
        "encoding",
        f"文件后部含有不符合 {exc.encoding} 编码的内容，为避免乱码未读取；请另存为 UTF-8 后重新上传",
    )


def read_txt(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    """One segment per non-blank line, located by its line number (1-based)."""
    stream = _text_stream(fh)
    try:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            budget.take_text(line)
            if not number % 4096:
                budget.check_time()
            if line.strip():
                yield Segment(line, {"line": number})
    except UnicodeDecodeError as exc:
        raise _decoding_failed(exc) from exc
    finally:
        stream.detach()


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def read_csv(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    """One segment per non-blank cell, located like a spreadsheet cell (``{"cell": "C7"}``)."""
    stream = _text_stream(fh)
    limits = budget.limits
    try:
        sample = stream.read(SAMPLE_BYTES)
        stream.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
        except csv.Error:
            dialect = csv.excel
        for row_number, row in enumerate(csv.reader(stream, dialect), start=1):
            if row_number > limits.max_rows:
                raise FileRefused(
                    "too_many_rows", f"表格超过 {limits.max_rows:,} 行，请拆分后再上传"
                )
            for col, value in enumerate(row):
                budget.take_cell()
                budget.take_text(value)
                if value.strip():
                    yield Segment(value, {"cell": f"{column_letter(col)}{row_number}"})
    except UnicodeDecodeError as exc:
        raise _decoding_failed(exc) from exc
    except csv.Error as exc:
        raise FileRefused("unreadable", f"CSV 文件格式有误：{exc}") from exc
    finally:
        stream.detach()
