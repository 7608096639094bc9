"""pii.bank_card — bank card numbers: Luhn check plus issuer prefix, grouped or not."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..normalize import digits_of
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
from .id_card import ID_CONTEXT, is_valid_id18

# 4-4-4-4(-3) groups with one kind of separator (space, dash or dot), 6-x, or one run.
_CARD = re.compile(
    NOT_AFTER_NUMBER
    + r"(?:[0-9]{4}(?P<sep>[ .\-])[0-9]{4}(?:(?P=sep)[0-9]{4}){1,2}(?:(?P=sep)[0-9]{1,4})?"
    r"|[0-9]{6}[ -][0-9]{7,13}|[0-9]{13,19})" + NOT_BEFORE_NUMBER
)
# UnionPay 62, Visa 4, Mastercard 51-55/22-27, Amex 34/37, JCB 35, 60, old domestic 9558/9559.
_PREFIX = re.compile(r"^(?:62|4|5[1-5]|2[2-7]|3[457]|60|955[89])")
CONTEXT = ("银行卡", "卡号", "账号", "帐号", "账户", "帐户", "开户", "储蓄卡", "借记卡", "信用卡")
# Numbers that are public identifiers, not cards, unless a card word says otherwise.
NEGATIVE = ("订单", "流水号", "编号", "单号", "索引号", "代码", "批号", "序列号", "条码", "文号")
_CONTEXT, _NEGATIVE, _ID_CONTEXT = any_word(CONTEXT), any_word(NEGATIVE), any_word(ID_CONTEXT)


def luhn_ok(number: str) -> bool:
    """The Luhn (mod 10) check every card number carries; non-digit input fails."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@register
class BankCardRecognizer(Recognizer):
    code = "pii.bank_card"
    rule = "000 芙蓉区：金融账号/银行卡号须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return non_overlapping(self._scan(ctx))

    def _scan(self, ctx: Context) -> Iterator[Match]:
        for m in scan_runs(ctx, _CARD):
            number = digits_of(m.group())
            if not (13 <= len(number) <= 19 and number.isdigit() and _PREFIX.match(number)):
                continue
            if not luhn_ok(number):
                continue
            before = ctx.before(m.start(), 10)
            context = _CONTEXT.search(before) is not None
            if not context:
                if len(number) < 16 or _NEGATIVE.search(before):
                    continue
                if len(number) == 18 and (is_valid_id18(number) or "身份" in before):
                    continue  # an ID number that passes Luhn by chance
            elif _ID_CONTEXT.search(before):
                continue
            s, e = m.span()
            yield Match(
                self.code,
                s,
                e,
                "疑似银行卡号，属个人金融信息，公开前须脱敏（仅保留前 4 位和后 4 位）",
                default_mask(self.code, ctx.text[s:e]),
                "Luhn 校验通过，发卡行前缀有效"
                + ("；前有“银行卡/账号”等上下文" if context else ""),
                self.rule,
            )
