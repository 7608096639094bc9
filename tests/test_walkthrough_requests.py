"""Column change requests as a web team decides them (issue 18, bug 7)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from wagtail_gov_review.forms.column_changes import request_column_change
from wagtail_gov_review.forms.models import RequestStatus
from wagtail_gov_review.models import Column

pytestmark = pytest.mark.django_db


def _admins_request():
    admin = get_user_model().objects.get(username="admin")
    column = Column.objects.select_related("page", "unit").first()
    return request_column_change(
        operation="change",
        unit=column.unit,
        page=column.page,
        reason="调整更新频率",
        user=admin,
        kind=column.kind,
        update_frequency_days=30,
    )


def test_decide_page_offers_no_buttons_to_who_may_not_decide(module_demo, client, login):
    request = _admins_request()
    url = reverse("gov_review_column_requests:decide", args=[request.pk])

    login("admin")  # filed it: may not approve it
    html = client.get(url).content.decode()
    assert 'name="approve"' not in html and 'name="reject"' not in html
    assert "申请人不能审批自己提交的申请" in html

    response = client.post(url, {"approve": "1", "opinion": "同意"})
    assert response.status_code == 403
    assert "申请人不能审批自己提交的申请" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_demo_has_a_second_approver_so_admins_requests_can_be_approved(
    module_demo, client, login
):
    request = _admins_request()
    url = reverse("gov_review_column_requests:decide", args=[request.pk])
    login("siteleader")
    html = client.get(url).content.decode()
    assert 'name="approve"' in html
    response = client.post(url, {"approve": "1", "opinion": "同意调整"}, follow=True)
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.decided_by_name == "周站长"
    assert Page.objects.filter(pk=request.page_id).exists()


def _main(html: str) -> str:
    import re

    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_listings_show_ticks_and_field_labels_not_python_values(module_demo, client, login):
    from django.utils import timezone

    from wagtail_gov_review.models import Term
    from wagtail_gov_review.workflows.gate.models import PublishDateChange

    Term.objects.create(category="typo", term="示范错字", suggestion="示范正字")
    page = Page.objects.filter(depth=4).first()
    PublishDateChange.objects.create(
        page=page,
        page_id_snapshot=page.pk,
        field="first_published_at",
        old_value=timezone.now(),
        new_value=timezone.now(),
    )
    login("admin")
    for url in (
        "/admin/snippets/wagtail_gov_review/term/",
        "/admin/snippets/wagtail_gov_review/checklistitem/",
        "/admin/snippets/wagtail_gov_review/leader/",
    ):
        text = _main(client.get(url).content.decode())
        assert " True " not in text and " False " not in text, url
    text = _main(client.get("/admin/gov-review/publish-date-changes/").content.decode())
    assert "first_published_at" not in text
    assert "第一次发布于" in text


def test_column_request_form_help_texts_are_chinese(module_demo, client, login):
    login("admin")
    html = client.get(reverse("gov_review_column_requests:add")).content.decode()
    assert "留空则保留现有主管单位" in html
    assert "Empty keeps the current owner" not in html
