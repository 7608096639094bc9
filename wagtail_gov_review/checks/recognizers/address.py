"""pii.address — a person's home address, found by personal context words (家住, 住址 …).

An agency's office address (办公地址, 地址：区政府大楼) is public information and is not matched:
plain 地址 is not a trigger, and triggers after 办公/单位/机关/公司 … are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, finditer_near, register

_TRIGGER = re.compile(
    r"(?:家庭住址|家庭地址|家庭住所|居住地址|现居住地|现住址|现居住|户籍地址|户籍所在地|户籍地"
    r"|现住|现居|住址|住所|居住地|家住|住在|居住在|居住于|暂住在?|[，,、 （(\[【]住(?!建|房|院|宿|宅|户|所|址)|住(?=[ \t]*[:：]))"
    r"[ \t]*(?:[:：]|为|是|在|于)?[ \t]*"
)
# Every trigger holds one of these within its first four characters (家庭地址: 址).
_TRIGGER_ANCHORS = "住址居籍"
_STOP = re.compile(r"[，,。；;！？!?\n）)】」“”\"]")
# Something that reads like a street address: a place word, then a number with a unit.
_ADDRESS_LIKE = re.compile(
    r"(?:省|市|区|县|镇|乡|村|街道|路|街|巷|道|小区|大道|弄|胡同|花园|公寓|大厦|社区)"
    r".*?(?:\d+|[一二三四五六七八九十百零〇]+)[ \t]*(?:号|栋|幢|楼|室|单元|组|弄|户)"
)
_NOT_PERSONAL = ("办公", "单位", "机关", "公司", "企业", "营业", "注册", "经营", "通讯", "联系")
_NOT_PERSONAL_RE = re.compile("|".join(_NOT_PERSONAL))  # one search, not one ``in`` per word


@register
class AddressRecognizer(Recognizer):
    code = "pii.address"
    rule = "000 芙蓉区：家庭住址须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in finditer_near(_TRIGGER, text, _TRIGGER_ANCHORS, 3):
            if _NOT_PERSONAL_RE.search(text, max(0, m.start() - 4), m.start()):
                continue
            start = m.end()
            stop = _STOP.search(text, start, min(len(text), start + 60))
            end = stop.start() if stop else min(len(text), start + 60)
            body = text[start:end]
            addr = _ADDRESS_LIKE.search(body)
            if not addr or addr.start() > 12:
                continue
            while end > start and text[end - 1].isspace():
                end -= 1
            yield Match(
                self.code,
                start,
                end,
                "疑似个人家庭住址，属个人隐私，公开前须删除或隐去门牌号等详细信息",
                default_mask(self.code, text[start:end]),
                f"前有个人住址上下文“{m.group().strip(' :：，,、（([【')}”",
                self.rule,
            )
