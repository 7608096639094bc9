from wagtail.models import Site


def navigation(request):
    """Top-level columns of the current site, for the header."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_columns": []}
    return {"nav_columns": site.root_page.get_children().live().in_menu()}
