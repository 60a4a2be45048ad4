"""The secretary's administration of meetings refuses the same bad input as the portal, keeps
history, deletes nothing and leaves approved minutes locked (Charter: Meetings)."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Guest, Meeting, Minutes
from tests import factories as f
from tests.meetings.support import hold

D = datetime.date
pytestmark = pytest.mark.django_db
INLINES = ("agenda_items", "attendance", "guests", "executive_sessions", "action_items")


def management(**rows) -> dict:
    data = {}
    for prefix in INLINES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(rows.get(prefix, 0)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def meeting_form(committee, **extra) -> dict:
    return {
        "committee": committee.pk,
        "kind": "regular",
        "title": "",
        "starts_at_0": "2026-03-10",
        "starts_at_1": "10:00:00",
        "ends_at_0": "2026-03-10",
        "ends_at_1": "12:00:00",
        "time_zone": "America/New_York",
        "location": "Boardroom",
        "video_link": "",
        "status": "scheduled",
        **management(),
        **extra,
    }


@pytest.fixture
def admin(client_for, secretary):
    return client_for(secretary)


def test_an_end_before_the_start_is_refused_in_the_admin(admin, audit_committee):
    response = admin.post(
        reverse("admin:meetings_meeting_add"),
        meeting_form(audit_committee, ends_at_1="09:00:00"),
    )
    assert response.status_code == 200
    assert "end after it starts" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_guest_recorded_as_a_member_in_the_admin_is_refused_whole(admin, audit_committee, member):
    outsider = f.DirectorFactory(full_name="Gail Guest")
    data = meeting_form(
        audit_committee,
        **management(attendance=1),
        **{"attendance-0-director": outsider.pk, "attendance-0-status": "in_person"},
    )
    response = admin.post(reverse("admin:meetings_meeting_add"), data)
    assert "record them as a guest instead" in response.content.decode()
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_member_recorded_as_a_guest_in_the_admin_is_refused(admin, audit_committee, member):
    meeting = hold(audit_committee, D(2026, 3, 10))
    data = meeting_form(audit_committee, status="held")
    data.update(management(guests=1))
    data.update(
        {
            "attendance-INITIAL_FORMS": "0",
            "guests-0-name": "Bob Member",
            "guests-0-role": "management",
        }
    )
    response = admin.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert "record their attendance as a member" in response.content.decode()
    assert not Guest.objects.exists()


def test_meetings_are_never_deleted_and_keep_history(admin, audit_committee, member):
    meeting = hold(audit_committee, D(2026, 3, 10))
    assert admin.get(reverse("admin:meetings_meeting_delete", args=[meeting.pk])).status_code == 403
    assert meeting.history.count() >= 2  # scheduled, then held


def test_approved_minutes_are_locked_in_the_admin(admin, audit_committee, member):
    first = hold(audit_committee, D(2026, 3, 10))
    second = hold(audit_committee, D(2026, 6, 10))
    minutes = services.minutes_draft(meeting=first)
    services.minutes_approve(minutes=minutes, at_meeting=second, as_of=D(2026, 6, 10))
    url = reverse("admin:meetings_minutes_change", args=[minutes.pk])
    page = admin.get(url)
    assert page.status_code == 200 and b'name="body"' not in page.content
    response = admin.post(url, {"body": "Rewritten"})
    assert response.status_code == 403
    assert Minutes.objects.get().body == minutes.body
    # The meeting they record is read-only too.
    meeting_page = admin.get(reverse("admin:meetings_meeting_change", args=[first.pk]))
    assert b'name="starts_at_0"' not in meeting_page.content


def test_the_admin_groups_the_meetings_records(admin):
    index = admin.get(reverse("admin:index")).content.decode()
    assert "Meetings: agendas, attendance, minutes and reports to the board" in index


def test_the_admin_takes_times_on_the_meetings_own_clock(admin, audit_committee):
    """10:00 in New York on 10 March 2026 (summer time since 8 March) is 14:00 UTC."""
    admin.post(reverse("admin:meetings_meeting_add"), meeting_form(audit_committee))
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2026, 3, 10, 14, tzinfo=datetime.UTC)
    page = admin.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert 'value="10:00:00"' in page
