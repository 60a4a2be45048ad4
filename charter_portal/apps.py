from django.apps import AppConfig


class CharterPortalConfig(AppConfig):
    name = "charter_portal"
    verbose_name = "Charter Portal"

    def ready(self):
        from charter_portal import checks, signals  # noqa: F401  (registers checks and receivers)
