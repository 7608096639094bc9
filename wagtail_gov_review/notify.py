"""Who hears about problems the jobs find: the site admins (shared by every daily job)."""

from __future__ import annotations


def site_admins():
    """Active superusers and members of the 网站管理员 group who have an e-mail address."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .roles import SITE_ADMIN

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=SITE_ADMIN.group_name))
        .exclude(email="")
        .distinct()
    )
