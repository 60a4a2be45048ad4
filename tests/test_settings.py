"""Settings come from the environment through typed helpers, and production refuses to start
without real secrets (README: Configuration; security target 8)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from charter_portal.env import database_conn_max_age, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "k" * 20 + "-production-secret-for-the-settings-test-0123456789"
PRODUCTION_ENV = {
    "PRODUCTION": "true",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "portal.example.com",
    "EMAIL_HOST": "smtp.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/charter_check",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # Complaints (RULES 6): the case-content key (a Fernet key) and the receipts' lookup key.
    "COMPLAINTS_ENCRYPTION_KEYS": "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY=",
    "COMPLAINTS_RECEIPT_KEY": "r" * 48,
}


def run_manage(*args, env_overrides, unset=()):
    env = {k: v for k, v in os.environ.items() if k not in unset}
    # A deployment has none of these; DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests.
    for name in (
        "PRODUCTION",
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "EMAIL_HOST",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_rejects_unknown_words(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True


def test_env_int_rejects_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("COUNT", 1)
    monkeypatch.setenv("COUNT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("COUNT", 1, minimum=0)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_check_deploy_with_production_settings_prints_no_warning():
    """security target 8, in CI: `check --deploy --fail-level WARNING` with production
    settings (the second factor, axes and their apps included) finds nothing."""
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-insecure-" + "x" * 60}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"EMAIL_HOST": ""}, "EMAIL_HOST"),
        ({"COMPLAINTS_ENCRYPTION_KEYS": ""}, "COMPLAINTS_ENCRYPTION_KEYS"),
        ({"COMPLAINTS_RECEIPT_KEY": ""}, "COMPLAINTS_RECEIPT_KEY"),
        ({"DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_without_real_settings(overrides, message):
    env = {**PRODUCTION_ENV, **overrides}
    env = {k: v for k, v in env.items() if v != ""}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_without_postgresql_is_a_system_check_error():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = run_manage("check", env_overrides=env, unset=("DATABASE_URL",))
    assert result.returncode != 0
    assert "charter_portal.E001" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "portal.example.com,*", "*.example.com"])
def test_production_refuses_a_wildcard_in_allowed_hosts(hosts):
    """issue 7: a production system check (charter_portal.E002) refuses ALLOWED_HOSTS=*."""
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "charter_portal.E002" in result.stderr


def test_runserver_keeps_no_connection_open_and_other_servers_do(monkeypatch):
    """Persistent connections only where a thread serves request after request (gunicorn's
    sync workers); runserver starts a thread per request, so CONN_MAX_AGE is 0 there."""
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    assert database_conn_max_age(["manage.py", "runserver"]) == 0
    assert database_conn_max_age(["manage.py", "runserver", "0.0.0.0:8000"]) == 0
    assert database_conn_max_age(["gunicorn", "charter_portal.wsgi"]) == 600
    assert database_conn_max_age(["manage.py", "run_deadlines"]) == 600
    monkeypatch.setenv("CONN_MAX_AGE", "30")
    assert database_conn_max_age(["manage.py", "runserver"]) == 0
    assert database_conn_max_age(["gunicorn"]) == 30


def test_runserver_with_postgresql_gets_conn_max_age_zero():
    code = (
        "import sys; sys.argv = ['manage.py', 'runserver'];"
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'charter_portal.settings';"
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    env = {**os.environ, "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"], "CONN_MAX_AGE": "600"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "0", result.stderr


def test_postgresql_connections_are_persistent(settings):
    if not settings.DATABASE_URL:
        pytest.skip("runs with DATABASE_URL set (CI runs it against PostgreSQL)")
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_session_lasts_at_most_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE <= 10 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
