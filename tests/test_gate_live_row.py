"""The live row of a gated item always equals a reviewed, checked revision.

Saves of live items that write new content, saves that flip an item live with a revision
other than its content, fixtures and bulk queryset writes are refused; Wagtail's own
bookkeeping on live items (drafts, moves, locks, unpublishing, aliases) keeps working.
"""

from __future__ import annotations

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from wagtail_gov_review.models import ReviewAction, ReviewRecord
from wagtail_gov_review.refusals import PublishRefused
from wagtail_gov_review.workflows.gate.actions import GatedPublishPageRevisionAction

from .gate_helpers import CLEAN_BODY, ID_BODY, World, form_data

UNREVIEWED_BODY = "<p>未经审核的新正文，身份证号：110101199003074514。</p>"


@pytest.fixture
def world(db):
    return World()


def live_item(world):
    """A reviewed item published through its workflow, fresh from the database."""
    page = world.item()
    world.review(page, publish=True)
    page = type(page).objects.get(pk=page.pk)
    assert page.live and page.live_revision_id
    return page


def public_row(page):
    return type(page).objects.get(pk=page.pk)


def bypass_refusals(page) -> list[ReviewRecord]:
    return list(
        ReviewRecord.objects.filter(
            page_id_snapshot=page.pk, action=ReviewAction.PUBLISH_REFUSED, opinion__contains="内容"
        )
    )


# -- page.save() on a live item ---------------------------------------------------------------


def test_saving_new_content_on_a_live_item_is_refused_and_the_change_can_be_kept_as_draft(world):
    page = live_item(world)
    page.title = "未经审核的新标题"
    page.body = UNREVIEWED_BODY
    with pytest.raises(PublishRefused) as refused:
        page.save()
    assert refused.value.codes == ["bypass"]
    assert "已发布信息的内容" in str(refused.value) and "标题" in str(refused.value)
    row = public_row(page)
    assert row.live and row.title == "关于做好今冬供暖保障工作的通知" and row.body == CLEAN_BODY
    assert len(bypass_refusals(page)) == 1
    # Nothing is lost: the same object is saved as a draft revision for review.
    revision = page.save_revision(user=world.admin)
    row = public_row(page)
    assert row.live and row.title != page.title and row.has_unpublished_changes
    assert revision.as_object().body == UNREVIEWED_BODY


def test_saving_a_live_item_with_update_fields_of_content_is_refused(world):
    page = live_item(world)
    page.first_published_at = page.first_published_at.replace(year=2001)
    with pytest.raises(PublishRefused):
        page.save(update_fields=["first_published_at"])
    base = Page.objects.get(pk=page.pk)
    base.title = "基类对象改的标题"
    with pytest.raises(PublishRefused):
        base.save(update_fields=["title", "draft_title"])
    row = public_row(page)
    assert row.first_published_at.year != 2001 and row.title == "关于做好今冬供暖保障工作的通知"


def test_offline_item_saved_live_with_an_old_reviewed_revision_is_refused(world):
    page = live_item(world)
    reviewed_revision = page.live_revision
    page.unpublish(user=world.admin)
    page = public_row(page)
    page.body = UNREVIEWED_BODY
    page.live = True
    page.live_revision = reviewed_revision
    with pytest.raises(PublishRefused) as refused:
        page.save()
    assert refused.value.codes == ["bypass"] and "审核版本" in str(refused.value)
    row = public_row(page)
    assert not row.live and row.body == CLEAN_BODY
    # Through a plain Page object the item's table is not written, but what it stores (an
    # unreviewed body) is what would go live: refused too.
    type(page).objects.filter(pk=page.pk).update(body=UNREVIEWED_BODY)  # offline: allowed
    base = Page.objects.get(pk=page.pk)
    base.live = True
    base.live_revision = reviewed_revision
    with pytest.raises(PublishRefused):
        base.save()
    assert not public_row(page).live
    type(page).objects.filter(pk=page.pk).update(body=CLEAN_BODY)
    # Republishing the reviewed revision itself is still fine.
    reviewed_revision.publish(user=world.admin)
    row = public_row(page)
    assert row.live and row.body == CLEAN_BODY


def test_publish_action_whose_page_object_was_changed_after_the_check_is_refused(world):
    page = world.item()
    revision = world.review(page)
    action = GatedPublishPageRevisionAction(revision, user=world.admin)
    action.object.body = UNREVIEWED_BODY  # changed between the gate's check and the save
    with pytest.raises(PublishRefused) as refused:
        action.execute()
    assert refused.value.codes == ["bypass"]
    assert not public_row(page).live
    revision.publish(user=world.admin)  # the reviewed revision itself still goes live
    assert public_row(page).body == CLEAN_BODY


# -- Wagtail's own writes to live items -------------------------------------------------------


