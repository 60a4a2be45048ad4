"""System checks for configuration mistakes a deployment could otherwise ship with."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_broker(app_configs, **kwargs):
    problems = []
    if settings.PRODUCTION and not settings.REDIS_URL:
        problems.append(
            Warning(
                "PRODUCTION=true without REDIS_URL: Celery tasks run inline in web requests and "
                "the daily beat task does not run; schedule `manage.py run_deadlines` from cron "
                "instead.",
                id="charter_portal.W001",
            )
        )
    if settings.PRODUCTION and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Error(
                "PRODUCTION=true needs DATABASE_URL pointing at PostgreSQL.",
                id="charter_portal.E001",
            )
        )
    return problems
