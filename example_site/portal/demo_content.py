"""Sample items of the demo portal: some clean, some with personal data, one in traditional
script, so the checks and the review chain have something to show. All people, numbers and
addresses are invented (the ID and card numbers are made to pass their checksums)."""

import json

from .models import NewsPage, NoticePage, PolicyDocumentPage, PolicyInterpretationPage, ReprintPage


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


DEMO_ITEMS = [
    {
        "column": "news",
        "slug": "safety-meeting",
        "title": "区政府召开安全生产工作会议",
        "model": NewsPage,
        "live": True,
        "fields": {
            "body": _paragraphs(
                "11月20日，区政府召开安全生产工作会议，传达学习上级有关会议精神，部署今冬明春安全生产工作。",
                "会议要求，各单位要压实安全生产责任，深入开展隐患排查整治，确保全区安全形势持续稳定。",
            ),
        },
    },
    {
        "column": "notices",
        "slug": "winter-heating-notice",
        "title": "关于做好今冬供暖保障工作的通知",
        "model": NoticePage,
        "live": True,
        "fields": {
            "body": "<p>各街道、各有关部门：为做好今冬供暖保障工作，现将有关事项通知如下。"
            "供暖服务热线：12345。</p>",
        },
    },
    {
        "column": "policies",
        "slug": "business-environment-measures",
        "title": "示范区进一步优化营商环境若干措施",
        "model": PolicyDocumentPage,
        "live": True,
        "fields": {
            "document_number": "示政发〔2026〕12号",
            "index_number": "11430102MB1234567X/2026-00012",
            "body": "<p>为深入贯彻落实优化营商环境条例，结合本区实际，制定以下措施。</p>",
        },
    },
    {
        "column": "notices",
        "slug": "subsidy-list-draft",
        "title": "2026年度临时救助对象名单公示",
        "model": NoticePage,
        "live": False,
        "fields": {
            "body": "<p>经审核，拟对以下对象给予临时救助：申请人陈某某，身份证号：110101199003074514，"
            "联系电话：138 0013 8000，家住城关镇幸福路18号3栋2单元501室。公示期5个工作日。</p>",
        },
    },
    {
        "column": "town-news",
        "slug": "fire-prevention-traditional",
        "title": "關於做好冬季防火工作的通知",
        "model": NewsPage,
        "owner": "town_editor",
        "live": False,
        "fields": {
            "body": _paragraphs(
                "各村(社區)：冬季氣候乾燥，火災風險上升。請各單位落實防火責任。",
                "聯繫人：王先生，手機：139-1234-5678。",
            ),
        },
    },
    {
        "column": "news",
        "slug": "land-survey-news",
        "title": "区国土资源局开展土地卫片执法检查",
        "model": NewsPage,
        "live": False,
        "fields": {
            "body": _paragraphs("近日，区国土资源局联合区环保局开展土地卫片执法检查工作。"),
        },
    },
    {
        "column": "interpretations",
        "slug": "business-environment-interpretation",
        "title": "《示范区进一步优化营商环境若干措施》政策解读",
        "model": PolicyInterpretationPage,
        "live": False,
        "fields": {"body": "<p>一、出台背景。二、主要内容。三、适用范围。</p>"},
    },
    {
        "column": "news",
        "slug": "reprint-province-news",
        "title": "全省数字政府建设推进会召开",
        "model": ReprintPage,
        "live": False,
        "fields": {
            "source_type": "reprint",
            "source_name": "省人民政府网站",
            "source_url": "https://www.example.gov.cn/news/2026/11/001.html",
            "body": "<p>11月18日，全省数字政府建设推进会召开。</p>",
        },
    },
]
