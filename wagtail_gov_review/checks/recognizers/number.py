"""format.number — 出版物上数字的用法 (GB/T 15835-2011).

- abbreviated years (“23年5月” → “2023年5月”; GB/T 15835 4.1.3: 年份不能简写);
- Arabic and Chinese numerals mixed in one number (“3千5百”, “二0二三年”, “百分之5”); Arabic
  digits with 万 or 亿 (“3万元”) are standard and never reported, nor are words such as 十四五,
  周一, 统一 or units such as 千米;
- 零 or a look-alike (○ O) as the zero of a year written in Chinese (“二零二三年” → “二〇二三年”);
- a range whose first number drops the % / 万 / 亿 the second one carries (“15～30%” →
  “15%～30%”, GB/T 15835 4.2.5 examples).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..hanzi import CHINESE_DIGITS, is_cjk
from ..registry import Context, Match, Recognizer, capped, register

RULE = "GB/T 15835-2011《出版物上数字用法》"

# Patterns open with a literal where they can (年, a separator): such regexes run fast, and the
# numbers around are then read from the text.
_SHORT_YEAR = re.compile(r"年(?=\d{1,2}月|度)")
_SHORT_YEAR_BEFORE = re.compile(r"(?:第|近|每|满|了|约|达|共|至|到|超过|不少于|多于)$")

# A run of numerals; 万 and 亿 may follow Arabic digits, 十 百 千 may not.
_NUMERAL_RUN = re.compile(r"[0-9〇零一二三四五六七八九十百千万亿]+")
# Two characters, checked by the look-behind after them: a pattern that starts with one
# character set is scanned for it at C speed (an alternation at the start is tried everywhere).
_DIGIT_TOUCHES_NUMERAL = re.compile(
    r"[0-9〇零一二三四五六七八九十百千万亿][0-9〇零一二三四五六七八九十百千]"
    r"(?<=[0-9][〇零一二三四五六七八九十百千]|[〇零一二三四五六七八九十百千万亿][0-9])"
)
_NUMERAL_CHARS = frozenset("0123456789〇零一二三四五六七八九十百千万亿")
_CHINESE_PART = re.compile(r"[〇零一二三四五六七八九十百千]")
# A unit after 千/百/十 makes it a word, not a numeral (千米, 百分点, 十分).
_UNIT_AFTER = {"千": "米克瓦伏帕卡字兆焦", "百": "分", "十": "分足"}
_PERCENT_IN_WORDS = re.compile(r"百分之(\d+(?:\.\d+)?)")

_YEAR_DIGITS = frozenset("〇零○OoΟ一二三四五六七八九")
_NIAN = re.compile("年")
_DIGIT_SEP = {f"{d}{sep}" for d in "0123456789" for sep in " ,"}
_ZERO_WRONG = "零○OoΟ"

# Starts only where a number starts: trying every digit of a long number (an ID) as a start
# was the recognizer's hottest loop on a text full of numbers. The look-behind follows the first
# digit so the scan looks for digits at C speed instead of trying every character; the
# possessive digits never give back a digit (a digit can't start the separator), so a long
# number is not retried at every length.
_RANGE = re.compile(
    r"(\d(?<![\d.%]\d)\d*+(?:\.\d++)?)(\s*(?:~|—{1,2}|-|至|到)\s*)(\d+(?:\.\d+)?)(%|‰|万|亿)"
)


_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}


def arabic(numeral: str) -> str:
    """The number written in Arabic digits: "3千5百" → "3500", "二0二三" → "2023"; "" if unsure."""
    if not any(c in _UNITS or c in _BIG_UNITS for c in numeral):
        digits = [str(CHINESE_DIGITS[c]) if c in CHINESE_DIGITS else c for c in numeral]
        return "".join(digits) if all(d.isdigit() for d in digits) else ""
    total = section = number = 0
    for c in numeral:
        if c.isdigit() and c.isascii():
            number = number * 10 + int(c)
        elif c in CHINESE_DIGITS:
            number = number * 10 + CHINESE_DIGITS[c]
        elif c in _UNITS:
            section += (number or 1) * _UNITS[c]
            number = 0
        elif c in _BIG_UNITS:
            total += (section + number) * _BIG_UNITS[c]
            section = number = 0
        else:
            return ""
    return str(total + section + number)


def _run_start(text: str, pos: int) -> int:
    while pos and text[pos - 1] in _NUMERAL_CHARS:
        pos -= 1
    return pos


def _full_year(two: str) -> str:
    return ("20" if int(two) <= 50 else "19") + two


@register
class NumberRecognizer(Recognizer):
    code = "format.number"
    rule = RULE

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return capped(self._analyze(ctx))

    def _analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        yield from self._short_years(text)
        yield from self._mixed(text)
        yield from self._year_zero(text)
        yield from self._ranges(ctx)

    def _short_years(self, text: str) -> Iterator[Match]:
        for m in _SHORT_YEAR.finditer(text):
            s = m.start() - 2
            two = text[max(0, s) : m.start()]
            if s < 0 or not (two.isascii() and two.isdigit()):
                continue
            if s and (text[s - 1] in "0123456789." or text[max(0, s - 2) : s] in _DIGIT_SEP):
                continue  # part of a longer number (2023年, 1.23年)
            if _SHORT_YEAR_BEFORE.search(text, 0, s):
                continue  # 近10年度 …: a duration, not a year
            year = _full_year(two)
            yield Match(
                self.code,
                s,
                m.end(),
                f"年份不能简写，“{two}年”应写全为“{year}年”",
                f"{year}年",
                "两位数年份后接月份或“度”",
            )

    def _mixed(self, text: str) -> Iterator[Match]:
        n = len(text)
        end_of_last = 0
        for touch in _DIGIT_TOUCHES_NUMERAL.finditer(text):
            if touch.start() < end_of_last:
                continue
            # The whole run of numerals around the place where the two kinds touch.
            m = _NUMERAL_RUN.match(text, _run_start(text, touch.start()))
            if m is None:
                continue
            end_of_last = m.end()
            s, e = m.span()
            run = m.group()
            # A lone Chinese numeral opening the run after another Han character is part of a
            # word (统一12345, 周一9时, 初三2班): drop it before judging the run.
            if run[0] in "〇零一二三四五六七八九十" and s and is_cjk(text[s - 1]):
                if not _CHINESE_PART.search(run[1:]):
                    s, run = s + 1, run[1:]
            while run and run[-1] in "千百十" and e < n and text[e] in _UNIT_AFTER[run[-1]]:
                e, run = e - 1, run[:-1]
            run = run.rstrip("万亿")
            e = s + len(run)
            if not run or not any(c.isdigit() for c in run) or not _CHINESE_PART.search(run):
                continue
            if run[-1] in "〇零一二三四五六七八九" and e < n and is_cjk(text[e]):
                if not _CHINESE_PART.search(run[:-1]):
                    continue  # a number then a word starting with a numeral (3一体化)
            yield Match(
                self.code,
                s,
                e,
                f"同一数字中混用了阿拉伯数字和汉字数字：“{text[s:e]}”",
                arabic(text[s:e]),
                "阿拉伯数字与“〇一二…十百千”连写（与“万”“亿”连用除外）",
            )
        for m in _PERCENT_IN_WORDS.finditer(text):
            yield Match(
                self.code,
                m.start(),
                m.end(),
                f"“{m.group()}”混用汉字和阿拉伯数字",
                f"{m.group(1)}%",
                "“百分之”后接阿拉伯数字",
            )

    def _year_zero(self, text: str) -> Iterator[Match]:
        for m in _NIAN.finditer(text):
            s = m.start() - 4
            year = text[max(0, s) : m.start()]
            if s < 0 or not all(c in _YEAR_DIGITS for c in year):
                continue
            if s and text[s - 1] in _YEAR_DIGITS:
                continue
            if not any(c in _ZERO_WRONG for c in year) or not any(
                c in "一二三四五六七八九" for c in year
            ):
                continue
            fixed = "".join("〇" if c in _ZERO_WRONG else c for c in year)
            yield Match(
                self.code,
                s,
                m.start(),
                f"汉字年份中的零应写作“〇”：“{year}年”应为“{fixed}年”",
                fixed,
                "汉字年份中用了“零”或形近字符（○、O）",
            )

    def _ranges(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for m in _RANGE.finditer(text):
            if m.start() and text[m.start() - 1] in "0123456789.%":
                continue  # inside a longer number
            first, sep, second, unit = m.groups()
            if m.end() < len(text) and unit in "万亿" and text[m.end()] == "分":
                continue
            if sep.strip() == "-" and (not m.start() or not is_cjk_or_start(text, m.start())):
                continue  # 2-3万 in a code or phone-like string: only after Chinese text
            s, e = ctx.norm.to_original(m.start(2), m.end(2))
            fixed = f"{first}{unit}{ctx.norm.original[s:e]}{second}{unit}"
            yield Match(
                self.code,
                m.start(),
                m.end(),
                f"数值范围“{m.group()}”的前一个数值省略了“{unit}”，易生歧义，应写作“{fixed}”",
                fixed,
                "范围前项缺少后项所带的“%”“万”“亿”",
            )


def is_cjk_or_start(text: str, pos: int) -> bool:
    return pos == 0 or is_cjk(text[pos - 1]) or not text[pos - 1].isalnum()
