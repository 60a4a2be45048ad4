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


@register()
def check_allowed_hosts(app_configs, **kwargs):
    """A wildcard host lets any Host header through, and with it forged links and cache
    poisoning (issue 7): production names its hosts."""
    wildcards = [host for host in settings.ALLOWED_HOSTS if "*" in host]
    if settings.PRODUCTION and wildcards:
        return [
            Error(
                f"PRODUCTION=true with a wildcard in ALLOWED_HOSTS ({', '.join(wildcards)}): list "
                "the portal's host names instead.",
                id="charter_portal.E002",
            )
        ]
    return []
