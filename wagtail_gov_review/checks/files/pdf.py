"""PDF: the text layer of each page (pypdf); pages without text are left to OCR."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO

import pypdf
from pypdf.errors import PdfReadError

from .limits import Budget, FileRefused
from .segments import Segment


def open_pdf(fh: IO[bytes], budget: Budget) -> pypdf.PdfReader:
    """A reader for ``fh`` after the page-count and encryption checks."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged xref is logged, not raised
    try:
        reader = pypdf.PdfReader(fh)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRefused("unreadable", "PDF 文件设有打开密码，无法读取")
        pages = len(reader.pages)
    except PdfReadError as exc:
        raise FileRefused("unreadable", f"PDF 文件已损坏：{exc}") from exc
    if pages > budget.limits.max_pages:
        raise FileRefused(
            "too_many_pages", f"PDF 共 {pages:,} 页，超过 {budget.limits.max_pages:,} 页的上限"
        )
    return reader


def page_texts(reader: pypdf.PdfReader, budget: Budget) -> Iterator[tuple[int, str]]:
    """``(page number, text)`` for every page, numbered from 1."""
    for number, page in enumerate(reader.pages, start=1):
        budget.check_time()
        text = page.extract_text() or ""
        budget.take_text(text)
        yield number, text


def read_pdf_text(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    for number, text in page_texts(open_pdf(fh, budget), budget):
        if text.strip():
            yield Segment(text, {"page": number})


def textless_pages(fh: IO[bytes], budget: Budget) -> list[int]:
    """Numbers of the pages that have no text layer (scanned pages)."""
    return [n for n, text in page_texts(open_pdf(fh, budget), budget) if not text.strip()]
