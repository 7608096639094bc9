"""The 公文 format checks: punctuation (GB/T 15834), numbers (GB/T 15835), dates, ordinals.

Every class has sentences that must be reported (with the suggestion "采用建议" applies) and
legitimate look-alikes that must not be.
"""

from __future__ import annotations

import pytest

from wagtail_gov_review.checks import get_engine


def found(text: str, code: str) -> list[tuple[str, str]]:
    """(text, suggestion) of each finding of ``code`` in ``text``."""
    return [(f.text, f.suggestion) for f in get_engine().check(text) if f.code == code]


# -- format.punctuation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("关于印发《永川区政府网站管理办法的通知，请遵照执行。", [("《", "")]),
        ("区长在会上强调“要压实责任。随后部署了下一阶段工作。", [("“", "")]),
        ("会议审议通过了实施方案（试行，并部署落实。", [("（", "")]),
        ("各单位要抓好落实）。", [("）", "")]),
        ("请各单位于本月底前报送材料，，逾期不予受理。", [("，，", "，")]),
        ("全年共开展培训12场。。", [("。。", "。")]),
        ("请各单位高度重视,认真组织实施。", [(",", "，")]),
        ("审核内容包括:是否涉密;是否准确", [(":", "："), (";", "；")]),
        ("按照《管理办法(试行)》执行。", [("(试行)", "（试行）")]),
        ("各村(社區)：冬季氣候乾燥。", [("(社區)", "（社區）")]),  # the suggestion keeps the script
        ("依据《条例》（2019年修订)执行。", [(")", "）")]),
        ('简称"区政府网站"。', [('"区政府网站"', "“区政府网站”")]),
        ("会议结束.下一步将开展督查。", [(".", "。")]),
        ("1、加强组织领导", [("1、", "1.")]),
        ("（一）、加强组织领导", [("（一）、", "（一）")]),
        ("一.加强组织领导", [(".", "、")]),
    ],
)
def test_punctuation_errors_are_reported(text, expected):
    assert found(text, "format.punctuation") == expected


@pytest.mark.parametrize(
    "text",
    [
        "会议于上午10:30在区政府三楼会议室召开，投资3.5亿元。",
        "详见区政府网站https://www.example.gov.cn/xxgk/index.html?id=3,4。",
        "系统采用Wagtail CMS, Django and Python开发。",
        "“加强管理”“优化服务”是本次会议的两个关键词。",
        "一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
        # a quotation running over two paragraphs opens each one and closes only the last
        "他说：“第一段话。\n“第二段话。”",
        # a 书名 wrapped onto the next line of a heading
        "关于印发《西秀区人民政府门户网站信息\n审核发布管理制度》的通知",
        "第1、2季度完成任务，1、2号楼已封顶。",
        "请拨打12345热线！！谢谢配合？！",
    ],
)
def test_legitimate_punctuation_is_not_reported(text):
    assert found(text, "format.punctuation") == []


# -- format.number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23年5月，区政府召开常务会议。", [("23年", "2023年")]),
        ("全区完成98年度决算审计。", [("98年", "1998年")]),
        ("项目总投资3千5百万元。", [("3千5百", "3500")]),
        ("补助资金共3万5千元。", [("3万5千", "35000")]),
        ("全年接待游客二0二三人次。", [("二0二三", "2023")]),
        ("同比增长百分之5.6。", [("百分之5.6", "5.6%")]),
        ("落款：二零二三年十月十日", [("二零二三", "二〇二三")]),
        ("二○二四年一月一日起施行。", [("二○二四", "二〇二四")]),
        ("降幅为15～30%。", [("15～30%", "15%～30%")]),
        ("每户补助3至5万元。", [("3至5万", "3万至5万")]),
        ("覆盖9—16亿人次。", [("9—16亿", "9亿—16亿")]),
    ],
)
def test_number_errors_are_reported(text, expected):
    assert found(text, "format.number") == expected


