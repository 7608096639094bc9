"""Recognizer registry: one recognizer per kind of finding, added without touching the engine.

Like Presidio's ``RecognizerRegistry`` (and spaCy's function registries): a recognizer module
declares a :class:`Recognizer` subclass and decorates it with :func:`register`; the engine builds
one spaCy pipeline component per enabled recognizer, by name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from .normalize import Normalized


@dataclass(slots=True)
class Match:
    """A raw result in *normalised* offsets; the engine maps it back and adds severity."""

    code: str
    start: int
    end: int
    message: str
    suggestion: str = ""
    reason: str = ""
    rule: str = ""
    score: float = 1.0


_NUMBER_RUN = re.compile(r"[0-9+][0-9 .\-/]{5,}[0-9Xx]")
# Digit groups of a run (a leading "+" for +86, a trailing X for an ID) and what joins them.
_GROUP = re.compile(r"\+?[0-9]+[Xx]?")
# A number never spans more groups than this (an ID or a card written 4-4-4-4-2/3, +86 3-4-4).
MAX_GROUPS = 5
# Digits a personal number has: 11 (mobile) to 19 (card), 21 with a 0086 prefix. Spans outside
# this range are not listed, so a long run of short groups ("1 1 1 …", a table of counts) costs
# one pass, not a regex per combination of groups.
MIN_DIGITS, MAX_DIGITS = 11, 21


def _is_word_char(ch: str) -> bool:
    """A digit or Latin letter: a number glued to one is part of a code (A1234567, 2023v1)."""
    return ch.isascii() and ch.isalnum()


# English labels people glue to a number (Tel13800138000, ID110101…): a label, not part of a code.
_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:tel|phone|mobile|mob|cell|fax|id|card|acct|account)$", re.IGNORECASE
)


def _glued_before(text: str, start: int) -> bool:
    """Whether the run at ``start`` follows a digit or letter that makes it part of a code."""
    if start == 0 or not _is_word_char(text[start - 1]):
        return False
    return not _LABEL_BEFORE.search(text, max(0, start - 8), start)


def _can_split(separator: str) -> bool:
    """Whether two digit groups may belong to two numbers.

    Tables flattened to text, CSV rows, PDF and OCR output put numbers next to each other with
    spaces or "/" between them; "." and "-" alone join the parts of one number (a decimal, a date,
    an extension, a range), so a number is never cut there.
    """
    return separator not in (".", "-")


_URL = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)"
    r"[^\s<>\"'，。；！？、（）【】「」《》\u4e00-\u9fff]+"
)


@dataclass
class Context:
    """What recognizers see: the normalised text, the text kind and shared lazy indexes."""

    norm: Normalized
    kind: str = "body"
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def number_runs(self) -> list[tuple[int, int]]:
        """Runs of digits (with inner spaces, dashes, dots, slashes) holding at least 7 digits, found once.

        Number recognizers scan only these windows instead of the whole text.
        """
        runs = []
        for m in _NUMBER_RUN.finditer(self.norm.text):
            run = m.group()  # at least 7 characters: all digits (the usual run) is enough
            if run.isdigit() or sum(map(str.isdigit, run)) >= 7:
                runs.append(m.span())
        return runs

    @cached_property
    def number_spans(self) -> list[tuple[int, int]]:
        """Every span of whole digit groups inside a number run that may be one number.

        A run such as ``110101199003074514 13800138000`` holds several numbers; a grouped number
        (``110101 19900307 4514``) spans several groups. Each span starts and ends at a group
        edge where the run may split (:func:`_can_split`) and never next to a letter, so a
        recognizer matching whole spans finds each number whatever separates it from the next.
        Ordered by start, longest first.
        """
        text = self.norm.text
        spans: list[tuple[int, int]] = []
        for run_start, run_end in self.number_runs:
            glued_before = _glued_before(text, run_start)
            glued_after = run_end < len(text) and _is_word_char(text[run_end])
            # Most runs are one number without separators (a "+" can only lead, an "X" only
            # end a run): one group, the whole run.
            if text[run_start + 1 : run_end - 1].isdigit():
                if not (glued_before or glued_after):
                    spans.append((run_start, run_end))
                continue
            groups = [m.span() for m in _GROUP.finditer(text, run_start, run_end)]
            if len(groups) == 1:  # a separator next to a lone "+" or "X": one group still
                if not (glued_before or glued_after):
                    spans.append(groups[0])
                continue
            last = len(groups) - 1
            # split[i]: the separator after group i lets a number end there (and the next start).
            split = [_can_split(text[groups[i][1] : groups[i + 1][0]]) for i in range(last)]
            digits = [e - s - (text[s] == "+") for s, e in groups]  # an ID's X counts
            for i, (start, _) in enumerate(groups):
                if glued_before if i == 0 else not split[i - 1]:
                    continue
                j_max = min(last, i + MAX_GROUPS - 1)
                counts = list(itertools.accumulate(digits[i : j_max + 1]))
                for j in range(j_max, i - 1, -1):
                    if not MIN_DIGITS <= counts[j - i] <= MAX_DIGITS:
                        continue
                    if not glued_after if j == last else split[j]:
                        spans.append((start, groups[j][1]))
        return spans

    @cached_property
    def urls(self) -> list[tuple[int, int, str]]:
        """Links (``http(s)://`` or ``www.``) as (start, end, url), trailing punctuation cut."""
        text = self.norm.text
        # Every link holds "://" or a "www." (in any case): substring tests at C speed skip
        # the pattern's scan on the many texts without one.
        if "://" not in text and "w." not in text and "W." not in text:
            return []
        out = []
        for m in _URL.finditer(text):
            url = m.group().rstrip(".,;:!?)")
            out.append((m.start(), m.start() + len(url), url))
        return out

    def before(self, start: int, window: int) -> str:
        """Up to ``window`` normalised characters before ``start`` (context words live here)."""
        return self.norm.text[max(0, start - window) : start]

    def original(self, start: int, end: int) -> str:
        """The original text of a normalised span: suggestions that copy text keep its script."""
        s, e = self.norm.to_original(start, end)
        return self.norm.original[s:e]


class Recognizer:
    """Base class: ``code`` of its findings, ``rule`` it enforces, :meth:`analyze` to find them."""

    code: ClassVar[str] = ""
    rule: ClassVar[str] = ""
    # Runs only for these text kinds ("body", "title"); ``None`` means every kind.
    kinds: ClassVar[tuple[str, ...] | None] = None

    def __init__(self, **options: Any) -> None:
        self.options = options

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def analyze(self, ctx: Context) -> Iterator[Match]:  # pragma: no cover - interface
        raise NotImplementedError


class RecognizerRegistry:
    """Name → recognizer class; names are the finding codes (``pii.mobile``, ``typo`` …)."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Recognizer]] = {}

    def register(self, cls: type[Recognizer]) -> type[Recognizer]:
        if not cls.code:
            raise ValueError(f"{cls.__name__} has no code")
        self._classes[cls.code] = cls
        return cls

    def unregister(self, name: str) -> None:
        self._classes.pop(name, None)

    def names(self) -> list[str]:
        return list(self._classes)

    def get(self, name: str) -> type[Recognizer]:
        try:
            return self._classes[name]
        except KeyError:
            raise KeyError(f"no recognizer named {name!r}; known: {self.names()}") from None

    def create(self, name: str, **options: Any) -> Recognizer:
        return self.get(name)(**options)


registry = RecognizerRegistry()


def register(cls: type[Recognizer]) -> type[Recognizer]:
    """Class decorator adding a recognizer to the default registry."""
    return registry.register(cls)


def scan_runs(ctx: Context, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern`` matched against every :attr:`Context.number_spans` span as a whole.

    Ordered by start, longest first: a recognizer passes its accepted matches through
    :func:`non_overlapping` so a number is reported once, at its longest valid reading.
    """
    text = ctx.text
    for s, e in ctx.number_spans:
        m = pattern.fullmatch(text, s, e)
        if m is not None:
            yield m


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``words``: ``any_word(WORDS).search(before)`` says whether
    ``before`` holds one of them in one call, where ``any(w in before for w in WORDS)`` makes
    a Python step per word (context words are tested for every number found)."""
    return re.compile("|".join(map(re.escape, words)))


def non_overlapping(matches: Iterable[Match]) -> Iterator[Match]:
    """Matches in start order, minus those overlapping one already yielded."""
    taken_until = -1
    for m in matches:
        if m.start >= taken_until:
            taken_until = m.end
            yield m


# A reviewer cannot act on thousands of format warnings in one text, and a pathological text
# (a megabyte of "（") must not cost seconds: style checks stop after this many per text.
MAX_STYLE_FINDINGS = 500


def capped(matches: Iterable[Match], limit: int = MAX_STYLE_FINDINGS) -> Iterator[Match]:
    """The first ``limit`` matches; the rest are not computed (the iterator is lazy)."""
    return itertools.islice(matches, limit)


# ``re`` tries a pattern anchored with "^" (``re.M``) at every character. Tried only at line
# starts it costs one call per line instead: cheaper while lines are at least this long on
# average (≈ 2.7 ns per character scanned, ≈ 0.25 µs per call).
_MIN_AVERAGE_LINE = 100


def finditer_lines(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a ``re.M`` pattern that starts with "^" and whose
    matches never span a line break: the same matches, tried only where lines start (found
    with ``str.find``) unless the text is mostly short lines.
    """
    if text.count("\n") * _MIN_AVERAGE_LINE > len(text):
        yield from pattern.finditer(text)
        return
    start = 0
    while start >= 0:
        m = pattern.match(text, start)
        if m is not None:
            yield m
        start = text.find("\n", start)
        if start >= 0:
            start += 1


def finditer_near(
    pattern: re.Pattern[str], text: str, anchors: str, reach: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds one of the characters
    ``anchors`` among its first ``reach + 1`` characters (the words it starts with).

    ``str.find`` locates the anchors at C speed and the pattern is tried only where a match can
    start: a pattern that starts with an alternation or a look-behind otherwise costs a regex
    attempt at every character of a 20,000-character text. Same matches, same order.
    """
    starts: set[int] = set()
    for anchor in anchors:
        at = text.find(anchor)
        while at >= 0:
            starts.update(range(max(0, at - reach), at + 1))
            at = text.find(anchor, at + 1)
    taken_until = 0
    for start in sorted(starts):
        if start < taken_until:
            continue
        m = pattern.match(text, start)
        if m is not None:
            taken_until = max(m.end(), start + 1)
            yield m
