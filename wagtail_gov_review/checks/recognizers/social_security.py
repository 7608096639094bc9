"""pii.social_security — 社会保障号码/社保卡号/医保卡号, recognised by their context words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, register

_SSN = re.compile(
    r"(?:社会保障(?:卡)?(?:号码|卡号|号|账号|帐号|编号)|社保(?:卡)?(?:号码|卡号|号|账号|帐号|编号)"
    r"|医保(?:卡)?(?:号码|卡号|号|账号|帐号|编号)|医疗保险(?:卡)?(?:号码|卡号|号|编号)"
    r"|参保(?:人)?(?:号码|编号)|个人编号)"
    r"[ \t]*(?:[:：]|为|是)?[ \t]*"
    r"([0-9A-Za-z](?:[0-9A-Za-z]|[ .\-/](?=[0-9A-Za-z])){6,24})(?![0-9A-Za-z])"
)


# Between two chunks of one number people put a space or "/" only inside short groups (1234 5678
# 9012); after a longer chunk the space ends the number: a table row or a CSV line goes on with
# the next person's mobile or card number.
_CHUNK = re.compile(r"[^ \t/]+")
MAX_GROUP = 6


def _own_number_end(text: str, start: int, end: int) -> int:
    """End of the number starting at ``start``: where a long chunk is followed by a space or /."""
    for chunk in _CHUNK.finditer(text, start, end):
        if len(chunk.group()) > MAX_GROUP:
            return chunk.end()
    return end


@register
class SocialSecurityRecognizer(Recognizer):
    code = "pii.social_security"
    rule = "000 芙蓉区：社保账号须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _SSN.finditer(text):
            s, e = m.span(1)
            e = _own_number_end(text, s, e)
            if sum(ch.isdigit() for ch in text[s:e]) < 6:
                continue
            yield Match(
                self.code,
                s,
                e,
                "疑似社会保障号码（社保/医保卡号），属个人隐私，公开前须脱敏",
                default_mask(self.code, text[s:e]),
                f"前有上下文“{m.group()[: m.start(1) - m.start()].strip(' :：')}”",
                self.rule,
            )
