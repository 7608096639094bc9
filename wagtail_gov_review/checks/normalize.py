"""Normalisation for matching, with a map back to offsets in the original text.

Checks run on a normalised copy: invisible format characters (Unicode category Cf: zero-width
space/joiners, soft hyphen, word joiner, BOM, bidi marks …) are removed, so a number or a term
with one slipped inside is still one; every Unicode decimal digit (full-width, Arabic-Indic,
mathematical bold …) → ASCII; traditional script → simplified (OpenCC ``t2s``); full-width
letters → ASCII, odd spaces/dashes → plain separators, control characters → spaces. Removing a
character or a conversion that changes the length records an explicit offset map back to the
original (``Normalized.offsets``); the usual text has neither and keeps offsets as they are.
Visible separators inside numbers are *not* removed here (that would lose the original span):
recognizers accept them in their patterns and strip them before validating.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

import opencc

_TABLE: dict[int, int | str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_cp] = _cp - 0xFEE0
_TABLE[0x3000] = " "  # ideographic space
for _cp in (0x00A0, 0x2002, 0x2003, 0x2009, 0x202F):
    _TABLE[_cp] = " "  # no-break/thin spaces: read as separators
for _cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63):
    _TABLE[_cp] = "-"
for _cp in list(range(0x00, 0x20)) + [0x7F]:
    if chr(_cp) not in "\n\t\r":
        _TABLE[_cp] = " "
for _cp in range(0xD800, 0xE000):
    _TABLE[_cp] = "\ufffd"  # lone surrogates (bad decoding upstream) cannot reach OpenCC
# Format characters live in the BMP, plane 1 and plane 14 (tags); decimal digits in the first two.
_SCANNED = list(itertools.chain(range(0x20000), range(0xE0000, 0xE1000)))
_FORMAT_CHARS = [cp for cp in _SCANNED if unicodedata.category(chr(cp)) == "Cf"]
for _cp in range(0x80, 0x20000):
    if unicodedata.category(chr(_cp)) == "Nd":
        _TABLE[_cp] = str(unicodedata.decimal(chr(_cp)))
# Keep Chinese full-width punctuation as is: messages and context words are written with it.
for _ch in "，。：；！？（）［］｛｝〔〕、“”‘’《》【】":
    _TABLE.pop(ord(_ch), None)


def _char_class(codepoints: list[int]) -> str:
    """A regex character class of ``codepoints`` written as ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return (
        "["
        + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
        + "]+"
    )


# str.translate looks every character up in a dict (≈1.4 ms per 20,000 CJK characters); most
# texts hold few characters to change, so find them with one regex scan and translate only those.
# A character class reaching beyond the BMP is matched range by range (sre builds its fast
# bitmap for BMP-only classes: 4× slower on 20,000 characters), so characters beyond the BMP
# (mathematical digits, tag characters …) get their own pattern, run only on the rare text that
# has such characters at all.
def _split_bmp(codepoints: list[int]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    bmp = [cp for cp in codepoints if cp <= 0xFFFF]
    astral = [cp for cp in codepoints if cp > 0xFFFF]
    return re.compile(_char_class(bmp)), re.compile(_char_class(astral))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # one range: 8× faster than max(text) > "\uffff"


def _has_astral(text: str) -> bool:
    return _ASTRAL.search(text) is not None


_NEEDS_TRANSLATION, _NEEDS_TRANSLATION_ASTRAL = _split_bmp(list(_TABLE))


def _translate(text: str, astral: bool) -> str:
    out = _NEEDS_TRANSLATION.sub(lambda m: m.group().translate(_TABLE), text)
    if astral:
        out = _NEEDS_TRANSLATION_ASTRAL.sub(lambda m: m.group().translate(_TABLE), out)
    return out


_FORMAT_BMP, _ = _split_bmp(_FORMAT_CHARS)
_FORMAT = re.compile(_char_class(_FORMAT_CHARS))  # exact, slower: only for text that has any
# Most texts have neither a format character nor one to translate: one scan of the BMP for
# both sets says so, instead of a scan for each.
_FORMAT_OR_TRANSLATED_BMP, _ = _split_bmp(_FORMAT_CHARS + list(_TABLE))


def _strip_format(text: str, astral: bool) -> tuple[str, list[int] | None]:
    """``text`` without Cf characters, and the original index of each kept one (+ sentinel);
    ``None`` when there was nothing to remove."""
    if _FORMAT_BMP.search(text) is None and not astral:
        return text, None
    if _FORMAT.search(text) is None:
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _FORMAT.finditer(text):
        pieces.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(pieces), offsets


@functools.cache
def _converter():
    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _converter().convert(text)


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalised ``text`` plus how to get back to ``original``.

    ``offsets`` is ``None`` when normalisation kept every position (the usual case); otherwise
    ``offsets[i]`` is the original index of normalised character ``i`` (with a final sentinel).
    """

    original: str
    text: str
    offsets: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original text."""
        if self.offsets is None:
            return start, end
        o = self.offsets
        return o[start], (o[end - 1] + 1 if end > start else o[start])


_CJK = re.compile("[\u3400-\U0003ffff]")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching (see module docstring); linear in its length."""
    astral = _has_astral(text)
    if not astral and _FORMAT_OR_TRANSLATED_BMP.search(text) is None:
        kept, half = None, text
    else:
        visible, kept = _strip_format(text, astral)
        half = _translate(visible, astral)
    if not _has_cjk(half):
        return Normalized(text, half, None if kept is None else tuple(kept))
    simple = _t2s(half)
    if len(simple) == len(half):
        return Normalized(text, simple, None if kept is None else tuple(kept))
    converted, moved = _t2s_with_offsets(half)
    if kept is not None:  # compose: converted char → stripped-text index → original index
        moved = [kept[i] for i in moved]
    return Normalized(text, converted, tuple(moved))


def _t2s_with_offsets(half: str) -> tuple[str, list[int]]:
    """A conversion changed the length: convert line by line, falling back to single characters
    for a line that still changes length, and record where each output character came from."""
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in half.splitlines(keepends=True):
        conv = _t2s(line)
        if len(conv) == len(line):
            pieces.append(conv)
            offsets.extend(range(pos, pos + len(line)))
        else:
            for i, ch in enumerate(line):
                out = _t2s(ch) or ch
                pieces.append(out)
                offsets.extend([pos + i] * len(out))
        pos += len(line)
    offsets.append(len(half))
    return "".join(pieces), offsets


def normalize_term(term: str) -> str:
    """Normalise a lexicon term the same way as texts, so traditional text matches it."""
    return normalize(term.strip()).text


_DIGITS_OR_X = re.compile("[0-9Xx]+")


def digits_of(text: str) -> str:
    """The digits (and a trailing check letter) of a number written with separators."""
    return "".join(_DIGITS_OR_X.findall(text)).upper()
