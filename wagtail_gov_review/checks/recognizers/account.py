"""pii.account — other personal financial accounts: 存折, 公积金, 证券/股东, 支付宝, 资金账户.

``pii.bank_card`` takes numbers that validate as cards (Luhn + issuer prefix); this recognizer
takes the other account numbers, which have no checksum, so a finding needs an account word
right before the number. Agencies publish their accounts (户名：区财政局, 对公账户, 捐款专户):
an agency named in the clause around the number means it is not personal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, register
from .bank_card import luhn_ok
from .context_words import AGENCY_WORDS, clause_before, owner
from .id_card import is_valid_id18

# The account word comes first in the pattern, and opens with one character set (a pattern that
# starts with an alternation is tried at every character); the kind of account (公积金, 证券 …)
# is read from the characters before it.
_ACCOUNT = re.compile(
    r"[账帐存](?:(?<=[账帐])[号户](?:号码)?|(?<=存)折号)"
    r"[ \t]*(?:[:：]|为|是)?[ \t]*"
    r"([A-Za-z]?\d(?:\d|[ -](?=\d)){6,29})(?![0-9A-Za-z])"
)
_KIND = re.compile(
    r"(?:银行|存折|储蓄|住房公积金|公积金|证券|股票|股东|资金|基金|理财|期货|支付宝|收款|个人)$"
)
SOCIAL_SECURITY_WORDS = ("社保", "医保", "社会保障", "参保", "医疗保险")
_CARD_PREFIX = re.compile(r"^(?:62|4|5[1-5]|2[2-7]|3[457]|60|955[89])")
_MOBILE = re.compile(r"^(?:86)?1[3-9]\d{9}$")
_AFTER = re.compile(
    r"[^。；;\n]{0,24}?(?:户名|开户名|账户名|户主)[ \t]*[:：]?[ \t]*([^，,。；;\n]{2,30})"
)


def _other_recognizer_takes(number: str) -> bool:
    """Cards, ID numbers and mobiles have their own, validated checks."""
    if 13 <= len(number) <= 19 and _CARD_PREFIX.match(number) and luhn_ok(number):
        return True
    return is_valid_id18(number) or bool(_MOBILE.match(number))


def _label(before: str, m: re.Match[str]) -> str:
    kind = _KIND.search(before)
    word = m.group()[: m.start(1) - m.start()].strip(" \t:：为是")
    return (kind.group() if kind else "") + word


@register
class AccountRecognizer(Recognizer):
    code = "pii.account"
    rule = "000 芙蓉区：金融账号须脱敏；GB/T 35273 附录B：个人财产信息属个人敏感信息"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _ACCOUNT.finditer(text):
            s, e = m.span(1)
            number = "".join(ch for ch in text[s:e] if ch.isdigit())
            if len(number) < 7 or _other_recognizer_takes(number):
                continue
            before = ctx.before(m.start(), 5)
            if any(w in before for w in SOCIAL_SECURITY_WORDS):
                continue  # 社保账号 / 医保账号: pii.social_security reports it
            if owner(clause_before(ctx, m.start(), 40)) == "agency":
                continue  # 户名：区财政局 … 账号：…
            holder = _AFTER.match(text, e)
            if holder and any(w in holder.group(1) for w in AGENCY_WORDS):
                continue  # 账号：… 户名：区慈善总会
            yield Match(
                self.code,
                s,
                e,
                "疑似个人金融账户号码（存折、公积金、证券、支付宝等），属个人敏感信息，公开前须脱敏",
                default_mask(self.code, text[s:e]),
                f"紧跟账户上下文“{_label(before, m)}”，且前后未指明机关单位",
                self.rule,
            )
