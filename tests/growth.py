"""More of everything for the rich security portal (tests/security/portal_data.py): the history a
page must not pay for. ``grow(portal, n)`` adds, for both committees, ``n`` past meetings with
agendas, attendance and minutes; ``n`` more agenda items and actions on the portal's meeting;
``n`` determinations of each director, each edited ``n`` times, and payments; ``n`` more
complaint cases and messages, and messages on the portal's case; ``n`` fees and service requests
of the auditor; and ``n`` past years of met deadline occurrences. A page whose query count
changes after ``grow`` reads something per row."""

import datetime
from decimal import Decimal

from django.utils import timezone

from tests import factories as f
from tests.security import portal_data as data


def grow(portal, n: int = 3) -> None:
    audit = portal.meeting.committee
    other = portal.other_meeting.committee
    for committee in (audit, other):
        _past_meetings(committee, n)
    _meeting_items(portal, n)
    _determinations(portal, n)
    _complaints(portal, n)
    _auditor(portal, n)
    _past_occurrences(n)


def _past_meetings(committee, n: int) -> None:
    from meetings import services
    from tests.meetings.support import at

    for k in range(n):
        day = datetime.date(2025, 3 + k, 10)
        start = at(day, 10)
        meeting = services.meeting_schedule(
            committee=committee,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            time_zone="America/New_York",
            location=f"Room {k}",
            now=timezone.now(),
        )
        for i in range(n):
            services.agenda_item_add(meeting=meeting, title=f"Item {i}", presenter="CFO")
        seats = committee.memberships.active_on(day).values_list("director_id", flat=True)
        services.attendance_record(
            meeting=meeting, statuses=dict.fromkeys(seats, "in_person"), as_of=data.TODAY
        )
        services.minutes_draft(meeting=meeting)


def _meeting_items(portal, n: int) -> None:
    from meetings import services
    from meetings.models import Meeting

    meeting = Meeting.objects.get(pk=portal.meeting.pk)
    for i in range(n):
        services.action_item_add(
            meeting=meeting, description=f"Follow-up {i}", due_on=data.TODAY, owner_name="CFO"
        )
    upcoming = Meeting.objects.get(pk=portal.other_meeting.pk)
    for i in range(n):
        services.agenda_item_add(meeting=upcoming, title=f"Extra item {i}", presenter="CFO")


def _determinations(portal, n: int) -> None:
    from committees.models import Compensation, LiteracyDetermination

    secretary = portal.users["secretary"]
    for user in (portal.users["chair"], portal.users["member"], portal.users["other_member"]):
        director = user.director
        for k in range(n):
            determined = datetime.date(2024, 1, 1 + k)
            records = [
                f.IndependenceDeterminationFactory(director=director, determined_on=determined),
                LiteracyDetermination.objects.create(
                    director=director, determined_on=determined, is_financially_literate=True
                ),
                f.SophisticationDeterminationFactory(director=director, determined_on=determined),
            ]
            for record in records:
                for edit in range(n):
                    record.notes = f"edit {edit}"
                    record._history_user = secretary
                    record.save()
            Compensation.objects.create(
                director=director,
                paid_on=determined,
                amount=Decimal("100.00"),
                kind=Compensation.Kind.BOARD_FEES,
            )


def _complaints(portal, n: int) -> None:
    from complaints import services
    from complaints.models import ComplaintsPolicy

    chair = portal.users["chair"]
    policy = ComplaintsPolicy.objects.get(committee=portal.meeting.committee)
    for k in range(n):
        case, _, _ = services.case_submit(
            policy=policy,
            category="accounting",
            narrative=f"Another report {k}.",
            form_token=f"{k}".rjust(43, "g"),
        )
        services.case_assign(case=case, by=chair, investigator=portal.users["investigator"])
        for i in range(n):
            services.committee_message_send(case=case, by=chair, body=f"Message {i}.")
    for i in range(n):
        services.committee_message_send(case=portal.case, by=chair, body=f"Question {i}.")
        services.case_note_add(case=portal.case, by=chair, body=f"Note {i}.")


def _auditor(portal, n: int) -> None:
    from auditors.models import Fee, ServiceRequest

    engagement = portal.engagement
    for k in range(n):
        Fee.objects.create(
            engagement=engagement,
            service=f"Additional fee {k}",
            category="audit_related",
            amount=Decimal("1000.00"),
            recorded_on=data.TODAY,
        )
        ServiceRequest.objects.create(
            committee=engagement.committee,
            engagement=engagement,
            service=f"Additional service {k}",
            nature="audit_related",
            category="audit_related",
            estimated_fee=Decimal("1000.00"),
            starts_on=datetime.date(2026, 9, 1),
            requested_at=data.NOON,
        )


def _past_occurrences(n: int) -> None:
    """Met occurrences of ``n`` earlier years, copied from each open one: closed history."""
    from deadlines.models import Occurrence

    rows = []
    for occurrence in Occurrence.objects.open():
        for year in range(1, n + 1):
            start = years_back_from(occurrence.period_start, year + 1)
            end = years_back_from(occurrence.period_end, year + 1)
            rows.append(
                Occurrence(
                    committee_id=occurrence.committee_id,
                    requirement_key=occurrence.requirement_key,
                    cadence=occurrence.cadence,
                    period_start=start,
                    period_end=end,
                    due_date=end,
                    status="met",
                    is_open=False,
                    met_on=end,
                    opened_on=start,
                    evaluated_on=end,
                )
            )
    Occurrence.objects.bulk_create(rows, ignore_conflicts=True)


def years_back_from(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier (the 28th for a 29 February)."""
    return day.replace(year=day.year - years, day=min(day.day, 28) if day.month == 2 else day.day)
