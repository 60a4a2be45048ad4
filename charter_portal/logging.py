"""Log filters that keep client addresses, user agents and secret tokens out of every log line.

Used by Django (settings.LOGGING) and by gunicorn (gunicorn.conf.py: PortalGunicornLogger),
so the access and error logs of the web server follow the same rule."""

import ipaddress
import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[redacted]"
ADDRESS = "[address]"

# Secrets that travel in a URL path: the calendar feed's token and the password-reset link's
# uid and token (charter_portal/urls.py, deadlines/urls.py).
_SECRET_PATHS = (
    re.compile(r"(/deadlines/feed/)[A-Za-z0-9_-]+(\.ics)"),
    re.compile(r"(/accounts/password/reset/)(?!sent/|complete/)[^/\s\"?]+/[^/\s\"?]+(/)"),
)
_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?(?![\w:])")


def _drop_address(match: re.Match) -> str:
    text = match.group(0)
    candidate = text.split("%")[0]
    if ":" in candidate and "::" not in candidate and candidate.count(":") < 7:
        return text  # a time of day such as 09:30:00, not an address
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return text
    return ADDRESS


def redact(text: str) -> str:
    """The text without secret tokens in paths or client addresses."""
    for pattern in _SECRET_PATHS:
        text = pattern.sub(rf"\1{REDACTED}\2", text)
    text = _IPV4.sub(_drop_address, text)
    return _IPV6.sub(_drop_address, text)


class StripRequestFilter(logging.Filter):
    """Drop the request attached to Django's log records; what remains is the message only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True


class RedactFilter(logging.Filter):
    """Rewrite each record's message with tokens and addresses redacted, exception text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


# What identifies the client in a request: never handed to gunicorn's log formatting.
_CLIENT_ENVIRON = {
    "REMOTE_ADDR",
    "REMOTE_PORT",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_COOKIE",
}
_CLIENT_HEADERS = {"USER-AGENT", "REFERER", "X-FORWARDED-FOR", "X-REAL-IP", "FORWARDED", "COOKIE"}


class _Headers:
    def __init__(self, headers):
        self.headers = [(k, v) for k, v in headers if str(k).upper() not in _CLIENT_HEADERS]


class PortalGunicornLogger(GunicornLogger):
    """gunicorn's logger without the client: the access log never sees the address, user agent,
    referrer or cookies (each such atom prints "-"), every value loses secret tokens and
    addresses, and both logs pass through RedactFilter."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactFilter())

    def atoms(self, resp, req, environ, request_time):
        environ = {k: v for k, v in environ.items() if k not in _CLIENT_ENVIRON}
        headers = getattr(req, "headers", None)
        if headers is not None:
            req = _Headers(headers.items() if hasattr(headers, "items") else headers)
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
