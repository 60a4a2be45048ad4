"""Throttling the public pages without keeping anyone's address (SECURITY: abuse; target 4).

Each client is a keyed hash (HMAC-SHA256 under the receipt key) of its address, used only as
part of a cache key that expires with the window. No row is written and django-axes is never
involved: the staff login throttle does not see these pages. If the cache is down, the pages
keep working unthrottled (an 83-bit receipt cannot be guessed in any case) and a report is
still saved."""

import logging

from django.conf import settings
from django.core.cache import cache

from charter_portal.accounts.throttle import client_address
from complaints.receipts import keyed_digest

logger = logging.getLogger(__name__)


def _key(kind: str, request) -> str:
    return f"complaints:{kind}:{keyed_digest('client', client_address(request))[:32]}"


def _count(key: str) -> int:
    try:
        return int(cache.get(key) or 0)
    except Exception:  # noqa: BLE001  (a cache outage never blocks a reporter)
        logger.warning("The cache is unavailable; the complaint pages run unthrottled.")
        return 0


def _bump(key: str, seconds: int) -> None:
    try:
        if not cache.add(key, 1, seconds):
            cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)  # expired between add and incr
    except Exception:  # noqa: BLE001
        logger.warning("The cache is unavailable; a complaint throttle count was not kept.")


def receipt_attempts_exhausted(request) -> bool:
    return _count(_key("receipt", request)) >= settings.COMPLAINTS_RECEIPT_ATTEMPTS


def receipt_failure_record(request) -> None:
    _bump(_key("receipt", request), settings.COMPLAINTS_THROTTLE_MINUTES * 60)


def reports_exhausted(request) -> bool:
    return _count(_key("report", request)) >= settings.COMPLAINTS_REPORTS_PER_HOUR


def report_record(request) -> None:
    _bump(_key("report", request), 3600)
