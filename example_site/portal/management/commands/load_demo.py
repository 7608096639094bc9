"""Load the demo portal: units, columns, one user per role and sample items (idempotent).

``--history`` adds six months of items in every column, reviewed and published in the past,
then runs the monitoring jobs once (see ``portal/history.py``).

Demo passwords are fixed and published in the README: never run this on a real site.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from wagtail_gov_review.models import (
    Column,
    ColumnKind,
    Leader,
    Unit,
    UnitKind,
    UnitMembership,
)
from wagtail_gov_review.roles import (
    EDITOR,
    FINAL_REVIEWER,
    FIRST_REVIEWER,
    GOVERNMENT_OFFICE,
    PRINCIPAL_LEADER,
    SECOND_REVIEWER,
    SITE_ADMIN,
    SITE_LEADER,
)
from wagtail_gov_review.workflows.defaults import assign_default_workflows
from wagtail_gov_review.workflows.demo import review_and_publish

from ...demo_content import DEMO_ITEMS
from ...history import load_history
from ...models import ColumnIndexPage, HomePage, PortalIdentity

UNITS = [
    ("区政府办公室", UnitKind.GOVERNMENT_OFFICE),
    ("区发展和改革局", UnitKind.DEPARTMENT),
    ("城关镇人民政府", UnitKind.TOWN),
    ("区数据资源中心", UnitKind.DATA_CENTER),
]

# (slug, title, kind, owning unit, update frequency in days, parent slug or None)
COLUMNS = [
    ("news", "政务动态", ColumnKind.NEWS, "区政府办公室", 14, None),
    ("leaders", "领导活动", ColumnKind.LEADER_ACTIVITY, "区政府办公室", 14, None),
    ("notices", "通知公告", ColumnKind.NOTICE, "区政府办公室", 183, None),
    ("policies", "政策文件", ColumnKind.POLICY, "区政府办公室", 183, None),
    ("interpretations", "政策解读", ColumnKind.INTERPRETATION, "区政府办公室", 183, None),
    ("interaction", "互动交流", ColumnKind.INTERACTION, "区政府办公室", None, None),
    ("department-news", "部门动态", ColumnKind.NEWS, "区发展和改革局", 14, "news"),
    ("town-news", "乡镇动态", ColumnKind.NEWS, "城关镇人民政府", 14, "news"),
]

# (username, display name, roles, unit, password). Demo-only passwords, shown in the README.
USERS = [
    ("admin", "系统管理员", [SITE_ADMIN], "区数据资源中心", "GovDemo!admin2026"),
    ("editor", "王信息", [EDITOR], "区政府办公室", "GovDemo!editor2026"),
    ("reviewer1", "李科长", [FIRST_REVIEWER], "区政府办公室", "GovDemo!first2026"),
    ("reviewer2", "张副主任", [SECOND_REVIEWER], "区政府办公室", "GovDemo!second2026"),
    ("reviewer3", "陈主任", [FINAL_REVIEWER], "区政府办公室", "GovDemo!final2026"),
    ("leader", "刘区长", [PRINCIPAL_LEADER], "区政府办公室", "GovDemo!leader2026"),
    ("govoffice", "赵秘书", [GOVERNMENT_OFFICE], "区政府办公室", "GovDemo!office2026"),
    ("siteleader", "周站长", [SITE_LEADER], "区数据资源中心", "GovDemo!site2026"),
    ("town_editor", "孙镇信息员", [EDITOR], "城关镇人民政府", "GovDemo!town2026"),
    ("town_reviewer1", "吴镇科长", [FIRST_REVIEWER], "城关镇人民政府", "GovDemo!townfirst2026"),
]

# A second approver of column changes and accounts besides admin, so that admin's own
# requests can be approved too (nobody approves their own request).
REQUEST_APPROVER_GROUPS = {
    SITE_LEADER: [
        "approve_columnchangerequest",
        "view_columnchangerequest",
        "approve_accountrequest",
        "view_accountrequest",
    ],
}

# The district's leaders for the term.leader check: fictional names (某某). 钱某某 was 副区长
# before becoming 常务副区长, so "副区长钱某某" in a draft shows an outdated-title finding.
# (name, title, rank, unit or None, valid_from, valid_to)
LEADERS = [
    ("刘某某", "区委副书记、区长", 1, None, dt.date(2024, 1, 1), None),
    ("钱某某", "常务副区长", 2, None, dt.date(2024, 1, 1), None),
    ("钱某某", "副区长", 3, None, dt.date(2021, 1, 1), dt.date(2023, 12, 31)),
    ("周某某", "副区长", 3, None, dt.date(2022, 6, 1), None),
    ("吴某某", "区政府办公室主任", 5, "区政府办公室", dt.date(2023, 3, 1), None),
]


class Command(BaseCommand):
    help = "Load the demo portal (units, columns, users, sample items). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also load six months of reviewed and published items in every column "
            "(stale columns, findings), then run the monitoring jobs once.",
        )

    def handle(self, *args, **options):
        call_command("gov_review_setup", verbosity=0)
        with transaction.atomic():
            units = self._units()
            home = self._home()
            columns = self._columns(home, units)
            self._users(units)
            self._identity()
            self._leaders(units)
            # The home page and the 互动类 column exist now: give them their workflows.
            assign_default_workflows()
            created = self._items(columns, units)
            history = load_history(columns) if options["history"] else None
        self.stdout.write(self.style.SUCCESS(f"Demo loaded; {created} new sample items."))
        if history is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"History: {len(history.created)} new items, "
                    f"statistics for {len(history.months)} months."
                )
            )
            for summary in history.jobs:
                self.stdout.write(f"  {summary}")

    def _units(self) -> dict[str, Unit]:
        return {
            name: Unit.objects.get_or_create(name=name, defaults={"kind": kind})[0]
            for name, kind in UNITS
        }

    def _leaders(self, units: dict[str, Unit]) -> None:
        for name, title, rank, unit, valid_from, valid_to in LEADERS:
            Leader.objects.get_or_create(
                name=name,
                title=title,
                defaults={
                    "rank": rank,
                    "unit": units[unit] if unit else None,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                },
            )

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="示范区人民政府门户网站",
                slug="portal",
                intro="<p>本站为 wagtail-gov-review 演示站点，所有内容均为虚构。</p>",
            )
        )
        # Wagtail's initial migration creates a placeholder "Welcome" page and site.
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "示范区人民政府门户网站"
            site.save()
            if old_root.pk != home.pk and old_root.specific_class is Page:
                old_root.delete()
        return home

    def _identity(self) -> None:
        """Footer identifiers; fictional numbers that no real site carries."""
        site = Site.objects.get(is_default_site=True)
        PortalIdentity.objects.get_or_create(
            site=site,
            defaults={
                "site_code": "0000000000",
                "icp_number": "演ICP备00000000号",
                "police_number": "演公网安备00000000000000号",
                "sponsor": "示范区人民政府办公室",
                "organizer": "示范区数据资源中心",
                "contact": "0000-00000000（演示）",
            },
        )

    def _columns(self, home: HomePage, units: dict[str, Unit]) -> dict[str, ColumnIndexPage]:
        # Columns change only through approved 栏目调整审批表 requests (seed 000 附件2): each
        # demo column is requested by its unit and approved by the site admin, on the record.
        from wagtail_gov_review.forms.column_changes import (
            DecideColumnChangeAction,
            request_column_change,
        )

        self._users(units)  # the approving site admin must exist first (idempotent)
        approver = get_user_model().objects.get(username="admin")
        pages: dict[str, ColumnIndexPage] = {}
        for slug, title, kind, unit_name, frequency, parent_slug in COLUMNS:
            parent = pages[parent_slug] if parent_slug else home
            page = ColumnIndexPage.objects.child_of(parent).filter(slug=slug).first()
            if page is None:
                page = parent.add_child(
                    instance=ColumnIndexPage(title=title, slug=slug, show_in_menus=parent is home)
                )
            if not Column.objects.filter(page=page).exists():
                request = request_column_change(
                    operation="add",
                    unit=units[unit_name],
                    page=page,
                    kind=kind,
                    update_frequency_days=frequency,
                    reason="演示站点初始栏目",
                )
                DecideColumnChangeAction(request, approver, approve=True).execute()
            pages[slug] = page
        return pages

    def _users(self, units: dict[str, Unit]) -> None:
        from django.contrib.auth.models import Group, Permission

        User = get_user_model()
        for username, full_name, roles, unit_name, password in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                # The whole name in first_name: Django and Wagtail show "first last" and
                # greet by first_name, which for 王信息 split in two reads "信息 王".
                defaults={
                    "first_name": full_name,
                    "last_name": "",
                    "email": f"{username}@demo.invalid",
                    "is_staff": SITE_ADMIN in roles,
                    "is_superuser": SITE_ADMIN in roles,
                },
            )
            if created:
                user.set_password(password)
                user.save()
                self.stdout.write(f"  user {username:<15} password {password}  (demo only)")
            for role in roles:
                user.groups.add(Group.objects.get(name=role.group_name))
            UnitMembership.objects.get_or_create(user=user, unit=units[unit_name])
        for role, codenames in REQUEST_APPROVER_GROUPS.items():
            Group.objects.get(name=role.group_name).permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="wagtail_gov_review", codename__in=codenames
                )
            )

    def _items(self, columns: dict[str, ColumnIndexPage], units: dict[str, Unit]) -> int:
        User = get_user_model()
        created = 0
        for spec in DEMO_ITEMS:
            column = columns[spec["column"]]
            if column.get_children().filter(slug=spec["slug"]).exists():
                continue
            page = spec["model"](
                title=spec["title"],
                slug=spec["slug"],
                owner=User.objects.get(username=spec.get("owner", "editor")),
                live=False,
                **spec["fields"],
            )
            column.add_child(instance=page)
            revision = page.save_revision(user=page.owner, log_action=True)
            if spec.get("live"):
                publish_demo_item(revision)
            created += 1
        return created


def publish_demo_item(revision) -> None:
    """Publish a clean sample item through the real review chain (submitted by its author,
    approved stage by stage by the demo reviewers with opinions), so the portal has something
    to show and the archive has real review records."""
    review_and_publish(revision)
