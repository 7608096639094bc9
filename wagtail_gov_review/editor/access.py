"""Who may change an item from the editor panel (de-identify) and see its report.

Wagtail's page permission is not enough on a shared portal: role groups get ``change_page`` on
the whole tree, and the unit scope (``workflows.access.in_unit_scope``) keeps a town's editor
out of the district's items, as the review chain does for reviewers.
"""

from __future__ import annotations

from ..workflows.access import in_unit_scope


def can_edit_item(page, user) -> bool:
    """The user may edit ``page`` in Wagtail and works for its unit (or a central unit)."""
    if not page.permissions_for_user(user).can_edit():
        return False
    return in_unit_scope(page, user)


def locked_for(page, user) -> bool:
    lock = page.get_lock()
    return bool(lock and lock.for_user(user))