@pytest.mark.parametrize(
    "text",
    [
        "全区完成投资3万元，比上年增长1.2亿元。",
        "“十四五”时期，第1季度完成目标任务的三分之一。",
        "周一上午，统一受理12345热线工单，距城区5千米。",
        "二〇二三年十月十日",
        "增长15%～30%，投资13万元～17万元，规划期2023-2025年。",
        "工作满20年的职工，近10年度考核均为称职。",
        "一是加强领导，二是完善制度，三是强化督查。",
        "3一体化政务服务平台",
    ],
)
def test_legitimate_numbers_are_not_reported(text):
    assert found(text, "format.number") == []


# -- format.date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申报截止日期为2023年2月30日。", [("2023年2月30日", "")]),
        ("会议定于2月30日召开。", [("2月30日", "")]),
        ("2023年13月1日起施行。", [("2023年13月1日", "")]),
        ("二〇二三年二月二十九日印发", [("二〇二三年二月二十九日", "")]),
        ("会议定于2021年11月30日（星期一）上午召开。", [("星期一", "星期二")]),
        ("2021年11月30日周一", [("周一", "周二")]),
        # the year comes from the full date before it in the same text
        ("2026年11月20日印发。请于11月29日（星期五）前报送。", [("星期五", "星期日")]),
    ],
)
def test_date_errors_are_reported(text, expected):
    assert found(text, "format.date") == expected


@pytest.mark.parametrize(
    "text",
    [
        "会议定于2021年11月29日（星期一）上午召开。",
        "2024年2月29日（星期四）",
        "2月29日截止报名。",
        "请于11月29日（星期五）前报送。",  # no year in the text: the weekday is not checked
        "二〇二三年十二月三十一日",
        "全年12个月，每月30日前报送。",
        "农历二月三十日",  # a lunar month may have 30 days
        "2019年5月出台。请于11月29日（星期五）前报送。",  # 2019年5月 does not date the text
    ],
)
def test_valid_dates_are_not_reported(text):
    assert found(text, "format.date") == []


# -- format.ordinal --------------------------------------------------------------------------


def test_level_two_before_any_level_one_is_reported():
    text = "（一）工作目标\n完成年度任务。\n一、总体要求\n（一）指导思想"
    assert found(text, "format.ordinal") == [("（一）", "")]


def test_arabic_ordinal_directly_under_chinese_ordinal_is_reported():
    text = "一、总体要求\n1.提高思想认识\n2.加强组织领导\n二、主要任务\n（一）完善制度"
    assert found(text, "format.ordinal") == [("1.", "")]


def test_skipped_or_repeated_sibling_number_is_reported():
    text = "一、总体要求\n（一）完善制度\n（三）强化督查\n三、保障措施"
    assert found(text, "format.ordinal") == [("（三）", "（二）"), ("三、", "二、")]


@pytest.mark.parametrize(
    "text",
    [
        "一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）加强学习\n（2）强化责任\n2.坚持人民至上\n"
        "（二）基本原则\n二、主要任务",
        "三、保障措施\n（一）加强领导\n（二）强化督查",  # an excerpt may start anywhere
        "第一条 为了规范管理，制定本办法。\n第二条 审核内容包括：\n（一）是否涉密；\n（二）是否准确。\n"
        "第三条 本办法自印发之日起施行。\n（一）附则内容。",
        "附件：1.永川区政府网站栏目内容维护任务分解表\n      2.专属网页内容维护任务分解表",
        "注：1.本表由信息发布主管部门填写。\n2.机关发布信息均应进行登记。",
    ],
)
def test_well_formed_ordinals_are_not_reported(text):
    assert found(text, "format.ordinal") == []


def test_ordinals_are_not_checked_in_titles():
    assert [
        f
        for f in get_engine().check("（二）关于加强管理", kind="title")
        if f.code == "format.ordinal"
    ] == []


def test_format_findings_warn_and_point_into_traditional_text():
    text = "會議定於2021年11月30日（星期一）召開,請各單位參加。"
    findings = [f for f in get_engine().check(text) if f.code.startswith("format.")]
    assert {f.code for f in findings} == {"format.date", "format.punctuation"}
    for f in findings:
        assert f.severity == "warn"
        assert text[f.start : f.end] == f.text
