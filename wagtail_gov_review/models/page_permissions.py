"""Page permissions of items, answered from the row where Wagtail would query the subtree.

Wagtail's ``PagePermissionTester.can_delete`` asks the database about every page of the
subtree for users without publish permission (are any live, are all their own). The page
explorer asks it twice for every row (the 删除 and 移动 buttons), so an editor's listing of 50
items costs 100 such queries. An item with no children is its own subtree: the same answer
comes from the row already loaded. Pages with children keep Wagtail's queries.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester


class ItemPermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk: bool = False) -> bool:
        page = self.page
        if not page.is_leaf() or self.user.is_superuser or not self.user.is_active:
            return super().can_delete(ignore_bulk=ignore_bulk)
        if self.page_is_root:
            return False
        # Wagtail's rules for a one-page subtree (wagtail.models.pages.PagePermissionTester).
        if "change" in self.permissions:
            return "publish" in self.permissions or not page.live
        if "add" in self.permissions:
            own = page.owner_id == self.user.pk
            return own if "publish" in self.permissions else own and not page.live
        return False
