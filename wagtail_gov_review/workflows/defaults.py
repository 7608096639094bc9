"""Default checklists and workflows, created by ``manage.py gov_review_setup`` (idempotent).

The default chain, in order (documented in docs/workflows.md):

    智能校对 → 初审初校 → 复审复校 → 主要领导审核* → 政府办公室审核* → 网站负责人审核* → 终审终校

(* conditional: sensitive or emergency items; items in the government's name; reprints).
终审终校 comes last because it approves publication (seeds 003, 004: 负责人终审终校); the
conditional reviews come before it so the final reviewer sees their opinions. 互动类 columns
get a short chain: 智能校对 → 网站负责人审核 (seed 002).

Names are data shown to Chinese-speaking staff, so they are stored in Chinese. Existing
objects are found by name and left as the site admin configured them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Page, Site, Workflow, WorkflowPage, WorkflowTask

from .. import roles
from ..models import Column, ColumnKind, ReviewStage
from ..models.stages import ChecklistItem, StageCondition
from .tasks import AutoCheckTask, ReviewTask

MAIN_WORKFLOW = "三审三校"
INTERACTION_WORKFLOW = "互动类信息审核"
AUTO_CHECK_TASK = "智能校对"

# Seed 001 第十条 (nine review points) and seed 004 第八条 (ten review points).
_CONTENT_POINTS = [
    (
        "secrets",
        "不涉及国家秘密、工作秘密、商业秘密和个人隐私",
        "001 第十条（一）；004 第八条（一）",
    ),
    ("law", "符合国家大政方针和法律法规规定", "001 第十条（二）；004 第八条（二）"),
    ("political", "无政治性表述错误", "004 第八条（三）"),
    ("ip", "符合保护知识产权的有关规定", "001 第十条（三）"),
    ("harm", "不会给其他单位、个人造成危害", "001 第十条（四）；004 第八条（五）"),
    ("sensitive", "不属敏感性问题，不会引发负面舆情", "001 第十条（七）；004 第八条（七）（九）"),
    ("timing", "当前对外发布适宜，时效符合要求", "001 第十条（六）"),
    ("accuracy", "信息真实准确，统计数据准确", "001 第十条（八）；004 第八条（八）"),
    ("typos", "无错别字、语病和不规范表述", "004 第八条（四）"),
    ("ads", "无商业广告及商业链接", "004 第七条"),
]

DEFAULT_CHECKLISTS: dict[str, list[tuple[str, str, str]]] = {
    # 初审初校: the text itself, word by word (004: 逐字逐句审读).
    ReviewStage.FIRST: [
        _CONTENT_POINTS[8],
        _CONTENT_POINTS[7],
        _CONTENT_POINTS[9],
        ("source", "来源、文号、公开属性填写正确", "003；004 三、（二）"),
    ],
    # 复审复校: secrets and politics (004: 保密审核员复审复校, 政治性、真实性、准确性和导向性).
    ReviewStage.SECOND: [
        _CONTENT_POINTS[0],
        _CONTENT_POINTS[2],
        _CONTENT_POINTS[1],
        _CONTENT_POINTS[3],
        _CONTENT_POINTS[4],
    ],
    # 终审终校: whether to publish now.
    ReviewStage.FINAL: [
        _CONTENT_POINTS[5],
        _CONTENT_POINTS[6],
        _CONTENT_POINTS[0],
    ],
    ReviewStage.PRINCIPAL_LEADER: [_CONTENT_POINTS[5], _CONTENT_POINTS[6]],
    ReviewStage.GOVERNMENT_OFFICE: [_CONTENT_POINTS[1], _CONTENT_POINTS[2]],
    ReviewStage.SITE_LEADER: [
        ("reprint_source", "转载来源权威、合法，已注明来源和链接", "001 第九条（四）"),
        _CONTENT_POINTS[5],
    ],
}

# (task name, stage, condition, role whose group acts) in chain order.
MAIN_CHAIN = [
    ("初审初校", ReviewStage.FIRST, StageCondition.ALWAYS, roles.FIRST_REVIEWER),
    ("复审复校", ReviewStage.SECOND, StageCondition.ALWAYS, roles.SECOND_REVIEWER),
    (
        "主要领导审核",
        ReviewStage.PRINCIPAL_LEADER,
        StageCondition.SENSITIVE_OR_EMERGENCY,
        roles.PRINCIPAL_LEADER,
    ),
    (
        "政府办公室审核",
        ReviewStage.GOVERNMENT_OFFICE,
        StageCondition.GOVERNMENT_NAME,
        roles.GOVERNMENT_OFFICE,
    ),
    ("网站负责人审核（转载）", ReviewStage.SITE_LEADER, StageCondition.REPRINT, roles.SITE_LEADER),
    ("终审终校", ReviewStage.FINAL, StageCondition.ALWAYS, roles.FINAL_REVIEWER),
]
INTERACTION_CHAIN = [
    ("网站负责人审核", ReviewStage.SITE_LEADER, StageCondition.ALWAYS, roles.SITE_LEADER),
]


def ensure_checklists() -> int:
    """Create the default checklist items that do not exist yet; returns how many."""
    created = 0
    for stage, items in DEFAULT_CHECKLISTS.items():
        for order, (code, label, source) in enumerate(items):
            _, new = ChecklistItem.objects.get_or_create(
                stage=stage,
                code=code,
                defaults={"label": label, "help_text": source, "sort_order": order},
            )
            created += new
    return created


def _auto_check_task() -> AutoCheckTask:
    task = AutoCheckTask.objects.filter(name=AUTO_CHECK_TASK).first()
    return task or AutoCheckTask.objects.create(name=AUTO_CHECK_TASK)


def _review_task(name: str, stage: str, condition: str, role: roles.Role) -> ReviewTask:
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(name=name, stage=stage, condition=condition)
        task.groups.add(Group.objects.get(name=role.group_name))
    return task


def _workflow(name: str, tasks: list) -> Workflow:
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=name)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def ensure_workflows() -> dict[str, Workflow]:
    auto = _auto_check_task()
    main = _workflow(MAIN_WORKFLOW, [auto] + [_review_task(*spec) for spec in MAIN_CHAIN])
    short = _workflow(
        INTERACTION_WORKFLOW, [auto] + [_review_task(*spec) for spec in INTERACTION_CHAIN]
    )
    return {"main": main, "interaction": short}


def assign_default_workflows() -> int:
    """Assign 三审三校 to each site's home page and the 互动类 chain to interaction columns,
    where no workflow is assigned yet (an admin's own choice is kept). Returns how many."""
    workflows = ensure_workflows()
    assigned = 0
    root = Page.get_first_root_node()
    for site in Site.objects.select_related("root_page"):
        if root is not None and site.root_page_id == root.pk:
            continue
        _, new = WorkflowPage.objects.get_or_create(
            page=site.root_page, defaults={"workflow": workflows["main"]}
        )
        assigned += new
    for column in Column.objects.filter(kind=ColumnKind.INTERACTION).select_related("page"):
        _, new = WorkflowPage.objects.get_or_create(
            page=column.page, defaults={"workflow": workflows["interaction"]}
        )
        assigned += new
    return assigned
