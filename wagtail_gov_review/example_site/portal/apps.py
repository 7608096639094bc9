from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "wagtail_gov_review.example_site.portal"
    label = "portal"
    verbose_name = "示范门户"
    default_auto_field = "django.db.models.BigAutoField"
