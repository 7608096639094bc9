"""File readers for 智能校对: DOCX, XLSX/XLS, CSV/TXT, PDF and (with OCR) PNG/JPEG.

A file becomes a list of :class:`Segment` (text + location); :func:`check_file` runs the engine
on each and puts the location on every finding. Hostile files are refused early and cheaply with
:class:`FileRefused` (see :class:`FileLimits`). Pure Python, no Django. See ``docs/checks.md``.
"""

from .check import check_file, check_segments
from .limits import FileLimits, FileRefused
from .locations import describe_location
from .ocr import ocr_available
from .reader import SUPPORTED_EXTENSIONS, needs_ocr, read_segments, read_text_lines
from .segments import Segment

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "FileLimits",
    "FileRefused",
    "Segment",
    "check_file",
    "check_segments",
    "describe_location",
    "needs_ocr",
    "ocr_available",
    "read_segments",
    "read_text_lines",
]
