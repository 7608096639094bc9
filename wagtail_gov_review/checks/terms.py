"""Term checks with one Aho–Corasick pass over the text, whatever the number of terms.

Categories map to finding codes (``outdated_name`` → ``term.outdated_name`` …). An ``allow``
category (current institution names, admin allow-lists, correct words that contain a typo entry)
protects text: a flagged term lying inside an allowed one is dropped, so 旅游局 never fires inside
文化和旅游局 and the typo 按装 never inside a correct longer word. Of overlapping flagged terms the
longest wins (国家工商行政管理总局 over 工商行政管理局).

Terms are matched on the text with spaces and quote marks *between two Chinese characters*
removed, so 国 土 资 源 局 and “国土资源”局 are found, and the finding spans the original
characters. A term right after 原 (原国土资源局) reads as history: still reported (a reviewer
decides), with a note saying so.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .automaton import Utf8Automaton
from .lexicon_files import LexiconEntry, normalize_term, packaged_lexicons, read_lexicon
from .registry import Context, Match
from .word_boundaries import WordDictionary, packaged_dictionary

CATEGORY_CODES: dict[str, str] = {
    "sensitive": "term.sensitive",
    "prohibited": "term.prohibited",
    "outdated_name": "term.outdated_name",
    "political": "term.political",
    "typo": "typo",
    "commercial": "link.commercial",
}
ALLOW = "allow"

RULES = {
    "sensitive": "001 云州区、004 湛江市：涉密、敏感信息不得上网发布（保密审查）",
    "prohibited": "004 湛江市第十条：不得发布所列十一类禁止内容",
    "outdated_name": "004 湛江市第九条：杜绝内容差错（机构名称以现行名称为准）",
    "political": "004 湛江市第九条：杜绝政治错误（使用规范政治表述）",
    "typo": "000 芙蓉区、004 湛江市：校对错别字",
    "commercial": "004 湛江市第七条：不得刊登、转发商业广告",
}


# Spaces and quote marks inside a run of Chinese characters: a term may be spaced out or have a
# part quoted (国 土 资 源 局, “国土资源”局); matching ignores them.
# The look-behind follows the first separator: the scan then looks for a separator at C speed
# instead of trying the look-behind at every character.
_SEPARATOR = "[ \t“”‘’\"'「」『』〝〞·・]"
_INNER_SEPARATORS = re.compile(
    f"{_SEPARATOR}(?<=[\u3400-\u9fff]{_SEPARATOR}){_SEPARATOR}*(?=[\u3400-\u9fff“‘「『])"
)
# 原国土资源局 / 原来的工商局 / 更名前的卫计委: a historical mention.
_HISTORY_BEFORE = re.compile(
    r"(?:原|原来的|原先的|前身为|前身是|更名前的|改革前的)"
    r"(?:[省市县区州镇乡]|[\u4e00-\u9fff]{2,4}?[省市县区州])?$"
)
HISTORY_NOTE = "前有“原”等字样，如为介绍机构沿革可保留，请核实"


def squeeze(text: str) -> tuple[str, Sequence[int] | None]:
    """``text`` without inner separators, and where each kept character came from (or None)."""
    gaps = [m.span() for m in _INNER_SEPARATORS.finditer(text)]
    if not gaps:
        return text, None
    pieces: list[str] = []
    positions = array("q")  # 8 bytes per character, not a Python int object each
    pos = 0
    for start, end in gaps:
        pieces.append(text[pos:start])
        positions.extend(range(pos, start))
        pos = end
    pieces.append(text[pos:])
    positions.extend(range(pos, len(text)))
    return "".join(pieces), positions


def _message(category: str, entry: LexiconEntry) -> str:
    t, s = entry.term, entry.suggestion
    if category == "sensitive":
        msg = f"含涉密或敏感标识“{t}”，涉密、敏感信息不得上网发布，请送保密审查"
    elif category == "prohibited":
        msg = f"含禁止发布的内容“{t}”，政府网站不得发布、传播"
    elif category == "outdated_name":
        msg = f"机构名称“{t}”已撤销或更名" + (f"，现为“{s}”" if s else "") + "，请核实后使用现名称"
    elif category == "political":
        msg = f"政治表述不规范：“{t}”" + (f"，应为“{s}”" if s else "")
    elif category == "typo":
        msg = f"疑似错别字：“{t}”" + (f"，应为“{s}”" if s else "")
    else:
        msg = f"疑似商业广告用语“{t}”，政府网站不得刊登商业广告"
    return msg + (f"（{entry.note}）" if entry.note else "")


class TermIndex:
    """All terms of the enabled categories in one automaton; build once, match many times."""

    def __init__(self, categories: Iterable[str], dictionary: WordDictionary | None = None) -> None:
        self.categories = set(categories)
        # Typos are strings that also occur across word boundaries (做为 in 多做为民办实事).
        self.dictionary = dictionary if dictionary is not None else packaged_dictionary()
        self._entries: dict[str, list[tuple[str, LexiconEntry]]] = {}
        self._automaton: Utf8Automaton | None = None

    def add(self, category: str, entry: LexiconEntry) -> None:
        if category != ALLOW and category not in self.categories:
            return
        bucket = self._entries.setdefault(entry.key, [])
        if not bucket or all(c != category for c, _ in bucket):
            bucket.append((category, entry))
        self._automaton = None

    def add_file(self, path: str | Path) -> None:
        for entry in read_lexicon(path):
            self.add(entry.category, entry)

    def add_terms(self, category: str, terms: Iterable[object]) -> None:
        """In-memory terms: strings or ``(term, suggestion[, note])`` tuples."""
        for item in terms:
            if isinstance(item, str):
                term, rest = item, []
            else:
                term, *rest = [str(x) if x is not None else "" for x in item]
            key = normalize_term(term)
            if key:
                sugg = rest[0] if rest else ""
                note = rest[1] if len(rest) > 1 else ""
                self.add(category, LexiconEntry(key, term.strip(), sugg, note, category))

    def add_defaults(self) -> None:
        for name in packaged_lexicons():
            self.add_file(name)

    def build(self) -> None:
        automaton = Utf8Automaton()
        for key, bucket in self._entries.items():
            automaton.add(key, tuple(bucket))
        automaton.build()
        self._automaton = automaton

    def __len__(self) -> int:
        return len(self._entries)

    def matches(self, text: str) -> list[tuple[int, int, str, LexiconEntry]]:
        """Non-overlapping flagged matches (longest first), minus those inside allowed terms."""
        if self._automaton is None:
            self.build()
        automaton = self._automaton
        if not len(automaton):
            return []
        allowed: list[tuple[int, int]] = []
        flagged: list[tuple[int, int, str, LexiconEntry]] = []
        for start, end, bucket in automaton.matches(text):
            if bucket[0][1].key.isascii() and not _ascii_bounded(text, start, end):
                continue
            for category, entry in bucket:
                if category == ALLOW:
                    allowed.append((start, end))
                else:
                    flagged.append((start, end, category, entry))
        if not flagged:
            return []
        # Linear sweeps (texts may hold thousands of matches): drop flagged terms inside an
        # allowed span, then keep the leftmost-longest of overlapping ones.
        flagged.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        allowed.sort()
        kept: list[tuple[int, int, str, LexiconEntry]] = []
        i, reach, last_end = 0, -1, -1
        for f in flagged:
            while i < len(allowed) and allowed[i][0] <= f[0]:
                reach = max(reach, allowed[i][1])
                i += 1
            if reach >= f[1] or f[0] < last_end:
                continue
            if f[2] == "typo" and self.dictionary.word_across(text, f[0], f[1], f[3].suggestion):
                continue
            kept.append(f)
            last_end = f[1]
        return kept


def _ascii_bounded(text: str, start: int, end: int) -> bool:
    """Latin terms must be whole words (``ad`` does not match inside ``admin``)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def is_historical(text: str, start: int) -> bool:
    """Whether the term at ``start`` follows 原/前身为 … (a mention of a former name)."""
    return _HISTORY_BEFORE.search(text, max(0, start - 9), start) is not None


def term_matches(index: TermIndex, ctx: Context) -> Iterator[Match]:
    text, positions = squeeze(ctx.text)
    for start, end, category, entry in index.matches(text):
        message = _message(category, entry)
        reason = f"命中{category}词表词条“{entry.term}”"
        if category == "outdated_name" and is_historical(text, start):
            message += f"（{HISTORY_NOTE}）"
            reason += "，前有“原”字"
        if positions is not None:
            start, end = positions[start], positions[end - 1] + 1
        yield Match(
            CATEGORY_CODES[category],
            start,
            end,
            message,
            entry.suggestion,
            reason,
            RULES[category],
        )
