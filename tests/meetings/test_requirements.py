"""Charter: Meetings (rules section 7) in the deadline engine, at their boundaries: the last day
of a fiscal quarter and of a fiscal year in the company's time zone (New York here), across the
daylight-saving changes, one day before and after each due date."""

import datetime

import pytest
import time_machine

from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run
from meetings import requirements as req
from meetings import services
from meetings.models import ExecutiveSession, Meeting
from tests import factories as f
from tests.meetings.support import at, hold, schedule

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def committee(audit_committee, chair, member):
    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    return audit_committee


def status_on(committee, key, as_of):
    deadlines_run(as_of=as_of)
    row = (
        Occurrence.objects.filter(committee=committee, requirement_key=key, period_start__lte=as_of)
        .order_by("-period_start")
        .first()
    )
    return row.status, row.due_date, row


def test_every_meeting_duty_is_registered_under_the_charter_clause():
    """Charter: Meetings: each duty cites the charter's meetings clause and is the charter's own
    (waivable) kind."""
    for key in req.MEETING_KEYS:
        requirement = registry.get(key)
        assert requirement.rule == "Charter: Meetings"
        assert requirement.kind == "charter"
        assert key.startswith("meetings.")
    assert "meetings" in registry.watched()


def hold_late(committee, day, hour, minute=0):
    start = at(day, hour, minute)
    meeting = services.meeting_schedule(
        committee=committee,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=25),
        time_zone="America/New_York",
        location="By video",
        now=start,
    )
    serving = committee.memberships.active_on(meeting.day).values_list("director_id", flat=True)
    services.attendance_record(
        meeting=meeting, statuses={pk: "in_person" for pk in serving}, as_of=meeting.day
    )
    return meeting


def test_a_meeting_late_on_31_december_in_new_york_counts_in_that_fiscal_year(committee):
    """Charter: Meetings: 23:30 on 31 December in New York is 04:30 on 1 January in UTC; the
    company's zone decides, so it is the fourth meeting of fiscal 2026."""
    for day in (D(2026, 2, 10), D(2026, 5, 12), D(2026, 8, 11)):
        hold(committee, day)
    last = hold_late(committee, D(2026, 12, 31), 23, 30)
    assert last.starts_at.astimezone(datetime.UTC).date() == D(2027, 1, 1)
    status, _, row = status_on(committee, req.MIN_MEETINGS_KEY, D(2026, 12, 31))
    assert status == "met" and row.met_on == D(2026, 12, 31)


def test_a_meeting_just_after_midnight_on_1_january_counts_in_the_next_year(committee):
    """Charter: Meetings: three meetings in fiscal 2026 and one at 00:30 on 1 January 2027 (New
    York): fiscal 2026 ended short, and is failing from the day after its last day."""
    for day in (D(2026, 2, 10), D(2026, 5, 12), D(2026, 8, 11)):
        hold(committee, day)
    hold_late(committee, D(2027, 1, 1), 0, 30)
    status, due, _ = status_on(committee, req.MIN_MEETINGS_KEY, D(2026, 12, 31))
    assert (status, due) == ("due_soon", D(2026, 12, 31))
    deadlines_run(as_of=D(2027, 1, 1))
    row = Occurrence.objects.get(
        committee=committee, requirement_key=req.MIN_MEETINGS_KEY, period_start=D(2026, 1, 1)
    )
    assert row.status == "failing" and "3 of the 4 meetings" in row.detail


def test_the_charter_sets_how_many_meetings(committee):
    """Charter: Meetings: a charter asking for 2 meetings is met by the second."""
    charter = committee.charter_on(D(2026, 1, 1))
    charter.min_meetings_per_year = 2
    charter.save()
    hold(committee, D(2026, 2, 10))
    assert status_on(committee, req.MIN_MEETINGS_KEY, D(2026, 3, 1))[0] == "due"
    second = hold(committee, D(2026, 5, 12))
    status, _, row = status_on(committee, req.MIN_MEETINGS_KEY, D(2026, 5, 12))
    assert status == "met" and row.met_on == second.day


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (D(2026, 3, 31), "due_soon"),  # the quarter's last day: still time
        (D(2026, 4, 1), "failing"),  # the day after: the quarter ended with no meeting
    ],
)
def test_a_quarter_that_ends_with_no_meeting_warns(committee, as_of, expected):
    """Charter: Meetings: a fiscal quarter that passes with no meeting shows as failing."""
    deadlines_run(as_of=D(2026, 3, 31))
    deadlines_run(as_of=as_of)
    row = Occurrence.objects.get(
        committee=committee, requirement_key=req.QUARTERLY_KEY, period_start=D(2026, 1, 1)
    )
    assert row.status == expected


