"""The dense-article speed pass of issue 17 changes how the engine looks, never what it finds.

Each shortcut is compared, on generated inputs, with the plain definition it replaces: patterns
tried only at line starts, masks and the ID check character computed without a loop per
character, number runs read as one group without splitting them, one search for context words,
normalisation that skips its scans, link spans found only in texts that can hold one, automaton
matches mapped from their ends. And the recognizer components read spaCy's ``doc._`` extensions
once each, not once per match (each read costs about a microsecond).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import underscore

from wagtail_gov_review.checks import CheckEngine, registry
from wagtail_gov_review.checks import normalize as normalize_module
from wagtail_gov_review.checks.automaton import Utf8Automaton
from wagtail_gov_review.checks.normalize import normalize
from wagtail_gov_review.checks.recognizers import account, health, ordinal, passport, punctuation
from wagtail_gov_review.checks.recognizers.id_card import checksum_char, is_valid_id18
from wagtail_gov_review.checks.registry import Context, any_word, finditer_lines

# ``checks`` exports a ``mask()`` function under the module's name.
mask_module = importlib.import_module("wagtail_gov_review.checks.mask")

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_LINE_PATTERNS = {
    "ordinal_dunhao": punctuation._ARABIC_ORDINAL_DUNHAO_M,
    "stacked_ordinal": punctuation._STACKED_ORDINAL_M,
    "chinese_ordinal_dot": punctuation._CHINESE_ORDINAL_DOT_M,
    "heading": ordinal._HEADING,
    **{f"level_{level}": pattern for level, pattern in ordinal._LEVEL_PRESENT},
}
_LINE_PIECES = st.one_of(
    st.sampled_from(
        ["一、", "（一）", "1.", "（1）", "第一条", "附件：", "1、", "（一）、", "二.", "12"]
    ),
    st.sampled_from(list("\n\n \t（）(). 、，：一二十0123456789文字")),
)


@pytest.mark.parametrize("name", sorted(_LINE_PATTERNS))
@pytest.mark.parametrize("line_starts", [True, False], ids=["line-starts", "scan"])
def test_finditer_lines_finds_what_finditer_finds(name, line_starts, monkeypatch) -> None:
    """Both ways (tried at line starts, or the plain scan for texts of short lines)."""
    monkeypatch.setattr(registry, "_MIN_AVERAGE_LINE", 0 if line_starts else 10**9)
    pattern = _LINE_PATTERNS[name]

    @_SETTINGS
    @given(st.lists(_LINE_PIECES, max_size=30).map("".join))
    def check(text: str) -> None:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in finditer_lines(pattern, text)] == expected

    check()


def _mask_chars_per_character(text: str, keep_start: int, keep_end: int) -> str:
    """mask_chars as defined before its shortcut for text without separators."""
    sig = [i for i, ch in enumerate(text) if ch.isalnum()]
    if len(sig) <= keep_start + keep_end:
        keep_start, keep_end = min(keep_start, len(sig) // 3), min(keep_end, len(sig) // 3)
    hidden = set(sig[keep_start : len(sig) - keep_end])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _mask_mobile_per_character(text: str) -> str:
    digit_pos = [i for i, ch in enumerate(text) if ch.isdigit()]
    hidden = set(digit_pos[-11:][3:7])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


@_SETTINGS
@given(
    st.text(alphabet="0123456789XxA张 -+.", max_size=25),
    st.integers(0, 6),
    st.integers(0, 6),
)
def test_masks_equal_the_per_character_definition(text: str, keep_start: int, keep_end: int):
    assert mask_module.mask_chars(text, keep_start, keep_end) == _mask_chars_per_character(
        text, keep_start, keep_end
    )
    if sum(ch.isdigit() for ch in text) >= 11:
        assert mask_module.mask_mobile(text) == _mask_mobile_per_character(text)


@_SETTINGS
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_checksum_char_is_iso_7064_mod_11_2(first17: str) -> None:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    assert checksum_char(first17) == "10X98765432"[total % 11]


@_SETTINGS
@given(st.from_regex(r"\A[0-9+][0-9]{5,20}[0-9Xx]\Z"))
def test_a_run_without_separators_is_one_digit_group(run: str) -> None:
    """What ``number_spans``' shortcut assumes: such a run is one group, the whole run."""
    assert [m.span() for m in registry._GROUP.finditer(run)] == [(0, len(run))]


@_SETTINGS
@given(
    st.lists(
        st.sampled_from(["身份证", "卡号", "证号", "号码", "身份", "：", "张某", "1"]), max_size=6
    )
)
def test_any_word_finds_what_a_substring_test_finds(pieces: list[str]) -> None:
    words = ("身份证", "证件号", "公民身份号码", "身份号码", "证号", "身份证号")
    text = "".join(pieces)
    assert (any_word(words).search(text) is not None) == any(w in text for w in words)


