"""The font files of the review-form PDFs.

The forms are drawn with fpdf2, which embeds TrueType fonts well; it mis-writes the glyph widths
of CFF-based OpenType fonts such as Noto Sans CJK (text copied out of the PDF falls apart into
single characters), so only fonts with TrueType (``glyf``) outlines are accepted. The first font
must cover Chinese; the others are fallbacks for characters it lacks (the check boxes ☐ ☑).

``WAGTAIL_GOV_REVIEW["PDF_FONT_FILES"]`` names the files; left as None they are found through
fontconfig among ``FONTCONFIG_FAMILIES`` (``make system-deps`` installs WenQuanYi Micro Hei and
DejaVu Sans).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont, TTLibError

from ..conf import gov_review_settings
from .errors import PdfFontError

# Chinese fonts first, then fallbacks: DejaVu Sans for symbols (☐ ☑), HanaMin A/B for rare
# characters of names and places (CJK extensions A–F, e.g. 䶮 𠀋) that the others lack.
FONTCONFIG_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "DejaVu Sans",
    "HanaMinA",
    "HanaMinB",
)
# A font "covers Chinese" when it has every one of these (common characters of the forms).
CHINESE_PROBE = "政务信息发布审批责任表保密审查"


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # face number inside a .ttc collection
    covers_chinese: bool
    codepoints: frozenset[int]  # the characters it has (its cmap)


def _inspect(path: str, index: int = 0) -> FontFile:
    if not Path(path).is_file():
        raise PdfFontError(_("PDF font file %(path)s does not exist.") % {"path": path})
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
    except (TTLibError, OSError) as error:
        raise PdfFontError(
            _("PDF font file %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    if "glyf" not in font:
        raise PdfFontError(
            _("PDF font file %(path)s has no TrueType outlines; use a TrueType (.ttf/.ttc) font.")
            % {"path": path}
        )
    cmap = font.getBestCmap() or {}
    return FontFile(path, index, all(ord(ch) in cmap for ch in CHINESE_PROBE), frozenset(cmap))


def _fontconfig_files() -> list[tuple[str, int]]:
    """The regular face of each installed family of FONTCONFIG_FAMILIES, in that order."""
    if shutil.which("fc-match") is None:
        return []
    found: list[tuple[str, int]] = []
    for family in FONTCONFIG_FAMILIES:
        result = subprocess.run(
            ["fc-match", "--format", "%{file}|%{index}|%{family}", family],
            capture_output=True,
            text=True,
            check=False,
        )
        path, _sep, rest = result.stdout.partition("|")
        index, _sep, families = rest.partition("|")
        # fc-match always answers with some font: keep it only if it is the family asked for.
        if family in families.split(",") and (path, int(index or 0)) not in found:
            found.append((path, int(index or 0)))
    return found


@functools.cache
def _resolve(configured: tuple[str, ...] | None) -> tuple[FontFile, ...]:
    if configured is not None:
        fonts = [_inspect(path) for path in configured]
    else:
        fonts = []
        for path, index in _fontconfig_files():
            try:
                fonts.append(_inspect(path, index))
            except PdfFontError:
                continue  # a CFF face under a listed family: skip it, keep looking
    chinese = [f for f in fonts if f.covers_chinese]
    if not chinese:
        raise PdfFontError(
            _(
                "No TrueType font with Chinese characters was found for the PDF forms. "
                "Run make system-deps (installs fonts-wqy-microhei) or set "
                'WAGTAIL_GOV_REVIEW["PDF_FONT_FILES"].'
            )
        )
    # The first Chinese font leads; the order of the others is kept.
    return (chinese[0], *[f for f in fonts if f is not chinese[0]])


def pdf_font_files() -> tuple[FontFile, ...]:
    """The fonts to embed, the leading Chinese font first. Raises PdfFontError if none."""
    configured = gov_review_settings.PDF_FONT_FILES
    if configured is None:
        return _resolve(None)
    if isinstance(configured, str | Path):
        configured = [configured]
    if not isinstance(configured, list | tuple) or not configured:
        raise PdfFontError(_('WAGTAIL_GOV_REVIEW["PDF_FONT_FILES"] must be a list of font files.'))
    return _resolve(tuple(str(path) for path in configured))
