"""The publish gate on every publish path: refusals keep the draft, reviewed clean items go live."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, PageManager

from wagtail_gov_review.models import ReviewAction, ReviewRecord
from wagtail_gov_review.refusals import PublishRefused
from wagtail_gov_review.workflows.gate.gate import PublishGate
from wagtail_gov_review.workflows.gate.models import PostPublishReview, PublishDateChange

from .gate_helpers import CLEAN_BODY, ID_BODY, ID_NUMBER, World

GATE_OFF = {"GATE": {"ENABLED": False}}
NO_REVIEW = {"GATE": {"REQUIRE_REVIEW": False}}


@pytest.fixture
def world(db):
    return World()


def assert_untouched(page, revision, body: str):
    """Refused: the page is offline and its latest revision still holds the saved content."""
    page.refresh_from_db()
    assert not page.live
    assert page.live_revision_id is None
    latest = page.get_latest_revision()
    assert latest.pk == revision.pk
    assert latest.as_object().body == body


def refusals(page) -> list[ReviewRecord]:
    return list(
        ReviewRecord.objects.filter(page_id_snapshot=page.pk, action=ReviewAction.PUBLISH_REFUSED)
    )


# -- the gate's rules, through revision.publish() in code ----------------------------------------


def test_code_publish_of_unreviewed_revision_is_refused_and_archived(world):
    page = world.item()
    revision = page.get_latest_revision()
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin)
    assert refused.value.codes == ["review"]
    assert "尚未完成审核流程" in str(refused.value)
    assert_untouched(page, revision, CLEAN_BODY)
    [record] = refusals(page)
    assert record.revision_id == revision.pk and record.user == world.admin
    assert "尚未完成审核流程" in record.opinion


def test_reviewed_clean_revision_publishes_in_code(world):
    page = world.item()
    revision = world.review(page)
    revision.publish(user=world.admin)
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    assert refusals(page) == []


def test_blocking_finding_refuses_even_a_reviewed_revision(world):
    page = world.item(body=ID_BODY)
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.admin, skip_permission_checks=True)
    assert refused.value.codes == ["findings"]
    # The refusal names the finding masked: its text reaches logs, records and messages.
    assert "1101************14" in str(refused.value) and "智能校对" in str(refused.value)
    assert ID_NUMBER not in str(refused.value)
    assert_untouched(page, revision, ID_BODY)
    [record] = refusals(page)
    assert any(f["text"] == "1101************14" for f in record.check_report)
    assert ID_NUMBER not in str(record.check_report) + record.opinion


def test_edit_after_final_approval_needs_review_again(world):
    page = world.item()
    world.review(page)
    edited = page.get_latest_revision().as_object()
    edited.body = "<p>审核通过后又改动的内容。</p>"
    revision = edited.save_revision(user=world.admin)
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert refused.value.codes == ["review"]
    assert_untouched(page, revision, "<p>审核通过后又改动的内容。</p>")


@pytest.mark.parametrize(
    "fields, code, text",
    [
        (
            {"disclosure": "not_public", "disclosure_reason": "涉及第三方合法权益"},
            "not_public",
            "不予公开",
        ),
        ({"involves_secret": True}, "secret", "涉密"),
        ({"source_type": "reprint"}, "attributes", "转载信息必须注明来源"),
    ],
)
def test_undisclosed_secret_and_unsourced_items_never_go_live(world, fields, code, text):
    page = world.item()
    draft = page.get_latest_revision().as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision(user=world.admin, clean=False)  # as code could, skipping validation
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert code in refused.value.codes and text in str(refused.value)
    assert_untouched(page, revision, CLEAN_BODY)


def test_backdated_go_live_is_refused_and_future_go_live_is_scheduled(world):
    page = world.item(go_live_at=timezone.now() - timedelta(days=3))
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert refused.value.codes == ["backdated"] and "严禁伪造发稿日期" in str(refused.value)
    assert_untouched(page, revision, CLEAN_BODY)

    future = world.item(go_live_at=timezone.now() + timedelta(hours=2))
    scheduled = world.review(future)
    scheduled.publish()
    scheduled.refresh_from_db()
    future.refresh_from_db()
    assert not future.live and scheduled.approved_go_live_at is not None


def test_backdated_first_published_date_is_refused(world):
    page = world.item(first_published_at=timezone.now() - timedelta(days=30))
    revision = world.review(page)
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert refused.value.codes == ["backdated"]
    assert_untouched(page, revision, CLEAN_BODY)


def test_backdate_tolerance_comes_from_settings(world):
    page = world.item(go_live_at=timezone.now() - timedelta(minutes=30))
    revision = world.review(page)
    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"BACKDATE_TOLERANCE_MINUTES": 60}}):
        revision.publish()
    page.refresh_from_db()
    assert page.live


def test_every_publish_date_change_is_logged_with_user_and_values(world):
    page = world.item()
    draft = page.get_latest_revision().as_object()
    first = timezone.now().replace(microsecond=0) + timedelta(days=1)
    draft.go_live_at = first
    draft.save_revision(user=world.admin)
    draft.go_live_at = first + timedelta(days=1)
    draft.save_revision(user=world.reviewer)
    changes = list(PublishDateChange.objects.filter(page_id_snapshot=page.pk, field="go_live_at"))
    assert [(c.old_value, c.new_value, c.user) for c in changes] == [
        (None, first, world.admin),
        (first, first + timedelta(days=1), world.reviewer),
    ]


def test_gate_settings_are_honoured(world):
    unreviewed = world.item()
    with override_settings(WAGTAIL_GOV_REVIEW=NO_REVIEW):
        unreviewed.get_latest_revision().publish()
    unreviewed.refresh_from_db()
    assert unreviewed.live

    with_id = world.item(body=ID_BODY)
    revision = world.review(with_id)
    with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"BLOCK_ON_FINDINGS": False}}):
        revision.publish()
    with_id.refresh_from_db()
    assert with_id.live

    undisclosed = world.item(disclosure="not_public", disclosure_reason="依法不予公开")
    with override_settings(WAGTAIL_GOV_REVIEW=GATE_OFF):
        undisclosed.get_latest_revision().publish()
    undisclosed.refresh_from_db()
    assert undisclosed.live


# -- emergency publishing ---------------------------------------------------------------------


def _emergency_publisher(world):
    world.reviewer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_gov_review", codename="emergency_publish"
        )
    )
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=world.reviewer.pk)


def test_emergency_publish_needs_permission_and_emergency_flag(world):
    page = world.item(is_emergency=True)
    revision = page.get_latest_revision()
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=world.reviewer, skip_permission_checks=True)
    assert refused.value.codes == ["review"]
    assert_untouched(page, revision, CLEAN_BODY)

    plain = world.item()
    publisher = _emergency_publisher(world)
    with pytest.raises(PublishRefused) as refused:
        plain.get_latest_revision().publish(user=publisher, skip_permission_checks=True)
    assert refused.value.codes == ["review"]


def test_emergency_publish_is_logged_and_goes_into_post_publish_review(world):
    page = world.item(is_emergency=True)
    world.workflow.workflow_pages.create(page=world.column)
    publisher = _emergency_publisher(world)
    revision = page.get_latest_revision()
    revision.publish(user=publisher, skip_permission_checks=True)
    page.refresh_from_db()
    assert page.live
    record = ReviewRecord.objects.get(
        page_id_snapshot=page.pk, action=ReviewAction.EMERGENCY_PUBLISH
    )
    assert record.user == publisher
    review = PostPublishReview.objects.get(page=page)
    assert review.is_open and review.workflow_state is not None
    assert review.workflow_state.status == "in_progress"


def test_archive_lists_post_publish_reviews_and_date_changes_read_only(world, client):
    page = world.item(is_emergency=True)
    world.workflow.workflow_pages.create(page=world.column)
    page.get_latest_revision().publish(
        user=_emergency_publisher(world), skip_permission_checks=True
    )
    draft = page.get_latest_revision().as_object()
    draft.go_live_at = timezone.now() + timedelta(days=2)
    draft.save_revision(user=world.admin)
    review = PostPublishReview.objects.get(page=page)
    change = PublishDateChange.objects.get(page_id_snapshot=page.pk, field="go_live_at")

    client.force_login(world.admin)  # a superuser: sees everything, may change nothing
    listing = client.get(reverse("gov_review_post_publish_reviews:index"))
    assert listing.status_code == 200
    assert "发布后审核" in listing.content.decode() and page.title in listing.content.decode()
    inspect = client.get(reverse("gov_review_post_publish_reviews:inspect", args=[review.pk]))
    assert inspect.status_code == 200 and "发布人" in inspect.content.decode()
    dates = client.get(reverse("gov_review_publish_date_changes:index"))
    assert dates.status_code == 200 and "发布日期变更记录" in dates.content.decode()
    assert reverse("gov_review_publish_date_changes:inspect", args=[change.pk]) in (
        dates.content.decode()
    )
    for name, pk in (
        ("gov_review_post_publish_reviews", review.pk),
        ("gov_review_publish_date_changes", change.pk),
    ):
        for view, args in (("add", []), ("edit", [pk]), ("delete", [pk])):
            try:
                url = reverse(f"{name}:{view}", args=args)
            except NoReverseMatch:
                continue  # no such view at all
            assert client.get(url).status_code in (302, 403), url
            assert client.post(url, {}).status_code in (302, 403), url
    assert PostPublishReview.objects.filter(pk=review.pk).exists()
    assert PublishDateChange.objects.filter(pk=change.pk).exists()


# -- other paths ------------------------------------------------------------------------------


def test_direct_publish_action_and_page_save_are_caught(world):
    page = world.item(body=ID_BODY)
    revision = world.review(page)
    with pytest.raises(PublishRefused):
        PublishPageRevisionAction(revision).execute()
    assert_untouched(page, revision, ID_BODY)

    raw = Page.objects.get(pk=page.pk)
    raw.live = True
    raw.live_revision = revision
    with pytest.raises(PublishRefused):
        raw.save()
    assert_untouched(page, revision, ID_BODY)


def test_queryset_update_cannot_put_items_live(world):
    page = world.item()
    revision = world.review(page)
    model = type(page)
    assert isinstance(model.objects, PageManager)  # Wagtail's requirement still holds
    with pytest.raises(PublishRefused) as refused:
        model.objects.filter(pk=page.pk).update(live=True, live_revision=revision)
    assert refused.value.codes == ["bypass"] and "批量数据库更新" in str(refused.value)
    page.refresh_from_db()
    assert not page.live and page.live_revision_id is None
    # Other updates, and taking items offline, go through.
    assert model.objects.filter(pk=page.pk).update(live=False, locked=True) == 1
    with override_settings(WAGTAIL_GOV_REVIEW=GATE_OFF):
        assert model.objects.filter(pk=page.pk).update(live=True) == 1


def test_publish_scheduled_refuses_one_item_and_publishes_the_others(world):
    later = timezone.now() + timedelta(hours=1)
    unreviewed = world.item(go_live_at=later)
    with override_settings(WAGTAIL_GOV_REVIEW=NO_REVIEW):
        unreviewed.get_latest_revision().publish()  # scheduled while review was not required
    reviewed = world.item(go_live_at=later)
    reviewed_revision = world.review(reviewed)
    reviewed_revision.publish()
    # Two hours later both schedules fall due.
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(hours=2)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))

    refused_revision = unreviewed.get_latest_revision()
    assert_untouched(unreviewed, refused_revision, CLEAN_BODY)
    refused_revision.refresh_from_db()
    assert refused_revision.approved_go_live_at is None  # unscheduled, not retried forever
    assert len(refusals(unreviewed)) == 1
    reviewed.refresh_from_db()
    assert reviewed.live and reviewed.live_revision_id == reviewed_revision.pk


def test_copy_and_publish_in_code_leaves_the_copy_offline(world):
    page = world.item()
    world.review(page, publish=True)
    page.refresh_from_db()
    assert page.live
    copy = CopyPageAction(
        page,
        to=world.column,
        update_attrs={"title": "复制的通知", "slug": "copied"},
        keep_live=True,
    ).execute()
    copy.refresh_from_db()
    assert not copy.live and copy.live_revision_id is None and copy.first_published_at is None
    page.refresh_from_db()
    assert page.live


def test_gate_check_can_be_asked_without_publishing(world):
    page = world.item()
    revision = world.review(page)
    decision = PublishGate(revision=revision).check()
    assert not decision.emergency and not decision.report.has_blocking
