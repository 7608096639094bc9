"""Which encoding a Chinese text file uses: UTF-8/UTF-16 (BOM or valid UTF-8), GB18030 or Big5.

GB18030 decodes almost any byte string, so "it decoded" proves nothing: a Big5 file read as
GB18030 gives kana, box-drawing signs and rare characters instead of an error (issue 15 point 7).
Each legacy candidate that decodes strictly is therefore scored by the share of its characters
that are common Chinese characters or punctuation (GB2312 level 1 for simplified, Big5 level 1
for traditional); the clear winner is taken, and a file where no candidate is plausible, or two
are equally so, is refused rather than guessed.
"""

from __future__ import annotations

import codecs
import functools

from .limits import FileRefused

# (BOM, codec): longest first, UTF-32 LE starts like UTF-16 LE.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LEGACY = ("gb18030", "big5hkscs")
_PLAUSIBLE = 0.85  # share of common characters a real Chinese text easily reaches
_MARGIN = 0.15  # how much better than the runner-up the chosen candidate must be
_PUNCTUATION = set("，。、；：？！“”‘’（）《》【】〔〕…—·－／％＋　") | {
    chr(c) for c in range(0xFF10, 0xFF1A)
}


def _level1(codec: str, lead: range) -> frozenset[str]:
    chars = set()
    for hi in lead:
        for lo in range(0x40, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if len(c) == 1 and "\u4e00" <= c <= "\u9fff")


@functools.cache
def common_chars() -> frozenset[str]:
    """The ~9,000 most used Chinese characters: GB2312 level 1 plus Big5 level 1."""
    simplified = _level1("gb2312", range(0xB0, 0xD8))
    traditional = _level1("big5", range(0xA4, 0xC7))
    return simplified | traditional | frozenset(_PUNCTUATION)


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are common Chinese ones (1.0: none)."""
    common = common_chars()
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not wide:
        return 1.0
    return sum(ch in common for ch in wide) / len(wide)


def _refuse(detail: str) -> FileRefused:
    return FileRefused(
        "encoding",
        f"无法确定文件的文字编码（{detail}），为避免乱码未读取；请另存为 UTF-8 编码后重新上传",
    )


def _trim_partial(sample: bytes, complete: bool) -> bytes:
    """Cut a sample at its last line break so no multi-byte character is split."""
    if complete:
        return sample
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """The codec for a file starting with ``sample`` (``complete``: the sample is the whole file).

    Raises :class:`FileRefused` (``encoding``) when no encoding is clearly right.
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    if b"\x00" in sample:
        raise _refuse("含有二进制内容，不是文本文件")
    body = _trim_partial(sample, complete)
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(body) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    scores = {}
    for codec in LEGACY:
        try:
            scores[codec] = plausibility(body.decode(codec))
        except UnicodeDecodeError:
            continue
    if not scores:
        raise _refuse("既不是 UTF-8，也不是 GB18030 或 Big5")
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    if score < _PLAUSIBLE:
        raise _refuse("按 GB18030 或 Big5 解码均出现大量生僻字符")
    if len(ranked) > 1 and score - ranked[1][1] < _MARGIN:
        raise _refuse("GB18030 与 Big5 均可解码，无法区分")
    return best
