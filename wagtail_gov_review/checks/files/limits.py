"""How much of a file the readers accept, and the one exception they raise when it is too much.

Every limit is checked as early as possible: the file size before a byte is read, a zip
container's directory (declared sizes, compression ratio) before a member is opened, pages,
sheets, rows, cells and characters while streaming, and a wall-clock budget for libraries that
may loop on a crafted file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """Limits for one file; the defaults suit attachments of a government portal page."""

    max_bytes: int = 20 * MB  # the file as uploaded
    max_unzipped_bytes: int = 200 * MB  # DOCX/XLSX: all members, as the zip directory declares
    max_member_bytes: int = 100 * MB  # DOCX/XLSX: one member
    max_compression_ratio: int = 200  # DOCX/XLSX: uncompressed/compressed of one member …
    ratio_floor_bytes: int = 1 * MB  # … counted only for members larger than this
    max_zip_members: int = 5_000
    max_sheets: int = 200
    max_rows: int = 200_000  # per sheet (CSV: per file)
    max_cells: int = 2_000_000  # all sheets together
    max_pages: int = 2_000  # PDF
    max_chars: int = 10_000_000  # text extracted from the whole file
    max_pixels: int = 50_000_000  # one image (PIL decompression-bomb guard)
    max_ocr_images: int = 50  # images / scanned pages run through OCR per file
    seconds: float = 120.0  # wall-clock budget for reading one file


class FileRefused(Exception):
    """The file is not read: ``reason`` is a short code, ``message`` a Chinese sentence for users.

    Reasons: ``too_large``, ``unsupported``, ``unreadable``, ``encoding``, ``zip_bomb``,
    ``too_many_pages``, ``too_many_sheets``, ``too_many_rows``, ``too_many_cells``,
    ``too_much_text``, ``too_many_pixels``, ``timeout``, ``ocr_unavailable``.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


def megabytes(n: int) -> str:
    """``n`` bytes for a message, e.g. ``"20 MB"``."""
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


class Budget:
    """Counts what a reader has taken from a file against :class:`FileLimits`."""

    def __init__(self, limits: FileLimits) -> None:
        self.limits = limits
        self.chars = 0
        self.cells = 0
        self._deadline = time.monotonic() + limits.seconds

    def check_time(self) -> None:
        if time.monotonic() > self._deadline:
            raise FileRefused(
                "timeout", f"读取文件超过 {self.limits.seconds:.0f} 秒仍未完成，已停止读取"
            )

    def take_text(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise FileRefused(
                "too_much_text",
                f"文件中的文字超过 {self.limits.max_chars:,} 个字符，请拆分后再上传",
            )

    def take_cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise FileRefused(
                "too_many_cells", f"表格单元格超过 {self.limits.max_cells:,} 个，请拆分后再上传"
            )
        if not self.cells % 4096:
            self.check_time()
