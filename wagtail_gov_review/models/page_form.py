"""The editor form of GovInfoPageMixin pages: an editor may only issue items for own units.

Without this, a town's editor could name another unit as the issuing unit and send the item
into that unit's review chain. Sites with their own ``base_form_class`` subclass this one.
"""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from .units import sees_everything, user_unit_ids


class GovInfoPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("unit")
        user = getattr(self, "for_user", None)
        if field is None or user is None:
            return
        if not sees_everything(user):
            allowed = user_unit_ids(user)
            if self.instance.unit_id:
                allowed.add(self.instance.unit_id)  # keep a value set by someone else visible
            field.queryset = field.queryset.filter(pk__in=allowed)
