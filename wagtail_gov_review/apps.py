from django.apps import AppConfig
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
        from .workflows import receivers  # noqa: F401
        from .workflows.gate import receivers as gate_receivers  # noqa: F401
