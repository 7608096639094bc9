"""pii.id_card — 居民身份证号码 (GB 11643-1999, 18 digits; legacy 15 digits)."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Iterator

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
from .grouping import NOT_AFTER_NUMBER, NOT_BEFORE_NUMBER, SEP, grouping

# First two digits: province-level division codes (GB/T 2260), incl. 71 台湾, 81/82 港澳, 83 居住证.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# 18 characters with any separators; the layout is checked by ID18_GROUPINGS, the date and the
# check character by is_valid_id18.
_ID18 = re.compile(
    NOT_AFTER_NUMBER + rf"[1-9](?:{SEP}?[0-9]){{16}}{SEP}?[0-9Xx]" + NOT_BEFORE_NUMBER
)
_ID15 = re.compile(
    NOT_AFTER_NUMBER
    + r"[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"
    + NOT_BEFORE_NUMBER
)
# An ID cut by a line break at any digit: a table cell or a PDF line too narrow for 18 digits.
_DIGITS_BEFORE_BREAK = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{0,16}[ \t]*$")
_DIGITS_AFTER_BREAK = re.compile(r"[ \t]*[0-9]{0,17}[0-9Xx](?![0-9A-Za-z])")
# How people group an ID number: whole, 6-12, 14-4, 6-8-4 (area, birth date, sequence+check),
# 4-4-4-6 and 4-4-4-4-2 (like card numbers).
ID18_GROUPINGS = frozenset({(18,), (6, 12), (14, 4), (6, 8, 4), (4, 4, 4, 6), (4, 4, 4, 4, 2)})
ID_CONTEXT = ("身份证", "证件号", "公民身份号码", "身份号码", "证号", "身份证号")
BANK_CONTEXT = ("银行卡", "卡号", "账号", "帐号", "账户", "开户", "储蓄卡", "借记卡", "信用卡")
_ID_CONTEXT = any_word(ID_CONTEXT)
_BANK_CONTEXT = any_word(BANK_CONTEXT)


_EARLIEST_BIRTH = dt.date(1890, 1, 1)
# A date in a year before the one this process started in is past whatever day it is now: only
# later dates need ``date.today()`` (a clock read for every number otherwise).
_YEAR_AT_START = dt.date.today().year


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    if born < _EARLIEST_BIRTH:
        return False
    return year < _YEAR_AT_START or born <= dt.date.today()


# Digits weighted from their ASCII codes (b"0" is 48), then the weighted zeros taken off: an
# ``int()`` per digit costs three times as much, and every number run is checked.
_WEIGHTED_ZEROS = ord("0") * sum(_WEIGHTS)


def checksum_char(first17: str) -> str:
    """The check character of the 17 ASCII digits ``first17`` (ISO 7064 MOD 11-2)."""
    if len(first17) != len(_WEIGHTS):
        raise ValueError(f"an ID number has 17 digits before its check character: {first17!r}")
    weighted = sum(map(operator.mul, first17.encode("ascii"), _WEIGHTS)) - _WEIGHTED_ZEROS
    return _CHECK[weighted % 11]


def is_valid_id18(number: str) -> bool:
    """Province code, birth date and the ISO 7064 MOD 11-2 check character."""
    if len(number) != 18 or not (number[:17].isdigit() and number.isascii()):
        return False
    if int(number[:2]) not in PROVINCES:
        return False
    if not _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return checksum_char(number[:17]) == number[17].upper()


def is_valid_id15(number: str) -> bool:
    """Legacy 15-digit numbers (before 1999): province code and a 19xx birth date."""
    if len(number) != 15 or not number.isdigit() or int(number[:2]) not in PROVINCES:
        return False
    return _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


@register
class IdCardRecognizer(Recognizer):
    code = "pii.id_card"
    rule = "000 芙蓉区：身份证号等个人信息须脱敏；004 湛江市：个人隐私不得公开"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        yield from non_overlapping(
            self._scan(ctx, _ID18, is_valid_id18, "18 位，地区码、出生日期与校验码均有效")
        )
        yield from self._wrapped(ctx)
        yield from non_overlapping(
            self._scan(ctx, _ID15, is_valid_id15, "15 位旧号码，地区码与出生日期有效")
        )

    def _wrapped(self, ctx: Context) -> Iterator[Match]:
        """IDs split over two lines (11010119900307⏎4514): each part alone is no number, the
        two together pass the province, date and check-character tests."""
        text = ctx.text
        at = text.find("\n")
        while at != -1:
            head = _DIGITS_BEFORE_BREAK.search(text, max(0, at - 20), at)
            tail = _DIGITS_AFTER_BREAK.match(text, at + 1) if head else None
            if head and tail:
                number = digits_of(head.group() + tail.group())
                if len(number) == 18 and is_valid_id18(number):
                    s, e = head.start(), tail.end()
                    yield Match(
                        self.code,
                        s,
                        e,
                        "疑似居民身份证号码（跨行断开），属个人隐私，公开前须脱敏或删除",
                        default_mask(self.code, text[s:e]),
                        "断行两侧的数字合为 18 位，地区码、出生日期与校验码均有效",
                        self.rule,
                    )
            at = text.find("\n", at + 1)

    def _scan(
        self, ctx: Context, pattern: re.Pattern[str], validate: Callable[[str], bool], label: str
    ) -> Iterator[Match]:
        text = ctx.text
        for m in scan_runs(ctx, pattern):
            number = digits_of(m.group())
            if not validate(number):
                continue
            if len(number) == 18 and grouping(m.group()) not in ID18_GROUPINGS:
                continue
            before = ctx.before(m.start(), 10)
            has_id_context = _ID_CONTEXT.search(before) is not None
            if not has_id_context and _BANK_CONTEXT.search(before):
                continue  # a card/account number that happens to look like an ID
            if len(number) == 15 and not has_id_context:
                continue  # 15 digits are too common to flag without a context word
            reason = label + ("；前有“身份证”等上下文" if has_id_context else "")
            yield Match(
                self.code,
                m.start(),
                m.end(),
                "疑似居民身份证号码，属个人隐私，公开前须脱敏或删除",
                default_mask(self.code, text[m.start() : m.end()]),
                reason,
                self.rule,
            )
