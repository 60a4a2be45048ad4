"""The meetings pages run a bounded number of queries whatever the data size: the same count
with three times the meetings, items, papers, versions, guests and attendance as with one."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from tests import factories as f
from tests.meetings.support import NOW, hold, pdf_upload, schedule

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


def _build(committee, secretary, size: int, hour: int):
    for n in range(3 * size):
        f.seat_qualified_member(committee, full_name=f"Member {hour}-{n}")
    meetings = []
    for n in range(size):
        past = hold(committee, D(2026, 1 + n, 10), hour=hour, hours=1)
        coming = schedule(committee, D(2026, 7 + n, 10), hour=hour, hours=1)
        meetings += [past, coming]
        for meeting in (past, coming):
            for i in range(size * 2):
                item = services.agenda_item_add(meeting=meeting, title=f"Item {i}", presenter="CFO")
                for _ in range(size):
                    version = services.material_upload(
                        meeting=meeting,
                        agenda_item=item,
                        upload=pdf_upload(),
                        title=f"Paper {i}",
                        by=secretary,
                        now=NOW,
                    )
                    services.material_upload(
                        meeting=meeting,
                        material=version.material,
                        upload=pdf_upload(),
                        by=secretary,
                        now=NOW,
                    )
        for g in range(size):
            services.guest_add(meeting=past, name=f"Guest {g}", role="management")
        services.executive_session_record(meeting=past, counterpart="management", notes="n")
        services.minutes_draft(meeting=past)
        services.action_item_add(
            meeting=past, description="Act", due_on=D(2026, 12, 1), owner_name="CFO"
        )
        services.board_report_save(
            meeting=past, summary="s", delivered_on=past.day, as_of=D(2026, 6, 15)
        )
    return meetings


def _count(client, url) -> int:
    client.get(url)  # the first request fills the session and the stored evaluation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts(size, hour, audit_committee, chair, secretary, client_for) -> dict:
    meetings = _build(audit_committee, secretary, size, hour)
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
