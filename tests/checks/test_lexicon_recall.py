"""Issue 17: recall of terms, health conditions and addresses beyond exact list entries, and
precision where a list entry occurs inside correct text."""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

import pytest

from wagtail_gov_review.checks import CheckEngine, EngineConfig
from wagtail_gov_review.checks.lexicon_files import packaged_lexicons, packaged_text
from wagtail_gov_review.checks.terms import HISTORY_NOTE

from .conftest import corpus_path


def only(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


# --- outdated names: abbreviations, spaced/quoted forms, history ----------------------------


@pytest.mark.parametrize(
    "text,name",
    [
        ("市环保局开展专项检查。", "环保局"),
        ("请到县食药监局窗口办理。", "食药监局"),
        ("市文广新局举办文艺汇演。", "文广新局"),
        ("请向当地的安监部门报告。", "安监部门"),
        ("市规划局公示了建设项目方案。", "规划局"),
        ("县畜牧兽医局开展春季防疫。", "畜牧兽医局"),
        ("國家鄉村振興局發布通知。", "國家鄉村振興局"),
    ],
)
def test_abbreviated_and_local_outdated_names_are_found(engine, text, name):
    [f] = only(engine.check(text), "term.outdated_name")
    assert f.text == name and f.suggestion


@pytest.mark.parametrize(
    "text,span",
    [
        ("根据国 土 资 源 局有关要求。", "国 土 资 源 局"),
        ("落款为“国土资源”局的公文已作废。", "国土资源”局"),
        ("落款为「卫计」委的旧公章。", "卫计」委"),
    ],
)
def test_spaced_and_partly_quoted_names_are_found_with_original_offsets(engine, text, span):
    [f] = only(engine.check(text), "term.outdated_name")
    assert f.text == span == text[f.start : f.end]


def test_a_name_after_yuan_is_reported_as_history_with_a_note(engine):
    [f] = only(engine.check("原国土资源局的职责划入自然资源局。"), "term.outdated_name")
    assert f.text == "国土资源局" and HISTORY_NOTE in f.message and f.severity == "warn"
    [plain] = only(engine.check("请向国土资源局申请。"), "term.outdated_name")
    assert HISTORY_NOTE not in plain.message


@pytest.mark.parametrize(
    "text",
    [
        "市自然资源和规划局发布公告。",
        "县交通运输局、市消防救援支队联合检查。",
        "区卫生健康局组织培训，市农业农村委员会参加。",
        "住建局位于芙蓉区五一大道100号。",
    ],
)
def test_current_names_that_contain_an_abbreviation_are_not_flagged(engine, text):
    assert only(engine.check(text), "term.outdated_name") == []


# --- typos: word boundaries and the generated idiom list -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "交通迅速发展，群众出行更方便。",  # 交通 + 迅速, not 通迅
        "山脉博物馆今日开馆。",  # 山脉 + 博物馆, not 脉博
        "党员干部要多做为民办实事的好事。",  # 做 + 为民, not 做为
    ],
)
def test_a_typo_entry_across_a_word_boundary_is_not_reported(engine, text):
    assert only(engine.check(text), "typo") == []


@pytest.mark.parametrize(
    "text,typo",
    [
        ("请使用新的通迅方式联系。", "通迅"),
        ("做为一名党员，要带头。", "做为"),
        ("请提供银行帐户名称。", "帐户"),
        ("大家不要一愁莫展。", "一愁莫展"),
    ],
)
def test_a_typo_that_is_a_word_of_the_text_is_still_reported(engine, text, typo):
    [f] = only(engine.check(text), "typo")
    assert f.text == typo


@pytest.mark.parametrize(
    "text,typo,right",
    [
        ("形势危在诞夕，必须行动。", "危在诞夕", "危在旦夕"),
        ("各单位争先恐后，方兴谓艾。", "方兴谓艾", "方兴未艾"),
        ("對此我們了如指長。", "了如指長", "了如指掌"),
    ],
)
def test_homophone_typos_in_common_idioms_are_found(engine, text, typo, right):
    [f] = only(engine.check(text), "typo")
    assert (f.text, f.suggestion) == (typo, right)


def test_site_typo_terms_also_keep_to_word_boundaries():
    engine = CheckEngine(EngineConfig(enabled=["typo"], extra_terms={"typo": [("通迅", "通讯")]}))
    assert engine.check("交通迅速发展。") == []
    assert [f.text for f in engine.check("新的通迅方式。")] == ["通迅"]


