"""Who hears about problems the jobs find (the site admins), and how mails link to the admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.utils import get_admin_base_url

from .roles import SITE_ADMIN


def admin_url(name: str, *args) -> str:
    """An absolute link to an admin view for a mail: ``WAGTAILADMIN_BASE_URL`` + the path.

    Mails are read outside the browser session, so a bare path is no link; system check
    W031 warns when the base URL is missing or points at this machine in production.
    """
    return (get_admin_base_url() or "").rstrip("/") + reverse(name, args=args)


def site_admins():
    """Active superusers and members of the 网站管理员 group who have an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=SITE_ADMIN.group_name))
        .exclude(email="")
        .distinct()
    )