def test_a_meeting_at_23_59_on_the_last_day_of_a_quarter_in_summer_time_counts(committee):
    """Charter: Meetings: 31 March 2026 is after New York's change to summer time (8 March);
    23:59 EDT is 03:59 UTC on 1 April, and the meeting still belongs to the first quarter."""
    meeting = hold_late(committee, D(2026, 3, 31), 23, 30)
    assert meeting.starts_at.astimezone(datetime.UTC).month == 4
    deadlines_run(as_of=D(2026, 3, 31))
    deadlines_run(as_of=D(2026, 4, 1))
    q1 = Occurrence.objects.get(
        committee=committee, requirement_key=req.QUARTERLY_KEY, period_start=D(2026, 1, 1)
    )
    q2 = Occurrence.objects.get(
        committee=committee, requirement_key=req.QUARTERLY_KEY, period_start=D(2026, 4, 1)
    )
    assert (q1.status, q1.met_on) == ("met", D(2026, 3, 31))
    assert q2.status == "due"


def test_midnight_starting_a_quarter_belongs_to_the_new_quarter(committee):
    """Charter: Meetings: 00:00 on 1 April in New York is the second quarter's first minute."""
    hold_late(committee, D(2026, 4, 1), 0, 0)
    deadlines_run(as_of=D(2026, 3, 31))
    deadlines_run(as_of=D(2026, 4, 1))
    q1 = Occurrence.objects.get(
        committee=committee, requirement_key=req.QUARTERLY_KEY, period_start=D(2026, 1, 1)
    )
    assert q1.status == "failing"


def test_meetings_on_the_days_the_clocks_change_fall_on_their_new_york_day(committee):
    """Charter: Meetings: on 8 March (clocks forward) and 1 November 2026 (clocks back) a
    meeting's day is the New York day, whatever its UTC offset."""
    spring = hold_late(committee, D(2026, 3, 8), 1, 30)  # EST, before the change
    spring_late = hold_late(committee, D(2026, 3, 8), 23, 30)  # EDT
    autumn = hold_late(committee, D(2026, 11, 1), 1, 30)  # the first of the two 01:30s
    autumn_late = hold_late(committee, D(2026, 11, 1), 23, 30)  # EST again
    assert [m.day for m in (spring, spring_late, autumn, autumn_late)] == [
        D(2026, 3, 8),
        D(2026, 3, 8),
        D(2026, 11, 1),
        D(2026, 11, 1),
    ]
    assert spring.starts_at.utcoffset() != spring_late.starts_at.utcoffset()
    assert len(list(req.held_between(committee, D(2026, 3, 8), D(2026, 3, 8)))) == 2
    assert len(list(req.held_between(committee, D(2026, 11, 1), D(2026, 11, 1)))) == 2
    assert not list(req.held_between(committee, D(2026, 3, 9), D(2026, 10, 31)))


def session(committee, day, counterpart):
    meeting = hold(committee, day)
    services.executive_session_record(meeting=meeting, counterpart=counterpart)
    return meeting


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (D(2026, 5, 16), "due_soon"),
        (D(2026, 6, 15), "due_soon"),  # 12 months to the day: still met that day
        (D(2026, 6, 16), "overdue"),
    ],
)
def test_an_executive_session_with_each_counterpart_every_12_months(committee, as_of, expected):
    """Charter: Meetings: a session with the independent auditor on 15 June 2025 is next due on
    15 June 2026; a session with management does not count for the auditor."""
    session(committee, D(2025, 6, 15), ExecutiveSession.Counterpart.INDEPENDENT_AUDITOR)
    session(committee, D(2026, 1, 20), ExecutiveSession.Counterpart.MANAGEMENT)
    key = req.SESSION_KEYS[ExecutiveSession.Counterpart.INDEPENDENT_AUDITOR]
    status, due, _ = status_on(committee, key, as_of)
    assert (status, due) == (expected, D(2026, 6, 15))


