"""Run inside a new `wagtail start` project (``manage.py shell``) after the README's steps:
the first run through the admin views, search, the on-request page, uninstall. Prints one
``OK <step>`` line per step; any failure raises. Uses no module of the plugin's tests, so it
works from an installed wheel too."""

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from home.models import HomePage, NewsPage
from wagtail.models import Page

from wagtail_gov_review.forms.models import ColumnChangeRequest
from wagtail_gov_review.models import Column, Unit, UnitMembership

admin = get_user_model().objects.create_superuser("root", "root@site.invalid", "Unused!pass2026")
client = Client()
client.force_login(admin)


def post(url_name, data, *args, status=302):
    response = client.post(reverse(url_name, args=args), data)
    assert response.status_code == status, (url_name, response.status_code)
    return response


# As the browser posts the form: the 启用 checkbox is ticked by default.
post("gov_review_units:add", {"name": "区数据资源中心", "kind": "data_center", "is_active": "on"})
unit = Unit.objects.get(name="区数据资源中心", is_active=True)
post("gov_review_unit_memberships:add", {"user": admin.pk, "unit": unit.pk, "position": "管理员"})
assert UnitMembership.objects.filter(user=admin, unit=unit).exists()
print("OK unit and membership")

home = HomePage.objects.get()
news = home.add_child(instance=Page(title="政务动态", slug="news"))
post(
    "gov_review_column_requests:add",
    {"operation": "add", "unit": unit.pk, "page": news.pk, "kind": "news", "reason": "开设"},
)
request = ColumnChangeRequest.objects.get(page=news)
post("gov_review_column_requests:decide", {"approve": "1", "opinion": "同意"}, request.pk)
assert Column.objects.get(page=news).unit == unit
print("OK first column")

# Content for the search and on-request checks, published without the chain (not under test).
with override_settings(WAGTAIL_GOV_REVIEW={"GATE": {"ENABLED": False}}):
    for title, disclosure in (("公开的通知甲", "public"), ("依申请的通知乙", "on_request")):
        reason = "涉及第三方，依申请提供" if disclosure == "on_request" else ""
        item = news.add_child(
            instance=NewsPage(title=title, disclosure=disclosure, disclosure_reason=reason)
        )
        item.save_revision(user=admin).publish(user=admin)
# Whole titles: SQLite's full-text tokenizer does not split Chinese into words.
# The results page repeats the query, so look for links to the items.
public, on_request = (NewsPage.objects.get(title=t) for t in ("公开的通知甲", "依申请的通知乙"))
html = client.get("/search/", {"query": public.title}).content.decode()
assert f'href="{public.url}"' in html, "public item not found by search"
html = client.get("/search/", {"query": on_request.title}).content.decode()
assert f'href="{on_request.url}"' not in html, "on-request item found by search"
print("OK search leaves out on-request items")

html = client.get(on_request.url).content.decode()
assert "依申请公开" in html, "no on-request notice"
assert "css/mysite.css" in html, "the notice page does not extend the site's base.html"
print("OK on-request page")

pages_before = set(Page.objects.values_list("pk", flat=True))
