"""PII recognizers: validation, context, separators, traditional script, public numbers."""

from __future__ import annotations

import pytest

from .helpers import bad_id, codes, make_card, make_id

ID = make_id()
CARD = make_card()


def only(findings, code):
    return [f for f in findings if f.code == code]


# --- 身份证 ---------------------------------------------------------------------------------


def test_valid_id_card_is_flagged_with_masked_suggestion(engine):
    text = f"申请人张三，身份证号：{ID}。"
    [f] = only(engine.check(text), "pii.id_card")
    assert f.text == ID and f.severity == "block"
    assert f.suggestion == ID[:4] + "*" * 12 + ID[-2:]
    assert "校验码" in f.reason


def test_id_card_with_wrong_checksum_is_not_flagged(engine):
    assert only(engine.check(f"身份证号：{bad_id(ID)}"), "pii.id_card") == []


def test_id_card_with_invalid_province_or_date_is_not_flagged(engine):
    assert only(engine.check(f"身份证号：{make_id(region='990102')}"), "pii.id_card") == []
    assert only(engine.check(f"身份证号：{make_id(birth='19851332')}"), "pii.id_card") == []
    assert only(engine.check(f"身份证号：{make_id(birth='20990101')}"), "pii.id_card") == []


def test_id_card_with_lowercase_x_and_separators(engine):
    number = next(
        make_id(seq=f"{i:03d}") for i in range(1000) if make_id(seq=f"{i:03d}").endswith("X")
    )
    spaced = f"{number[:6]} {number[6:14]} {number[14:-1]}x"
    [f] = only(engine.check(f"身份证：{spaced}。"), "pii.id_card")
    assert f.text == spaced


def test_id_card_in_traditional_script_with_full_width_digits(engine):
    full = ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    text = f"申請人陳先生，身份證號碼：{full}，請妥善保管。"
    [f] = only(engine.check(text), "pii.id_card")
    assert f.text == full and text[f.start : f.end] == full


def test_legacy_15_digit_id_needs_context(engine):
    legacy = "430102850312123"
    assert only(engine.check(f"身份证号码：{legacy}"), "pii.id_card")
    assert only(engine.check(f"批次{legacy}"), "pii.id_card") == []


def test_id_inside_longer_digit_run_is_not_flagged(engine):
    assert only(engine.check(f"流水号9{ID}1"), "pii.id_card") == []


# --- 手机 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "１３８００１３８０００",
        "１３８－００１３－８０００",
    ],
)
def test_mobile_formats_are_flagged_with_exact_span(engine, number):
    text = f"联系电话：{number}。"
    [f] = only(engine.check(text), "pii.mobile")
    assert f.text == number


def test_mobile_mask_suggestion_keeps_first_three_and_last_four(engine):
    [f] = only(engine.check("手机13812345678"), "pii.mobile")
    assert f.suggestion == "138****5678"


def test_mobile_in_traditional_text(engine):
    [f] = only(
        engine.check("聯繫人：李小姐，手機：0９０ 不是；手機號碼 139 1234 5678"), "pii.mobile"
    )
    assert f.text == "139 1234 5678"


@pytest.mark.parametrize(
    "text",
    [
        "流水号20189963932170571。",
        "咨询电话：0759-3181387。",
        "政务服务热线12345，投诉电话0731-84464311。",
        "号码12800138000不是手机号。",
        "编号913800138000。",
        "全年完成固定资产投资410.7亿元，同比增长2.1%。",
        "2023年10月15日召开会议。",
        "索引号：11430102MB7438000/2021-74292。",
        "文号：长政办发〔2022〕4号。",
    ],
)
def test_public_numbers_are_not_mobiles(engine, text):
    assert only(engine.check(text), "pii.mobile") == []


# --- 银行卡 ---------------------------------------------------------------------------------


def test_bank_card_grouped_in_fours(engine):
    grouped = " ".join(CARD[i : i + 4] for i in range(0, len(CARD), 4))
    [f] = only(engine.check(f"银行卡号：{grouped}；"), "pii.bank_card")
    assert f.text == grouped
    assert f.suggestion.startswith(CARD[:4]) and f.suggestion.endswith(grouped[-4:])


