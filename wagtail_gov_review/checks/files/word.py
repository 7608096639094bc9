"""DOCX: body paragraphs and tables in document order, text boxes, headers/footers, properties."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .limits import Budget
from .segments import Segment

_PROPERTIES = ("title", "subject", "author", "keywords", "comments", "last_modified_by")


def _paragraph_texts(paragraph: Paragraph) -> Iterator[tuple[str, dict[str, Any]]]:
    yield paragraph.text, {}
    # Text boxes hang below a run's drawing; python-docx's Paragraph.text leaves them out.
    for box, content in enumerate(paragraph._p.iter(qn("w:txbxContent")), start=1):
        for line, p in enumerate(content.iter(qn("w:p")), start=1):
            yield "".join(t.text or "" for t in p.iter(qn("w:t"))), {"textbox": box, "line": line}


def _table_segments(table: Table, where: dict[str, Any], budget: Budget) -> Iterator[Segment]:
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            budget.take_cell()
            location = {**where, "row": r, "column": c}
            for p in cell.paragraphs:
                yield from _segments(p.text, location, budget)
            for inner, nested in enumerate(cell.tables, start=1):
                yield from _table_segments(nested, {**location, "nested": inner}, budget)


def _segments(text: str, location: dict[str, Any], budget: Budget) -> Iterator[Segment]:
    budget.take_text(text)
    if text.strip():
        yield Segment(text, location)


def _story(container, where: dict[str, Any], budget: Budget) -> Iterator[Segment]:
    """Paragraphs and tables of a body/header/footer in order, numbered from 1 within it."""
    paragraphs = tables = 0
    for block in container.iter_inner_content():
        budget.check_time()
        if isinstance(block, Paragraph):
            paragraphs += 1
            for text, extra in _paragraph_texts(block):
                yield from _segments(text, {**where, "paragraph": paragraphs, **extra}, budget)
        else:
            tables += 1
            yield from _table_segments(block, {**where, "table": tables}, budget)


def read_docx(fh: IO[bytes], budget: Budget) -> Iterator[Segment]:
    document = docx.Document(fh)
    props = document.core_properties
    for name in _PROPERTIES:
        value = getattr(props, name, None)
        if isinstance(value, str):
            yield from _segments(value, {"property": name}, budget)
    yield from _story(document, {}, budget)
    for number, section in enumerate(document.sections, start=1):
        for part in ("header", "first_page_header", "even_page_header"):
            hf = getattr(section, part)
            if not hf.is_linked_to_previous:
                yield from _story(hf, {part.replace("_page", ""): number}, budget)
        for part in ("footer", "first_page_footer", "even_page_footer"):
            hf = getattr(section, part)
            if not hf.is_linked_to_previous:
                yield from _story(hf, {part.replace("_page", ""): number}, budget)
