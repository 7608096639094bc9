"""term.leader — the site's own leaders: a listed name with a title that is not (or no longer)
theirs, a listed name written with a homophone or look-alike character, and three or more
listed leaders enumerated out of their ranking order.

The list comes from the site (``EngineConfig.leaders``: name, title, rank, valid_from, valid_to);
nothing is built in. An entry is *current* when today lies in its validity, *past* when its
validity has ended. Titles are compared only when the title written next to the name is one the
list knows (a leader may hold other posts the list does not name), and only for people with a
current entry: a former leader's old title is history, not an error.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass

from ..hanzi import is_cjk
from ..normalize import normalize_term
from ..registry import Context, Match, Recognizer, capped, register

RULE = "000 芙蓉区：领导活动信息须准确；004 湛江市第九条：杜绝内容差错（领导姓名、职务、排序）"

_TITLE_SPLIT = re.compile(r"[、，,；;/\s]+")
# Characters often confused for one another in names (形近字); homophones come from pypinyin.
_LOOK_ALIKE_GROUPS = (
    "己已巳",
    "未末",
    "戊戌戍",
    "日曰",
    "士土",
    "天夭",
    "王玉主",
    "冶治",
    "侯候",
    "微徵徽",
    "秦泰奏",
    "斌赋",
    "晴睛",
    "峰锋",
    "彬杉",
    "拔拨",
    "祟崇",
    "壁璧",
    "辨辩辫",
    "炜玮伟",
    "琪祺棋",
    "锦绵",
    "浩皓",
    "钧均",
)
LOOK_ALIKE: dict[str, frozenset[str]] = {}
for _group in _LOOK_ALIKE_GROUPS:
    for _ch in _group:
        LOOK_ALIKE[_ch] = LOOK_ALIKE.get(_ch, frozenset()) | frozenset(_group.replace(_ch, ""))

_ENUM_GAP = re.compile(r"[^，。；：！？,.;:!?\n]{0,15}")


@functools.cache
def _pinyin():
    """pypinyin, imported on first use: its import loads a phrase dictionary (0.6–1 s and
    55 MiB here), which only a site with a leader list should pay."""
    import pypinyin

    return functools.partial(
        pypinyin.pinyin, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore"
    )


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """Toneless readings of one character (all of them: names use rarer readings too)."""
    return frozenset(_pinyin()(char)[0] or ())


def sounds_or_looks_alike(a: str, b: str) -> bool:
    """Two different Han characters an editor may type one for the other."""
    if a == b or not (is_cjk(a) and is_cjk(b)):
        return False
    return b in LOOK_ALIKE.get(a, ()) or bool(_readings(a) & _readings(b))


def _blank(name: str, i: int) -> str:
    return name[:i] + "\0" + name[i + 1 :]


def _short_form(written: str, title: str) -> bool:
    """``written`` is ``title`` or a shorter form of it (主任 for 区政府办公室主任), but not the
    full post of a deputy's title (区长 for 副区长)."""
    return title.endswith(written) and not title[: len(title) - len(written)].endswith("副")


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class LeaderEntry:
    name: str
    title: str
    rank: int
    valid_from: dt.date | None
    valid_to: dt.date | None

    @functools.cached_property
    def titles(self) -> tuple[str, ...]:
        return tuple(t for t in _TITLE_SPLIT.split(normalize_term(self.title)) if t)

    def is_current(self, today: dt.date) -> bool:
        started = self.valid_from is None or self.valid_from <= today
        return started and (self.valid_to is None or today <= self.valid_to)

    def is_past(self, today: dt.date) -> bool:
        return self.valid_to is not None and self.valid_to < today


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int  # of the title before the name, or of the name
    name_start: int
    end: int


def parse_leaders(rows: Iterable[Iterable[object]]) -> list[LeaderEntry]:
    """``(name, title, rank, valid_from, valid_to)`` rows (dates as ``date``, ISO text or None)."""
    out = []
    for name, title, rank, valid_from, valid_to in rows:
        name = normalize_term(str(name))
        if name:
            entry = LeaderEntry(
                name, str(title or ""), int(rank), _date(valid_from), _date(valid_to)
            )
            out.append(entry)
    return out


