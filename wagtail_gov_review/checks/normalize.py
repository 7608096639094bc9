"""Normalisation for matching, with a map back to offsets in the original text.

Checks run on a normalised copy: traditional script → simplified (OpenCC ``t2s``), full-width
digits/letters → ASCII, odd spaces/dashes/zero-width characters → plain separators, control
characters → spaces. Every step is one character for one character, so offsets usually stay the
same; should a conversion ever change the length, the affected lines are converted character by
character and an explicit offset map is kept. Separators inside numbers are *not* removed here
(that would lose the original span): recognizers accept them in their patterns and strip them
before validating.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_TABLE: dict[int, int | str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_cp] = _cp - 0xFEE0
_TABLE[0x3000] = " "  # ideographic space
for _cp in (0x00A0, 0x2002, 0x2003, 0x2009, 0x202F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
    _TABLE[_cp] = " "  # no-break/thin/zero-width spaces: read as separators
for _cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63):
    _TABLE[_cp] = "-"
for _cp in list(range(0x00, 0x20)) + [0x7F]:
    if chr(_cp) not in "\n\t\r":
        _TABLE[_cp] = " "
for _cp in range(0xD800, 0xE000):
    _TABLE[_cp] = "\ufffd"  # lone surrogates (bad decoding upstream) cannot reach OpenCC
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
_NEEDS_TRANSLATION = re.compile(_char_class(list(_TABLE)))


def _translate(text: str) -> str:
    return _NEEDS_TRANSLATION.sub(lambda m: m.group().translate(_TABLE), text)


@functools.cache
def _converter():
    import opencc

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
    half = _translate(text)
    if not _has_cjk(half):
        return Normalized(text, half)
    simple = _t2s(half)
    if len(simple) == len(half):
        return Normalized(text, simple)
    # A conversion changed the length: convert line by line, falling back to single characters
    # for a line that still changes length, and record where each output character came from.
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
    offsets.append(len(text))
    return Normalized(text, "".join(pieces), tuple(offsets))


def normalize_term(term: str) -> str:
    """Normalise a lexicon term the same way as texts, so traditional text matches it."""
    return normalize(term.strip()).text


def digits_of(text: str) -> str:
    """The digits (and a trailing check letter) of a number written with separators."""
    return "".join(ch for ch in text if ch.isascii() and (ch.isdigit() or ch in "Xx")).upper()
