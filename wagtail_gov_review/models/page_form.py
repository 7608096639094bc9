"""The editor form of GovInfoPageMixin pages.

- An editor may only issue items for own units: without this, a town's editor could name
  another unit as the issuing unit and send the item into that unit's review chain.
- A new item's 公开属性 is chosen by its author, not taken from a default: seed 003 asks for
  主动公开 / 依申请公开 / 不予公开 to be decided when the document is drafted.

Sites with their own ``base_form_class`` subclass this one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .units import sees_everything, user_unit_ids

DISCLOSURE_REQUIRED = _(
    "Choose the disclosure attribute: proactive disclosure, disclosure on request or not disclosed."
)


class GovInfoPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ask_for_disclosure()
        self._limit_units()

    def _ask_for_disclosure(self) -> None:
        """On a new item, offer no preselected disclosure (the model's default stays for
        items made in code). Leaving it empty is an error on that field, named by the model's
        ``gov_attribute_errors()``: Wagtail does not enforce required fields on a draft save."""
        field = self.fields.get("disclosure")
        if field is None or self.instance.pk is not None:
            return
        field.choices = [("", _("— choose —")), *field.choices]
        field.required = False
        self.initial["disclosure"] = ""

    def _limit_units(self) -> None:
        field = self.fields.get("unit")
        user = getattr(self, "for_user", None)
        if field is None or user is None:
            return
        if not sees_everything(user):
            allowed = user_unit_ids(user)
            if self.instance.unit_id:
                allowed.add(self.instance.unit_id)  # keep a value set by someone else visible
            field.queryset = field.queryset.filter(pk__in=allowed)
