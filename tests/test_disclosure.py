"""Disclosure attributes: Chinese validation in the editor, what the public sees, listings."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from example_site.portal.models import public_items
from wagtail_gov_review.listing import exclude_unlisted, public_search

from .gate_helpers import CLEAN_BODY, World, form_data

GATE_OFF = {"GATE": {"ENABLED": False}}


@pytest.fixture
def world(db, client):
    world = World()
    client.force_login(world.admin)
    return world


def test_editor_shows_chinese_errors_next_to_the_fields_and_keeps_nothing_half_saved(world, client):
    page = world.item()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url))
    data.update(disclosure="on_request", disclosure_reason="", source_type="reprint")
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with errors
    form = response.context["form"]
    assert form.errors["disclosure_reason"] == ["不主动公开的信息，须填写不公开的理由及法律依据。"]
    assert "转载信息必须注明来源。" in form.errors["source_name"]
    assert "转载信息必须提供来源链接。" in form.errors["source_url"]
    html = response.content.decode()
    assert "转载信息必须注明来源。" in html
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().disclosure == "public"


def test_editor_panels_are_in_chinese(world, client):
    page = world.item()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    for label in ("公开属性", "信息来源", "审核声明", "不予公开", "依申请公开", "涉密"):
        assert label in html


def test_on_request_item_shows_how_to_apply_but_never_the_body(world, client):
    page = world.live_item(disclosure="on_request", disclosure_reason="涉及第三方，依申请提供")
    client.logout()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert page.title in html and "依申请公开" in html and "政府信息公开条例" in html
    assert "供暖保障工作，现将有关事项" not in html


def test_on_request_item_is_left_out_of_listings_search_and_sitemap(world, client):
    # The SQLite search backend splits words on spaces only: both titles share "2026".
    public = world.live_item(title="公开的通知 2026")
    hidden = world.live_item(
        title="依申请公开的通知 2026",
        disclosure="on_request",
        disclosure_reason="依申请提供",
    )
    ids = set(public_items().values_list("pk", flat=True))
    assert public.pk in ids and hidden.pk not in ids
    assert hidden.pk not in exclude_unlisted(type(hidden).objects.live()).values_list(
        "pk", flat=True
    )
    column_html = client.get(world.column.url).content.decode()
    assert "公开的通知" in column_html and "依申请公开的通知" not in column_html
    assert {p.pk for p in type(public).objects.live().search("2026")} == {public.pk, hidden.pk}
    found = [p.pk for p in public_search("2026")]
    assert public.pk in found and hidden.pk not in found
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.url in sitemap and hidden.url not in sitemap


@pytest.mark.parametrize(
    "fields",
    [
        {"disclosure": "not_public", "disclosure_reason": "依法不予公开"},
        {"involves_secret": True},
    ],
)
def test_undisclosed_or_secret_item_is_not_served_even_if_live(world, client, fields):
    page = world.item(**fields)
    with override_settings(WAGTAIL_GOV_REVIEW=GATE_OFF):  # forced live behind the gate's back
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get(page.url).status_code == 404


def test_preview_shows_the_full_on_request_item_to_editors(world, client):
    page = world.item(disclosure="on_request", disclosure_reason="依申请提供")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = form_data(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    client.post(url, data)
    html = client.get(url).content.decode()
    assert "供暖保障工作" in html and CLEAN_BODY[3:10] in html
