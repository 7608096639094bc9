from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "example_site.portal"
    label = "portal"
    verbose_name = "示范门户"
    default_auto_field = "django.db.models.BigAutoField"
