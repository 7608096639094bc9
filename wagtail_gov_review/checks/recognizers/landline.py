"""pii.landline — a private person's fixed-line phone (GB/T 35273 Annex B: 个人电话号码).

Offices publish their numbers (办公室电话, 咨询电话, 举报电话, 联系人…联系电话 of an office): a
landline is a finding only when the clause before it names a private person (申请人, 户主,
家庭电话 …) and no agency after that. A number without an area code needs a home-phone word
right before it (宅电, 家庭电话), since short digit runs are everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, finditer_near, register
from .context_words import clause_before, owner

_WITH_AREA_CODE = re.compile(
    # The first character, then the look-behinds and the alternation: a pattern that starts with
    # a character set is scanned for it at C speed, one that starts with a look-behind is tried
    # at every character.
    r"[(（0](?<![0-9A-Za-z].)(?<![0-9][ -].)"
    r"(?:(?<=[(（])0\d{2,3}[)）][ -]?|(?<=0)\d{2,3}[ -]?)[2-8]\d{2,3}[ -]?\d{4}"
    r"(?:[ ]?(?:转|-|ext\.?)[ ]?\d{1,5})?"
    r"(?![0-9A-Za-z])(?![ -]\d)"
)
_HOME_PHONE = re.compile(
    r"(?:家庭电话|住宅电话|宅电|家中电话|家里电话|家庭座机|私人电话|个人电话)"
    r"[ \t]*(?:[:：]|为|是)?[ \t]*([2-8]\d{6,7})(?![0-9A-Za-z])"
)


@register
class LandlineRecognizer(Recognizer):
    code = "pii.landline"
    rule = "GB/T 35273 附录B：个人电话号码属个人信息；000 芙蓉区：个人联系方式须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _WITH_AREA_CODE.finditer(text):
            s, e = m.span()
            if owner(clause_before(ctx, s, 60)) != "person":
                continue  # an office's number, or nobody's said: public contact information
            yield self._match(ctx, s, e, "带区号的固定电话，同一句中前有个人身份上下文")
        for m in finditer_near(_HOME_PHONE, text, "电机", 3):  # 家庭电话, 宅电, 家庭座机 …
            s, e = m.span(1)
            yield self._match(ctx, s, e, "紧跟“家庭电话/宅电”等个人电话上下文")

    def _match(self, ctx: Context, s: int, e: int, reason: str) -> Match:
        return Match(
            self.code,
            s,
            e,
            "疑似个人固定电话号码，属个人信息，公开前须脱敏或改用办公电话",
            default_mask(self.code, ctx.text[s:e]),
            reason,
            self.rule,
        )
