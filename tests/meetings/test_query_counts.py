"""The meetings pages run a bounded number of queries whatever the data size: the same count
with three times the meetings, items, papers, versions, guests and attendance as with one."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.meetings.support import meeting_history

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


def _count(client, url) -> int:
    client.get(url)  # the first request fills the session and the stored evaluation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts(size, hour, audit_committee, chair, secretary, client_for) -> dict:
    meetings, _ = meeting_history(audit_committee, secretary, size, hour)
    client = client_for(chair)
    return {
        "list": _count(client, reverse("meetings:list", args=["audit"])),
        "meeting": _count(client, meetings[0].get_absolute_url()),
        "prepare": _count(client, reverse("meetings:prepare")),
        "reports": _count(client, reverse("meetings:reports", args=["audit"])),
    }


def test_queries_do_not_grow_with_the_data(
    audit_committee, chair, secretary, client_for, settings, tmp_path
):
    settings.FILES_ROOT = tmp_path / "store"
    small = _counts(1, 9, audit_committee, chair, secretary, client_for)
    # The bigger data is added on top, at other hours of the same days.
    big = _counts(3, 13, audit_committee, chair, secretary, client_for)
    assert small == big, (small, big)
    assert max(big.values()) <= 40
