"""mask(): de-identification with per-code operators, overlaps and offsets."""

from __future__ import annotations

import pytest

from wagtail_gov_review.checks import Finding, mask

from .helpers import make_card, make_id

ID = make_id()


def test_mask_keeps_what_a_reader_needs(engine):
    text = f"张三，身份证号{ID}，手机138 1234 5678，家住湖南省长沙市芙蓉区八一路106号16栋703室。"
    out = mask(text, engine.check(text))
    assert f"身份证号{ID[:4]}{'*' * 12}{ID[-2:]}，" in out
    assert "手机138 **** 5678，" in out
    assert "家住湖南省长沙市芙蓉区" in out and "106号" not in out
    assert len(out) == len(text)


def test_mask_leaves_non_pii_findings_by_default(engine):
    text = "根据卫计委要求，手机13812345678"
    assert mask(text, engine.check(text)) == "根据卫计委要求，手机138****5678"


def test_operators_replace_redact_hash(engine):
    card = make_card()
    text = f"卡号{card}，电话13812345678，根据卫计委要求"
    found = engine.check(text)
    out = mask(
        text,
        found,
        {
            "pii.bank_card": {"type": "replace", "new_value": "[银行卡]"},
            "pii.mobile": "redact",
            "term.outdated_name": {"type": "replace", "use_suggestion": True},
        },
    )
    assert out == "卡号[银行卡]，电话，根据卫健委要求"
    hashed = mask(text, found, {"default": "hash"})
    assert card not in hashed and "13812345678" not in hashed


def test_overlapping_findings_are_merged():
    text = "编号13812345678901"
    a = Finding("pii.mobile", 2, 13, text[2:13], "block", "m")
    b = Finding("pii.bank_card", 5, 16, text[5:16], "block", "m")
    assert mask(text, [b, a], {"default": {"type": "replace", "new_value": "X"}}) == "编号X"


def test_mask_rejects_findings_from_another_text():
    with pytest.raises(ValueError):
        mask("abc", [Finding("pii.mobile", 0, 2, "zz", "block", "m")])


def test_unknown_operator_is_an_error(engine):
    text = "手机13812345678"
    with pytest.raises(ValueError):
        mask(text, engine.check(text), {"pii.mobile": "shred"})
