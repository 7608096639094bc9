"""link.commercial / link.external — links in a text (seed 004: no commercial ads or links).

Ad wording without a link (扫码领取, 限时抢购 …) is matched by the term lexicon
``commercial.tsv`` under the same code ``link.commercial``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..registry import Context, Match, Recognizer, register

_HOST = re.compile(r"^(?:https?://)?([^/:?#]+)", re.I)
COMMERCIAL_DOMAINS = (
    "taobao.com", "tmall.com", "jd.com", "pinduoduo.com", "yangkeduo.com", "1688.com",
    "vip.com", "suning.com", "dangdang.com", "weidian.com", "youzan.com", "amazon.com",
    "amazon.cn", "ebay.com", "aliexpress.com", "tb.cn", "mogujie.com", "xiaohongshu.com",
    "meituan.com", "dianping.com", "ele.me",
)  # fmt: skip
_AD_PARAMS = re.compile(
    r"[?&](?:utm_(?:source|medium|campaign)|aff(?:iliate)?_?id|ad_?id|pid=mm_)", re.I
)
# Official sites and state media: linking to them needs no extra review.
OFFICIAL_DOMAINS = (
    "gov.cn", "xinhuanet.com", "news.cn", "people.com.cn", "cctv.com", "cctv.cn", "chinadaily.com.cn",
    "gmw.cn", "qstheory.cn", "cnr.cn", "china.com.cn", "ce.cn", "cac.gov.cn", "12345.gov.cn",
    "npc.gov.cn", "cppcc.gov.cn", "court.gov.cn", "spp.gov.cn", "ccdi.gov.cn", "youth.cn",
)  # fmt: skip


def _host(url: str) -> str:
    m = _HOST.match(url)
    return (m.group(1) if m else url).lower().rstrip(".")


def _in(host: str, domains) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@register
class CommercialLinkRecognizer(Recognizer):
    code = "link.commercial"
    rule = "004 湛江市第七条：不得刊登、转发商业广告或链接商业广告页面"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        for start, end, url in ctx.urls:
            host = _host(url)
            if _in(host, COMMERCIAL_DOMAINS) or _AD_PARAMS.search(url):
                yield Match(
                    self.code,
                    start,
                    end,
                    "疑似商业广告链接，政府网站不得刊登或链接商业广告页面",
                    "删除该链接",
                    f"链接域名 {host} 属电商/广告平台或带广告参数",
                    self.rule,
                )


@register
class ExternalLinkRecognizer(Recognizer):
    code = "link.external"
    rule = "004 湛江市第七条、第十二条：信息来自合法、正规渠道；日常巡检链接可用情况"

    def analyze(self, ctx: Context) -> Iterator[Match]:
        allowed = tuple(OFFICIAL_DOMAINS) + tuple(self.options.get("allowed_domains", ()))
        for start, end, url in ctx.urls:
            host = _host(url)
            if _in(host, allowed) or _in(host, COMMERCIAL_DOMAINS) or _AD_PARAMS.search(url):
                continue
            yield Match(
                self.code,
                start,
                end,
                "外部链接：请确认来源合法、正规，内容与本站相符并定期巡检可用性",
                "",
                f"链接域名 {host} 不在政府网站与中央主要媒体白名单内",
                self.rule,
            )