@register
class LeaderRecognizer(Recognizer):
    code = "term.leader"
    rule = RULE

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self.entries = parse_leaders(options.get("leaders") or ())
        self.names = sorted({e.name for e in self.entries}, key=len, reverse=True)
        self.known_titles = sorted(
            {t for e in self.entries for t in e.titles}, key=len, reverse=True
        )
        self._names_re = re.compile("|".join(map(re.escape, self.names))) if self.names else None
        self._entries_by_name: dict[str, list[LeaderEntry]] = {}
        for entry in self.entries:
            self._entries_by_name.setdefault(entry.name, []).append(entry)
        # "张某某" is filed under "张?某" and "张某?": a text's candidate finds it by the same key.
        self._one_off: dict[str, list[str]] = {}
        self._sizes_by_surname: dict[str, set[int]] = {}
        for name in self.names:
            self._sizes_by_surname.setdefault(name[0], set()).add(len(name))
            for i in range(1, len(name)):
                self._one_off.setdefault(_blank(name, i), []).append(name)
        surnames = "".join(map(re.escape, self._sizes_by_surname))
        self._surnames_re = re.compile(f"[{surnames}]") if surnames else None

    def analyze(self, ctx: Context) -> Iterator[Match]:
        return capped(self._analyze(ctx))

    def _analyze(self, ctx: Context) -> Iterator[Match]:
        if self._names_re is None or self._surnames_re is None:
            return
        today = dt.date.today()
        current = {e.name: [] for e in self.entries}
        for e in self.entries:
            if e.is_current(today):
                current[e.name].append(e)
        posts = {name: self._posts(name, today) for name in self.names}
        mentions = []
        for m in self._names_re.finditer(ctx.text):
            mention = yield from self._check_title(ctx.text, m.group(), m.start(), m.end(), posts)
            mentions.append(mention)
        yield from self._near_misses(ctx.text)
        yield from self._order(ctx, mentions, current)

    # -- titles --------------------------------------------------------------------------
    def _title_before(self, text: str, pos: int) -> tuple[str, int] | None:
        for title in self.known_titles:
            start = pos - len(title)
            if start >= 0 and text.startswith(title, start):
                if start and text[start - 1] == "副" and not title.startswith("副"):
                    return "副" + title, start - 1
                return title, start
        return None

    def _title_after(self, text: str, pos: int) -> str | None:
        return next((t for t in self.known_titles if text.startswith(t, pos)), None)

    def _posts(self, name: str, today: dt.date) -> tuple[set[str], set[str], str] | None:
        """(current posts, posts left, the current title to suggest) of a person with a
        current entry; None for a former leader."""
        entries = self._entries_by_name[name]
        now = [e for e in entries if e.is_current(today)]
        if not now:
            return None
        current_titles = {t for e in now for t in e.titles}
        past_titles = {t for e in entries if e.is_past(today) for t in e.titles}
        right = min(now, key=lambda e: e.rank).title
        return current_titles, past_titles, right

    def _check_title(
        self, text: str, name: str, start: int, end: int, posts: dict
    ) -> Generator[Match, None, _Mention]:
        """Findings on the posts written beside one mention; returns the mention itself."""
        before = self._title_before(text, start)
        after = self._title_after(text, end)
        mention = _Mention(name, before[1] if before else start, start, end)
        if posts[name] is None:
            return mention
        current_titles, past_titles, right = posts[name]
        for title, t_start in ((before or (None, 0)), (after, end)):
            if not title or title in current_titles:
                continue
            if t_start and text[t_start - 1] in "原前":
                continue  # 原副区长钱某某: a former post named as such
            outdated = title in past_titles  # exactly a post this person has left
            if not outdated and any(_short_form(title, c) for c in current_titles):
                continue
            if outdated:
                message = f"{name}的职务“{title}”已不是现职，现任“{right}”"
                reason = "名单中该职务已过任期"
            else:
                message = f"{name}现任“{right}”，不是“{title}”"
                reason = "名单中的他人职务或未列出的副职"
            yield Match(self.code, t_start, t_start + len(title), message, right, reason)
        return mention

    # -- names written wrong -------------------------------------------------------------
    def _near_misses(self, text: str) -> Iterator[Match]:
        listed = set(self.names)
        # One pass over the text for every listed surname; each place is then compared with
        # the names that differ from it in exactly one given-name character (a dict lookup
        # per character), so a long list costs no more than a short one.
        for m in self._surnames_re.finditer(text):
            for size in self._sizes_by_surname[m.group()]:
                candidate = text[m.start() : m.start() + size]
                if len(candidate) < size or candidate in listed:
                    continue
                for i in range(1, size):
                    for name in self._one_off.get(_blank(candidate, i), ()):
                        if not sounds_or_looks_alike(name[i], candidate[i]):
                            continue
                        yield from self._near_miss(text, m.start(), candidate, name, i)

    def _near_miss(
        self, text: str, start: int, candidate: str, name: str, i: int
    ) -> Iterator[Match]:
        size = len(name)
        # Two-character names are too common to report without a listed title beside.
        if size < 3 and not (
            self._title_before(text, start) or self._title_after(text, start + size)
        ):
            return
        yield Match(
            self.code,
            start,
            start + size,
            f"疑似领导姓名写错：“{candidate}”应为“{name}”",
            name,
            f"与名单中的“{name}”同姓，“{candidate[i]}”与“{name[i]}”音同或形近",
        )

    # -- ranking order -------------------------------------------------------------------
    def _order(self, ctx: Context, mentions: list[_Mention], current: dict) -> Iterator[Match]:
        text = ctx.text
        groups: list[list[_Mention]] = []
        for mention in mentions:
            if groups:
                prev = groups[-1][-1]
                gap = text[prev.end : mention.start]
                if gap.count("、") == 1 and _ENUM_GAP.fullmatch(gap):
                    groups[-1].append(mention)
                    continue
            groups.append([mention])
        for group in groups:
            if len(group) < 3 or any(not current.get(m.name) for m in group):
                continue
            ranks = [min(e.rank for e in current[m.name]) for m in group]
            if ranks == sorted(ranks):
                continue
            start, end = group[0].start, group[-1].end
            parts = ctx.original(start, end).split("、")  # reordered in the text's own script
            suggestion = ""
            if len(parts) == len(group):
                order = sorted(range(len(group)), key=lambda i: ranks[i])
                suggestion = "、".join(parts[i] for i in order)
            names = "、".join(m.name for m in sorted(group, key=lambda m: ranks[group.index(m)]))
            yield Match(
                self.code,
                start,
                end,
                f"领导排序有误，应为：{names}",
                suggestion,
                "三位及以上名单内领导并列时未按名单排序",
            )
