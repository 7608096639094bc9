"""Who may export the forms: the item's own unit, central units and superusers.

The same rule as the admin's unit scope and the review chain (``security.scoping``).
"""

from __future__ import annotations

from ..security.scoping import sees_everything
from ..workflows.access import in_unit_scope


def can_export_page(user, page) -> bool:
    """Members of the item's unit, of a central unit (data center, government office)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return in_unit_scope(page, user)


def can_export_batch(user) -> bool:
    """Batch exports cover every unit: superusers and members of central units."""
    return sees_everything(user)
