"""The portal's site search: live, public items only (依申请公开 and 不予公开 never appear)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail_gov_review.listing import public_search

RESULTS_PER_PAGE = 20


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = public_search(query) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "portal/search.html", {"query": query, "results": page})
