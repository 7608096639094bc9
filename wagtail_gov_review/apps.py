from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# Models that live beside their feature rather than in ``models/``: Wagtail's Task and TaskState
# subclasses carry the review chain's behaviour, and each feature owns its own tables. Django
# registers a model when its module is imported, so they are imported with the app's models
# (``import_models``) instead of from ``models/__init__``, which would point the models upwards.
FEATURE_MODEL_MODULES = [
    "wagtail_gov_review.workflows.tasks",
    "wagtail_gov_review.workflows.gate.models",
    "wagtail_gov_review.forms.models",
    "wagtail_gov_review.monitoring.models",
    "wagtail_gov_review.security.models",
    "wagtail_gov_review.inspection.models",
    "wagtail_gov_review.attachments.models",
]

# Modules that connect signal receivers or register system checks when imported.
RECEIVER_MODULES = [
    "wagtail_gov_review.system_checks",
    "wagtail_gov_review.attachments.receivers",
    "wagtail_gov_review.forms.receivers",
    "wagtail_gov_review.monitoring.receivers",
    "wagtail_gov_review.security.receivers",
    "wagtail_gov_review.workflows.receivers",
    "wagtail_gov_review.workflows.gate.receivers",
]


class WagtailGovReviewConfig(AppConfig):
    name = "wagtail_gov_review"
    label = "wagtail_gov_review"
    verbose_name = _("Government information review")
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self) -> None:
        super().import_models()
        for module in FEATURE_MODEL_MODULES:
            import_module(module)

    def ready(self) -> None:
        # Django's app registry: these modules use models, so they load once it is ready.
        from .models import GovInfoPageMixin
        from .user_units import UNIT_USER_VIEWSET, WAGTAIL_USER_VIEWSET
        from .workflows.gate.actions import GatedPublishPageRevisionAction

        GovInfoPageMixin.publish_action_class = GatedPublishPageRevisionAction
        for module in RECEIVER_MODULES:
            import_module(module)

        # Wagtail's user screens get the units field, unless the site has its own user viewset
        # (then check W032 says how to add it). Wagtail reads this when it builds its URLs.
        if apps.is_installed("wagtail.users"):
            users = apps.get_app_config("wagtailusers")
            if users.user_viewset == WAGTAIL_USER_VIEWSET:
                users.user_viewset = UNIT_USER_VIEWSET
