"""Who may export the forms: the item's own unit, central units and superusers."""

from __future__ import annotations

from ..conf import gov_review_settings
from ..models.units import UnitMembership


def _unit_ids(user) -> tuple[set[int], bool]:
    memberships = UnitMembership.objects.filter(user=user, unit__is_active=True).values_list(
        "unit_id", "unit__kind"
    )
    central = set(gov_review_settings.CENTRAL_UNIT_KINDS)
    ids = {unit_id for unit_id, _kind in memberships}
    return ids, any(kind in central for _id, kind in memberships)


def can_export_page(user, page) -> bool:
    """Members of the item's unit, of a central unit (data center, government office)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ids, central = _unit_ids(user)
    if central:
        return True
    unit = page.get_gov_unit() if hasattr(page, "get_gov_unit") else None
    return unit is not None and unit.pk in ids


def can_export_batch(user) -> bool:
    """Batch exports cover every unit: superusers and members of central units."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _unit_ids(user)[1]
