"""format.date — dates that cannot be: no such day (2月30日, 13月) or a weekday that is not the
weekday of that date (“2021年11月29日（星期一）” — it was a Monday, so that one is fine).

The weekday is checked only when the year is known: written in the same date, or taken from the
nearest full date (year, month and day) earlier in the same text, as in a notice dated 2026年11月20日 that
says “11月29日（星期五）”. Without any year in the text the weekday is not checked: assuming the
current year would report old texts wrongly. February 29 without a known year is accepted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from ..hanzi import number_value
from ..registry import Context, Match, Recognizer, capped, register

RULE = "GB/T 15835-2011《出版物上数字用法》；日期须真实有效"

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:\d{4}|[〇零○O一二三四五六七八九]{4})"
# Found from the 月 (regexes that open with a literal run fast; a date's month and year are
# then read backwards from there).
_DAY = re.compile(
    rf"月(?P<day>{_N})[日号]"
    r"(?:\s*[（(]?\s*(?P<weekday>(?:星期|周|礼拜)[一二三四五六日天])\s*[）)]?)?"
)
_YEAR_MONTH_BEFORE = re.compile(rf"(?:(?P<year>{_YEAR})年)?(?P<month>{_N})\Z")
_NUMERAL = frozenset("0123456789〇零一二三四五六七八九十")
_WEEKDAYS = "一二三四五六日"
_DATED_YEAR = re.compile(r"(\d{4})年\d{1,2}月\d{1,2}[日号]")
_LUNAR = re.compile("农历|阴历|夏历")
_ZEROS = str.maketrans("零○O", "〇〇〇")


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return number_value(text.translate(_ZEROS))


def _weekday_index(word: str) -> int:
    return _WEEKDAYS.index("日" if word[-1] == "天" else word[-1])


@register
class DateRecognizer(Recognizer):
    code = "format.date"
    rule = RULE

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return capped(self._analyze(ctx))

    def _analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _DAY.finditer(text):
            head = _YEAR_MONTH_BEFORE.search(text, max(0, m.start() - 9), m.start())
            if head is None or (head.start() and text[head.start() - 1] in _NUMERAL):
                continue
            if _LUNAR.search(text, max(0, head.start() - 4), head.start()):
                continue  # a lunar month has 30 days and no weekday of its own
            start, day_end = head.start(), m.end("day") + 1
            year = _year(head.group("year"))
            month = number_value(head.group("month"))
            day = number_value(m.group("day"))
            if month is None or day is None:
                continue
            if not 1 <= month <= 12 or day < 1 or day > self._days_in(year, month):
                yield Match(
                    self.code,
                    start,
                    day_end,
                    f"日期“{text[start:day_end]}”不存在",
                    "",
                    "月份不在1～12之间或日期超过该月天数",
                )
                continue
            weekday = m.group("weekday")
            effective = year or self._year_before(text, start)
            if weekday and effective and 1 <= effective <= 9999:
                actual = dt.date(effective, month, day).weekday()
                if actual != _weekday_index(weekday):
                    right = weekday[:-1] + _WEEKDAYS[actual]
                    source = "" if year else f"（按上文年份{effective}年推算）"
                    yield Match(
                        self.code,
                        m.start("weekday"),
                        m.end("weekday"),
                        f"{effective}年{month}月{day}日是{right}，不是{weekday}{source}",
                        right,
                        "星期与日期不符",
                    )

    @staticmethod
    def _days_in(year: int | None, month: int) -> int:
        if not 1 <= month <= 12:
            return 0
        if year is None or not 1 <= year <= 9999:
            return 29 if month == 2 else calendar.monthrange(2001, month)[1]
        return calendar.monthrange(year, month)[1]

    @staticmethod
    def _year_before(text: str, pos: int) -> int | None:
        """The year of the nearest full date (``YYYY年M月D日``) before ``pos``: such a date is
        the text's own (its 落款 or the event's); a bare 2019年 or 2019年5月 may be any year."""
        years = _DATED_YEAR.findall(text, 0, pos)
        return int(years[-1]) if years else None
