"""The plumbing a deployment relies on: health check, security headers, self-served assets,
logs without client details, and the Celery wiring (docs/architecture.md; docs/security.md)."""

import logging
import re
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from charter_portal import views
from charter_portal.celery import app as celery_app
from charter_portal.logging import StripRequestFilter

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_healthz_reports_each_service_as_json():
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    if settings.REDIS_URL:
        assert body["redis"] == "ok"
    else:
        assert "redis" not in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down():
    with mock.patch.object(views, "_database_ok", return_value=False):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        **({"redis": "ok"} if settings.REDIS_URL else {}),
    }


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with mock.patch.object(views, "_redis_ok", return_value=False):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_without_inline_code():
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def _template_files():
    return sorted((ROOT / "templates").rglob("*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))


def test_templates_use_no_inline_script_or_style_and_no_cdn():
    offenders = []
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b|\sstyle=\"", text):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path}: inline event handler")
        if re.search(r"(src|href)=\"(https?:)?//", text):
            offenders.append(f"{path}: asset from another host")
    assert offenders == []


def test_bootstrap_is_served_from_the_project_not_a_cdn():
    assert finders.find("bootstrap/css/bootstrap.min.css")
    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")
    assert finders.find("portal/portal.css")


def test_log_records_lose_the_request_before_any_handler_sees_it():
    """No client address or user agent in any log line (docs/security.md: anonymity)."""
    handlers = settings.LOGGING["handlers"]
    assert all("strip_request" in handler.get("filters", []) for handler in handlers.values())
    request = mock.Mock(META={"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Canary/1.0"})
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found", (), None
    )
    record.request = request
    assert StripRequestFilter().filter(record) is True
    assert record.request is None
    assert settings.ADMINS == []


@pytest.mark.django_db
def test_a_request_logs_no_address_or_user_agent(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("django.request").addHandler(caplog.handler)
    try:
        Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="CanaryAgent/9.9").get("/no-such-page")
    finally:
        logging.getLogger("django.request").removeHandler(caplog.handler)
    text = caplog.text + " ".join(str(getattr(r, "request", "")) for r in caplog.records)
    assert "203.0.113.77" not in text
    assert "CanaryAgent" not in text


def test_beat_schedule_names_only_registered_tasks():
    celery_app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks, entry["task"]


def test_the_configured_redis_broker_answers():
    if not settings.REDIS_URL:
        pytest.skip("runs with REDIS_URL set (CI runs it against Redis)")
    assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=3)


def test_compose_file_declares_the_production_topology():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in (ROOT / "Dockerfile").read_text()
    assert services["worker"]["command"][:4] == ["celery", "-A", "charter_portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "charter_portal", "beat"]
    # The access log format must not carry the client address (%(h)s) or user agent (%(a)s).
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "%(h)s" not in dockerfile and "%(a)s" not in dockerfile
