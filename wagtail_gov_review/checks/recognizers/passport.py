"""pii.passport — 护照, 往来港澳/台湾通行证, 回乡证 and 台胞证 numbers (GB/T 35273 Annex B).

Mainland documents have a known shape (a type letter, sometimes a second letter, then digits:
E12345678, EA1234567, C12345678, L12345678, H1234567890); those need a document word in the
same clause. Any other alphanumeric number (a foreign passport) is taken only right after the
document word itself (护照号码：X1234567).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, finditer_near, register
from .context_words import clause_before

DOCUMENT_WORDS = ("护照", "通行证", "回乡证", "台胞证", "旅行证", "出入境证件", "签证")
# E/G (ordinary passport), D/S/P (diplomatic, service, public affairs), C/W (往来港澳通行证),
# L/T (往来台湾通行证), H/M (港澳居民来往内地通行证); the letters I and O are never used.
# No look-behind in front (it would slow the scan); the character before is checked in code.
# One character set first, the kind of document told by a look-behind after it: a pattern that
# starts with an alternation is tried at every character (3 × slower on 20,000 characters).
_SHAPED = re.compile(
    r"[EeGgDdSsPpCcWwLlTtHhMm]"
    r"(?:(?<=[EeGgDdSsPpCcWwLlTt])(?:[A-HJ-NP-Za-hj-np-z]\d{7}|\d{8})|(?<=[HhMm])\d{8}(?:\d{2})?)"
    r"(?![0-9A-Za-z])"
)
_ATTACHED = re.compile(
    r"(?:护照|通行证|回乡证|台胞证|旅行证)(?:号码|证号|编号|号)?[ \t]*(?:[:：]|为|是)?[ \t]*"
    r"([A-Za-z]{0,2}\d{6,10}[A-Za-z]?)(?![0-9A-Za-z])"
)


@register
class PassportRecognizer(Recognizer):
    code = "pii.passport"
    rule = (
        "GB/T 35273 附录B：护照、通行证等身份证件号码属个人敏感信息；004 湛江市：个人隐私不得公开"
    )

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        seen: set[int] = set()
        for m in finditer_near(_ATTACHED, text, "照证", 2):  # 护照, 通行证 …
            s, e = m.span(1)
            if sum(ch.isdigit() for ch in text[s:e]) < 6:
                continue
            seen.add(s)
            word = m.group()[: s - m.start()].strip(" :：为是")
            yield self._match(ctx, s, e, f"紧跟证件上下文“{word}”")
        for m in _SHAPED.finditer(text):
            s, e = m.span()
            if s in seen or (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()):
                continue
            clause = clause_before(ctx, s, 24)
            word = next((w for w in DOCUMENT_WORDS if w in clause), None)
            if word is None:
                continue  # E12345678 alone may be a product or file number
            yield self._match(ctx, s, e, f"符合出入境证件号码格式，同一句中有“{word}”")

    def _match(self, ctx: Context, s: int, e: int, reason: str) -> Match:
        return Match(
            self.code,
            s,
            e,
            "疑似护照或港澳台通行证号码，属个人敏感信息，公开前须脱敏或删除",
            default_mask(self.code, ctx.text[s:e]),
            reason,
            self.rule,
        )
