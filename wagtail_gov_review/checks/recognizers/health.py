"""pii.health — a named individual's health condition (困难群众赵某患有糖尿病, 张某HIV阳性 …).

A condition alone is not personal: 做好高血压、糖尿病防治工作 is health policy. A condition is
a disease from ``lexicons/diseases.txt``, a disability with its grade (肢体残疾二级, 二级智力残疾),
a test result (HIV阳性, 核酸检测结果为阳性, 乙肝表面抗原阳性) or, after a diagnosis verb, any word
ending like a disease (…病, …症, …癌, …炎). A finding needs the condition tied to someone:

- a person, then a verb (患有, 确诊为 …), then the condition: 李某确诊为肺结核; the person may be
  the whole clause before (张三，确诊肺癌) or a named person earlier in the sentence (王某某，女，
  43岁，系低保对象，患乳腺癌), unless the condition describes a group (患有慢性病的老人);
- a person right before the condition, with only punctuation, a linking word (系, 为, 因 …) or
  short descriptors between: 王某某，肢体残疾二级 / 李某，男，56岁，尿毒症 / 赵某（白血病）;
  for a test result a bare name will do (张三是HIV阳性), unless a group word follows (…孕产妇);
- or 患者/病人 + surname right after it: 尿毒症患者张某.

A "person" is a surname + 某/某某 or a given name after a role word (困难群众, 申请人 …), a name
followed by 男/女, a pronoun or kinship word (其, 本人, 该户主, 其子 …). A bare name (surname
character + 1–2 characters) that is a word of ``lexicons/words.txt`` is no one: 关键是核酸检测阴性.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..automaton import Utf8Automaton
from ..lexicon_files import read_lexicon
from ..registry import Context, Match, Recognizer, register
from ..word_boundaries import packaged_dictionary

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_NAME = f"(?:欧阳|司马|诸葛|上官|东方|[{SURNAMES}])"
_VERB = re.compile(
    r"(?:被?确诊为|被?确诊患有|被?确诊|被?诊断为|被诊断出|患有|患上|罹患|身患|查出|检出|患)"
    r"(?:了)?(?:严重的?|重度|中度|晚期|早期|慢性|急性|先天性|遗传性)?$"
)
# Who a condition can belong to. Group words (民众, 居民们 …) end these patterns only after 该.
_ROLE = (
    r"(?:困难群众|困难户|低保户|低保对象|特困户|特困人员|贫困户|五保户|监测户|申请人|受助人|受助者"
    r"|救助对象|帮扶对象|村民|居民|职工|员工|学生|幼儿|儿童|老人|户主|家属|患者|病人|同志)"
)
_KIN = r"(?:妻子|丈夫|儿子|女儿|父亲|母亲|之子|之女|其子|其女|其妻|其夫|其父|其母|配偶)"
_PERSON = (
    rf"(?:{_NAME}某+(?:某|甲|乙|丙)?(?:同志|先生|女士|老人)?"
    rf"|{_ROLE}[:：]?[ \t]*{_NAME}[\u4e00-\u9fff]{{1,2}}"
    r"|患者|病人|本人|其|他|她|我|某某|户主|申请人|受助人"
    r"|该(?:同志|户主?|居民|村民|职工|学生|患者|员工|申请人|对象|老人|儿童|幼儿|男子|女子)"
    rf"|{_KIN})"
)
_VERB_CHARS = "患诊查检"  # every verb above holds one of these
_HAS_VERB_CHAR = re.compile(f"[{_VERB_CHARS}]")
_PERSON_BEFORE_VERB = re.compile(
    rf"(?:{_PERSON}|{_NAME}[\u4e00-\u9fff]{{1,2}}(?:同志|先生|女士|老人)?)"
    r"(?:长期|一直|自幼|从小|曾|已|因|先后|不幸|于\d+年)?$"
)
# A person right before a condition: punctuation, linking words and short descriptors between
# (李某，男，56岁，尿毒症 / 赵某（白血病） / 刘某系二级智力残疾 / 张某HIV阳性).
_GLUE = (
    r"(?:[，,、：:（(\s]|的|系|为|是|属|经|患|现|已|长期|自幼|检测|检查|诊断|鉴定|评定"
    r"|因(?:[\u4e00-\u9fff]{1,6}?(?:致|导致|造成|引发))?"
    r"|男|女|\d{1,3}岁|[\u4e00-\u9fff]{1,2}族|持有|持|残疾证|证号)*"
)
_PERSON_BEFORE_CONDITION = re.compile(
    rf"(?:{_PERSON}|{_NAME}[\u4e00-\u9fff]{{1,2}}(?=[，,][ \t]*[男女][，,]))"
    rf"(?:[，,][ \t]*[男女][，,]?)?{_GLUE}$"
)
# 患者张某 / 病人李小明, but not 患者管理 (管 is a surname too): a given name ends at punctuation.
# Every person pattern above holds one of these characters (某, a role's or kin word's last
# character, a pronoun, 男/女 after a bare name).
_PERSON_HINTS = "某众户象员人者属民工生儿童志主其他她我本该子女妻夫父母偶男"
_HAS_PERSON_HINT = re.compile(f"[{_PERSON_HINTS}]")
_PATIENT_AFTER = re.compile(
    rf"(?:患者|病人)[ \t]*(?:{_NAME}某+|{_NAME}[\u4e00-\u9fff]{{1,2}}(?=[，,。；;、（(\s]|$))"
)
# A named person (not a pronoun) anywhere earlier in the sentence, for a condition right after
# a diagnosis verb: 王某某，女，43岁，系低保对象，患乳腺癌 / 李某某（女，67岁）患有肾衰竭.
_NAMED_PERSON = re.compile(
    rf"{_NAME}某+|{_ROLE}[:：]?[ \t]*{_NAME}[\u4e00-\u9fff]{{1,2}}|{_NAME}[\u4e00-\u9fff]{{1,2}}(?=[，,（(][ \t]*[男女])"
)
# Words that end in a surname-like pattern but name a group, not a person.
_GROUP_ENDINGS = set("民众们员者户区市县省镇乡村国人生工童")
# Where the sentence / clause holding a condition starts: the last such mark before it.
# ("|" too: a table cell ends there.)
_SENTENCE_MARKS = "。！？；;!?\n|"
_CLAUSE_MARKS = _SENTENCE_MARKS + "，,"


@functools.cache
def _no_mark_run(marks: str) -> re.Pattern[str]:
    return re.compile(f"[^{re.escape(marks)}]*")


def _tail(window: str, marks: str) -> str:
    """The part of ``window`` after its last mark. One regex call on the reversed (short)
    window: a ``rfind`` per mark, or ``str.translate`` with a dict, cost a Python call each."""
    reverse = window[::-1]
    return reverse[: _no_mark_run(marks).match(reverse).end()][::-1]


# Policy context right after a condition: it names a programme, not someone's health.
_POLICY_AFTER = re.compile(
    r"[^，。；]{0,6}?(?:防治|防控|筛查|宣传|工作|服务|管理|补贴|政策|人员|人群)"
)

# Conditions are found from an anchor (残疾, 阳性/阴性) outwards: a pattern that starts with
# optional parts cannot be searched for quickly.
_GRADE = r"(?:[一二三四1-4]级|[一二三四1-4]等)"
_DISABILITY = re.compile("残疾")
_DISABILITY_BEFORE = re.compile(
    rf"(?:{_GRADE}[ \t]*)?(?:肢体|视力|听力|言语|语言|智力|精神|多重|重度|中度|轻度)?$"
)
_DISABILITY_AFTER = re.compile(rf"(?:[ \t]*{_GRADE}|等级[为是:：]?[ \t]*{_GRADE})?(?!人|者)")
_RESULT_WORDS = ("阳性", "阴性", "(+)", "（+）")
# The shortest name first, so 关键是 reads as 关键 + 是 (and 关键 is then a word, not a name).
# A surname with a title (高先生, 关女士) is a person whatever words it starts.
_NAME_BEFORE_RESULT = re.compile(
    rf"(?:^|(?<=[，,、：:（(\s]))(?:({_NAME}(?:先生|女士|老师))|({_NAME}[\u4e00-\u9fff]{{1,2}}?))"
    r"(?:的|是|系|经检测|检测)?$"
)
_BARE_NAME = re.compile(rf"{_NAME}[\u4e00-\u9fff]{{1,2}}")
# Adverbs _PERSON_BEFORE_VERB allows after a person (李明长期患有…).
_ADVERB_AFTER_PERSON = re.compile(r"(?:长期|一直|自幼|从小|曾|已|因|先后|不幸|于\d+年)$")


def is_common_word(name: str) -> bool:
    """Whether a bare "name" (surname character + 1–2 characters) is a dictionary word: 关键,
    高度, 方面, 王牌, 周边, 黄金周 … begin with a surname character but name no one. A three-character
    one whose first two characters are a word (关键是) is a word followed by something else."""
    words = packaged_dictionary().frequencies
    return name in words or (len(name) == 3 and name[:2] in words)


def _is_bare_word(person: str) -> bool:
    """A person match that is only a surname + given name and reads as a common word."""
    person = _ADVERB_AFTER_PERSON.sub("", person)
    return bool(_BARE_NAME.fullmatch(person)) and is_common_word(person)


# After a result, words that make it a group or a statistic: HIV阳性孕产妇, 阳性率.
_RESULT_GROUP_AFTER = re.compile(r"孕产妇|人员|人群|病例|率|人数|儿童")
_RESULT = re.compile(r"阳性|阴性|\(\+\)|（\+）")
_TEST_BEFORE_RESULT = re.compile(
    r"(?:HIV|hiv|艾滋病病毒|艾滋病|人类免疫缺陷病毒|核酸|新冠病毒|新冠|抗原|乙肝表面抗原|乙肝病毒|乙肝|HBsAg"
    r"|丙肝抗体|丙肝|梅毒螺旋体|梅毒|结核菌素|PPD|抗体)"
    r"[^，。；,;\n]{0,10}?(?:呈|为|是)?$"
)
# After a diagnosis verb, any word that reads like a disease name (generalises the lexicon).
_DISEASE_AFTER_VERB = re.compile(
    r"(?:患有|罹患|身患|确诊为|确诊患有|诊断为|被诊断为|被诊断出)(?:了)?"
    r"([\u4e00-\u9fffA-Za-z0-9]{1,9}(?:病|症|癌|瘤|炎|综合征|障碍|中毒|感染|骨折|损伤))"
)


@functools.cache
def _automaton() -> Utf8Automaton:
    automaton = Utf8Automaton()
    for entry in read_lexicon("diseases.txt"):
        automaton.add(entry.key, entry.key)
    automaton.build()
    return automaton


def _disabilities(text: str) -> Iterator[tuple[int, int]]:
    """肢体残疾二级, 二级智力残疾, 残疾等级为三级 … (not 残疾人: a group)."""
    for m in _DISABILITY.finditer(text):
        s, e = m.span()
        after = _DISABILITY_AFTER.match(text, e)
        if after is None:
            continue
        before = _DISABILITY_BEFORE.search(text, max(0, s - 8), s)
        yield (before.start() if before else s), after.end()


def _test_results(text: str) -> Iterator[tuple[int, int]]:
    """HIV阳性, 核酸检测结果为阳性, 乙肝表面抗原（+） … from the test name to the result."""
    for m in _RESULT.finditer(text):
        test = _TEST_BEFORE_RESULT.search(text, max(0, m.start() - 24), m.start())
        if test:
            yield test.start(), m.end()


def conditions(text: str) -> list[tuple[int, int]]:
    """Spans naming a health condition (disease, graded disability, test result), longest first."""
    found = [(s, e) for s, e, _ in _automaton().matches(text)]
    found += _disabilities(text)
    found += _test_results(text)
    found += [m.span(1) for m in _DISEASE_AFTER_VERB.finditer(text)]
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _is_group(person: str) -> bool:
    return len(person) > 1 and person[-1] in _GROUP_ENDINGS and person[0] in SURNAMES


def _sentence_before(text: str, s: int) -> str:
    """The sentence before the condition at ``s``, at most 30 characters: what the ties read."""
    return _tail(text[max(0, s - 30) : s], _SENTENCE_MARKS)


def _tie_by_verb(text: str, s: int, e: int, sentence: str) -> str:
    # The clause before the condition: the end of its sentence after the last comma.
    window = _tail(sentence, _CLAUSE_MARKS)
    if not _HAS_VERB_CHAR.search(window):  # most conditions: no verb, skip the regex
        return ""
    verb = _VERB.search(window)
    if not verb:
        return ""
    head = window[: verb.start()]
    if head.strip():
        person = _PERSON_BEFORE_VERB.search(head)
    else:  # 张三，确诊肺癌: the clause before is the person, and nothing else
        before = text[max(0, s - len(window) - 12) : s - len(window)].rstrip("，, ")
        person = _PERSON_BEFORE_VERB.fullmatch(_tail(before, _CLAUSE_MARKS).strip())
    if person and not _is_group(person.group()) and not _is_bare_word(person.group()):
        return f"“{person.group()}{verb.group()}”将疾病与个人关联"
    sentence = _tail(text[max(0, s - 40) : s - len(verb.group())], _SENTENCE_MARKS)
    named = _NAMED_PERSON.search(sentence)
    # 患有慢性病的老人 describes a group, whoever spoke earlier in the sentence.
    if named and text[e : e + 1] not in ("的", "等") and not _is_group(named.group()):
        return f"同句中的个人“{named.group()}”{verb.group()}该疾病"
    return ""


def _tie_by_adjacency(text: str, s: int, e: int, window: str) -> str:
    if text.endswith(_RESULT_WORDS, s, e):
        # A test result is always someone's: a bare name will do (张三是HIV阳性, 王五的HIV检测…).
        bare = _NAME_BEFORE_RESULT.search(window)
        if bare and not _RESULT_GROUP_AFTER.match(text, e):
            titled, name = bare.groups()
            if titled or not (_is_group(name) or is_common_word(name)):
                return f"检测结果紧随个人“{titled or name}”"
    if not _HAS_PERSON_HINT.search(window):  # no person can end here: skip the regex
        return ""
    # Policy wording after the condition (高血压、糖尿病等慢性病防治工作) rules it out whoever
    # comes before: one anchored match, tested before the costlier search for a person.
    if _POLICY_AFTER.match(text, e, min(len(text), e + 10)):
        return ""
    person = _PERSON_BEFORE_CONDITION.search(window)
    if not person or _is_group(person.group()):
        return ""
    return f"健康状况紧随个人“{person.group().rstrip('，,、：:（( ')}”"


_HAS_VERB_OR_PERSON_HINT = re.compile(f"[{_VERB_CHARS}{_PERSON_HINTS}]")


def _may_be_tied(text: str, s: int, e: int, sentence: str) -> bool:
    """What both ties need, tested once: a test result, or a verb or person character in the
    sentence before (the clause the verb tie reads is the end of that sentence). Conditions in
    policy text (做好高血压、糖尿病等慢性病防治工作) mostly have neither."""
    return (
        text.endswith(_RESULT_WORDS, s, e) or _HAS_VERB_OR_PERSON_HINT.search(sentence) is not None
    )


@register
class HealthRecognizer(Recognizer):
    code = "pii.health"
    rule = "000 芙蓉区：健康状况等个人信息须脱敏"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        for s, e in conditions(text):
            reason = ""
            sentence = _sentence_before(text, s)
            if _may_be_tied(text, s, e, sentence):
                reason = _tie_by_verb(text, s, e, sentence) or _tie_by_adjacency(
                    text, s, e, sentence
                )
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
                "疑似公开了特定个人的健康状况（疾病、残疾或检测结果），属个人隐私，公开前须删除或隐去",
                "*" * (e - s),
                reason,
                self.rule,
            )
