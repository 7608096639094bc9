"""Six months of demo items for ``load_demo --history``: every column, dated in the past.

Each item says how many days ago it was written and how long its review took; the loader
(``history.py``) takes it through the real review chain at that moment. Chosen so that the
monitoring views and the self-inspection have something to report:

- 领导活动 and 部门动态 stop updating more than 14 days ago (stale columns, seed 003);
- the last 领导活动 item went live 9 hours after it was written (late: the limit is 6 hours);
- two items use institution names abolished in 2018 (环保局, 国土资源局): the reviewers
  acknowledged the warning, the daily re-scan reports it;
- one notice links to a site that does not exist (``.invalid``, RFC 2606): the link patrol
  reports it.

All people, units and events are invented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .models import NewsPage, NoticePage, PolicyDocumentPage, PolicyInterpretationPage, ReprintPage

BROKEN_LINK = "https://www.broken-link.invalid/notice/2026/bus-routes.html"


def paragraphs(*texts: str) -> str:
    """A ``NewsPage.body`` stream of rich-text paragraphs."""
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def rich_text(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


@dataclass(frozen=True)
class HistoryItem:
    column: str  # slug of the column (load_demo.COLUMNS)
    slug: str
    title: str
    model: type
    days_ago: int  # written that many days before today, during office hours
    fields: dict = field(default_factory=dict)
    owner: str = "editor"
    review_hours: float = 2.0  # from the first revision until it went live
    policy: str = ""  # slug of the policy document an interpretation explains


def _news(column: str, slug: str, title: str, days_ago: int, *texts: str, **extra) -> HistoryItem:
    return HistoryItem(
        column, slug, title, NewsPage, days_ago, {"body": paragraphs(*texts)}, **extra
    )


def _notice(slug: str, title: str, days_ago: int, *texts: str) -> HistoryItem:
    return HistoryItem("notices", slug, title, NoticePage, days_ago, {"body": rich_text(*texts)})


def _policy(slug: str, title: str, days_ago: int, number: int, text: str) -> HistoryItem:
    fields = {
        "document_number": f"示政发〔2026〕{number}号",
        "index_number": f"11430102MB1234567X/2026-{number:05d}",
        "body": rich_text(text),
    }
    return HistoryItem("policies", slug, title, PolicyDocumentPage, days_ago, fields)


def _interpretation(slug: str, title: str, days_ago: int, policy: str, text: str) -> HistoryItem:
    fields = {"body": rich_text(text)}
    return HistoryItem(
        "interpretations", slug, title, PolicyInterpretationPage, days_ago, fields, policy=policy
    )


HISTORY_ITEMS: list[HistoryItem] = [
    # 政务动态 (news): updated all along.
    _news(
        "news",
        "h-spring-planting",
        "区政府部署春耕备耕工作",
        176,
        "近日，区政府召开春耕备耕工作推进会，安排部署全区春耕生产各项工作。",
        "会议要求，各镇街要抓好农资供应和技术指导，确保粮食播种面积稳定。",
    ),
    _news(
        "news",
        "h-government-service",
        "区政务服务中心推行“一窗通办”",
        151,
        "区政务服务中心全面推行“一窗通办”服务模式，群众办事只进一扇门。",
        "目前已有二百余项事项实现一窗受理、集成服务。",
    ),
    _news(
        "news",
        "h-flood-prevention",
        "区防汛抗旱指挥部开展汛前检查",
        127,
        "区防汛抗旱指挥部组织开展汛前安全检查，重点检查水库、河道和地质灾害隐患点。",
    ),
    _news(
        "news",
        "h-river-cleanup",
        "区环保局开展河道环境专项整治",
        101,
        "区环保局联合各镇街开展河道环境专项整治行动，清理河道垃圾，排查入河排污口。",
        "下一步，将建立河道保洁长效机制。",
    ),
    _news(
        "news",
        "h-employment-fair",
        "区人力资源和社会保障局举办春季招聘会",
        77,
        "区人力资源和社会保障局举办春季专场招聘会，六十余家企业提供就业岗位一千余个。",
    ),
    _news(
        "news",
        "h-elderly-care",
        "区民政局推进居家养老服务",
        52,
        "区民政局推进居家养老服务网点建设，为辖区老年人提供助餐、助洁等服务。",
    ),
    _news(
        "news",
        "h-food-safety",
        "区市场监督管理局开展食品安全检查",
        30,
        "区市场监督管理局对辖区学校食堂和餐饮单位开展食品安全专项检查。",
    ),
    _news(
        "news",
        "h-volunteer-day",
        "区志愿服务联合会开展学雷锋志愿服务活动",
        9,
        "区志愿服务联合会组织志愿者走进社区，开展义诊、法律咨询等志愿服务活动。",
    ),
    _news(
        "news",
        "h-digital-services",
        "区数据资源中心完成政务云平台升级",
        3,
        "区数据资源中心完成政务云平台升级改造，提升政务系统运行的稳定性和安全性。",
    ),
    # 领导活动 (leader activities): stopped updating 22 days ago, the last item went live late.
    _news(
        "leaders",
        "h-leader-investment",
        "区长刘某某调研重点项目建设",
        170,
        "区委副书记、区长刘某某深入重点项目建设现场调研，要求加快项目建设进度。",
    ),
    _news(
        "leaders",
        "h-leader-safety",
        "常务副区长钱某某检查安全生产工作",
        139,
        "常务副区长钱某某带队检查企业安全生产工作，要求压实企业主体责任。",
    ),
    _news(
        "leaders",
        "h-leader-schools",
        "副区长周某某调研学校建设工作",
        95,
        "副区长周某某调研中小学校建设工作，要求确保新学期按时投入使用。",
    ),
    _news(
        "leaders",
        "h-leader-villages",
        "区长刘某某调研乡村振兴工作",
        61,
        "区委副书记、区长刘某某到城关镇调研乡村振兴工作，察看特色产业发展情况。",
    ),
    _news(
        "leaders",
        "h-leader-flood",
        "常务副区长钱某某检查防汛工作",
        22,
        "常务副区长钱某某检查防汛值班值守和物资储备情况，要求严格落实防汛责任。",
        review_hours=9.0,
    ),
    # 通知公告 (notices).
    _notice(
        "h-notice-holiday",
        "关于做好劳动节假期值班工作的通知",
        178,
        "各镇街、各部门：为做好劳动节假期值班工作，现将有关事项通知如下。",
        "一、严格落实领导带班和值班制度。二、做好突发事件信息报送工作。",
    ),
    _notice(
        "h-notice-exam",
        "关于公开招聘社区工作者的公告",
        146,
        "根据工作需要，现面向社会公开招聘社区工作者二十名，报名时间为期十天。",
    ),
    _notice(
        "h-notice-water",
        "关于城区部分路段临时停水的通知",
        118,
        "因供水管网改造施工，城区部分路段将临时停水，请居民提前做好储水准备。",
    ),
    _notice(
        "h-notice-survey",
        "关于开展第五次全国经济普查入户登记的通告",
        88,
        "根据国务院统一部署，本区将开展第五次全国经济普查入户登记工作，请予以配合。",
    ),
    _notice(
        "h-notice-bus",
        "关于调整部分公交线路的通告",
        45,
        "为方便群众出行，自下月起调整部分公交线路，具体线路见"
        f'<a href="{BROKEN_LINK}">交通运输局公告</a>。',
    ),
    _notice(
        "h-notice-heating",
        "关于做好冬季安全生产工作的通知",
        12,
        "各镇街、各部门：入冬以来，安全生产形势复杂，请各单位切实抓好冬季安全生产工作。",
    ),
    # 政策文件 (policy documents) and their interpretations, written the same day after them.
    _policy(
        "h-policy-employment",
        "示范区支持稳就业若干措施",
        165,
        3,
        "为做好稳就业工作，结合本区实际，制定以下措施。",
    ),
    _policy(
        "h-policy-housing",
        "示范区老旧小区改造实施方案",
        120,
        5,
        "为推进老旧小区改造，改善居民居住条件，制定本实施方案。",
    ),
    _interpretation(
        "h-interpret-housing",
        "《示范区老旧小区改造实施方案》政策解读",
        120,
        "h-policy-housing",
        "一、制定背景。二、改造内容。三、资金保障。",
    ),
    _policy(
        "h-policy-elderly",
        "示范区养老服务体系建设实施意见",
        70,
        8,
        "为加快养老服务体系建设，制定本实施意见。",
    ),
    _interpretation(
        "h-interpret-elderly",
        "《示范区养老服务体系建设实施意见》政策解读",
        70,
        "h-policy-elderly",
        "一、出台背景。二、主要任务。三、保障措施。",
    ),
    _policy(
        "h-policy-culture",
        "示范区公共文化服务提升行动方案",
        25,
        10,
        "为提升公共文化服务水平，制定本行动方案。",
    ),
    _interpretation(
        "h-interpret-culture",
        "《示范区公共文化服务提升行动方案》政策解读",
        25,
        "h-policy-culture",
        "一、背景依据。二、行动目标。三、重点任务。",
    ),
    # 互动交流 (interaction): the short chain.
    _news(
        "interaction",
        "h-interaction-parking",
        "关于小区停车难问题的答复",
        80,
        "网友反映小区停车难问题。经核实，区住房和城乡建设局已协调增设停车位一百个。",
    ),
    _news(
        "interaction",
        "h-interaction-streetlight",
        "关于修复路灯的答复",
        15,
        "网友反映幸福路路灯损坏。经核实，区城市管理局已于三日内完成修复。",
    ),
    # 部门动态 (department news): stopped updating 33 days ago.
    _news(
        "department-news",
        "h-dept-price-monitoring",
        "区发展和改革局开展重要商品价格监测",
        160,
        "区发展和改革局加强粮油肉蛋菜等重要商品价格监测，保障市场平稳运行。",
    ),
    _news(
        "department-news",
        "h-dept-projects",
        "区发展和改革局召开重点项目调度会",
        110,
        "区发展和改革局召开重点项目调度会，协调解决项目建设中的困难和问题。",
    ),
    _news(
        "department-news",
        "h-dept-energy",
        "区发展和改革局开展节能宣传周活动",
        74,
        "区发展和改革局开展节能宣传周活动，倡导绿色低碳生活方式。",
    ),
    _news(
        "department-news",
        "h-dept-credit",
        "区发展和改革局推进社会信用体系建设",
        47,
        "区发展和改革局推进社会信用体系建设，开展信用承诺和信用修复服务。",
    ),
    _news(
        "department-news",
        "h-dept-investment",
        "区发展和改革局组织项目申报培训",
        33,
        "区发展和改革局组织中央预算内投资项目申报培训，提升项目谋划水平。",
    ),
    # 乡镇动态 (town news): written by the town's editor.
    _news(
        "town-news",
        "h-town-market",
        "城关镇开展农贸市场环境整治",
        141,
        "城关镇开展农贸市场环境整治，规范经营秩序，改善购物环境。",
        owner="town_editor",
    ),
    _news(
        "town-news",
        "h-town-land",
        "城关镇配合区国土资源局开展土地执法检查",
        99,
        "城关镇配合区国土资源局开展土地执法检查，排查违法占地问题。",
        owner="town_editor",
    ),
    _news(
        "town-news",
        "h-town-harvest",
        "城关镇组织开展秋收秋种工作",
        58,
        "城关镇组织农机手开展秋收秋种，确保颗粒归仓。",
        owner="town_editor",
    ),
    _news(
        "town-news",
        "h-town-fire-drill",
        "城关镇开展消防应急演练",
        27,
        "城关镇联合消防救援站开展消防应急演练，提升群众应急处置能力。",
        owner="town_editor",
    ),
    _news(
        "town-news",
        "h-town-library",
        "城关镇综合文化站图书室开放",
        6,
        "城关镇综合文化站图书室正式开放，藏书五千余册，免费向群众开放。",
        owner="town_editor",
    ),
]

# A reprint: the source named and linked, as the rules ask.
HISTORY_ITEMS.append(
    HistoryItem(
        "news",
        "h-reprint-digital-government",
        "全省推进数字政府建设工作会议召开",
        ReprintPage,
        64,
        {
            "source_type": "reprint",
            "source_name": "省人民政府网站",
            "source_url": "https://www.example.gov.cn/news/2026/digital-government.html",
            "body": rich_text("全省推进数字政府建设工作会议召开，部署下一阶段重点任务。"),
        },
    )
)

# What the loaded history shows (the tests and the README quote these).
STALE_COLUMNS = {"leaders", "department-news"}
OUTDATED_NAME_ITEMS = {"h-river-cleanup", "h-town-land"}
LATE_ITEMS = {"h-leader-flood"}
BROKEN_LINK_ITEMS = {"h-notice-bus"}
