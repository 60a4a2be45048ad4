from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Deadlines and reminders"

    def ready(self):
        from deadlines import checks  # noqa: F401  (registers system checks)

        # Each installed app's requirements.py registers its duties and hooks, the way the admin
        # discovers admin.py.
        autodiscover_modules("requirements")
        from deadlines.freshness import connect_watchers

        connect_watchers()
