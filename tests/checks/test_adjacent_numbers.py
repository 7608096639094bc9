"""Numbers side by side: tables flattened to text, CSV rows, PDF and OCR output put personal
numbers next to each other with only a space, a tab, "/" or "、" between them. Each one must be
found with its exact span, whatever separates it from the next; grouped forms stay whole; dates,
amounts, office phones and statistics stay clean."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_gov_review.checks.recognizers.id_card import PROVINCES

from .helpers import make_card, make_id

SEPARATORS = [" ", "\t", "  ", "   ", "/", "、", "|", "\n", " / ", " | ", "，"]
_SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    return sep.join(parts)


@st.composite
def id_numbers(draw) -> tuple[str, str]:
    province = draw(st.sampled_from(sorted(PROVINCES)))
    born = draw(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2010, 12, 31)))
    number = make_id(f"{province}0102", born.strftime("%Y%m%d"), f"{draw(st.integers(0, 999)):03d}")
    if number.endswith("X") and draw(st.booleans()):
        number = number[:-1] + "x"  # editors type the check character in lower case
    sizes = draw(st.sampled_from([(18,), (6, 8, 4), (4, 4, 4, 6), (4, 4, 4, 4, 2)]))
    return "pii.id_card", _group(number, sizes, "-")


@st.composite
def mobiles(draw) -> tuple[str, str]:
    number = "1" + draw(st.sampled_from("3456789")) + draw(st.from_regex(r"\d{9}", fullmatch=True))
    number = _group(number, draw(st.sampled_from([(11,), (3, 4, 4)])), "-")
    prefix = draw(st.sampled_from(["", "+86", "+86-", "0086", "0086-", "86-"]))
    return "pii.mobile", prefix + number


@st.composite
def cards(draw) -> tuple[str, str]:
    length = draw(st.sampled_from([16, 19]))
    card = make_card(draw(st.sampled_from(["622848", "622202", "621700"])), length)
    groupings = [(16,), (4, 4, 4, 4)] if length == 16 else [(19,), (4, 4, 4, 4, 3), (6, 13)]
    return "pii.bank_card", _group(card, draw(st.sampled_from(groupings)), "-")


@st.composite
def social_security(draw) -> tuple[str, str]:
    number = draw(st.from_regex(r"[A-Z]?\d{8,12}", fullmatch=True))
    return "pii.social_security", "社保卡号：" + number


numbers = st.one_of(id_numbers(), mobiles(), cards(), social_security())


def _expected_span(code: str, written: str) -> str:
    return written.removeprefix("社保卡号：")


@_SLOW
@given(st.lists(numbers, min_size=1, max_size=4), st.data())
def test_every_number_in_a_row_is_found_exactly(engine, row, data):
    text = "登记信息："
    expected = []
    for i, (code, written) in enumerate(row):
        if i:
            text += data.draw(st.sampled_from(SEPARATORS))
        number = _expected_span(code, written)
        start = len(text) + len(written) - len(number)
        text += written
        expected.append((code, start, start + len(number)))
    text += "。"
    found = {(f.code, f.start, f.end) for f in engine.check(text) if f.code.startswith("pii.")}
    for item in expected:
        assert item in found, (text, item, sorted(found))


@pytest.mark.parametrize("sep", SEPARATORS)
def test_the_issue_example_with_each_separator(engine, sep):
    id_number, mobile, card = make_id("110101", "19900307", "451"), "13800138000", make_card()
    text = f"张三{sep}{id_number}{sep}{mobile}{sep}{card}"
    found = [(f.code, f.text) for f in engine.check(text) if f.code.startswith("pii.")]
    assert found == [("pii.id_card", id_number), ("pii.mobile", mobile), ("pii.bank_card", card)]


@pytest.mark.parametrize("sizes", [(6, 8, 4), (4, 4, 4, 6), (4, 4, 4, 4, 2)])
def test_space_grouped_ids_stay_whole_next_to_a_mobile(engine, sizes):
    grouped = _group(make_id("110101", "19900307", "451"), sizes, " ")
    found = [(f.code, f.text) for f in engine.check(f"身份证 {grouped} 13912345678")]
    assert found == [("pii.id_card", grouped), ("pii.mobile", "13912345678")]


def test_a_space_grouped_card_and_mobile_side_by_side(engine):
    card = make_card("622848", 19)
    grouped = _group(card, (4, 4, 4, 4, 3), " ")
    found = [(f.code, f.text) for f in engine.check(f"卡号 {grouped}  138 0013 8000")]
    assert found == [("pii.bank_card", grouped), ("pii.mobile", "138 0013 8000")]


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-05 2023-12-31 2024.01.05 2024/01/05",
        "金额 13800138000.00 元 / 13800138000.50 元",
        "统计表 1380013800 2345678901 9876543210 1234567890 12345678901234567890",
        "人口（人） 12345678 23456789 34567890 45678901",
        "咨询电话：0731-86083400 0731-86083401，热线 12345 12315",
        "区间 13800138000-13800138999 号段",
        "编号 2023001 2023002 2023003 2023004",
    ],
)
@pytest.mark.parametrize("sep", [" ", "\t", "/", "  "])
def test_tables_of_other_numbers_stay_clean(engine, text, sep):
    text = text.replace(" ", sep)
    assert [f for f in engine.check(text) if f.code.startswith("pii.")] == []


@pytest.mark.parametrize(
    ("text", "ssn"),
    [
        ("社保卡号：A12345678 13800138000", "A12345678"),
        ("社会保障号码 1234 5678 9012 13800138000", "1234 5678 9012"),
        ("医保卡号 123456789012/13800138000", "123456789012"),
    ],
)
def test_a_social_security_number_does_not_swallow_the_next_number(engine, text, ssn):
    found = [(f.code, f.text) for f in engine.check(text)]
    assert found == [("pii.social_security", ssn), ("pii.mobile", "13800138000")]


@pytest.mark.parametrize("unit", ["1234 ", "13800138000 "])
def test_a_megabyte_of_space_separated_digit_groups_is_checked_in_bounded_time(engine, unit):
    text = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    found = engine.check(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < 10, elapsed
    assert all(text[f.start : f.end] == f.text for f in found)


def test_cli_jsonl_finds_both_numbers_of_the_issue_example():
    """The reproduction of the issue: ``--jsonl`` on "身份证<ID> <mobile>" gave ``findings: []``."""
    id_number = make_id("110101", "19900307", "451")
    line = json.dumps({"id": 1, "text": f"身份证{id_number} 13800138000"}, ensure_ascii=False)
    proc = subprocess.run(
        [sys.executable, "-m", "wagtail_gov_review.checks", "--jsonl"],
        input=line + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["text"]) for f in findings] == [
        ("pii.id_card", id_number),
        ("pii.mobile", "13800138000"),
    ]