def _normalize_with_every_scan(text: str) -> normalize_module.Normalized:
    """normalize() as defined before one scan decided whether to strip and translate."""
    astral = normalize_module._has_astral(text)
    visible, kept = normalize_module._strip_format(text, astral)
    half = normalize_module._translate(visible, astral)
    if not normalize_module._has_cjk(half):
        return normalize_module.Normalized(text, half, None if kept is None else tuple(kept))
    simple = normalize_module._t2s(half)
    if len(simple) == len(half):
        return normalize_module.Normalized(text, simple, None if kept is None else tuple(kept))
    converted, moved = normalize_module._t2s_with_offsets(half)
    if kept is not None:
        moved = [kept[i] for i in moved]
    return normalize_module.Normalized(text, converted, tuple(moved))


@_SETTINGS
@given(
    st.text(alphabet="身份證號１２3４a\u200b\xad\ufeff\u3000 \t\n：，。𝟏\U000e0041個", max_size=30)
)
def test_normalize_equals_the_definition_with_every_scan(text: str) -> None:
    assert normalize(text) == _normalize_with_every_scan(text)


@_SETTINGS
@given(
    st.lists(
        st.sampled_from(["http://a.cn", "HTTPS://b", "www.", "WWW.", "w.", "://", "详见", "。"])
    )
)
def test_urls_found_only_where_a_link_can_be(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = []
    for m in registry._URL.finditer(text):
        url = m.group().rstrip(".,;:!?)")
        expected.append((m.start(), m.start() + len(url), url))
    assert Context(normalize(text)).urls == expected


@_SETTINGS
@given(st.text(alphabet="卫计委a的b工商局𝟏é\n", max_size=30))
def test_automaton_matches_are_every_occurrence_in_character_offsets(text: str) -> None:
    keys = ["卫计委", "计委", "工商局", "a的", "𝟏é", "é"]
    automaton = Utf8Automaton()
    for key in keys:
        automaton.add(key, key)
    expected = sorted(
        (m.start(), m.start() + len(key), key)
        for key in keys
        for m in re.finditer(f"(?={re.escape(key)})", text)
    )
    assert sorted(automaton.matches(text)) == expected


def test_components_read_doc_extensions_once_not_per_match(monkeypatch) -> None:
    """A text with hundreds of findings reads ``doc._`` a bounded number of times."""
    engine = CheckEngine()
    text = "申请人张某，联系电话：13800138000。" * 200
    reads = 0
    original_getattr = underscore.Underscore.__getattr__

    def counting_getattr(self, name):
        nonlocal reads
        reads += 1
        return original_getattr(self, name)

    monkeypatch.setattr(underscore.Underscore, "__getattr__", counting_getattr)
    findings = engine.check(text)
    assert len(findings) >= 200
    assert reads <= 3 * len(engine.component_names)


def test_patterns_opening_with_one_character_set_match_as_before() -> None:
    """passport and account patterns: the alternation at the start moved behind one character
    set and look-behinds; the same matches."""
    old_shaped = re.compile(
        r"(?:[EeGgDdSsPpCcWwLlTt](?:[A-HJ-NP-Za-hj-np-z]\d{7}|\d{8})|[HhMm]\d{8}(?:\d{2})?)"
        r"(?![0-9A-Za-z])"
    )
    old_account = re.compile(
        r"(?:[账帐](?:号|户)(?:号码)?|存折号)"
        r"[ \t]*(?:[:：]|为|是)?[ \t]*"
        r"([A-Za-z]?\d(?:\d|[ -](?=\d)){6,29})(?![0-9A-Za-z])"
    )

    @_SETTINGS
    @given(st.text(alphabet="EeHMGIOaXC0123456789 账帐存号户码折：为", max_size=30))
    def check(text: str) -> None:
        assert [m.span() for m in passport._SHAPED.finditer(text)] == [
            m.span() for m in old_shaped.finditer(text)
        ]
        assert [m.span(1) for m in account._ACCOUNT.finditer(text)] == [
            m.span(1) for m in old_account.finditer(text)
        ]

    check()


def test_birth_dates_after_today_are_refused_whatever_the_year() -> None:
    """``_valid_date`` reads the clock only for dates from the year the process started on."""
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)

    def id_born(day: dt.date) -> str:
        first17 = f"110101{day:%Y%m%d}123"
        return first17 + checksum_char(first17)

    assert is_valid_id18(id_born(today))
    assert is_valid_id18(id_born(dt.date(today.year - 1, 12, 31)))
    assert not is_valid_id18(id_born(tomorrow))
    assert not is_valid_id18(id_born(dt.date(1889, 12, 31)))


@_SETTINGS
@given(st.text(alphabet="。！？；;!?\n|，,张某患有病", max_size=40))
def test_the_clause_is_the_end_of_the_sentence(window: str) -> None:
    """pii.health reads the clause before a condition from the sentence it already cut."""
    sentence = health._tail(window, health._SENTENCE_MARKS)
    assert health._tail(sentence, health._CLAUSE_MARKS) == health._tail(
        window, health._CLAUSE_MARKS
    )
