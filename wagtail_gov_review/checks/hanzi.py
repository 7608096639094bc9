"""Chinese characters and numerals: small helpers shared by the format recognizers."""

from __future__ import annotations

import re

CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CLASS}]")

# 〇 is the numeral zero of dates and serial numbers (GB/T 15835); 零 reads "and nought" in amounts.
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
CHINESE_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}


def is_cjk(char: str) -> bool:
    """True for one Han character (not punctuation)."""
    return bool(char) and CJK.match(char) is not None


def chinese_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九, 〇/零 digits such as 二〇二三), else None."""
    if not text:
        return None
    if "十" not in text:
        if not all(ch in CHINESE_DIGITS for ch in text):
            return None
        value = 0
        for ch in text:
            value = value * 10 + CHINESE_DIGITS[ch]
        return value
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    high = CHINESE_DIGITS.get(tens, None) if tens else 1
    low = CHINESE_DIGITS.get(units, None) if units else 0
    if high is None or low is None:
        return None
    return high * 10 + low


def number_value(text: str) -> int | None:
    """An Arabic or small Chinese numeral's value."""
    return int(text) if text.isascii() and text.isdigit() else chinese_number(text)
