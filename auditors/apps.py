from django.apps import AppConfig


class AuditorsConfig(AppConfig):
    name = "auditors"
    verbose_name = "The independent auditor"

    def ready(self):
        from auditors import receivers  # noqa: F401  (connects the meeting receiver)
