"""Who may export the forms and see the requests: the own unit, central units, superusers.

The same rule as the admin's unit scope and the review chain (``security.scoping``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..security.scoping import sees_everything, user_unit_ids
from ..workflows.access import in_unit_scope


def can_export_page(user, page) -> bool:
    """Members of the item's unit, of a central unit (data center, government office)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return in_unit_scope(page, user)


def can_export_batch(user) -> bool:
    """Batch exports cover every unit: superusers and members of central units."""
    return sees_everything(user)


def scope_requests(user, queryset: QuerySet) -> QuerySet:
    """The requests (account, column change, officer change) of the user's own units.

    Superusers and central units see every unit's; anyone else only their units', in the
    lists, the inspect and decide screens and the printable forms.
    """
    if sees_everything(user):
        return queryset
    return queryset.filter(unit_id__in=user_unit_ids(user))
