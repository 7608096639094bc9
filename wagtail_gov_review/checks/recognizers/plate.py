"""pii.plate — a private vehicle's licence plate (GB/T 35273 Annex B: 个人车辆信息; GA 36).

A plate is a province character, the issuing office's letter and five characters (six for new
energy vehicles, with D/F): 湘A·12345, 粤B D12345. Plates of public vehicles in the news (公务
用车, 执法车, 公交, police plates ending in 警) are not personal: the clause before a plate
decides, as for the other contact data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, register
from .context_words import clause_before, owner

_L = "A-HJ-NP-Z"  # plates never use I or O
_PLATE = re.compile(
    # The look-behind follows the province character: a pattern that starts with a character
    # set is scanned for it at C speed, one that starts with a look-behind is tried everywhere.
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼](?<![A-Za-z0-9].)"
    rf"[ ]?[{_L}][ ]?[·•.\- ]?[ ]?"
    rf"(?:[DF][{_L}0-9]\d{{4}}|\d{{5}}[DF]|(?=[{_L}0-9]{{0,4}}\d)[{_L}0-9]{{4}}[{_L}0-9挂学警港澳领试超])"
    r"(?![A-Za-z0-9])"
)
PUBLIC_VEHICLES = (
    "公务用车",
    "公务车",
    "公车",
    "执法车",
    "执法记录",
    "警车",
    "警用",
    "消防车",
    "救护车",
    "公交",
    "校车",
    "巡逻车",
    "环卫车",
    "应急车",
    "单位车辆",
    "政府车辆",
)


@register
class PlateRecognizer(Recognizer):
    code = "pii.plate"
    rule = "GB/T 35273 附录B：车牌号等个人车辆信息属个人信息；004 湛江市：个人隐私不得公开"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _PLATE.finditer(text):
            s, e = m.span()
            if text[e - 1] == "警":
                continue  # a police vehicle
            clause = clause_before(ctx, s, 30)
            if any(w in clause for w in PUBLIC_VEHICLES) or owner(clause) == "agency":
                continue
            yield Match(
                self.code,
                s,
                e,
                "疑似私人车辆号牌，属个人信息，公开前须脱敏（如 湘A·***45）",
                default_mask(self.code, text[s:e]),
                "符合机动车号牌格式（省份简称＋发牌机关代号＋序号），前文未指明公务车辆",
                self.rule,
            )
