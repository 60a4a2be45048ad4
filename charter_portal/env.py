"""Typed readers for environment variables that fail loudly on bad values.

Every setting that comes from the environment goes through one of these, so a typo in a deployment
stops start-up with a message naming the variable instead of silently falling back.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def read_dotenv(path) -> None:
    """Load KEY=VALUE lines from a development .env file without overriding the real environment."""
    if not path.exists():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def runs_development_server(argv: list[str]) -> bool:
    """True for `manage.py runserver`: Django's development server, a thread per request."""
    return len(argv) > 1 and argv[1] == "runserver"


def database_conn_max_age(argv: list[str]) -> int:
    """Seconds to keep a database connection open (CONN_MAX_AGE, 600 by default).

    Persistent connections pay off only where a worker thread serves request after request
    (gunicorn's sync workers). The development server starts a new thread for every request, so
    a kept connection would belong to a thread that is gone: there it is always 0."""
    if runs_development_server(argv):
        return 0
    return env_int("CONN_MAX_AGE", 600, minimum=0)
