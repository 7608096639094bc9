"""Idempotent set-up of a site: roles (groups), checklists and the default review workflows.

Called by ``manage.py gov_review_setup``; safe to run again after an upgrade.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState

from .roles import DEFAULT_ROLES, Role
from .workflows.defaults import assign_default_workflows, ensure_checklists


def _admin_access_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_role_group(role: Role, root_page: Page) -> Group:
    group, _ = Group.objects.get_or_create(name=role.group_name)
    group.permissions.add(_admin_access_permission())
    page_permissions = []
    if role.can_edit:
        page_permissions += ["add_page", "change_page"]
    if role.can_publish:
        page_permissions += ["publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_gov_review", codename__in=role.model_permissions
        )
    )
    for codename in page_permissions:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )
    return group


@transaction.atomic
def ensure_roles(root_page: Page | None = None) -> dict[str, Group]:
    """Create the default role groups; page permissions are granted on ``root_page``."""
    if root_page is None:
        root_page = Page.get_first_root_node()
    return {role.key: ensure_role_group(role, root_page) for role in DEFAULT_ROLES}


@transaction.atomic
def ensure_review_setup() -> dict[str, int]:
    """Roles, default checklists, the default workflows and their assignment to each site's
    home page (and 互动类 columns). Returns counts of what was created."""
    ensure_roles()
    counts = {
        "checklist_items": ensure_checklists(),
        "workflow_assignments": assign_default_workflows(),
        "wagtail_defaults_retired": retire_wagtail_defaults(),
    }
    return counts


# What Wagtail's own migrations create for a new site: a one-step "Moderators approval"
# workflow on the root page and the Editors/Moderators groups it relies on.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def retire_wagtail_defaults() -> list[str]:
    """Deactivate Wagtail's stock workflow and remove its stock groups while nobody uses them.

    A page outside the plugin's chains would otherwise be approved by one "Moderators" click,
    and the empty groups sit beside the 三审三校 roles in every permission screen. Anything in
    use (a run in progress, a member) is left alone. Returns what was retired.
    """
    retired = []
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        if WorkflowState.objects.active().filter(workflow=workflow).exists():
            continue
        workflow.deactivate()
        retired.append(workflow.name)
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True):
        retired.append(group.name)
        group.delete()
    return retired
