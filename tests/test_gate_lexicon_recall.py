"""Issue 17 through the real admin: a final workflow approval of an item naming someone's
health condition (by disease, disability grade or test result) or home address in parentheses
is refused by the gate; health policy text goes live."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .gate_helpers import World


@pytest.fixture
def world(db, client):
    world = World()
    client.force_login(world.admin)
    return world


def approve(world, client, page):
    state = world.workflow.start(page, world.admin)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(url, {"comment": "同意"}).status_code == 302
    page.refresh_from_db()
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


@pytest.mark.parametrize(
    "body,finding",
    [
        ("<p>经检测，张某HIV阳性，已转定点医院治疗。</p>", "HIV阳性"),
        ("<p>低保户王某某，肢体残疾二级，家庭生活困难。</p>", "肢体残疾二级"),
        ("<p>困难户张某（住芙蓉区八一路106号16栋703室）申请临时救助。</p>", "八一路106号"),
    ],
)
def test_approval_of_an_item_with_a_personal_condition_or_address_is_refused(
    world, client, body, finding
):
    page = world.item(body=body)
    shown = approve(world, client, page)
    assert not page.live
    assert "发布被拒绝" in shown and finding in shown


def test_approval_of_health_policy_text_goes_live(world, client):
    page = world.item(body="<p>HIV阳性孕产妇所生儿童应及时随访，为二级肢体残疾人发放补贴。</p>")
    approve(world, client, page)
    assert page.live