def test_bank_card_with_dashes_and_no_context(engine):
    card = make_card("621700", 16)
    dashed = "-".join(card[i : i + 4] for i in range(0, 16, 4))
    assert only(engine.check(f"转账至{dashed}"), "pii.bank_card")


def test_bank_card_failing_luhn_is_not_flagged(engine):
    wrong = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert only(engine.check(f"银行卡号{wrong}"), "pii.bank_card") == []


def test_luhn_valid_order_number_is_not_a_card(engine):
    assert only(engine.check(f"订单号{CARD}"), "pii.bank_card") == []


def test_gansu_id_number_passing_luhn_is_an_id_not_a_card(engine):
    from wagtail_gov_review.checks.recognizers.bank_card import luhn_ok

    number = next(n for i in range(1000) if luhn_ok(n := make_id(region="620102", seq=f"{i:03d}")))
    found = engine.check(f"身份证号{number}")
    assert codes(found) == ["pii.id_card"]


# --- 社保号 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["社保卡号", "社会保障号码", "社保账号", "医保卡号", "社會保障號碼"]
)
def test_social_security_by_context_word_supersedes_id(engine, word):
    text = f"参保人王五，{word}：{ID}。"
    found = engine.check(text)
    assert codes(found) == ["pii.social_security"]
    assert found[0].text == ID


def test_social_security_non_id_format(engine):
    [f] = only(engine.check("医保卡号 A12345678"), "pii.social_security")
    assert f.text == "A12345678"


# --- 住址 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,addr",
    [
        (
            "张三，家住湖南省长沙市芙蓉区八一路106号16栋703室，",
            "湖南省长沙市芙蓉区八一路106号16栋703室",
        ),
        ("現住址：重慶市永川區建設路216號12棟2204室。", "重慶市永川區建設路216號12棟2204室"),
        ("户籍地址为贵州省安顺市西秀区某村5组", "贵州省安顺市西秀区某村5组"),
    ],
)
def test_personal_address_with_context(engine, text, addr):
    [f] = only(engine.check(text), "pii.address")
    assert f.text == addr


@pytest.mark.parametrize(
    "text",
    [
        "办公地址：长沙市芙蓉区解放西路22号，咨询电话：0731-86083400。",
        "地址：区政府大楼3楼301室。",
        "单位住址：永川区人民大道1号。",
        "居住在城市的人口持续增加。",
    ],
)
def test_office_and_general_addresses_are_public(engine, text):
    assert only(engine.check(text), "pii.address") == []


# --- 健康状况 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,disease",
    [
        ("经核实，困难群众赵艳患有糖尿病，符合救助条件。", "糖尿病"),
        ("患者李某确诊为肺结核。", "肺结核"),
        ("该户主长期患有精神分裂症。", "精神分裂症"),
        ("经核實，王小明罹患白血病。", "白血病"),
        ("救助对象：尿毒症患者张某。", "尿毒症"),
    ],
)
def test_health_condition_tied_to_a_person(engine, text, disease):
    [f] = only(engine.check(text), "pii.health")
    assert f.text == disease


@pytest.mark.parametrize(
    "text",
    [
        "做好高血压、糖尿病等慢性病防治工作。",
        "全区患有高血压的居民可享受免费随访服务。",
        "为糖尿病患者提供家庭医生签约服务。",
        "开展艾滋病防治宣传活动。",
    ],
)
def test_general_health_policy_is_not_pii(engine, text):
    assert only(engine.check(text), "pii.health") == []


# --- public identifiers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "统一社会信用代码：91430102MA4L0XYZ1K。",
        "统一社会信用代码：914301021234567890。",
        "文号：湘政办发〔2022〕4号。",
        "索引号：000014349/2022-00123。",
        "政务服务便民热线：12345。",
        "咨询电话：0759-3181387。",
        "预算金额：1234567.89元。",
        "发布日期：2022-03-15 10:30。",
    ],
)
def test_public_identifiers_are_not_pii(engine, text):
    assert [f for f in engine.check(text) if f.code.startswith("pii.")] == []