def test_the_session_interval_comes_from_the_charter(committee):
    """Charter: Meetings (configurable): with 18 months the same session is due on 15 December
    2026."""
    charter = committee.charter_on(D(2026, 1, 1))
    charter.executive_session_interval_months = 18
    charter.save()
    session(committee, D(2025, 6, 15), ExecutiveSession.Counterpart.INTERNAL_AUDITOR)
    key = req.SESSION_KEYS[ExecutiveSession.Counterpart.INTERNAL_AUDITOR]
    assert status_on(committee, key, D(2026, 6, 16))[:2] == ("due", D(2026, 12, 15))


def test_a_session_met_in_the_period_is_evidence_linking_to_the_meeting(committee):
    """Charter: Meetings: the evidence is the meeting record."""
    session(committee, D(2025, 6, 15), ExecutiveSession.Counterpart.MANAGEMENT)
    deadlines_run(as_of=D(2026, 3, 1))
    meeting = session(committee, D(2026, 3, 2), ExecutiveSession.Counterpart.MANAGEMENT)
    key = req.SESSION_KEYS[ExecutiveSession.Counterpart.MANAGEMENT]
    status, _, row = status_on(committee, key, D(2026, 3, 2))
    assert status == "met" and row.met_on == D(2026, 3, 2)
    assert [link.url for link in row.evidence.all()] == [meeting.get_absolute_url()]


def test_without_any_session_the_interval_counts_from_the_charter(committee):
    """Charter: Meetings: the charter took effect on 15 January 2020, and no session with
    internal audit was ever held: long overdue."""
    key = req.SESSION_KEYS[ExecutiveSession.Counterpart.INTERNAL_AUDITOR]
    assert status_on(committee, key, D(2026, 6, 1))[:2] == ("overdue", D(2021, 1, 15))


@pytest.mark.parametrize(
    "as_of, expected",
    [(D(2026, 4, 9), "due_soon"), (D(2026, 4, 10), "overdue")],
)
def test_a_board_report_is_due_within_the_charters_days(committee, as_of, expected):
    """Charter: Meetings: a meeting on 10 March 2026 and 30 days: the report is due by 9 April."""
    hold(committee, D(2026, 3, 10))
    assert status_on(committee, req.BOARD_REPORT_KEY, as_of)[:2] == (expected, D(2026, 4, 9))


def test_a_delivered_board_report_meets_the_duty(committee):
    """Charter: Meetings: delivered on the 30th day, it is on time."""
    meeting = hold(committee, D(2026, 3, 10))
    services.board_report_save(
        meeting=meeting, summary="Reviewed Q4.", delivered_on=D(2026, 4, 9), as_of=D(2026, 4, 9)
    )
    status, _, row = status_on(committee, req.BOARD_REPORT_KEY, D(2026, 4, 10))
    assert status == "met" and "after the" not in row.detail


def test_a_december_meetings_report_is_owed_in_the_next_fiscal_year(committee):
    """Charter: Meetings: a meeting on 20 December 2026 has its report due on 19 January 2027,
    counted in fiscal 2027."""
    hold(committee, D(2026, 12, 20))
    assert status_on(committee, req.BOARD_REPORT_KEY, D(2027, 1, 20))[:2] == (
        "overdue",
        D(2027, 1, 19),
    )


@pytest.mark.parametrize(
    "as_of, expected",
    [(D(2026, 6, 10), "due_soon"), (D(2026, 6, 11), "overdue")],
)
def test_minutes_are_due_by_the_next_regular_meeting(committee, as_of, expected):
    """Charter: Meetings: minutes of 10 March are due at the next regular meeting, 10 June; a
    special meeting in between does not move that."""
    hold(committee, D(2026, 3, 10))
    hold(committee, D(2026, 4, 20), kind=Meeting.Kind.SPECIAL)
    schedule(committee, D(2026, 6, 10))
    assert status_on(committee, req.MINUTES_KEY, as_of)[:2] == (expected, D(2026, 6, 10))


