"""Shared helpers of the gate and disclosure tests: a small portal, a plain Wagtail review
workflow and admin form data read from the real edit page."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

CLEAN_BODY = "<p>各街道、各有关部门：为做好今冬供暖保障工作，现将有关事项通知如下。</p>"
ID_BODY = "<p>经审核，拟对申请人陈某某给予临时救助，身份证号：110101199003074514。</p>"
ID_NUMBER = "110101199003074514"

_slugs = itertools.count(1)


class World:
    """A home page, one column, an admin, an editor and a reviewer group."""

    def __init__(self):
        from example_site.portal.models import ColumnIndexPage, HomePage

        User = get_user_model()
        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="示范区门户", slug="gate-portal"))
        site = Site.objects.filter(is_default_site=True).first()
        site.root_page = self.home
        site.save()
        self.column = self.home.add_child(
            instance=ColumnIndexPage(title="通知公告", slug="gate-notices")
        )
        self.admin = User.objects.create_superuser("gate_admin", "a@demo.invalid", "x" * 12)
        self.reviewers = Group.objects.create(name="gate reviewers")
        self.reviewers.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        self.reviewer = User.objects.create_user("gate_reviewer", "r@demo.invalid", "x" * 12)
        self.reviewer.groups.add(self.reviewers)
        task = GroupApprovalTask.objects.create(name="终审终校（测试）")
        task.groups.add(self.reviewers)
        self.workflow = Workflow.objects.create(name="测试审核流程")
        WorkflowTask.objects.create(workflow=self.workflow, task=task, sort_order=0)
        # The gate accepts only a run of the workflow that applies to the item's place.
        WorkflowPage.objects.create(page=self.home, workflow=self.workflow)

    def item(self, body: str = CLEAN_BODY, title: str = "关于做好今冬供暖保障工作的通知", **fields):
        """A draft NoticePage with one revision."""
        from example_site.portal.models import NoticePage

        page = NoticePage(
            title=title, slug=f"gate-item-{next(_slugs)}", body=body, live=False, **fields
        )
        self.column.add_child(instance=page)
        page.save_revision(user=self.admin)
        return NoticePage.objects.get(pk=page.pk)

    def review(self, page, *, publish: bool = False):
        """Run the page's latest revision through the plain workflow; approve it.

        With ``publish=False`` the finish action is switched off, leaving a reviewed,
        unpublished revision for the publish paths under test.
        """
        page = Page.objects.get(pk=page.pk).specific  # the latest revision, not a stale one
        state = self.workflow.start(page, self.admin)
        if publish:
            state.current_task_state.approve(user=self.reviewer)
        else:
            with mock.patch.object(WorkflowState, "on_finish", lambda self, user=None: None):
                state.current_task_state.approve(user=self.reviewer)
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED
        return page.get_latest_revision()

    def live_item(self, **fields):
        """An item reviewed and published through the workflow, as the public sees it."""
        page = self.item(**fields)
        self.review(page, publish=True)
        page.refresh_from_db()
        return page


class _FormReader(HTMLParser):
    """Collect the values a browser would submit from the admin page form."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
                return
            self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(response, form_id: str = "page-edit-form") -> dict[str, str]:
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, "no form found"
    return reader.data
