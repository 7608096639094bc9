"""The default roles of a gov portal, created as Django groups by ``gov_review_setup``.

Group names are data shown to Chinese-speaking staff, so they are stored in Chinese.
Seeds 000/003/004 name the people differently (科室负责人/分管领导/主要领导,
信息采集员/保密审核员/负责人); the stage names are the common ground.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    can_edit: bool = False
    can_publish: bool = False
    # Codenames of the plugin's model permissions (app wagtail_gov_review) the group gets.
    model_permissions: tuple[str, ...] = ()


# What a site's first administrator needs to set the site up in the admin, without a shell:
# units and who works for them, column and account requests (filed, approved, seen).
SITE_SETUP_PERMISSIONS = (
    "add_unit",
    "change_unit",
    "view_unit",
    "add_unitmembership",
    "change_unitmembership",
    "delete_unitmembership",
    "view_unitmembership",
    "view_column",
    "add_columnchangerequest",
    "view_columnchangerequest",
    "approve_columnchangerequest",
    "add_accountrequest",
    "view_accountrequest",
    "approve_accountrequest",
)
# The site leader approves column and account changes (seed 000 附件2/附件3).
SITE_APPROVAL_PERMISSIONS = (
    "view_column",
    "view_columnchangerequest",
    "approve_columnchangerequest",
    "view_accountrequest",
    "approve_accountrequest",
)


EDITOR = Role("editor", "信息员", can_edit=True)
FIRST_REVIEWER = Role("first_reviewer", "初审初校")
SECOND_REVIEWER = Role("second_reviewer", "复审复校")
FINAL_REVIEWER = Role("final_reviewer", "终审终校")
PRINCIPAL_LEADER = Role("principal_leader", "主要领导")
GOVERNMENT_OFFICE = Role("government_office", "政府办公室审核")
SITE_LEADER = Role("site_leader", "网站负责人", model_permissions=SITE_APPROVAL_PERMISSIONS)
SITE_ADMIN = Role(
    "site_admin",
    "网站管理员",
    can_edit=True,
    can_publish=True,
    model_permissions=SITE_SETUP_PERMISSIONS,
)

DEFAULT_ROLES = [
    EDITOR,
    FIRST_REVIEWER,
    SECOND_REVIEWER,
    FINAL_REVIEWER,
    PRINCIPAL_LEADER,
    GOVERNMENT_OFFICE,
    SITE_LEADER,
    SITE_ADMIN,
]