def test_seed_regulations_yield_no_typo_but_the_real_one(engine):
    seeds = sorted((corpus_path().parent.parent / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("seed regulations not found next to the corpus")
    found = {f.text for s in seeds for f in engine.check(s.read_text("utf-8")) if f.code == "typo"}
    assert found <= {"签定"}  # 签定 for 签订 in seed 004 is a real one


# --- health: diseases, disabilities, test results tied to a person ---------------------------


@pytest.mark.parametrize(
    "text,condition",
    [
        ("经检测，张某HIV阳性，已转定点医院。", "HIV阳性"),
        ("低保户王某某，肢体残疾二级，家庭困难。", "肢体残疾二级"),
        ("申请人刘某系二级智力残疾，由其母亲代为申请。", "二级智力残疾"),
        ("李某，男，56岁，尿毒症，需长期透析。", "尿毒症"),
        ("救助对象赵某（白血病）已获救助。", "白血病"),
        ("王某某，女，43岁，系低保对象，患乳腺癌晚期。", "乳腺癌"),
        ("村民张某某被确诊为新型冠状病毒感染。", "新型冠状病毒感染"),
        ("该村民乙肝表面抗原阳性，已纳入随访。", "乙肝表面抗原阳性"),
        ("申请人黄某某，因车祸致高位截瘫。", "高位截瘫"),
        ("张三是HIV阳性患者。", "HIV阳性"),
        ("王五的HIV检测结果为阳性。", "HIV检测结果为阳性"),
        ("张三，确诊肺癌晚期。", "肺癌"),
        ("我患有糖尿病，想申请救助。", "糖尿病"),
    ],
)
def test_health_condition_named_without_a_trigger_word(engine, text, condition):
    [f] = only(engine.check(text), "pii.health")
    assert f.text == condition and f.severity == "block"


@pytest.mark.parametrize(
    "text",
    [
        "HIV阳性孕产妇所生儿童应及时进行随访。",
        "全区核酸检测结果均为阴性。",
        "为一级、二级肢体残疾人发放护理补贴。",
        "张主任主持召开糖尿病防治工作会议。",
        "王某某同志主持召开精神障碍患者管理工作会议。",
        "张某某主任强调，患有慢性病的老人要定期体检。",
        "全县共有残疾人3.2万人，其中肢体残疾1.5万人。",
        "王主任介绍HIV阳性孕产妇随访情况。",
        "我区HIV阳性孕产妇均已随访，我市患有高血压的居民可免费随访。",
    ],
)
def test_health_policy_and_statistics_are_not_personal(engine, text):
    assert only(engine.check(text), "pii.health") == []


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,address",
    [
        ("困难户张某（住芙蓉区八一路106号16栋703室）申请救助。", "芙蓉区八一路106号16栋703室"),
        ("受助人李某(住湛江市赤坎区人民中路15号)已领取。", "湛江市赤坎区人民中路15号"),
        ("王某，住：永川区建设路216号12栋2204室。", "永川区建设路216号12栋2204室"),
        ("张某，住所：芙蓉区八一路106号16栋703室。", "芙蓉区八一路106号16栋703室"),
    ],
)
def test_address_in_parentheses_or_after_a_short_label(engine, text, address):
    [f] = only(engine.check(text), "pii.address")
    assert f.text == address


# --- lexicon files, offsets, memory ----------------------------------------------------------


def test_every_shipped_lexicon_names_its_source():
    for name in [*packaged_lexicons(), "diseases.txt", "words.txt"]:
        header = "\n".join(
            line for line in packaged_text(name).splitlines()[:12] if line.startswith("#")
        )
        assert re.search(r"[Ss]ources?[:：]|Generated by|from jieba", header), name
    for name in ("typo-idioms.tsv", "words.txt"):
        assert "MIT" in packaged_text(name)[:800], name
    assert "Apache-2.0" in packaged_text("typo-idioms.tsv")[:800]


def test_offsets_stay_right_around_astral_and_traditional_characters(engine):
    text = "😀𠀋國土資源局，再接再勵。"
    found = engine.check(text)
    assert [f.code for f in found] == ["term.outdated_name", "typo"]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert [f.text for f in found] == ["國土資源局", "再接再勵"]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads RSS from /proc")
def test_memory_stays_flat_over_10000_checks_of_distinct_texts(engine):
    def rss_kib() -> int:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))

    def run(first: int, count: int) -> None:
        for i in range(first, first + count):
            engine.check(f"第{i}号：申请人张某{i}，住芙蓉区八一路{i}号，卫计委，再接再励。")

    run(0, 1_000)  # warm-up: caches and allocator pools
    before = rss_kib()
    run(1_000, 10_000)
    assert rss_kib() - before < 4 * 1024  # distinct texts must not grow the vocab


def test_no_lexicon_file_is_left_unread():
    folder = Path(packaged_lexicons.__code__.co_filename).parent / "lexicons"
    files = {Path(p).name for p in glob.glob(str(folder / "*"))}
    assert files == {*packaged_lexicons(), "diseases.txt", "words.txt"}
