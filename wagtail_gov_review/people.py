"""How people are named in records, forms and messages."""

from __future__ import annotations


def display_name(user) -> str:
    """Family name first, no space (王信息), as Chinese names are written; the username when
    the account has no name; "" for no user."""
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()
