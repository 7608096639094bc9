"""Disguised numbers (issue 16 point 4): invisible format characters, any Unicode digit script
and the usual groupings/separators must not hide an ID, mobile or card number; dates, versions,
amounts and document numbers must still not become findings."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_gov_review.checks.normalize import _FORMAT_CHARS, normalize
from wagtail_gov_review.checks.recognizers.id_card import PROVINCES

from .helpers import make_card, make_id

FORMAT_CHARS = [chr(cp) for cp in _FORMAT_CHARS]
DIGIT_ZEROS = [
    cp for cp in range(0x20000) if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0
]  # fmt: skip
ID = make_id("110101", "19900101", "123")


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    return sep.join(parts)


@st.composite
def disguised(draw, number: str, groupings: list[tuple[int, ...]], separators: str) -> str:
    """``number`` regrouped, in another digit script, with format characters slipped inside."""
    sizes = draw(st.sampled_from(groupings))
    text = _group(number, sizes, draw(st.sampled_from(separators)) if len(sizes) > 1 else "")
    zero = draw(st.sampled_from(DIGIT_ZEROS))
    text = "".join(chr(zero + int(ch)) if ch.isdigit() else ch for ch in text)
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(1, len(chars) - 1))
        chars.insert(at, draw(st.sampled_from(FORMAT_CHARS)))
    return "".join(chars)


@st.composite
def valid_ids(draw) -> str:
    province = draw(st.sampled_from(sorted(PROVINCES)))
    born = draw(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2010, 12, 31)))
    return make_id(f"{province}0102", born.strftime("%Y%m%d"), f"{draw(st.integers(0, 999)):03d}")


def _found(engine, prefix: str, number: str, suffix: str, code: str) -> None:
    text = prefix + number + suffix
    hits = [f for f in engine.check(text) if f.code == code]
    assert hits, (code, text)
    # the span covers the number in the original text, first digit to last character
    assert hits[0].start == len(prefix) and hits[0].end == len(prefix) + len(number), hits
    assert hits[0].text == number


_SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(st.data())
def test_id_numbers_are_found_however_disguised(engine, data):
    groupings = [(18,), (6, 8, 4), (4, 4, 4, 6), (4, 4, 4, 4, 2)]
    number = data.draw(disguised(data.draw(valid_ids()), groupings, " .-/"))
    _found(engine, "申请人信息：", number, "，已核实。", "pii.id_card")


@_SLOW
@given(st.data())
def test_mobile_numbers_are_found_however_disguised(engine, data):
    mobile = (
        "1"
        + data.draw(st.sampled_from("3456789"))
        + data.draw(st.from_regex(r"\d{9}", fullmatch=True))
    )
    number = data.draw(disguised(mobile, [(11,), (3, 4, 4)], " .-"))
    _found(engine, "联系方式：", number, "。", "pii.mobile")


@_SLOW
@given(st.data())
def test_bank_cards_are_found_however_disguised(engine, data):
    card = make_card("622848", data.draw(st.sampled_from([16, 19])))
    groupings = [(16,), (4, 4, 4, 4)] if len(card) == 16 else [(19,), (4, 4, 4, 4, 3)]
    number = data.draw(disguised(card, groupings, " .-"))
    _found(engine, "银行卡号：", number, "。", "pii.bank_card")


@pytest.mark.parametrize(
    "number",
    [
        "1101\u200b01199001011237",  # zero-width space inside
        "110101\u00ad19900101\u00ad1237",  # soft hyphens
        "1101 0119 9001 0112 37",  # 4-4-4-4-2
        "1101-0119-9001-011237",  # 4-4-4-6
        "110101.19900101.1237",
        "110101/19900101/1237",
        "".join(chr(0x1D7CE + int(d)) for d in ID),  # mathematical bold
        "".join(chr(0x0660 + int(d)) for d in ID),  # Arabic-Indic
        "\ufeff" + ID,  # a BOM in front
    ],
)
def test_examples_from_the_issue_are_id_numbers(engine, number):
    hits = [f for f in engine.check(f"身份证：{number}") if f.code == "pii.id_card"]
    assert [h.text for h in hits] == [number.lstrip("\ufeff")]


def test_a_dotted_mobile_is_found(engine):
    assert [(f.code, f.text) for f in engine.check("手机138.1234.5678")] == [
        ("pii.mobile", "138.1234.5678")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "发布日期：2023.01.05，截止2023/12/31，2024-01-05 09:30。",
        "系统版本 v10.2.3.4567，补丁 3.10.12.2023。",
        "全年完成投资1,234,567.89万元，同比增长12.5%，其中1380.1234亿元用于基建。",
        "长政办发〔2023〕12号，索引号：11430102MB7438000/2021-74292。",
        "统计表：13812345 67890123 45678901；139.2 145.8 156.3；2019 2020 2021 2022 2023。",
        "人口 1381234.5678 万人，面积 138.12345678 平方公里。",
        "坐标 113.123456,28.123456；IP 192.168.100.200。",
        "咨询电话：0731-86083400，政务服务便民热线12345。",
        "第1.2.3.4.5.6条、1/2/3/4/5/6/7/8/9页。",
    ],
)
def test_dates_versions_amounts_and_document_numbers_stay_clean(engine, text):
    assert [f for f in engine.check(text) if f.code.startswith("pii.")] == []


def test_mixed_separators_are_not_an_id(engine):
    assert not [f for f in engine.check("编号 110101.19900101-1237") if f.code == "pii.id_card"]


@given(st.text(alphabet=st.sampled_from(FORMAT_CHARS + list("身份证１２3 -")), max_size=40))
@settings(max_examples=150, deadline=None)
def test_removing_format_characters_keeps_a_valid_offset_map(text):
    norm = normalize(text)
    assert not any(ch in norm.text for ch in FORMAT_CHARS)
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
