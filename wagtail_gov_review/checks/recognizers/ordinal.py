"""format.ordinal — 公文结构层次序数 (GB/T 9704-2012 7.3.3: 一、 → （一） → 1. → （1）).

Headings are the ordinals that open a paragraph (a line of the text field). Two clear errors:

- a level skipped: a heading deeper than one level below the current one — （一） before any 一、
  in a text that uses 一、, or 1. directly under 一、 with no （一） between them;
- siblings out of order: after 二、 comes 三、, and the first child of a heading is 1 (（一）, 1.);
  a skipped or repeated number is reported. A text may start anywhere (an excerpt from 三、),
  so the first heading of its level with no parent above it is not checked.

Articles (第一条, 第二章) are level-1 headings whose items restart at （一）. "1、" counts as level 3
here; its punctuation is format.punctuation's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..hanzi import number_value
from ..registry import Context, Match, Recognizer, capped, finditer_lines, register

RULE = "GB/T 9704-2012《党政机关公文格式》：结构层次序数依次用“一、”“（一）”“1.”“（1）”"

_CN = r"[一二三四五六七八九十]{1,3}"
_ORDINAL = (
    rf"(?P<l1>{_CN})、|[（(](?P<l2>{_CN})[）)]"
    r"|(?P<l3>\d{1,2})(?:[.．](?![\d.．])|、(?!\d))|[（(](?P<l4>\d{1,2})[）)]"
)
# One pass over the text, a match only where a paragraph opens with an article (第一条) or an
# ordinal, the latter possibly after a label ("附件：1. …", "注：1. …": a list of its own,
# whatever the headings around it).
_HEADING = re.compile(
    rf"^(?:[ \t]*(?P<article>第{_CN}[条章节])"
    rf"|(?:[ \t\-]*(?P<label>[\u4e00-\u9fff]{{1,4}}[：:])[ \t]*|[ \t]*)(?P<ordinal>{_ORDINAL}))",
    re.M,
)
_LEVEL_PRESENT = (
    (1, re.compile(rf"^[ \t]*(?:{_CN}、|第{_CN}[条章节])", re.M)),
    (2, re.compile(rf"^[ \t]*[（(]{_CN}[）)]", re.M)),
    (3, re.compile(r"^[ \t]*\d{1,2}(?:[.．](?![\d.．])|、(?!\d))", re.M)),
    (4, re.compile(r"^[ \t]*[（(]\d{1,2}[）)]", re.M)),
)
_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}
_CN_DIGITS = "〇一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def ordinal_text(level: int, n: int) -> str:
    """How the ``n``-th heading of ``level`` is written (``ordinal_text(2, 3) == "（三）"``)."""
    return _FORMS[level].format(_cn(n) if level <= 2 else n)


@dataclass(frozen=True)
class Heading:
    level: int  # 0 for an article (第一条)
    number: int
    start: int
    end: int
    labelled: bool = False  # opens a list after a label such as 附件： or 注：


def _top_level(text: str) -> int | None:
    """The highest level a text uses (articles count as level 1), or None without headings;
    found with one search per level so that a text of many headings is not read twice."""
    for level, pattern in _LEVEL_PRESENT:
        if next(finditer_lines(pattern, text), None) is not None:
            return level
    return None


def headings(text: str) -> Iterator[Heading]:
    """Paragraph-opening ordinals; a list after a label (附件：1. …) is marked ``labelled``."""
    for m in finditer_lines(_HEADING, text):
        if m.group("article"):
            yield Heading(0, 0, m.start(), m.start())
            continue
        level = next(n for n in (1, 2, 3, 4) if m.group(f"l{n}"))
        number = number_value(m.group(f"l{level}")) or 0
        labelled = m.group("label") is not None
        if number or labelled:
            yield Heading(level, number, m.start("ordinal"), m.end("ordinal"), labelled)


@register
class OrdinalRecognizer(Recognizer):
    code = "format.ordinal"
    rule = RULE
    kinds = ("body",)

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return capped(self._analyze(ctx))

    def _analyze(self, ctx: Context) -> Iterator[Match]:
        top = _top_level(ctx.text)
        if top is None:
            return
        found = headings(ctx.text)
        current = top - 1
        last: dict[int, int] = {}
        for h in found:
            if h.level == 0:
                current, last = 1, {1: 0}
                continue
            if h.labelled:
                current, last = h.level, {h.level: h.number}
                continue
            if h.level > current + 1:
                missing = ordinal_text(current + 1, 1)
                yield Match(
                    self.code,
                    h.start,
                    h.end,
                    f"序号层级跳跃：“{ctx.text[h.start : h.end].strip()}”前缺少上一层级"
                    f"（如“{missing}”）",
                    "",
                    "公文序号应依次为“一、”“（一）”“1.”“（1）”",
                )
            else:
                # Judge the number against a previous sibling or a parent seen in this text.
                expected = last.get(h.level, 0) + 1
                if (h.level in last or h.level - 1 in last) and h.number != expected:
                    right = ordinal_text(h.level, expected)
                    yield Match(
                        self.code,
                        h.start,
                        h.end,
                        f"序号顺序有误：此处应为“{right}”",
                        right,
                        "同级序号应从1起连续编号",
                    )
            current = h.level
            last[h.level] = h.number
            for deeper in [lv for lv in last if lv > h.level]:
                del last[deeper]
