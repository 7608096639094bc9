"""PDF: the text layer of each page (pypdf); pages without text are left to OCR."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import IO

import pypdf
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


def page_texts(reader: pypdf.PdfReader, budget: Budget) -> Iterator[tuple[int, str]]:
    """``(page number, text)`` for every page, numbered from 1."""
    for number, page in enumerate(reader.pages, start=1):
        budget.check_time()
        text = unwrap_lines(page.extract_text() or "")
        budget.take_text(text)
        yield number, text


def textless_pages(fh: IO[bytes], budget: Budget) -> list[int]:
    """Numbers of the pages that have no text layer (scanned pages)."""
    return [n for n, text in page_texts(open_pdf(fh, budget), budget) if not text.strip()]
