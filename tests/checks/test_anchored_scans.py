"""The speed-ups of issue 17 find exactly what the plain scans found.

Trigger patterns are tried only near their anchor characters (``finditer_near``), ``owner()``
looks for the last context word with one search of the reversed text, and the engine's Doc has
no lexical attributes: every one of these must give the same results as before, on any text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_gov_review.checks import CheckEngine
from wagtail_gov_review.checks.recognizers import address, landline, medical_record, passport
from wagtail_gov_review.checks.recognizers.context_words import AGENCY_WORDS, PERSON_WORDS, owner
from wagtail_gov_review.checks.registry import finditer_near

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (pattern, anchors, reach, words its matches start with), as the recognizers call it.
_ANCHORED = {
    "address": (
        address._TRIGGER,
        address._TRIGGER_ANCHORS,
        3,
        ["家庭住址", "家庭地址", "户籍所在地", "现居", "居住于", "暂住", "，住", "住：", "住建"],
    ),
    "medical_record": (
        medical_record._RECORD,
        "院诊病",
        1,
        ["住院号", "门诊病历号", "病案编号", "就诊卡号", "诊疗卡号", "病理号", "急诊号"],
    ),
    "passport": (
        passport._ATTACHED,
        "照证",
        2,
        ["护照号码", "通行证", "回乡证号", "台胞证", "旅行证编号"],
    ),
    "landline": (
        landline._HOME_PHONE,
        "电机",
        3,
        ["家庭电话", "宅电", "家庭座机", "个人电话", "住宅电话"],
    ),
}


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(words), st.sampled_from(list("0123456789AB：: 为是，的院住址电"))
    )
    return st.lists(piece, max_size=20).map("".join)


@pytest.mark.parametrize("name", sorted(_ANCHORED))
def test_finditer_near_finds_what_finditer_finds(name: str) -> None:
    pattern, anchors, reach, words = _ANCHORED[name]

    @_SETTINGS
    @given(_texts(words))
    def check(text: str) -> None:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in finditer_near(pattern, text, anchors, reach)] == expected

    check()


def _owner_by_rfind(text: str) -> str | None:
    """The definition owner() had before: the last end of any word, found word by word."""

    def last_of(words: tuple[str, ...]) -> int:
        return max(((i + len(w)) for w in words if (i := text.rfind(w)) >= 0), default=-1)

    agency, person = last_of(AGENCY_WORDS), last_of(PERSON_WORDS)
    if agency < 0 and person < 0:
        return None
    return "agency" if agency >= person else "person"


@_SETTINGS
@given(
    st.lists(
        st.one_of(
            st.sampled_from(AGENCY_WORDS + PERSON_WORDS), st.sampled_from(list("的人办公家，号"))
        ),
        max_size=10,
    ).map("".join)
)
def test_owner_is_whichever_word_ends_last(text: str) -> None:
    assert owner(text) == _owner_by_rfind(text)


def test_rewritten_patterns_match_as_before() -> None:
    """Look-behinds moved after the first character: same matches on numbers and brackets."""
    old_landline = re.compile(
        r"(?<![0-9A-Za-z])(?<![0-9][ -])"
        r"(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]?)[2-8]\d{2,3}[ -]?\d{4}"
        r"(?:[ ]?(?:转|-|ext\.?)[ ]?\d{1,5})?"
        r"(?![0-9A-Za-z])(?![ -]\d)"
    )

    @_SETTINGS
    @given(st.text(alphabet="0000123456789 -()（）转xt.a的", max_size=30))
    def check(text: str) -> None:
        expected = [m.span() for m in old_landline.finditer(text)]
        assert [m.span() for m in landline._WITH_AREA_CODE.finditer(text)] == expected

    check()


def test_engine_doc_skips_lexical_attributes() -> None:
    """The one-token Doc costs no per-character work in spaCy, and findings are unchanged."""
    engine = CheckEngine()
    assert engine.nlp.vocab.lex_attr_getters == {}
    findings = engine.check("困难群众赵某患有糖尿病，联系电话：13800138000。")
    assert {f.code for f in findings} >= {"pii.health", "pii.mobile"}


@pytest.mark.parametrize("text", ["\xad", "\u200b", "\xad\u200b\ufeff"])
def test_text_that_normalises_to_nothing_has_no_findings(text: str) -> None:
    """Format characters alone normalise to "": the one-token Doc must not be an empty token."""
    assert CheckEngine().check(text) == []
    assert CheckEngine().check(text, kind="title") == []
