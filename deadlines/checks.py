"""System checks for the deadline engine's configuration."""

from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from deadlines.registry import registry
from deadlines.schedule import ReminderPolicy


@register()
def check_reminder_settings(app_configs, **kwargs):
    try:
        ReminderPolicy.from_settings()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="deadlines.E001")]
    return []


@register()
def check_hooks(app_configs, **kwargs):
    if registry.all() and not registry.has_subjects():
        return [
            Warning(
                "Requirements are registered but no app calls registry.set_subjects(): the "
                "deadline engine has no committee to evaluate.",
                id="deadlines.W001",
            )
        ]
    return []
