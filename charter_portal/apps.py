from django.apps import AppConfig


class CharterPortalConfig(AppConfig):
    name = "charter_portal"
    verbose_name = "Charter Portal"

    def ready(self):
        from charter_portal import checks  # noqa: F401  (registers system checks)