def test_editor_draft_lock_move_and_unpublish_of_a_live_item_still_work(world, client):
    page = live_item(world)
    client.force_login(world.admin)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(edit_url))
    data["title"] = "编辑器中保存的草稿标题"
    data["body"] = rich_text("<p>草稿正文。</p>")
    assert client.post(edit_url, data).status_code == 302
    row = public_row(page)
    assert row.live and row.title == "关于做好今冬供暖保障工作的通知"
    assert row.get_latest_revision().as_object().title == "编辑器中保存的草稿标题"

    assert client.post(reverse("wagtailadmin_pages:lock", args=[page.pk])).status_code == 302
    assert public_row(page).locked
    assert client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk])).status_code == 302

    other = world.home.add_child(
        instance=type(world.column)(title="政策文件", slug="gate-live-row-policies")
    )
    move_url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk])
    assert client.post(move_url).status_code == 302
    row = public_row(page)
    assert row.live and row.get_parent().pk == other.pk and row.url_path.startswith(other.url_path)

    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    assert client.post(unpublish_url).status_code == 302
    assert not public_row(page).live


def test_alias_follows_its_original_and_cannot_be_changed_alone(world):
    page = live_item(world)
    alias = page.create_alias(update_slug="gate-live-row-alias")
    alias = type(page).objects.get(pk=alias.pk)
    assert alias.live and alias.title == page.title
    # A new reviewed revision of the original is copied to its alias.
    page.title = "复审后更新的标题"
    page.save_revision(user=world.admin)
    world.review(page, publish=True)
    assert public_row(alias).title == "复审后更新的标题"
    alias.title = "只改别名的标题"
    with pytest.raises(PublishRefused):
        alias.save()
    assert public_row(alias).title == "复审后更新的标题"


# -- fixtures (raw saves) -----------------------------------------------------------------------


def _fixture(tmp_path, page, **changes) -> str:
    """The item's two rows (page table, item table) as a JSON fixture, with ``changes``."""
    rows = json.loads(
        serializers.serialize("json", [Page.objects.get(pk=page.pk), public_row(page)])
    )
    for row in rows:
        for name, value in changes.items():
            if name in row["fields"]:
                row["fields"][name] = value
    path = tmp_path / "items.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_loaddata_cannot_put_an_item_live(world, tmp_path):
    page = world.item()
    revision = world.review(page)
    fixture = _fixture(tmp_path, page, live=True, live_revision=revision.pk)
    with pytest.raises(PublishRefused) as refused:
        call_command("loaddata", fixture, verbosity=0)
    assert refused.value.codes == ["bypass"] and "live: false" in str(refused.value)
    assert not public_row(page).live
    # Other page types (a column index page, live) load as before.
    column = world.column
    rows = serializers.serialize("json", [Page.objects.get(pk=column.pk), column.specific])
    (tmp_path / "column.json").write_text(rows, encoding="utf-8")
    call_command("loaddata", str(tmp_path / "column.json"), verbosity=0)


def test_loaddata_cannot_change_a_live_item_but_reloads_it_unchanged(world, tmp_path):
    page = live_item(world)
    call_command("loaddata", _fixture(tmp_path, page), verbosity=0)  # a dump reloaded as is
    with pytest.raises(PublishRefused):
        call_command("loaddata", _fixture(tmp_path, page, body=ID_BODY), verbosity=0)
    with pytest.raises(PublishRefused):
        call_command("loaddata", _fixture(tmp_path, page, title="夹带的标题"), verbosity=0)
    row = public_row(page)
    assert row.live and row.body == CLEAN_BODY and row.title == "关于做好今冬供暖保障工作的通知"
    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"ENABLED": False}}):
        call_command("loaddata", _fixture(tmp_path, page, title="关闭审核闸门后载入"), verbosity=0)
    assert public_row(page).title == "关闭审核闸门后载入"


# -- queryset writes --------------------------------------------------------------------------


def test_queryset_update_and_bulk_update_cannot_change_live_content(world):
    page = live_item(world)
    draft = world.item()
    model = type(page)
    with pytest.raises(PublishRefused) as refused:
        model.objects.filter(pk__in=[page.pk, draft.pk]).update(title="批量改的标题")
    assert refused.value.codes == ["bypass"]
    with pytest.raises(PublishRefused):
        model.objects.filter(pk=page.pk).update(body=ID_BODY)
    with pytest.raises(PublishRefused):
        model.objects.filter(pk=page.pk).update(live_revision=draft.get_latest_revision())
    page.title = "批量改的标题"
    with pytest.raises(PublishRefused):
        model.objects.bulk_update([page], ["title"])
    assert public_row(page).title == "关于做好今冬供暖保障工作的通知"
    # Offline items and bookkeeping columns still update.
    assert model.objects.filter(pk=draft.pk).update(title="草稿新标题") == 1
    assert model.objects.filter(pk=page.pk).update(locked=True) == 1
    with pytest.raises(ValueError):
        model.objects.bulk_create([model(title="批量新建", slug="bulk", live=True)])
