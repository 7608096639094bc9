"""Ruled tables on A4 pages, drawn straight into a PDF with fpdf2.

The review forms are fixed grids of text, so they are drawn cell by cell instead of being laid
out from HTML: a 5,000-item batch takes seconds here, where an HTML layout engine took minutes
(docs/forms.md, "The PDFs" and "Performance"). What this module knows is small:

- Chinese text wraps at any character; closing punctuation hangs at the line end rather than
  starting a line, and opening brackets move down rather than end one (避头尾).
- A character missing from the leading font is drawn with the first fallback font that has it;
  a fallback font is embedded only once a character needs it.
- A row taller than the space left moves to the next page; one taller than a whole page is
  split across pages, so no text is ever cut off.
- ``on_new_page`` redraws a page's heading (title, table header) at each page break.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import TextMode

from .pdf_fonts import FontFile

# fontTools warns, for every PDF, that it drops the bitmap (BDF) tables of WenQuanYi fonts
# while subsetting them; the outlines are what the PDF embeds, so the warning is only noise.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

PT = 25.4 / 72  # millimetres per point
TITLE_SIZE = 16  # pt, the form's title
PAD_X = 1.5  # cell padding, mm
PAD_Y = 1.2
LINE_SPACING = 1.3  # line height as a multiple of the font size
RULE_WIDTH = 0.6 * PT
# Never at the start of a line: they hang past the right edge of the line before.
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’,.;:?!)]}%")
# Never at the end of a line: they move down to start the next line.
NO_LINE_END = set("（《「『【〔〈“‘([{")


@dataclass(frozen=True)
class Cell:
    text: str
    width: float  # mm
    header: bool = False  # a label cell (<th>): centred
    align: str = "L"  # "L" or "C"


class FormCanvas:
    """One PDF document of ruled tables; ``finish()`` numbers the pages and returns its bytes."""

    def __init__(
        self,
        fonts: Sequence[FontFile],
        *,
        landscape: bool = False,
        margin_x: float = 12,
        margin_y: float = 14,
        font_size: float = 10.5,
        title: str = "",
    ) -> None:
        self.pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(margin_x, margin_y, margin_x)
        self.pdf.set_line_width(RULE_WIDTH)
        self.pdf.set_title(title)
        self.pdf.set_lang("zh-CN")
        self.pdf.set_creator("wagtail-gov-review")
        self._fonts = list(fonts)
        self._registered: set[int] = set()
        self._register(0)
        self._glyphs: dict[str, tuple[int, float]] = {}  # char → (font number, width at 1 pt)
        # text → its runs (font number, text, offset at 1 pt) and width at 1 pt. Form pages
        # repeat most of their texts, so each is split and measured once per document.
        self._texts: dict[str, tuple[tuple[tuple[int, str, float], ...], float]] = {}
        self._wrapped: dict[tuple[str, float, float], tuple[str, ...]] = {}
        self._current_font: tuple[int, float] | None = None
        self.font_size = font_size
        self.margin_x = margin_x
        self.margin_y = margin_y
        self.y = margin_y
        self.on_new_page: Callable[[], None] | None = None
        self.heading_height = 0.0  # what on_new_page drew on the last new page

    # -- geometry -----------------------------------------------------------------------

    @property
    def content_width(self) -> float:
        return self.pdf.w - 2 * self.margin_x

    @property
    def bottom(self) -> float:
        return self.pdf.h - self.margin_y

    def line_height(self, size: float | None = None) -> float:
        return (size or self.font_size) * LINE_SPACING * PT

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.margin_y
        if self.on_new_page is not None:
            self.on_new_page()
        self.heading_height = self.y - self.margin_y

    # -- text -----------------------------------------------------------------------------

    def _register(self, number: int) -> None:
        """Embed font ``number`` on first use: large fallbacks (HanaMin, 50 MB) cost load time
        only in documents that contain a character needing them."""
        if number not in self._registered:
            font = self._fonts[number]
            self.pdf.add_font(f"f{number}", fname=font.path, collection_font_number=font.index)
            self._registered.add(number)

    def _glyph(self, char: str) -> tuple[int, float]:
        known = self._glyphs.get(char)
        if known is None:
            code = ord(char)
            # A character in no font is drawn with the leading one (an empty box in the PDF).
            number = next((n for n, f in enumerate(self._fonts) if code in f.codepoints), 0)
            self._register(number)
            self.pdf.set_font(f"f{number}", size=1)
            self._current_font = (number, 1)
            known = self._glyphs[char] = (number, self.pdf.get_string_width(char))
        return known

    def _runs(self, text: str) -> tuple[tuple[tuple[int, str, float], ...], float]:
        known = self._texts.get(text)
        if known is None:
            runs = []
            offset = 0.0
            start = 0
            while start < len(text):
                number = self._glyph(text[start])[0]
                end = start + 1
                while end < len(text) and self._glyph(text[end])[0] == number:
                    end += 1
                runs.append((number, text[start:end], offset))
                offset += sum(self._glyph(ch)[1] for ch in text[start:end])
                start = end
            known = self._texts[text] = (tuple(runs), offset)
        return known

    def text_width(self, text: str, size: float | None = None) -> float:
        return self._runs(text)[1] * (size or self.font_size)

    def wrap(self, text: str, width: float, size: float | None = None) -> tuple[str, ...]:
        """``text`` as the lines that fit in ``width`` mm; explicit newlines are kept."""
        size = size or self.font_size
        key = (text, width, size)
        known = self._wrapped.get(key)
        if known is None:
            known = self._wrapped[key] = tuple(self._wrap(text, width, size))
        return known

    def _wrap(self, text: str, width: float, size: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for char in paragraph:
                advance = self._glyph(char)[1] * size
                if line and used + advance > width and char not in NO_LINE_START:
                    carried = []
                    while len(line) > 1 and line[-1] in NO_LINE_END:
                        carried.insert(0, line.pop())
                    lines.append("".join(line))
                    line = carried
                    used = sum(self._glyph(c)[1] for c in carried) * size
                line.append(char)
                used += advance
            lines.append("".join(line))
        return lines

    def draw_text(
        self, x: float, baseline: float, text: str, size: float | None = None, bold=False
    ) -> None:
        """One line at ``x``; each run of characters in the font that has them."""
        size = size or self.font_size
        if not bold:
            self._draw_runs(x, baseline, text, size)
            return
        # The embedded fonts have no bold face: fill and stroke the outlines. local_context
        # wraps this in q/Q, so the text mode ends with it (set directly, it would leak on).
        with self.pdf.local_context(
            text_mode=TextMode.FILL_STROKE, line_width=0.25 * PT * size / 10
        ):
            self._draw_runs(x, baseline, text, size)
        self._current_font = None  # the context restored fpdf2's font on its way out

    def _draw_runs(self, x: float, baseline: float, text: str, size: float) -> None:
        for number, run, offset in self._runs(text)[0]:
            if self._current_font != (number, size):
                self.pdf.set_font(f"f{number}", size=size)
                self._current_font = (number, size)
            self.pdf.text(x + offset * size, baseline, run)

    def text_line(self, text: str, size: float | None = None, *, align="L", bold=False) -> None:
        """A line of text across the content width, outside any table."""
        size = size or self.font_size
        height = self.line_height(size)
        if self.y + height > self.bottom:
            self.new_page()
        width = self.text_width(text, size)
        x = self.margin_x
        if align == "C":
            x += (self.content_width - width) / 2
        elif align == "R":
            x += self.content_width - width
        self.draw_text(x, self.y + height * 0.78, text, size, bold)
        self.y += height

    def spread_line(self, parts: Sequence[str], size: float | None = None) -> None:
        """Texts spread across one line: first at the left, last at the right (flex layout)."""
        size = size or self.font_size
        height = self.line_height(size)
        if self.y + height > self.bottom:
            self.new_page()
        widths = [self.text_width(p, size) for p in parts]
        gap = (self.content_width - sum(widths)) / max(len(parts) - 1, 1)
        x = self.margin_x
        for part, width in zip(parts, widths, strict=True):
            self.draw_text(x, self.y + height * 0.78, part, size)
            x += width + gap
        self.y += height

    def form_heading(self, title: str, meta: Sequence[str] = ()) -> None:
        """The form's title, centred and bold, and the line under it (unit, date …)."""
        self.text_line(title, TITLE_SIZE, align="C", bold=True)
        if meta:
            self.skip(2)
            self.spread_line(meta)
            self.skip(1)

    def skip(self, height: float) -> None:
        self.y += height

    # -- tables ---------------------------------------------------------------------------

    def _cell_lines(self, cell: Cell) -> tuple[str, ...]:
        return self.wrap(cell.text, cell.width - 2 * PAD_X)

    def _draw_cells(self, x: float, cells, lines_per_cell, height: float) -> None:
        line_height = self.line_height()
        for cell, lines in zip(cells, lines_per_cell, strict=True):
            self.pdf.rect(x, self.y, cell.width, height)
            top = self.y + (height - len(lines) * line_height) / 2  # vertically centred
            for number, line in enumerate(lines):
                if not line:
                    continue
                left = x + PAD_X
                if cell.header or cell.align == "C":
                    left = x + (cell.width - self.text_width(line)) / 2
                baseline = top + line_height * number + line_height * 0.78
                self.draw_text(left, baseline, line)
            x += cell.width
        self.y += height

    def row(self, cells: Sequence[Cell], x: float | None = None) -> None:
        """One table row; moves to a new page, or splits across pages, when it must."""
        x = self.margin_x if x is None else x
        line_height = self.line_height()
        pending = [self._cell_lines(cell) for cell in cells]
        split = False
        while True:
            count = max(len(lines) for lines in pending)
            needed = count * line_height + 2 * PAD_Y
            available = self.bottom - self.y
            if needed <= available:
                self._draw_cells(x, cells, pending, needed)
                return
            fits_fresh_page = needed <= self.bottom - self.margin_y - self.heading_height
            if not split and fits_fresh_page:
                self.new_page()
                continue
            fitting = int((available - 2 * PAD_Y) // line_height)
            if fitting < 1:
                self.new_page()
                continue
            split = True
            self._draw_cells(
                x, cells, [lines[:fitting] for lines in pending], fitting * line_height + 2 * PAD_Y
            )
            pending = [lines[fitting:] for lines in pending]
            self.new_page()

    def spanned_rows(self, label: Cell, rows: Sequence[Sequence[Cell]]) -> None:
        """A label cell spanning several short rows on its right (a rowspan)."""
        line_height = self.line_height()
        lines = [[self._cell_lines(cell) for cell in row] for row in rows]
        heights = [max(len(c) for c in row) * line_height + 2 * PAD_Y for row in lines]
        if self.y + sum(heights) > self.bottom:
            self.new_page()
        top = self.y
        self._draw_cells(self.margin_x, [label], [self._cell_lines(label)], sum(heights))
        self.y = top
        for row, row_lines, height in zip(rows, lines, heights, strict=True):
            self._draw_cells(self.margin_x + label.width, row, row_lines, height)

    # -- output ---------------------------------------------------------------------------

    def number_pages(self, template: str, size: float = 9) -> None:
        """``template`` (with {page} and {pages}) centred at the foot of every page."""
        pages = self.pdf.page_no()
        for page in range(1, pages + 1):
            self.pdf.page = page
            text = template.format(page=page, pages=pages)
            x = (self.pdf.w - self.text_width(text, size)) / 2
            self.draw_text(x, self.pdf.h - self.margin_y / 2, text, size)
        self.pdf.page = pages

    def finish(self) -> bytes:
        """Number the pages ("第 n 页 共 m 页") and return the document."""
        self.number_pages(_("Page {page} of {pages}"))
        return bytes(self.pdf.output())
