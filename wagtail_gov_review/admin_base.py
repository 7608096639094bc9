"""Base pieces for the plugin's own admin views."""

from __future__ import annotations

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class TitledAdminTemplateMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin page furniture with the view's own title as the last breadcrumb.

    Wagtail's mixin starts the breadcrumbs with "Home" and expects each view to append itself;
    without that, the slim header reads only "主页" above a screen that has its own purpose.
    """

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]


class YesNoColumn(BooleanColumn):
    """Wagtail's tick/cross column, its icons titled 是/否 instead of "True"/"False"."""

    cell_template_name = "wagtail_gov_review/tables/yes_no_cell.html"

    def __init__(self, name: str, model: type, **kwargs) -> None:
        kwargs.setdefault("label", model._meta.get_field(name).verbose_name)
        super().__init__(name, **kwargs)
