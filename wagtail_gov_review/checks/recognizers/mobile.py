"""pii.mobile — mainland mobile numbers (1[3-9]x), with separators, +86 and full-width digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import (
    Context,
    Match,
    Recognizer,
    any_word,
    non_overlapping,
    register,
    scan_runs,
)
from .grouping import NOT_AFTER_NUMBER, NOT_BEFORE_NUMBER

# Not part of a longer run of digits (also across one separator); 3-4-4 grouping allowed with
# spaces or dashes, and with dots when both groups are dotted (138.1234.5678).
_MOBILE = re.compile(
    NOT_AFTER_NUMBER
    + r"(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:(?:[ -]?[0-9]{4}){2}|\.[0-9]{4}\.[0-9]{4})"
    + NOT_BEFORE_NUMBER
)
CONTEXT = ("手机", "电话", "联系方式", "联系人", "tel", "Tel", "TEL", "微信")
_CONTEXT = any_word(CONTEXT)


@register
class MobileRecognizer(Recognizer):
    code = "pii.mobile"
    rule = "000 芙蓉区：手机号等个人信息须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return non_overlapping(self._scan(ctx))

    def _scan(self, ctx: Context) -> Iterator[Match]:
        for m in scan_runs(ctx, _MOBILE):
            s, e = m.span()
            context = _CONTEXT.search(ctx.before(s, 8)) is not None
            yield Match(
                self.code,
                s,
                e,
                "疑似个人手机号码，属个人隐私，公开前须脱敏（如 138****5678）或改用办公电话",
                default_mask(self.code, ctx.text[s:e]),
                "11 位号段 1[3-9]，前后无相连数字"
                + ("；前有“电话/手机”等上下文" if context else ""),
                self.rule,
            )
