"""Errors of the form exports, shown to the person who asked for the export."""

from __future__ import annotations


class ExportError(ValueError):
    """The export cannot be made as asked (unknown form or format, no usable font)."""


class PdfFontError(ExportError):
    """No TrueType font with Chinese characters is available for the PDF forms."""
