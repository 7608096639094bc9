"""PDF: the text layer of each page; pages without text are left to OCR.

The text is read with PDFium (pypdfium2, also used to render scanned pages): ten times faster
than pypdf (bench/bench_files.py) and right on CID fonts, where pypdf reads a PDF written by
fpdf2 with Noto Sans CJK as ``"\x00身\x00份…"`` (a NUL before every character, so the digits of a
number end up spread over spaces). pypdf opens the file (page count, encryption) and reads a
page PDFium cannot read or returns as garbage; control characters are removed from either.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import IO

import pypdf
import pypdfium2
from pypdf.errors import PdfReadError

from .limits import Budget, FileRefused


def _too_many(pages: int, budget: Budget) -> FileRefused:
    return FileRefused(
        "too_many_pages", f"PDF 共 {pages:,} 页，超过 {budget.limits.max_pages:,} 页的上限"
    )


def _declared_pages(reader: pypdf.PdfReader) -> int:
    """The page tree's /Count: read in O(1), where counting the pages walks the whole tree."""
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError):
        return 0


def open_pdf(fh: IO[bytes], budget: Budget) -> pypdf.PdfReader:
    """A reader for ``fh`` after the page-count and encryption checks."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged xref is logged, not raised
    try:
        reader = pypdf.PdfReader(fh)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRefused("unreadable", "PDF 文件设有打开密码，无法读取")
        declared = _declared_pages(reader)
        if declared > budget.limits.max_pages:
            raise _too_many(declared, budget)
        pages = len(reader.pages)  # /Count may lie; the tree walk is then bounded by the budget
    except PdfReadError as exc:
        raise FileRefused("unreadable", f"PDF 文件已损坏：{exc}") from exc
    if pages > budget.limits.max_pages:
        raise _too_many(pages, budget)
    return reader


_LATIN = re.compile(r"[A-Za-z]")
MIN_WRAPPED = 20  # half-width columns: shorter lines are table cells or headings


def _width(line: str) -> int:
    """Printed width in half-width columns: a CJK character takes two, a digit one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF broke only to fit the page width (a line printed nearly as wide as
    the page's widest), so a word or a number cut at the margin (``1101011990⏎01011237``) is
    whole again; short lines (tables, headings) keep their breaks."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    widths = [_width(line.rstrip()) for line in lines]
    full = max(widths)
    out = [lines[0]]
    for prev, width, line in zip(lines, widths, lines[1:], strict=False):
        prev = prev.rstrip()
        if width >= max(MIN_WRAPPED, 0.8 * full) and line[:1].strip():
            glue = " " if _LATIN.match(prev[-1]) and _LATIN.match(line[0]) else ""
            out[-1] = out[-1].rstrip() + glue + line
        else:
            out.append(line)
    return "\n".join(out)


# Control characters other than line breaks and tabs, and U+FFFD (a glyph with no Unicode).
_GARBAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Share of the visible characters that may be garbage before the page is read again with PDFium.
MAX_GARBAGE_SHARE = 0.05


def is_garbled(text: str) -> bool:
    """Whether ``text`` is more than :data:`MAX_GARBAGE_SHARE` control or replacement characters."""
    visible = sum(1 for ch in text if not ch.isspace())
    return visible > 0 and len(_GARBAGE.findall(text)) > MAX_GARBAGE_SHARE * visible


def clean_text(text: str) -> str:
    """``text`` without control characters (line breaks and tabs stay), lines unwrapped."""
    return unwrap_lines(_CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n"))


class _Pdfium:
    """The same file opened with PDFium on first need."""

    def __init__(self, fh: IO[bytes] | None) -> None:
        self.fh = fh
        self.document: pypdfium2.PdfDocument | None = None

    def page_text(self, number: int) -> str | None:
        if self.fh is None:
            return None
        try:
            if self.document is None:
                self.fh.seek(0)
                self.document = pypdfium2.PdfDocument(self.fh)
            textpage = self.document[number - 1].get_textpage()
            try:
                return textpage.get_text_range()
            finally:
                textpage.close()
        except (pypdfium2.PdfiumError, IndexError, OSError):
            return None  # pypdf reads the page instead

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


def page_texts(reader: pypdf.PdfReader, budget: Budget) -> Iterator[tuple[int, str]]:
    """``(page number, text)`` for every page, numbered from 1."""
    pdfium = _Pdfium(getattr(reader, "stream", None))
    try:
        for number, page in enumerate(reader.pages, start=1):
            budget.check_time()
            # PDFium first: ten times faster than pypdf and right on CID fonts; pypdf when
            # PDFium cannot read the page or returns garbage itself.
            text = pdfium.page_text(number)
            if text is None or is_garbled(text):
                text = page.extract_text() or ""
            text = clean_text(text)
            budget.take_text(text)
            yield number, text
    finally:
        pdfium.close()


def textless_pages(fh: IO[bytes], budget: Budget) -> list[int]:
    """Numbers of the pages that have no text layer (scanned pages)."""
    return [n for n, text in page_texts(open_pdf(fh, budget), budget) if not text.strip()]
