"""Term checks: outdated names, political wording, typos, sensitive/prohibited, lexicons."""

from __future__ import annotations

import pytest

from wagtail_gov_review.checks import CheckEngine, EngineConfig

from .helpers import codes


@pytest.mark.parametrize(
    "old,new",
    [
        ("国土资源部", "自然资源部"),
        ("环境保护部", "生态环境部"),
        ("国家卫生和计划生育委员会", "国家卫生健康委员会"),
        ("卫计委", "卫健委"),
        ("卫生计生委", "卫生健康委"),
        ("工商行政管理局", "市场监督管理局"),
        ("工商局", "市场监督管理局"),
        ("安全生产监督管理局", "应急管理局"),
        ("安监局", "应急管理局"),
    ],
)
def test_outdated_names_carry_the_current_name(engine, old, new):
    [f] = engine.check(f"根据{old}有关要求，")
    assert (f.code, f.text, f.suggestion, f.severity) == ("term.outdated_name", old, new, "warn")


def test_longest_outdated_name_wins(engine):
    [f] = engine.check("国家工商行政管理总局发布通知")
    assert f.text == "国家工商行政管理总局" and f.suggestion == "国家市场监督管理总局"


@pytest.mark.parametrize(
    "text",
    [
        "湛江市文化广电旅游局、文化和旅游部、国家卫生健康委员会联合发文。",
        "市场监督管理局、应急管理局、自然资源和规划局、生态环境局、农业农村局。",
        "国家税务总局湛江市税务局、国家药品监督管理局。",
        "各级卫生部门、农业部门要加强协作。",
    ],
)
def test_current_names_are_never_flagged(engine, text):
    assert [f for f in engine.check(text) if f.code == "term.outdated_name"] == []


def test_outdated_name_in_traditional_script(engine):
    text = "根據國土資源局有關要求"
    [f] = engine.check(text)
    assert f.text == "國土資源局" and f.suggestion.startswith("自然资源局")


@pytest.mark.parametrize(
    "wrong,right",
    [
        ("南朝鲜", "韩国"),
        ("台湾总统", "台湾地区领导人"),
        ("一带一路战略", "“一带一路”倡议"),
        ("一路一带", "一带一路"),
    ],
)
def test_political_wording_with_standard_form(engine, wrong, right):
    [f] = engine.check(f"报道中出现了“{wrong}”的表述。")
    assert (f.code, f.text, f.suggestion) == ("term.political", wrong, right)


def test_standard_political_wording_is_not_flagged(engine):
    text = (
        "要坚持以人民为中心的发展思想，推进“一带一路”倡议，深化供给侧结构性改革，全面建成小康社会。"
    )
    assert engine.check(text) == []


@pytest.mark.parametrize(
    "wrong,right", [("再接再励", "再接再厉"), ("按步就班", "按部就班"), ("迫不急待", "迫不及待")]
)
def test_typos_are_corrected(engine, wrong, right):
    [f] = engine.check(f"希望大家{wrong}。")
    assert (f.code, f.suggestion) == ("typo", right)


def test_sensitive_marking_blocks(engine):
    [f] = engine.check("机密★1年 关于某事项的通知")
    assert f.code == "term.sensitive" and f.severity == "block"


def test_prohibited_content_blocks(engine):
    [f] = engine.check("欢迎访问网上赌场")
    assert f.code == "term.prohibited" and f.severity == "block"


def test_extra_terms_from_memory_and_allow_list():
    config = EngineConfig(
        extra_terms={"typo": [("象征性的收费", "象征性收费")], "sensitive": ["内部讨论稿"]},
        allow_terms=["既使"],
    )
    engine = CheckEngine(config)
    found = engine.check("此为内部讨论稿，象征性的收费。既使如此。")
    assert codes(found) == ["term.sensitive", "typo"]


def test_extra_lexicon_file(tmp_path):
    lex = tmp_path / "site-terms.tsv"
    lex.write_text("# category: outdated_name\n# source: test\n老机构\t新机构\t本地改革\n", "utf-8")
    [f] = CheckEngine(EngineConfig(lexicon_paths=[str(lex)])).check("根据老机构要求")
    assert f.suggestion == "新机构" and "本地改革" in f.message


def test_large_lexicon_builds_and_matches():
    terms = [(f"测试词{i:06d}", "") for i in range(100_000)]
    engine = CheckEngine(EngineConfig(extra_terms={"sensitive": terms}, enabled=["term.sensitive"]))
    [f] = engine.check("正文包含测试词099999一处。")
    assert f.text == "测试词099999"


def test_disabled_check_is_not_run():
    engine = CheckEngine(EngineConfig(disabled=["typo", "pii"]))
    assert "typo" not in engine.checks and "pii.mobile" not in engine.component_names
    assert engine.check("再接再励，手机13800138000") == []


def test_unknown_check_name_is_an_error():
    with pytest.raises(ValueError):
        EngineConfig(disabled=["nope"]) and CheckEngine(EngineConfig(disabled=["nope"]))


def test_severity_override():
    engine = CheckEngine(EngineConfig(severity={"typo": "block"}))
    [f] = engine.check("再接再励")
    assert f.severity == "block"
    with pytest.raises(ValueError):
        EngineConfig(severity={"typo": "fatal"})


# --- format / links -------------------------------------------------------------------------


def test_title_space_only_for_titles(engine):
    title = "关于做好 2024年防汛工作的通知"
    [f] = engine.check(title, kind="title")
    assert f.code == "format.title_space" and f.text == " "
    assert engine.check(title) == []


def test_title_space_ideographic_and_latin(engine):
    assert [f.text for f in engine.check("关于　Windows 10 升级的通知", kind="title")] == [
        "　",
        " ",
    ]


def test_commercial_link_and_ad_wording(engine):
    found = engine.check("详情见 https://item.taobao.com/item.htm?id=1 ，扫码领取优惠。")
    assert codes(found) == ["link.commercial", "link.commercial"]


def test_external_link_warns_but_official_sites_do_not(engine):
    found = engine.check(
        "参见 http://www.example.com/a 和 https://www.gov.cn/zhengce/ 以及 www.xinhuanet.com"
    )
    assert [(f.code, f.text) for f in found] == [("link.external", "http://www.example.com/a")]
