"""format.punctuation — 标点符号用法 (GB/T 15834-2011).

Four classes, each a clear error in Chinese running text:

- paired marks left open or closed twice (“”, （）, 《》, 【】, 〔〕, 「」, 『』) within a paragraph
  (a quotation running over several paragraphs opens each one with “ and closes only the last:
  GB/T 15834 4.1.3.2, so an open “ followed by a paragraph starting with “ is not reported);
- the same pause mark twice (，，  。。  、、 …);
- half-width marks written inside Chinese text (, ; : ? ! . ( ) "); not in links, numbers (3.5),
  times (10:30) or English phrases, where one side at least is not Chinese;
- ordinal punctuation: an Arabic ordinal with a 顿号 (“1、” → “1.”, GB/T 15834 4.5.3.5), a
  bracketed ordinal followed by another mark (“（一）、”), a Chinese ordinal with a full stop (“一.”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..hanzi import CJK_CLASS, is_cjk
from ..registry import Context, Match, Recognizer, capped, finditer_lines, register

RULE = "GB/T 15834-2011《标点符号用法》"

_OPENERS = {"“": "”", "（": "）", "《": "》", "【": "】", "〔": "〕", "「": "」", "『": "』"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
# Half-width brackets pair with full-width ones here; the half-width rule reports them itself.
_FOLD = {"(": "（", ")": "）"}
_PAIR_MARK = re.compile("[“”（）《》【】〔〕「」『』()]")
_MAX_DEPTH = 32
# A mark or a line break with the blank lines after it (one break). One character set first, the
# rest after it: a pattern that starts with an alternation is tried at every character.
_PAIR_OR_BREAK = re.compile(r"[“”（）《》【】〔〕「」『』()\n](?:(?<=\n)\s*)?")
_NAMES = {"“": "引号", "（": "括号", "《": "书名号", "【": "方头括号", "〔": "六角括号"}
_NAMES |= {"「": "直角引号", "『": "直角引号"}

_REPEATED = re.compile("，，+|。。+|、、+|；；+|：：+")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# A mark, a lone "." or "..." to "......" (scanned from one character set, like _PAIR_OR_BREAK).
_HALF_MARK = re.compile(r"[,;:?!.](?:(?<!\.)|(?!\.)|(?<=\.)\.{2,5})")
_HALF_PARENS = re.compile(r"\(([^()\n]*)\)")
_HALF_QUOTES = re.compile(r'"([^"\n]*)"')
_CJK_RUN = re.compile(f"[{CJK_CLASS}]")

_ARABIC_ORDINAL_DUNHAO = re.compile(r"^[ \t]*(\d{1,2})、(?!\d)")
_STACKED_ORDINAL = re.compile(
    r"^[ \t]*(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|\d{1,2}[.．])([、，,．.：:])"
)
_CHINESE_ORDINAL_DOT = re.compile(r"^[ \t]*([一二三四五六七八九十]{1,3})[.．](?![.．\d])")
# The same three, over a whole text: "^" at every line start (see ``finditer_lines``).
_ARABIC_ORDINAL_DUNHAO_M = re.compile(_ARABIC_ORDINAL_DUNHAO.pattern, re.M)
_STACKED_ORDINAL_M = re.compile(_STACKED_ORDINAL.pattern, re.M)
_CHINESE_ORDINAL_DOT_M = re.compile(_CHINESE_ORDINAL_DOT.pattern, re.M)


def _in_url(ctx: Context, pos: int) -> bool:
    return any(s <= pos < e for s, e, _url in ctx.urls)


@register
class PunctuationRecognizer(Recognizer):
    code = "format.punctuation"
    rule = RULE

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return capped(self._analyze(ctx))

    def _analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        yield from self._unpaired(text)
        yield from self._repeated(text)
        yield from self._half_width(ctx)
        yield from self._ordinal_marks(text)

    # -- paired marks --------------------------------------------------------------------
    def _unpaired(self, text: str) -> Iterator[Match]:
        # A pair may run over one line break (a heading or 书名 wrapped by the editor or by a
        # PDF; blank lines do not count); a mark still open at the end of the next line is
        # reported. Only marks and, while one is open, paragraph breaks are visited.
        stack: list[tuple[str, int, int]] = []  # (opener, position, paragraph number)
        paragraph = 0
        cursor = 0
        while True:
            event = (_PAIR_OR_BREAK if stack else _PAIR_MARK).search(text, cursor)
            if event is None:
                break
            cursor, raw = event.end(), event.group()
            if raw[0] == "\n":
                at_end = cursor >= len(text)
                quote_goes_on = text.startswith("“", cursor)
                keep = []
                for o, at, opened_in in stack:
                    if o == "“" and quote_goes_on:
                        continue  # a quotation running on into the next paragraph
                    if opened_in == paragraph and not at_end:
                        keep.append((o, at, opened_in))
                    else:
                        yield from self._unclosed(text, o, at)
                stack = keep
                paragraph += 1
                continue
            here = event.start()
            ch = _FOLD.get(raw, raw)
            if ch in _OPENERS:
                stack.append((ch, here, paragraph))
                if len(stack) > _MAX_DEPTH:  # no real text nests this deep: report the oldest
                    o, at, _p = stack.pop(0)
                    yield from self._unclosed(text, o, at)
                continue
            opener = _CLOSERS[ch]
            if any(o == opener for o, _at, _p in stack):
                while stack:
                    o, at, _p = stack.pop()
                    if o == opener:
                        break
                    yield from self._unclosed(text, o, at)
                # "（试行)": a pair with one half-width mark; report that mark.
                if (text[at] == "(") != (raw == ")"):
                    half = at if text[at] == "(" else here
                    yield self._half(half, half + 1, text[half], _FOLD[text[half]])
            elif raw == ch:  # a stray half-width ")" is the half-width rule's
                yield self._unopened(ch, here)
        for o, at, _p in stack:
            yield from self._unclosed(text, o, at)

    def _unclosed(self, text: str, opener: str, pos: int) -> Iterator[Match]:
        if text[pos] == "(":
            return  # an open half-width "(" is often an emoticon or list marker "1)" style
        name = _NAMES.get(opener, "成对标点")
        yield Match(
            self.code,
            pos,
            pos + 1,
            f"{name}“{opener}”没有配对的“{_OPENERS[opener]}”",
            "",
            f"同一段内“{opener}”之后没有对应的“{_OPENERS[opener]}”",
        )

    def _unopened(self, closer: str, pos: int) -> Match:
        opener = _CLOSERS[closer]
        name = _NAMES.get(opener, "成对标点")
        return Match(
            self.code,
            pos,
            pos + 1,
            f"{name}“{closer}”前没有配对的“{opener}”",
            "",
            f"同一段内“{closer}”之前没有对应的“{opener}”",
        )

    # -- repeated marks ------------------------------------------------------------------
    def _repeated(self, text: str) -> Iterator[Match]:
        for m in _REPEATED.finditer(text):
            mark = m.group()[0]
            suggestion = "……" if mark == "。" and len(m.group()) >= 3 else mark
            yield Match(
                self.code,
                m.start(),
                m.end(),
                f"标点“{mark}”重复使用",
                suggestion,
                "同一点号连续出现",
            )

    # -- half-width marks in Chinese text ------------------------------------------------
    def _half_width(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        n = len(text)
        for m in _HALF_MARK.finditer(text):
            s, e = m.span()
            prev = text[s - 1] if s else ""
            nxt = text[e] if e < n else ""
            mark = m.group()
            if mark.startswith(".") and len(mark) > 1:
                if not is_cjk(prev):
                    continue
                suggestion = "……"
            elif mark == ".":
                # Only a full stop between Chinese characters or closing a Chinese sentence; a
                # Chinese ordinal's "一." is reported by the ordinal rule.
                if not is_cjk(prev) or not (is_cjk(nxt) or nxt in ("", "\n", "”", " ")):
                    continue
                line_start = text.rfind("\n", 0, s) + 1
                if _CHINESE_ORDINAL_DOT.match(text[line_start : e + 1]):
                    continue
                suggestion = "。"
            else:
                if not (is_cjk(prev) or (is_cjk(nxt) and not (prev.isascii() and prev.isalpha()))):
                    continue
                suggestion = _FULL_WIDTH[mark]
            # Last: most marks (3.5, 10:30) are ruled out by their neighbours already.
            if _in_url(ctx, s):
                continue
            yield self._half(s, e, mark, suggestion)
        for pattern, (left, right) in ((_HALF_PARENS, "（）"), (_HALF_QUOTES, "“”")):
            for m in pattern.finditer(text):
                inner = m.group(1)
                if not _CJK_RUN.search(inner) or _in_url(ctx, m.start()):
                    continue
                # One finding for the pair, so "采用建议" fixes both marks at once; the text
                # between them is copied from the original (traditional script stays so).
                fixed = left + ctx.original(m.start(1), m.end(1)) + right
                yield self._half(m.start(), m.end(), m.group()[0] + m.group()[-1], fixed)

    def _half(self, start: int, end: int, mark: str, suggestion: str) -> Match:
        full = suggestion if len(mark) == 1 else suggestion[0] + suggestion[-1]
        return Match(
            self.code,
            start,
            end,
            f"中文语句中使用了半角标点“{mark}”，应为全角“{full}”",
            suggestion,
            "半角标点紧邻汉字",
        )

    # -- ordinal punctuation -------------------------------------------------------------
    def _ordinal_marks(self, text: str) -> Iterator[Match]:
        for m in finditer_lines(_ARABIC_ORDINAL_DUNHAO_M, text):
            yield Match(
                self.code,
                m.start(1),
                m.end(),
                "阿拉伯数字序号后应用下脚点“.”，不用顿号",
                f"{m.group(1)}.",
                "段首“数字、”序号",
            )
        for m in finditer_lines(_STACKED_ORDINAL_M, text):
            ordinal = text[m.start() : m.start(1)].lstrip(" \t")
            yield Match(
                self.code,
                m.start(1) - len(ordinal),
                m.end(1),
                f"序号“{ordinal}”后多用了标点“{m.group(1)}”",
                ordinal,
                "括号序号或“1.”后又加点号",
            )
        for m in finditer_lines(_CHINESE_ORDINAL_DOT_M, text):
            yield Match(
                self.code,
                m.end(1),
                m.end(),
                "汉字数字序号后应用顿号“、”",
                "、",
                "段首“一.”序号",
            )
