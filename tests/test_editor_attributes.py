"""公开属性 and 来源 on the editor's content tab, required where the rules say (seeds 000, 002,
003, 004), with Chinese errors on the field and the editor's other input kept."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from example_site.portal.models import NoticePage

from .form_helpers import kept, page_form, set_rich_text

TEXT = "各镇街：请做好冬季防火工作，落实值班值守制度。"
DISCLOSURE_ERROR = "请选择公开属性：主动公开、依申请公开或不予公开。"


@pytest.fixture
def editor(module_demo, client, login):
    login("editor")
    return client


def _add_url() -> str:
    notices = Page.objects.get(slug="notices")
    return reverse("wagtailadmin_pages:add", args=["portal", "noticepage", notices.pk])


def _new_notice(client, **fields):
    data = page_form(client, _add_url())
    data["title"] = "关于做好冬季防火工作的通知"
    data["slug"] = "winter-fire-notice"
    set_rich_text(data, "body", f"<p>{TEXT}</p>")
    for name, value in fields.items():
        data[name] = value
    return client.post(_add_url(), data)


def _tab(html: str, label: str):
    """The panel of the editor tab called ``label``."""
    soup = BeautifulSoup(html, "html.parser")
    trigger = next(
        a for a in soup.select("a[role=tab]") if a.get_text(strip=True).startswith(label)
    )
    return soup.find(id=trigger["href"].lstrip("#"))


def test_disclosure_and_source_are_on_the_content_tab(editor):
    page = Page.objects.get(slug="winter-heating-notice")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    content = _tab(html, "内容")
    for field in ("disclosure", "disclosure_reason", "source_type", "source_name", "source_url"):
        assert content.find(id=f"id_{field}") is not None, field
    assert "公开属性" in content.get_text() and "信息来源" in content.get_text()


def test_new_item_offers_no_preselected_disclosure(editor):
    html = editor.get(_add_url()).content.decode()
    select = BeautifulSoup(html, "html.parser").find(id="id_disclosure")
    assert select.find("option", selected=True)["value"] == ""


def test_new_item_without_disclosure_is_refused_on_that_field_and_keeps_the_text(editor):
    response = _new_notice(editor, disclosure="")
    assert response.status_code == 200  # the form again
    assert response.context["form"].errors == {"disclosure": [DISCLOSURE_ERROR]}
    html = response.content.decode()
    assert DISCLOSURE_ERROR in html
    assert "关于做好冬季防火工作的通知" in html and kept(TEXT, html)
    assert not NoticePage.objects.filter(slug="winter-fire-notice").exists()


def test_new_reprint_without_source_is_refused_on_the_source_field_and_keeps_the_text(editor):
    response = _new_notice(
        editor, disclosure="public", source_type="reprint", source_name="", source_url=""
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["source_name"] == ["转载信息必须注明来源。"]
    assert "disclosure" not in errors
    html = response.content.decode()
    assert "转载信息必须注明来源。" in html and kept(TEXT, html)
    assert 'value="public" selected' in html  # the disclosure chosen stays chosen
    assert not NoticePage.objects.filter(slug="winter-fire-notice").exists()


def test_submitted_item_must_name_the_submitting_unit(editor):
    page = Page.objects.get(slug="winter-heating-notice")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form(editor, url)
    data["source_type"] = "submitted"
    data["source_name"] = ""
    response = editor.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["source_name"] == ["报送信息必须注明报送单位。"]
    data["source_name"] = "城关镇人民政府"
    assert editor.post(url, data).status_code == 302
    saved = NoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert saved.source_type == "submitted" and saved.source_name == "城关镇人民政府"


def test_new_item_with_its_attributes_chosen_is_created(editor):
    response = _new_notice(editor, disclosure="public")
    assert response.status_code == 302
    notice = NoticePage.objects.get(slug="winter-fire-notice")
    assert notice.get_latest_revision_as_object().disclosure == "public"


def test_existing_item_keeps_its_disclosure_in_the_edit_form(editor):
    page = Page.objects.get(slug="winter-heating-notice")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    select = BeautifulSoup(html, "html.parser").find(id="id_disclosure")
    assert select.find("option", selected=True)["value"] == "public"
    assert select.find("option", value="") is None
