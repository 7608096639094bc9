"""Other personal information (GB/T 35273 Annex B): passports, plates, e-mail, landlines,
financial accounts and medical record numbers — and the agency data that must stay unflagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from wagtail_gov_review.checks.findings import default_severity

from .conftest import corpus_path

FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
NEW_CODES = (
    "pii.passport",
    "pii.plate",
    "pii.email",
    "pii.landline",
    "pii.account",
    "pii.medical_record",
)


def pii(findings, code=None):
    return [f for f in findings if f.code.startswith("pii.") and (code is None or f.code == code)]


def variants(template: str, value: str) -> list[tuple[str, str]]:
    """The sentence as written, with full-width characters, and with spaces round the value."""
    return [
        (template.format(value), value),
        (template.format(value.translate(FULL_WIDTH)), value.translate(FULL_WIDTH)),
        (template.format(f" {value} "), value),
    ]


POSITIVES = [
    ("pii.passport", "申请人刘某，护照号码：{}，已于近日办结出境手续。", "E39281746"),
    ("pii.passport", "申请人刘某，护照号码：{}，已于近日办结出境手续。", "EA2736415"),
    ("pii.passport", "当事人周某持有的往来港澳通行证{}已过期。", "C62841937"),
    ("pii.passport", "申請人黃某，護照號碼為{}，請補交材料。", "G28374615"),
    ("pii.passport", "港澳居民梁某，回乡证号码{}。", "H12345678"),
    ("pii.medical_record", "患者赵某，住院号：{}，诊断结果另行通知。", "ZY20230815"),
    ("pii.medical_record", "病历号{}的患者已转院。", "2023004517"),
    ("pii.medical_record", "救助对象孫某，病歷號：{}。", "MZ8842107"),
    ("pii.medical_record", "就诊卡号：{}", "88421076"),
    ("pii.account", "申请人李某，住房公积金账号：{}，申请提取。", "3021004518822"),
    ("pii.account", "补贴发放至户主杨某的存折账号{}。", "43015100283877"),
    ("pii.account", "受助人王某，證券賬戶：{}。", "A482917365"),
    ("pii.landline", "申请人钱某，联系电话：{}。", "0731-84561237"),
    ("pii.landline", "低保户孙某，住宅电话{}。", "010-62345678"),
    ("pii.landline", "当事人周某，联系电话：{}。", "0731 8456 1237"),
    ("pii.landline", "投诉人何某留下的家庭电话：{}。", "85621937"),
    ("pii.email", "申请人许某，电子邮箱：{}，请查收。", "xu_ming1988@qq.com"),
    ("pii.email", "学生家长吴某通过邮箱{}反映情况。", "wumama@163.com"),
    ("pii.email", "有关材料请发至{}。", "lisi2020@gmail.com"),
    ("pii.plate", "车主张某驾驶{}小型轿车违法停车。", "湘A·7B123"),
    ("pii.plate", "驾驶人罗某驾驶号牌为{}的汽车发生事故。", "粤BD12345"),
    ("pii.plate", "車主鄭某的{}號車輛被依法扣留。", "川A8K629"),
]


@pytest.mark.parametrize(("code", "template", "value"), POSITIVES)
def test_personal_information_is_found_in_every_spelling(engine, code, template, value):
    for text, written in variants(template, value):
        found = pii(engine.check(text), code)
        assert len(found) == 1, (text, found)
        [f] = found
        assert f.text.strip() == written.strip() and text[f.start : f.end] == f.text
        assert f.severity == default_severity(code)
        assert f.suggestion and f.suggestion != f.text and "*" in f.suggestion
        assert f.reason, "every match says why it matched"


NEGATIVES = [
    "如有疑问请拨打区政务服务中心咨询电话0731-84561237，监督电话12345。",
    "区财政局办公室电话：0731-84561238，传真：0731-84561239。",
    "联系人：王科长，联系电话：0759-3181387。",
    "举报电话：（0731）84561230，举报邮箱：jubao@furong.gov.cn。",
    "欢迎来稿，投稿邮箱：xxgk@furong.gov.cn。",
    "区委办公室邮箱frqsjzy930@163.com接受群众来信。",
    "请各单位将材料发送至区教育局邮箱jyj2023@163.com。",
    "技术支持：service@example-company.com.cn",
    "全区公务用车湘A·12345等32台车辆已全部安装北斗定位终端。",
    "执法车辆湘A·0001警在路口执勤。",
    "新开通的公交线路由湘A·D12345等新能源车辆运营。",
    "户名：长沙市芙蓉区财政局，开户银行：建设银行，账号：43001501061052512345。",
    "捐款账号：43001501061052512345，户名：芙蓉区慈善总会。",
    "本批次产品编号E12345678已入库，批号C20230815。",
    "全区门诊量达12万人次，住院人数同比增长5%。",
    "區政府辦公室電話：（0731）84561230，郵箱：bgs@changsha.gov.cn。",
    "文号：湘政办发〔2023〕12号，索引号：430102/2023-00123。",
    "2023年全区GDP增长6.5%，完成固定资产投资0731亿元。",
    "家庭医生签约服务咨询电话：0731-84561234。",
    "居民服务电话0731-84561235，工作日9:00-17:00接听。",
    "个人所得税咨询电话0731-84561236。",
    "家长可拨打学校值班电话0731-84561237反映情况。",
    "村民委员会电话：0731-84561238。",
    "患者可拨打医院预约电话0731-84561239。",
    "请投诉人将材料发送至投诉邮箱tousu@163.com。",
    "本人持身份证到区政务服务中心办理，咨询电话：0731-84561230。",
    "收款账号：4301 5000 1234 5678 901，户名：长沙某某科技有限公司。",
    "账户名称：长沙市芙蓉区公共资源交易中心，账号：43050175380000000123。",
    "门诊号源紧张，请提前预约。",
    "受理时间：工作日，联系电话：0731-84561231（王老师）。",
    "网站账号申请审批表编号：20230001234。",
    "2023年湘A号段共发放号牌35000副，京A牌照指标12345个。",
    "为民办实事项目编号G20230815已完成。",
    "市民可通过12345热线或邮箱12345@changsha.gov.cn反映问题。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_agency_contact_data_and_lookalikes_are_not_personal(engine, text):
    assert pii(engine.check(text)) == []


def test_new_codes_mask_with_their_own_operator(engine):
    from wagtail_gov_review.checks import mask

    text = "申请人许某，邮箱xu_ming1988@qq.com，护照号码E39281746，联系电话：0731-84561237。"
    masked = mask(text, engine.check(text))
    assert "xu_ming1988" not in masked and "x**********@qq.com" in masked
    assert "E39281746" not in masked and "E******46" in masked
    assert "0731-84561237" not in masked and "0731-******37" in masked


def test_new_checks_can_be_switched_off_by_name():
    from wagtail_gov_review.checks import EngineConfig, get_engine

    engine = get_engine(EngineConfig(disabled=["pii.landline", "pii.email"]))
    text = "申请人钱某，联系电话：0731-84561237，邮箱qian@qq.com。"
    assert pii(engine.check(text)) == []


def test_severities_follow_the_sensitivity_of_the_data():
    assert {c: default_severity(c) for c in NEW_CODES} == {
        "pii.passport": "block",
        "pii.plate": "warn",
        "pii.email": "warn",
        "pii.landline": "block",
        "pii.account": "block",
        "pii.medical_record": "block",
    }


def test_seed_regulations_have_no_personal_information_findings(engine):
    """The five seed regulations are real gov text (with office phones and mailboxes)."""
    seeds = sorted((corpus_path().parent.parent / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("seed regulations not found next to the corpus")
    for seed in seeds:
        found = pii(engine.check(Path(seed).read_text(encoding="utf-8")))
        assert found == [], (seed.name, found)
