"""Receipts (SECURITY targets 4 and 5; RULES 6): at least 80 bits from a secure source, found by
one indexed lookup (never a scan of every case), wrong ones throttled in the cache only, and a
submission saved with its receipt shown even when the cache (Redis) is down."""

import math
import time

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import receipts
from complaints.models import Case
from complaints.services import case_for_receipt
from tests.complaints.anonymity import cache_dump
from tests.complaints.conftest import receipt_from, submit

pytestmark = pytest.mark.django_db


def test_a_receipt_carries_at_least_80_bits_in_groups_easy_to_write_down():
    receipt = receipts.receipt_new()
    groups = receipt.split(" ")
    assert [len(g) for g in groups] == [5] * 5
    assert math.log2(10**receipts.DIGITS) >= 80
    assert len({receipts.receipt_new() for _ in range(200)}) == 200


@pytest.mark.parametrize(
    "typed",
    [
        "12345 67890 12345 67890 12345",
        "12345-67890-12345-67890-12345",
        " 1234567890123456789012345 ",
    ],
)
def test_a_receipt_is_read_however_it_was_written_down(typed):
    assert receipts.normalise(typed) == "1234567890123456789012345"


def test_finding_a_case_is_one_indexed_query_whatever_the_number_of_cases(new_case):
    for i in range(5):
        new_case(narrative=f"case {i}")
    case, receipt = new_case(narrative="the one")
    with CaptureQueriesContext(connection) as queries:
        found = case_for_receipt(receipt)
    assert found == case and len(queries) == 1
    assert "receipt_lookup" in queries[0]["sql"]


def test_ten_thousand_wrong_receipts_open_nothing(new_case, capsys):
    """security target 5: 0 accepted; the time per guess is reported."""
    new_case()
    start = time.perf_counter()
    accepted = sum(case_for_receipt(receipts.receipt_new()) is not None for _ in range(10_000))
    per_guess = (time.perf_counter() - start) / 10_000
    assert accepted == 0
    with capsys.disabled():
        print(f"\n10,000 wrong receipts: 0 accepted, {per_guess * 1e6:.0f} µs per guess")


def test_a_right_receipt_with_a_wrong_slow_hash_opens_nothing(new_case):
    case, receipt = new_case()
    Case.objects.filter(pk=case.pk).update(receipt_hash=receipts.slow_hash("0" * 25))
    assert case_for_receipt(receipt) is None


def test_wrong_receipts_are_throttled_per_client_in_the_cache_only(client, new_case, settings):
    """security target 4: the throttle engages, keeps no address, and never involves axes."""
    settings.COMPLAINTS_RECEIPT_ATTEMPTS = 3
    case, receipt = new_case()
    url = reverse("report:follow_up")
    me = {"REMOTE_ADDR": "198.51.100.77"}
    for _ in range(3):
        assert client.post(url, {"receipt": "9" * 25}, **me).status_code == 400
    throttled = client.post(url, {"receipt": receipt}, **me)
    assert throttled.status_code == 429
    assert "Too many wrong receipts" in throttled.content.decode()
    other = client.post(url, {"receipt": receipt}, REMOTE_ADDR="198.51.100.78")
    assert other.status_code == 200  # another client is not held back
    assert "198.51.100.77" not in cache_dump()
    assert AccessAttempt.objects.count() == 0


def test_reports_per_client_are_limited(client, policy, settings):
    settings.COMPLAINTS_REPORTS_PER_HOUR = 2
    for _ in range(2):
        assert submit(client).status_code == 201
    refused = submit(client)
    assert refused.status_code == 429
    assert "nothing was saved" in refused.content.decode()
    assert Case.objects.count() == 2


def test_with_the_cache_down_a_report_is_saved_and_its_receipt_shown(
    client, policy, settings, console_log
):
    """security target 12: Redis down, the submission is still saved."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = submit(client)
    assert response.status_code == 201
    receipt = receipt_from(response)
    assert receipts.normalise(receipt) and Case.objects.count() == 1
    follow = client.post(reverse("report:follow_up"), {"receipt": receipt})
    assert follow.status_code == 200
    assert "The cache is unavailable" in console_log.getvalue()
