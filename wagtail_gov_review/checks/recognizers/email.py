"""pii.email — a private person's e-mail address (GB/T 35273 Annex B: 个人电子邮件地址).

Agencies publish their mailboxes on purpose (投稿邮箱, 办公室邮箱, …@…gov.cn): context decides.
An address is reported when the clause before it names a private person (申请人, 家长 …), or
when it is on a free mail service (QQ, 163 …) and no agency is named. Anything else (a company
or organisation domain with no personal context) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..mask import default_mask
from ..registry import Context, Match, Recognizer, register
from .context_words import clause_before, owner

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9])?"
    r"[ \t]*@[ \t]*"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,12}"
    r"(?![A-Za-z0-9\-])"
)
OFFICIAL_DOMAINS = (".gov.cn", ".gov", ".mil.cn")
FREE_MAIL = frozenset(
    {
        "qq.com",
        "vip.qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "yeah.net",
        "vip.163.com",
        "vip.126.com",
        "sina.com",
        "sina.cn",
        "vip.sina.com",
        "sohu.com",
        "139.com",
        "189.cn",
        "wo.cn",
        "aliyun.com",
        "gmail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "tom.com",
        "21cn.com",
    }
)


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1].strip().lower()


@register
class EmailRecognizer(Recognizer):
    code = "pii.email"
    rule = "GB/T 35273 附录B：个人电子邮件地址属个人信息；004 湛江市：个人隐私不得公开"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        text = ctx.text
        if "@" not in text:  # most texts: no address, no scan
            return
        for m in _EMAIL.finditer(text):
            s, e = m.span()
            domain = _domain(m.group())
            if ("." + domain).endswith(OFFICIAL_DOMAINS):
                continue
            whose = owner(clause_before(ctx, s, 60))
            if whose == "agency":
                continue
            if whose == "person":
                reason = "同一句中前有个人身份上下文（申请人、家长等）"
            elif domain in FREE_MAIL:
                reason = f"个人常用的免费邮箱（{domain}），前文未指明机关单位"
            else:
                continue
            yield Match(
                self.code,
                s,
                e,
                "疑似个人电子邮箱，属个人信息，公开前须脱敏或改用单位邮箱",
                default_mask(self.code, text[s:e]),
                reason,
                self.rule,
            )
