"""pii.medical_record — 病历号, 病案号, 住院号, 门诊号, 就诊卡号 (GB/T 35273 Annex B: 病历).

These numbers have no fixed shape (each hospital numbers its own), so a finding needs the record
word right before the number; a bare number is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, finditer_near, register

# A required literal first (病历, 住院 …) keeps the scan fast; 住院病历号 matches from 住院.
_RECORD = re.compile(
    r"((?:住院|门诊|急诊)(?:病历|病案)?(?:号码|编号|号)|(?:病历|病案)(?:号码|编号|号)"
    r"|就诊(?:卡号|号码|编号|号)|诊疗卡号|病理号)"
    r"[ \t]*(?:[:：]|为|是)?[ \t]*"
    r"([0-9A-Za-z](?:[0-9A-Za-z]|-(?=[0-9A-Za-z])){3,23})(?![0-9A-Za-z])"
)


@register
class MedicalRecordRecognizer(Recognizer):
    code = "pii.medical_record"
    rule = "GB/T 35273 附录B：病历等个人健康生理信息属个人敏感信息；000 芙蓉区：健康状况须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in finditer_near(_RECORD, text, "院诊病", 1):  # 住院, 门诊, 病历, 就诊 …
            s, e = m.span(2)
            if sum(ch.isdigit() for ch in text[s:e]) < 4:
                continue
            yield Match(
                self.code,
                s,
                e,
                "疑似病历号/住院号等医疗记录编号，属个人敏感信息，公开前须删除或脱敏",
                default_mask(self.code, text[s:e]),
                f"紧跟医疗记录上下文“{m.group(1)}”",
                self.rule,
            )
