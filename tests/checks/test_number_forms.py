"""How careless editors and converters write personal numbers in attachments: cut by a line
break, glued to an English label, half full-width, lower-case x, +86/0086 prefixes, 6-13 cards,
inside brackets or right after a colon. Each must be found; codes and statistics stay clean."""

from __future__ import annotations

import pytest

from .helpers import make_card, make_id

ID = make_id("110101", "19900307", "451")
ID_X = next(
    make_id("440803", "19850315", f"{n:03d}")
    for n in range(1000)
    if make_id("440803", "19850315", f"{n:03d}").endswith("X")
)
CARD19 = make_card("622848", 19)
FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ID)


def _found(engine, text: str) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in engine.check(text) if f.code.startswith("pii.")]


@pytest.mark.parametrize("cut", [1, 6, 10, 14, 17])
def test_an_id_cut_by_a_line_break_is_found(engine, cut):
    written = f"{ID[:cut]}\n{ID[cut:]}"
    assert _found(engine, f"身份证号：{written}") == [("pii.id_card", written)]


@pytest.mark.parametrize(
    "text",
    [
        "12345678\n90123456\n20230101",
        "序号\n1\n2\n3\n合计 110101\n19900307",  # parts that do not make a valid ID
        f"{ID[:10]}\n{ID[10:17]}0",  # wrong check character
    ],
)
def test_numbers_on_separate_lines_are_not_joined_into_an_id(engine, text):
    assert [f for f in _found(engine, text) if f[0] == "pii.id_card"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tel13800138000", ("pii.mobile", "13800138000")),
        ("TEL:13800138000", ("pii.mobile", "13800138000")),
        ("Mobile13912345678", ("pii.mobile", "13912345678")),
        (f"ID{ID}", ("pii.id_card", ID)),
        (f"card{CARD19}", ("pii.bank_card", CARD19)),
    ],
)
def test_a_number_glued_to_an_english_label_is_found(engine, text, expected):
    assert _found(engine, text) == [expected]


@pytest.mark.parametrize(
    "text", ["型号ABC13800138000", "SN13800138000", "v13800138000", "hotel13800138000"]
)
def test_a_number_inside_a_letter_code_stays_clean(engine, text):
    assert _found(engine, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{FULL_WIDTH[:9]}{ID[9:]}", ("pii.id_card", FULL_WIDTH[:9] + ID[9:])),
        (f"身份证：{ID_X.lower()}", ("pii.id_card", ID_X.lower())),
        (f"身份证号：{ID_X.lower()} 13800138000", ("pii.id_card", ID_X.lower())),
        ("手机：+86 13800138000", ("pii.mobile", "+86 13800138000")),
        ("手机：(+86)13800138000", ("pii.mobile", "13800138000")),
        ("手机（+86）138-0013-8000", ("pii.mobile", "138-0013-8000")),
        ("手机0086 138 0013 8000", ("pii.mobile", "0086 138 0013 8000")),
        ("电话:+86-138-0013-8000", ("pii.mobile", "+86-138-0013-8000")),
        (f"{CARD19[:6]} {CARD19[6:]}", ("pii.bank_card", f"{CARD19[:6]} {CARD19[6:]}")),
        (f"（{ID}）", ("pii.id_card", ID)),
        (f"身份证号：{ID}（张三）", ("pii.id_card", ID)),
        (f"身份证:{ID},电话", ("pii.id_card", ID)),
    ],
)
def test_common_careless_forms_are_found(engine, text, expected):
    assert expected in _found(engine, text)
