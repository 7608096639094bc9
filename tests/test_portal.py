"""The demo portal as the public sees it: site search, breadcrumbs, paging, footer identifiers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from example_site.portal.models import ColumnIndexPage

from .gate_helpers import World


@pytest.fixture
def world(db):
    return World()


def test_site_search_finds_public_items_only(world, client):
    # The SQLite search backend splits words on spaces only: both titles share "2026".
    public = world.live_item(title="公开的通知 2026")
    hidden = world.live_item(
        title="依申请公开的通知 2026",
        disclosure="on_request",
        disclosure_reason="依申请提供",
    )
    response = client.get(reverse("portal_search"), {"q": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert public.url in html and hidden.url not in html
    assert "共找到 1 条" in html
    assert "portal/base.html" in [t.name for t in response.templates]

    empty = client.get(reverse("portal_search"), {"q": "没有这个词"}).content.decode()
    assert "没有找到相关信息" in empty
    assert client.get(reverse("portal_search")).status_code == 200  # no query: the form


def test_item_and_column_pages_show_where_the_reader_is(world, client):
    item = world.live_item(title="关于开展安全检查的通知")
    html = client.get(item.url).content.decode()
    crumbs = html.split('aria-label="当前位置"', 1)[1].split("</nav>", 1)[0]
    assert world.column.title in crumbs and "关于开展安全检查的通知" in crumbs


def test_column_pages_list_their_items_a_page_at_a_time(world, client, monkeypatch):
    monkeypatch.setattr(ColumnIndexPage, "items_per_page", 2)
    titles = [world.live_item(title=f"第{n}号通知").title for n in range(3)]
    first = client.get(world.column.url).content.decode()
    second = client.get(world.column.url, {"p": 2}).content.decode()
    assert "第 1 页，共 2 页" in first and "第 2 页，共 2 页" in second
    assert sum(title in first for title in titles) == 2
    assert sum(title in second for title in titles) == 1
    assert "第 2 页，共 2 页" in client.get(world.column.url, {"p": "99"}).content.decode()


def test_footer_shows_the_site_identifiers_from_site_settings(demo, client):
    from wagtail.models import Site

    from example_site.portal.models import PortalIdentity

    identity = PortalIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_code = "1234567890"
    identity.save()
    footer = client.get("/").content.decode().split("data-portal-identity", 1)[1]
    assert "网站标识码：1234567890" in footer
    assert "主办单位：示范区人民政府办公室" in footer and "演ICP备00000000号" in footer
