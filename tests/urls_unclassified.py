"""The demo's URL conf plus one admin route with an id that no scope rule classifies, as a
new Wagtail version or feature might add it (``test_security_routes``)."""

from django.http import HttpResponse
from django.urls import path

from example_site.urls import urlpatterns as demo_urlpatterns


def probe(request, page_id):
    return HttpResponse(f"page {page_id}")


urlpatterns = [
    path("admin/new-wagtail-view/<int:page_id>/", probe, name="unclassified_probe"),
    *demo_urlpatterns,
]