def test_minutes_approved_at_the_next_meeting_meet_the_duty(committee):
    """Charter: Meetings: approved at the next regular meeting, they are the evidence."""
    first = hold(committee, D(2026, 3, 10))
    second = hold(committee, D(2026, 6, 10))
    services.minutes_approve(
        minutes=services.minutes_draft(meeting=first), at_meeting=second, as_of=D(2026, 6, 10)
    )
    services.minutes_draft(meeting=second)
    status, due, row = status_on(committee, req.MINUTES_KEY, D(2026, 6, 11))
    # The June minutes now wait for the next regular meeting, which is not scheduled yet.
    assert (status, due) == ("due", None)
    assert "none is scheduled yet" in row.detail
    assert any(link.url == first.get_absolute_url() for link in row.evidence.all())


@pytest.mark.parametrize(
    "as_of, expected",
    [(D(2026, 4, 30), "due_soon"), (D(2026, 5, 1), "overdue")],
)
def test_an_open_action_item_is_reminded_through_the_engine(committee, chair, as_of, expected):
    """Charter: Meetings: an action due on 30 April is overdue on 1 May, and its owner is among
    those the engine reminds."""
    meeting = hold(committee, D(2026, 3, 10))
    owner = f.UserFactory(email="cfo@example.test", full_name="Chris CFO")
    services.action_item_add(
        meeting=meeting, description="Send the IT controls memo", due_on=D(2026, 4, 30), owner=owner
    )
    assert status_on(committee, req.ACTION_ITEMS_KEY, as_of)[:2] == (expected, D(2026, 4, 30))
    assert owner in req.action_responsible(committee, as_of)


def test_a_done_action_item_meets_the_duty(committee):
    meeting = hold(committee, D(2026, 3, 10))
    action = services.action_item_add(
        meeting=meeting, description="Memo", due_on=D(2026, 4, 30), owner_name="CFO"
    )
    services.action_item_close(action=action, status="done", as_of=D(2026, 4, 2))
    assert status_on(committee, req.ACTION_ITEMS_KEY, D(2026, 5, 1))[0] == "met"


def test_a_compensation_committee_owes_no_executive_sessions(other_committee):
    """Charter: Meetings: the counterparts are the audit committee's."""
    key = req.SESSION_KEYS[ExecutiveSession.Counterpart.MANAGEMENT]
    assert not registry.get(key).applies(other_committee)


def test_a_committee_meeting_less_than_quarterly_gets_no_quarterly_warning(other_committee):
    """Charter: Meetings: a charter asking for two meetings a year expects no meeting each
    quarter."""
    charter = other_committee.charter_on(D(2026, 1, 1))
    charter.min_meetings_per_year = 2
    charter.save()
    deadlines_run(as_of=D(2026, 3, 31))
    deadlines_run(as_of=D(2026, 4, 1))
    row = Occurrence.objects.get(
        committee=other_committee, requirement_key=req.QUARTERLY_KEY, period_start=D(2026, 1, 1)
    )
    assert row.status == "met"


def test_an_ongoing_duty_is_a_deadline_not_the_committees_standing(committee):
    """Charter: Meetings: a report owed after a meeting is listed among the deadlines with its
    due date, never among the committee's standing composition findings."""
    from deadlines.selectors import standing_items
    from deadlines.selectors.dashboard import dashboard_deadlines

    with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)):
        hold(committee, D(2026, 3, 10))
        deadlines_run(as_of=D(2026, 3, 20))
        standing = {
            item.key for item in standing_items([committee.pk], D(2026, 3, 20))[committee.pk]
        }
        assert standing and all(key.startswith("committees.composition.") for key in standing)
        panel = dashboard_deadlines([committee.pk], D(2026, 3, 20))[committee.pk]
        soon = {item.key: item for item in panel.next_30}
        assert soon[req.BOARD_REPORT_KEY].due == D(2026, 4, 9)
