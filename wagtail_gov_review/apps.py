from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailGovReviewConfig(AppConfig):
    name = "wagtail_gov_review"
    label = "wagtail_gov_review"
    verbose_name = _("Government information review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for their side effects: system checks and signal receivers register
        # themselves on import.
        from . import system_checks  # noqa: F401
        from .attachments import receivers as attachment_receivers  # noqa: F401
        from .monitoring import receivers as monitoring_receivers  # noqa: F401
        from .security import receivers as security_receivers  # noqa: F401
        from .user_units import UNIT_USER_VIEWSET, WAGTAIL_USER_VIEWSET  # needs the app registry
        from .workflows import receivers  # noqa: F401
        from .workflows.gate import receivers as gate_receivers  # noqa: F401

        # Wagtail's user screens get the units field, unless the site has its own user viewset
        # (then check W032 says how to add it). Wagtail reads this when it builds its URLs.
        if apps.is_installed("wagtail.users"):
            users = apps.get_app_config("wagtailusers")
            if users.user_viewset == WAGTAIL_USER_VIEWSET:
                users.user_viewset = UNIT_USER_VIEWSET
