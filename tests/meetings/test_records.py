"""Charter: Meetings: the meeting record and the bad input it refuses, whole (nothing
half-saved): an end before the start, two meetings at once, a member recorded as a guest or a
guest as a member, minutes approved at their own meeting or without quorum, locked minutes,
a refused file, quorum with recusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import services
from meetings.models import (
    Attendance,
    Guest,
    Material,
    MaterialVersion,
    Meeting,
    Minutes,
    MinutesLocked,
)
from meetings.quorum import majority, meeting_quorum
from tests import factories as f
from tests.meetings.support import NOW, at, hold, pdf_upload, schedule, text_upload

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(audit_committee, chair, member):
    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    return audit_committee


MARCH_1 = D(2026, 3, 1)


def directors(committee, day=MARCH_1):
    seats = committee.memberships.active_on(day).select_related("director")
    return {seat.director.full_name: seat.director for seat in seats}


def test_an_end_before_the_start_is_refused_and_nothing_saved(committee):
    start = at(D(2026, 3, 10), 10)
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.meeting_schedule(
            committee=committee,
            starts_at=start,
            ends_at=start - datetime.timedelta(minutes=1),
            time_zone="America/New_York",
            location="Board room",
            now=NOW,
        )
    assert not Meeting.objects.exists()


def test_an_unknown_time_zone_and_no_place_are_refused(committee):
    start = at(D(2026, 3, 10), 10)
    with pytest.raises(ValidationError) as caught:
        services.meeting_schedule(
            committee=committee,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            time_zone="Mars/Olympus",
            now=NOW,
        )
    assert "not a time zone" in str(caught.value)
    assert "a place, a video link" in str(caught.value)
    assert not Meeting.objects.exists()


def test_two_meetings_of_one_committee_at_the_same_time_are_refused(committee, other_committee):
    schedule(committee, D(2026, 3, 10), hour=10, hours=2)
    with pytest.raises(ValidationError, match="cannot hold two meetings at once"):
        schedule(committee, D(2026, 3, 10), hour=11)
    # Back to back is fine, and another committee may meet at the same time.
    schedule(committee, D(2026, 3, 10), hour=12)
    schedule(other_committee, D(2026, 3, 10), hour=10)
    assert Meeting.objects.count() == 3


def test_a_cancelled_meeting_frees_its_time(committee):
    meeting = schedule(committee, D(2026, 3, 10))
    services.meeting_cancel(meeting=meeting, now=NOW)
    schedule(committee, D(2026, 3, 10))
    assert Meeting.objects.filter(status=Meeting.Status.SCHEDULED).count() == 1


def test_a_time_the_clocks_skip_is_refused():
    from meetings.zones import local_moment

    # 8 March 2026: New York's clocks go from 02:00 to 03:00.
    with pytest.raises(ValidationError, match="does not exist"):
        local_moment(D(2026, 3, 8), datetime.time(2, 30), "America/New_York")
    assert local_moment(D(2026, 3, 8), datetime.time(3, 30), "America/New_York").hour == 3


def test_a_guest_recorded_as_a_member_is_refused(committee):
    meeting = schedule(committee, D(2026, 3, 10))
    outsider = f.DirectorFactory(full_name="Gail Guest")
    with pytest.raises(ValidationError, match="not a member of Audit Committee.*as a guest"):
        services.attendance_record(
            meeting=meeting,
            statuses={outsider.pk: Attendance.Status.IN_PERSON},
            as_of=D(2026, 3, 10),
        )
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_a_member_recorded_as_a_guest_is_refused(committee):
    meeting = schedule(committee, D(2026, 3, 10))
    with pytest.raises(ValidationError, match="is a member of Audit Committee"):
        services.guest_add(meeting=meeting, name="bob member", role=Guest.Role.MANAGEMENT)
    assert not Guest.objects.exists()
    services.guest_add(meeting=meeting, name="Fiona CFO", role=Guest.Role.MANAGEMENT)


def test_attendance_is_recorded_after_the_meeting_only(committee):
    meeting = schedule(committee, D(2026, 3, 10))
    with pytest.raises(ValidationError, match="once the meeting is held"):
        services.attendance_record(meeting=meeting, statuses={}, as_of=D(2026, 3, 9))


def test_quorum_is_a_majority_of_members_serving_that_day(committee):
    """Charter: Meetings: three members, two make a quorum; one present is no quorum."""
    people = directors(committee)
    assert [majority(n) for n in (1, 2, 3, 4, 5)] == [1, 2, 2, 3, 3]
    meeting = hold(committee, D(2026, 3, 10), present=[people["Alice Chair"]])
    quorum = meeting_quorum(meeting)
    assert (quorum.serving, quorum.required, quorum.present, quorum.met) == (3, 2, 1, False)
    assert quorum.words == "1 of 3 members present; 2 needed: no quorum."


def test_a_recused_member_does_not_count_towards_the_items_quorum(committee):
    """Charter: Meetings: two of three present make a quorum for the meeting, but not for an item
    one of the two is recused from, which then decides nothing."""
    people = directors(committee)
    meeting = hold(committee, D(2026, 3, 10), present=[people["Alice Chair"], people["Bob Member"]])
    item = services.agenda_item_add(meeting=meeting, title="Related-party transaction")
    other = services.agenda_item_add(meeting=meeting, title="Audit plan")
    services.recusal_record(item=item, director=people["Bob Member"], reason="Supplier director")
    quorum = meeting_quorum(meeting)
    assert quorum.met and quorum.met_for(other.pk)
    assert not quorum.met_for(item.pk) and quorum.present_for(item.pk) == 1
    with pytest.raises(ValidationError, match="No quorum for this item"):
        services.item_minute_record(item=item, minute="Discussed.", decision="Approved.")
    item.refresh_from_db()
    assert item.decision == "" and item.minute == ""
    services.item_minute_record(item=other, minute="Reviewed.", decision="Approved the plan.")


def test_a_conflict_declared_but_not_recusing_counts(committee):
    people = directors(committee)
    meeting = hold(committee, D(2026, 3, 10), present=[people["Alice Chair"], people["Bob Member"]])
    item = services.agenda_item_add(meeting=meeting, title="Fees")
    services.recusal_record(item=item, director=people["Bob Member"], recused=False)
    assert meeting_quorum(meeting).met_for(item.pk)


def test_minutes_cannot_be_approved_at_their_own_meeting(committee):
    meeting = hold(committee, D(2026, 3, 10))
    minutes = services.minutes_draft(meeting=meeting)
    with pytest.raises(ValidationError, match="at the meeting they record"):
        services.minutes_approve(minutes=minutes, at_meeting=meeting, as_of=D(2026, 3, 10))
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT and minutes.approved_at is None


def test_minutes_cannot_be_approved_at_a_meeting_without_quorum(committee):
    """Charter: Meetings: a meeting without quorum approves nothing."""
    people = directors(committee)
    first = hold(committee, D(2026, 3, 10))
    second = hold(committee, D(2026, 6, 10), present=[people["Alice Chair"]])
    minutes = services.minutes_draft(meeting=first)
    with pytest.raises(ValidationError, match="had no quorum"):
        services.minutes_approve(minutes=minutes, at_meeting=second, as_of=D(2026, 6, 10))
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_minutes_are_approved_at_a_later_meeting_then_locked(committee):
    first = hold(committee, D(2026, 3, 10))
    item = services.agenda_item_add(meeting=first, title="Audit plan")
    minutes = services.minutes_draft(meeting=first)
    assert "Quorum: 3 of 3 members present; 2 needed: quorum present." in minutes.body
    services.minutes_circulate(minutes=minutes, as_of=D(2026, 3, 20))
    second = hold(committee, D(2026, 6, 10))
    services.minutes_approve(minutes=minutes, at_meeting=second, as_of=D(2026, 6, 10))
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at, minutes.approved_on) == (
        Minutes.Status.APPROVED,
        second,
        D(2026, 6, 10),
    )
    with pytest.raises(ValidationError, match="locked"):
        services.minutes_update(minutes=minutes, body="Rewritten.")
    minutes.body = "Rewritten in the shell."
    with pytest.raises(MinutesLocked):
        minutes.save()
    with pytest.raises(ValidationError, match="approved and locked"):
        services.item_minute_record(item=item, minute="Changed later.")
    with pytest.raises(ValidationError, match="approved and locked"):
        services.attendance_record(meeting=first, statuses={}, as_of=D(2026, 6, 11))
    with pytest.raises(ValidationError, match="never deleted"):
        minutes.delete()
    assert minutes.history.count() == 3  # drafted, circulated, approved


def test_minutes_cannot_be_approved_at_an_earlier_meeting(committee):
    earlier = hold(committee, D(2026, 1, 10))
    later = hold(committee, D(2026, 3, 10))
    minutes = services.minutes_draft(meeting=later)
    with pytest.raises(ValidationError, match="later meeting"):
        services.minutes_approve(minutes=minutes, at_meeting=earlier, as_of=D(2026, 3, 10))


def test_a_material_of_a_refused_type_or_size_saves_nothing(committee, settings):
    meeting = schedule(committee, D(2026, 3, 10))
    with pytest.raises(ValidationError, match="only a"):
        services.material_upload(
            meeting=meeting, upload=text_upload(), title="Notes", by=None, now=NOW
        )
    settings.FILES_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="may be at most"):
        services.material_upload(
            meeting=meeting, upload=pdf_upload(), title="Big", by=None, now=NOW
        )
    assert not Material.objects.exists() and not MaterialVersion.objects.exists()


def test_a_new_version_is_numbered_and_the_members_are_told(committee, secretary):
    from deadlines.models import Reminder

    meeting = schedule(committee, D(2026, 3, 10))
    first = services.material_upload(
        meeting=meeting, upload=pdf_upload(), title="Audit plan", by=secretary, now=NOW
    )
    second = services.material_upload(
        meeting=meeting, upload=pdf_upload(), material=first.material, by=secretary, now=NOW
    )
    assert (first.number, second.number) == (1, 2)
    told = Reminder.objects.filter(key__startswith="meetings.material:")
    assert told.count() == 2
    recipients = {u.email for u in told.get(key=f"meetings.material:{second.pk}").recipients.all()}
    assert {"alice.chair@example.test", "bob.member@example.test", secretary.email} <= recipients


def test_an_action_item_needs_an_owner_and_cannot_be_due_before_its_meeting(committee):
    meeting = hold(committee, D(2026, 3, 10))
    with pytest.raises(ValidationError, match="Name who owns"):
        services.action_item_add(meeting=meeting, description="Follow up", due_on=D(2026, 4, 1))
    with pytest.raises(ValidationError, match="before the meeting"):
        services.action_item_add(
            meeting=meeting, description="Follow up", due_on=D(2026, 3, 1), owner_name="CFO"
        )


def test_a_board_report_cannot_reach_the_board_before_its_meeting(committee):
    meeting = hold(committee, D(2026, 3, 10))
    with pytest.raises(ValidationError, match="before the meeting"):
        services.board_report_save(
            meeting=meeting, summary="All well.", delivered_on=D(2026, 3, 9), as_of=D(2026, 3, 20)
        )
    report = services.board_report_save(
        meeting=meeting, summary="All well.", delivered_on=D(2026, 3, 12), as_of=D(2026, 3, 20)
    )
    assert report.delivered_on == D(2026, 3, 12)
