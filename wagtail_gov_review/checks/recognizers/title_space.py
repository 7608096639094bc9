"""format.title_space — no spaces in titles (seed 003: 标题中原则上不要有空格)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..registry import Context, Match, Recognizer, register

_SPACES = re.compile(r"[ \t\r\n]+")


@register
class TitleSpaceRecognizer(Recognizer):
    code = "format.title_space"
    rule = "003 永川区：标题中原则上不要有空格"
    kinds = ("title",)

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _SPACES.finditer(text):
            s, e = m.span()
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            # A single space between two Latin words/numbers ("Windows 10") is normal spelling.
            if e - s == 1 and before.isascii() and after.isascii() and before and after:
                if before.isalnum() and after.isalnum():
                    continue
            yield Match(
                self.code,
                s,
                e,
                "标题中不应有空格",
                "删除空格",
                "标题首尾或中文之间的空白字符",
                self.rule,
            )
