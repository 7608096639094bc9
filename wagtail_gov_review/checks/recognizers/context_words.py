"""Context shared by the recognizers of other personal information (GB/T 35273 Annex B).

A number or address is personal or public depending on whose it is: an office's phone, e-mail
or account is published on purpose, a private person's is not. These helpers read the clause
before a match (cut at the previous sentence end, so a neighbouring sentence cannot decide)
and say whether it names an agency or a private person.
"""

from __future__ import annotations

import re

from ..registry import Context

# Words that make what follows an agency's (办公室电话, 区政府邮箱, 财政局账户 …).
AGENCY_WORDS = (
    "办公室",
    "办公",
    "政府",
    "委员会",
    "人大",
    "政协",
    "党委",
    "党工委",
    "管委会",
    "中心",
    "机关",
    "单位",
    "部门",
    "街道办",
    "居委会",
    "村委会",
    "指挥部",
    "领导小组",
    "工作组",
    "服务站",
    "大队",
    "支队",
    "派出所",
    "法院",
    "检察院",
    "医院",
    "学校",
    "公司",
    "企业",
    "协会",
    "基金会",
    "红十字会",
    "慈善",
    "总会",
    "商会",
    "联合会",
    "工会",
    "妇联",
    "残联",
    "团委",
    "咨询",
    "举报",
    "投诉",
    "服务电话",
    "服务窗口",
    "客服",
    "办事",
    "监督",
    "热线",
    "值班",
    "传真",
    "受理",
    "投稿",
    "官方",
    "对公",
    "财政",
    "专户",
    "收款单位",
    "机构",
    "科室",
    # agencies named by their last character (区民政局, 省教育厅, 卫健委 …)
    "局",
    "厅",
    "署",
    "委会",
    "党委",
    "纪委",
    "健委",
    "改委",
    "教委",
    "政法委",
)
# A private person: roles in case files, notices and lists of beneficiaries.
PERSON_WORDS = (
    "申请人",
    "当事人",
    "户主",
    "被执行人",
    "被申请人",
    "被告",
    "原告",
    "投诉人",
    "举报人",
    "求助人",
    "患者",
    "病人",
    "村民",
    "居民",
    "家属",
    "家长",
    "本人",
    "个人电话",
    "个人邮箱",
    "个人账户",
    "私人",
    "家庭电话",
    "家庭座机",
    "家庭住址",
    "住宅",
    "家中",
    "家里",
    "车主",
    "驾驶人",
    "驾驶员",
    "收款人",
    "受助人",
    "困难群众",
    "低保户",
    "特困人员",
)
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def clause_before(ctx: Context, start: int, window: int = 30) -> str:
    """Up to ``window`` characters before ``start``, from the last sentence end on."""
    before = ctx.before(start, window)
    ends = list(_CLAUSE_END.finditer(before))
    return before[ends[-1].end() :] if ends else before


def _reversed_alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w[::-1]) for w in words))


# The last occurrence of a word is the first of the reversed word in the reversed text: one
# regex search instead of an ``rfind`` per word (owner() runs for every number found).
_REVERSED = {
    "agency": _reversed_alternation(AGENCY_WORDS),
    "person": _reversed_alternation(PERSON_WORDS),
}


def _last_end(reverse: str, pattern: re.Pattern[str]) -> int:
    m = pattern.search(reverse)
    return len(reverse) - m.start() if m else -1


def owner(text: str) -> str | None:
    """``"agency"`` or ``"person"``: whichever is named last in ``text``; ``None`` if neither."""
    reverse = text[::-1]
    agency = _last_end(reverse, _REVERSED["agency"])
    person = _last_end(reverse, _REVERSED["person"])
    if agency < 0 and person < 0:
        return None
    return "agency" if agency >= person else "person"
