"""``read_segments``: pick the reader by file name, confirm it by the file's first bytes, apply
the limits, and turn any library failure into :class:`FileRefused`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import IO

from . import ocr, pdf, sheets, text, word
from .limits import Budget, FileLimits, FileRefused
from .segments import Segment
from .source import Source, head, open_source
from .zipguard import check_zip

Reader = Callable[[IO[bytes], Budget], Iterator[Segment]]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"

SUPPORTED_EXTENSIONS = frozenset(
    {".docx", ".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".pdf", ".png", ".jpg", ".jpeg"}
)
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg"})


def extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _mismatch(name: str) -> FileRefused:
    kind = extension(name).lstrip(".").upper()
    return FileRefused("unreadable", f"文件不是可读取的 {kind} 格式，可能已损坏或扩展名有误")


def _spreadsheet(fh: IO[bytes], budget: Budget, name: str) -> Iterator[Segment]:
    magic = head(fh)
    if magic.startswith(_ZIP):  # an .xls that is really an .xlsx is common
        check_zip(fh, budget.limits, budget)
        return sheets.read_xlsx(fh, budget)
    if magic.startswith(_OLE):
        return sheets.read_xls(fh, budget)
    raise _mismatch(name)


def _docx(fh: IO[bytes], budget: Budget, name: str) -> Iterator[Segment]:
    if not head(fh).startswith(_ZIP):
        raise _mismatch(name)
    check_zip(fh, budget.limits, budget)
    return word.read_docx(fh, budget)


def _pdf(fh: IO[bytes], budget: Budget, name: str, use_ocr: bool) -> Iterator[Segment]:
    if b"%PDF" not in head(fh, 1024):
        raise _mismatch(name)
    pages = list(pdf.page_texts(pdf.open_pdf(fh, budget), budget))
    segments = [Segment(text, {"page": n}) for n, text in pages if text.strip()]
    scanned = [n for n, text in pages if not text.strip()]
    if use_ocr and scanned:
        segments += ocr.read_scanned_pages(fh, scanned, budget)
        segments.sort(key=lambda s: s.location["page"])
    return iter(segments)


def _image(fh: IO[bytes], budget: Budget, name: str, use_ocr: bool) -> Iterator[Segment]:
    magic = head(fh)
    if not (magic.startswith(_PNG) or magic.startswith(_JPEG)):
        raise _mismatch(name)
    if not use_ocr:
        raise FileRefused("ocr_required", "图片中的文字须经文字识别（OCR）才能检查，未开启 OCR")
    return ocr.read_image(fh, budget)


def _segments(fh: IO[bytes], name: str, budget: Budget, use_ocr: bool) -> Iterator[Segment]:
    ext = extension(name)
    if ext in (".xlsx", ".xlsm", ".xls"):
        return _spreadsheet(fh, budget, name)
    if ext == ".docx":
        return _docx(fh, budget, name)
    if ext == ".pdf":
        return _pdf(fh, budget, name, use_ocr)
    if ext in IMAGE_EXTENSIONS:
        return _image(fh, budget, name, use_ocr)
    if ext == ".csv":
        return text.read_csv(fh, budget)
    if ext == ".txt":
        return text.read_txt(fh, budget)
    raise unsupported(name)


def unsupported(name: str) -> FileRefused:
    supported = "、".join(sorted(e.lstrip(".").upper() for e in SUPPORTED_EXTENSIONS))
    return FileRefused(
        "unsupported", f"不支持的文件类型“{extension(name) or name}”；支持：{supported}"
    )


def read_segments(
    source: Source, *, name: str, limits: FileLimits | None = None, ocr: bool = False
) -> list[Segment]:
    """The text segments of a file, each with its location; :class:`FileRefused` otherwise.

    ``name`` (the file's name as uploaded) chooses the reader; ``ocr`` runs text recognition on
    images and on PDF pages that have no text layer.
    """
    limits = limits or FileLimits()
    budget = Budget(limits)
    if extension(name) not in SUPPORTED_EXTENSIONS:
        raise unsupported(name)
    with open_source(source, limits) as fh:
        try:
            return list(_segments(fh, name, budget, ocr))
        except FileRefused:
            raise
        except MemoryError as exc:
            raise FileRefused("too_large", "文件内容过大，读取时内存不足，未读取") from exc
        except Exception as exc:  # a library meeting a damaged or crafted file
            raise FileRefused(
                "unreadable", f"文件已损坏或无法解析（{type(exc).__name__}）"
            ) from exc


def read_text_lines(source: Source, *, limits: FileLimits | None = None) -> list[Segment]:
    """The non-blank lines of a text file whatever its name (``{"line": n}``), decoded as
    :func:`read_segments` decodes a TXT file."""
    limits = limits or FileLimits()
    with open_source(source, limits) as fh:
        return list(text.read_txt(fh, Budget(limits)))


def needs_ocr(source: Source, *, name: str, limits: FileLimits | None = None) -> bool:
    """True for an image, or a PDF with at least one page without a text layer."""
    ext = extension(name)
    if ext in IMAGE_EXTENSIONS:
        return True
    if ext != ".pdf":
        return False
    limits = limits or FileLimits()
    budget = Budget(limits)
    with open_source(source, limits) as fh:
        try:
            return bool(pdf.textless_pages(fh, budget))
        except FileRefused:
            raise
        except Exception as exc:
            raise FileRefused(
                "unreadable", f"文件已损坏或无法解析（{type(exc).__name__}）"
            ) from exc
