"""Run inside the new project (``manage.py shell``) after ``first_run.py``: staff accounts made
in the admin, then one item with a citizen ID number taken through the chain as people would:
submit → 智能校对 refuses → one-click 脱敏 → resubmit → three approvals by three reviewers →
live; then its 审批责任表 PDF. Prints one ``OK <step>`` line per step; any failure raises.
Imports only the plugin's public pieces, so it runs against the installed wheel."""

import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from home.models import NewsPage
from pypdf import PdfReader
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from wagtail_gov_review.models import Unit
from wagtail_gov_review.workflows.forms import CHECK_PREFIX, checklist_items

User = get_user_model()
CITIZEN_ID = "110101199003074514"
TITLE = "关于2026年度临时救助对象的公示"
PASSWORD = "Install!chain2026"
unit = Unit.objects.get(name="区数据资源中心")
news = Page.objects.get(slug="news")

admin = Client()
admin.force_login(User.objects.get(username="root"))


def expect_redirect(response, what):
    """A redirect, as after a saved form; else the form's error messages."""
    if response.status_code != 302:
        html = response.content.decode()
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', html, flags=re.S)
        raise AssertionError((what, response.status_code, [e.strip() for e in errors][:10]))
    return response


# Staff accounts with their unit and role, on Wagtail's user screen -----------------------------
STAFF = {
    "editor": ("信息员", "王", "信息员"),
    "first": ("初审初校", "李", "科长"),
    "second": ("复审复校", "张", "副主任"),
    "final": ("终审终校", "陈", "主任"),
}
for username, (group, last_name, first_name) in STAFF.items():
    data = {
        "username": username,
        "email": f"{username}@site.invalid",
        "first_name": first_name,
        "last_name": last_name,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [Group.objects.get(name=group).pk],
        "units": [unit.pk],  # the 所属单位 field the plugin adds to this screen
    }
    expect_redirect(admin.post(reverse("wagtailusers_users:add"), data), f"user {username}")
    assert User.objects.get(username=username).gov_unit_memberships.get().unit == unit
print("OK staff accounts")


def signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def editor_form(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def run_of(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()


# The editor writes the item and submits it: 智能校对 refuses the ID number ---------------------
editor = signed_in("editor")
add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", news.pk))
data = editor_form(editor, add_url)
data["title"] = TITLE
data["slug"] = "relief-2026"
data["disclosure"] = "public"  # 公开属性 has no preselected value: the editor picks 主动公开
data["body"] = rich_text(f"<p>申请人陈某某，身份证号：{CITIZEN_ID}，经审核符合救助条件。</p>")
data["action-submit"] = "1"
expect_redirect(editor.post(add_url, data), "submit")
item = NewsPage.objects.get(title=TITLE)
assert run_of(item).status == WorkflowState.STATUS_NEEDS_CHANGES, run_of(item).status
edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
html = editor.get(edit_url).content.decode()
assert "智能校对已退回本信息" in html or "pii.id_card" in html, "no refusal shown"
print("OK refused by 智能校对")

# One-click 脱敏 of every personal data finding, then resubmit ------------------------------------
assert "data-gov-mask-all" in html, "no 脱敏 button in the editor"
item.refresh_from_db()
mask = {"revision": item.latest_revision_id, "all": "pii"}
expect_redirect(editor.post(reverse("gov_review_editor_mask", args=[item.pk]), mask), "mask")
item.refresh_from_db()
assert CITIZEN_ID not in item.latest_revision.as_object().body
print("OK 脱敏")

data = editor_form(editor, edit_url)
data["action-submit"] = "1"
expect_redirect(editor.post(edit_url, data), "resubmit")
run = run_of(item)
assert run.status == WorkflowState.STATUS_IN_PROGRESS, run.status
print("OK resubmitted")

# Three approvals by three reviewers ---------------------------------------------------------
for username in ("first", "second", "final"):
    run.refresh_from_db()
    state = run.current_task_state.specific
    stage = state.task.specific.stage
    decision = {"comment": "内容准确，同意发布。", "gov_task_state": state.pk}
    for point in checklist_items(stage):
        decision[CHECK_PREFIX + point.code] = "on"
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, "approve", state.pk])
    expect_redirect(signed_in(username).post(url, decision), f"approve {username}")
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED, (username, stage, state.status)
item.refresh_from_db()
assert item.live, run_of(item).status
assert CITIZEN_ID not in item.body
html = Client().get(item.url).content.decode()
assert TITLE in html and "身份证号" in html and CITIZEN_ID not in html, html[-2000:]
print("OK live after three approvals")

# The 审批责任表 as PDF ---------------------------------------------------------------------------
pdf_url = reverse("wagtail_gov_review_forms:page_form", args=[item.pk, "responsibility", "pdf"])
response = admin.get(pdf_url)
assert response.status_code == 200, response.status_code
content = b"".join(response.streaming_content) if response.streaming else response.content
assert content.startswith(b"%PDF"), content[:100]
text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
assert TITLE in re.sub(r"\s+", "", text), text[:500]
print("OK 审批责任表 PDF")
