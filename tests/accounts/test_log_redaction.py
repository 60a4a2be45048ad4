"""No log line carries a client address, a user agent, a calendar-feed token or a password-reset
token (issue 7: Records and logs), Django's logs and gunicorn's access and error logs alike."""

import datetime
import io
import logging
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config

from charter_portal.logging import PortalGunicornLogger, redact
from deadlines.services.feeds import calendar_feed_reset

ADDRESS = "203.0.113.77"
ADDRESS_V6 = "2001:db8::77"
USER_AGENT = "CanaryBrowser/9.9 (canary-agent-5521)"
FEED_TOKEN = "Feedtoken_secret-0123456789abcdefghijklmnop"
RESET_PATH = "/accounts/password/reset/MQ/d3a9kq-0f1e2d3c4b5a69788796a5b4c3d2e1f0/"


def test_redact_removes_tokens_and_addresses_but_keeps_times_and_versions():
    line = (
        f"GET /deadlines/feed/{FEED_TOKEN}.ics from {ADDRESS} and {ADDRESS_V6} "
        f"then {RESET_PATH} at 09:30:00, Django 5.2.19, /accounts/password/reset/sent/"
    )
    cleaned = redact(line)
    for secret in (FEED_TOKEN, ADDRESS, ADDRESS_V6, "d3a9kq-0f1e2d3c4b5a69788796a5b4c3d2e1f0"):
        assert secret not in cleaned
    assert "/deadlines/feed/[redacted].ics" in cleaned
    assert "09:30:00" in cleaned and "5.2.19" in cleaned
    assert "/accounts/password/reset/sent/" in cleaned


@pytest.mark.django_db
def test_django_logs_hold_no_token_address_or_user_agent(member, console_log):
    """A wrong feed address and a bad reset link are logged (Not Found) without the secret,
    and the development server's request line loses it too."""
    token = calendar_feed_reset(
        user=member, now=datetime.datetime(2026, 6, 15, tzinfo=datetime.UTC)
    )
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=USER_AGENT)
    assert client.get(f"/deadlines/feed/{FEED_TOKEN}.ics").status_code == 404
    client.get(reverse("deadlines:feed_ics", args=[token]))
    client.get(RESET_PATH)
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /deadlines/feed/{token}.ics HTTP/1.1", "200", "512"
    )
    logging.getLogger("django.server").error("Broken pipe from ('%s', 51234)", ADDRESS)
    logs = console_log.getvalue()
    assert "Not Found: /deadlines/feed/[redacted].ics" in logs
    for secret in (FEED_TOKEN, token, ADDRESS, USER_AGENT, "d3a9kq-0f1e2d3c4b5a6978"):
        assert secret not in logs


def _gunicorn_logger():
    config = Config()
    config.set("accesslog", "-")
    config.set("errorlog", "-")
    config.set(
        "access_log_format",
        '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({user-agent}i)s '
        "%({x-forwarded-for}i)s %({remote_addr}e)s %(U)s",
    )
    logger = PortalGunicornLogger(config)
    stream = io.StringIO()
    for log in (logger.access_log, logger.error_log):
        for handler in log.handlers:
            handler.setStream(stream)
    return logger, stream


class _Response:
    status = "404 Not Found"
    sent = 9
    headers = [("Content-Type", "text/plain")]


class _Request:
    headers = [
        ("USER-AGENT", USER_AGENT),
        ("X-FORWARDED-FOR", f"{ADDRESS}, 10.0.0.2"),
        ("REFERER", "https://elsewhere.example/page"),
    ]


def test_gunicorn_access_and_error_logs_hold_no_client_or_token():
    """Even a format asking for the address, user agent and referrer gets "-" for each."""
    logger, stream = _gunicorn_logger()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/deadlines/feed/{FEED_TOKEN}.ics",
        "PATH_INFO": f"/deadlines/feed/{FEED_TOKEN}.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_REFERER": "https://elsewhere.example/page",
    }
    logger.access(_Response(), _Request(), environ, datetime.timedelta(milliseconds=12))
    logger.error("Invalid request from ip=%s: %s", ADDRESS, RESET_PATH)
    logger.info("Error handling request %s", f"/deadlines/feed/{FEED_TOKEN}.ics")
    logs = stream.getvalue()
    assert re.search(r'"GET /deadlines/feed/\[redacted\]\.ics HTTP/1\.1" 404 9', logs)
    for secret in (ADDRESS, USER_AGENT, "canary-agent", "elsewhere.example", FEED_TOKEN):
        assert secret not in logs
    assert "d3a9kq" not in logs


def test_the_gunicorn_config_uses_the_portal_logger():
    config = Config()
    namespace = {}
    with (Path(__file__).resolve().parents[2] / "gunicorn.conf.py").open(
        encoding="utf-8"
    ) as handle:
        exec(compile(handle.read(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["logger_class"] == "charter_portal.logging.PortalGunicornLogger"
    assert namespace["worker_class"] == "sync"
    for atom in ("%(h)s", "%(a)s", "%(f)s", "{user-agent}", "{x-forwarded-for}"):
        assert atom not in namespace["access_log_format"]
    config.set("logger_class", namespace["logger_class"])
    assert config.logger_class is PortalGunicornLogger
