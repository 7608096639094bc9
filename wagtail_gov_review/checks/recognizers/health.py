"""pii.health — a named individual's illness (困难群众赵某患有糖尿病, 患者李某 …).

A disease name alone is not personal: 做好高血压、糖尿病防治工作 is health policy. A finding
needs a disease from the lexicon, a verb tying it to someone (患有, 确诊 …) and a person right
before the verb (a name, 患者/本人/其/该户主 …), or 患者+surname right after the disease.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import ahocorasick

from ..lexicon_files import read_lexicon
from ..registry import Context, Match, Recognizer, register

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_NAME = f"(?:欧阳|司马|诸葛|上官|东方|[{SURNAMES}])"
_VERB = (
    r"(?:患有|患上|罹患|身患|确诊为|确诊患有|确诊|被诊断为|被诊断出|诊断为|查出|检出|患)"
    r"(?:了)?(?:严重的?|重度|中度|晚期|早期|慢性|急性|先天性|遗传性)?$"
)
_PERSON_BEFORE_VERB = re.compile(
    rf"(?:{_NAME}(?:某+|[\u4e00-\u9fff]{{1,2}})(?:同志|先生|女士|老人)?"
    r"|患者|病人|本人|其|他|她|户主|申请人|该(?:同志|户主?|居民|村民|职工|学生|患者|员工|申请人|对象|老人)"
    r"|妻子|丈夫|儿子|女儿|父亲|母亲|之子|之女)"
    r"(?:长期|一直|自幼|从小|曾|已|因|先后|不幸|于\d+年)?$"
)
_PATIENT_AFTER = re.compile(rf"(?:患者|病人)[ \t]*{_NAME}")
# Words that end in a surname-like pattern but name a group, not a person.
_GROUP_ENDINGS = set("民众们员者户区市县省镇乡村国人生工童")
_CLAUSE_START = re.compile(r"[。！？；;!?\n，,]")


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for entry in read_lexicon("diseases.txt"):
        automaton.add_word(entry.key, entry.key)
    automaton.make_automaton()
    return automaton


def _longest_matches(text: str) -> list[tuple[int, int]]:
    found = sorted(
        ((end - len(key) + 1, end + 1) for end, key in _automaton().iter(text)),
        key=lambda se: (se[0], -se[1]),
    )
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


@register
class HealthRecognizer(Recognizer):
    code = "pii.health"
    rule = "000 芙蓉区：健康状况等个人信息须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for s, e in _longest_matches(text):
            window = text[max(0, s - 30) : s]
            cut = max((m.end() for m in _CLAUSE_START.finditer(window)), default=0)
            window = window[cut:]
            # A verb may sit just before the disease (患有糖尿病); the person just before the verb.
            verb = re.search(_VERB, window)
            reason = ""
            if verb:
                head = window[: verb.start()]
                person = _PERSON_BEFORE_VERB.search(head)
                if person and not (
                    len(person.group()) > 1
                    and person.group()[-1] in _GROUP_ENDINGS
                    and person.group()[0] in SURNAMES
                ):
                    reason = f"“{person.group()}{verb.group()}”将疾病与个人关联"
            if not reason:
                after = _PATIENT_AFTER.match(text, e, min(len(text), e + 8))
                if after:
                    reason = f"疾病后接“{after.group()}”"
            if not reason:
                continue
            yield Match(
                self.code,
                s,
                e,
                "疑似公开了特定个人的健康状况（疾病信息），属个人隐私，公开前须删除或隐去",
                "*" * (e - s),
                reason,
                self.rule,
            )
