"""pii.health needs a person: a word that merely begins with a surname character (关键, 高度,
方面, 王牌, 周边, 黄金周 …) is not a name, so 关键是核酸检测阴性 is no finding; real names, 某某,
称谓 and pronouns still tie a condition to someone."""

from __future__ import annotations

import pytest

from wagtail_gov_review.checks.recognizers.health import is_common_word

WORDS = [
    "关键",
    "高度",
    "方面",
    "王牌",
    "周边",
    "黄金",
    "江河",
    "何时",
    "常规",
    "明确",
    "安全",
    "于是",
]


def _health(engine, text: str) -> list[str]:
    return [f.text for f in engine.check(text) if f.code == "pii.health"]


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize(
    "template",
    [
        "{w}是核酸检测阴性",
        "{w}核酸检测阳性",
        "{w}的HIV检测结果为阴性",
        "{w}确诊肺结核",
        "{w}患有糖尿病",
    ],
)
def test_a_word_starting_with_a_surname_is_not_a_person(engine, word, template):
    assert _health(engine, "，" + template.format(w=word) + "。") == []


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("张三是HIV阳性。", "HIV阳性"),
        ("王五的HIV检测结果为阳性。", "HIV检测结果为阳性"),
        ("李明核酸检测阳性，已隔离。", "核酸检测阳性"),
        ("王小明是HIV阳性。", "HIV阳性"),
        ("王伟确诊肺结核。", "肺结核"),
        ("关某核酸检测阳性。", "核酸检测阳性"),
        ("高先生核酸检测阳性。", "核酸检测阳性"),
        ("患者周某某核酸检测结果为阳性。", "核酸检测结果为阳性"),
    ],
)
def test_real_names_and_titles_still_tie_a_result_to_a_person(engine, text, condition):
    assert _health(engine, text) == [condition]


def test_common_words_are_not_names():
    assert all(is_common_word(w) for w in WORDS + ["关键是"[:2], "黄金周"])
    assert not any(is_common_word(n) for n in ["张三", "王伟", "李明", "王小明", "刘洋"])
