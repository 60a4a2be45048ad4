"""A thousand meetings over the years before the demo's first: each held, with its agenda, the
attendance of the members serving that day (all present but one excused on larger committees, so
every meeting has its quorum), minutes approved at the committee's next meeting and a report to
the board ten days later. The audit committee holds two in five of them."""

import datetime

from django.conf import settings

from charter_portal.bench import Plan
from charter_portal.bench.progress import at
from meetings.models import AgendaItem, Attendance, BoardReport, Meeting, Minutes, Topic

ONE_DAY = datetime.timedelta(days=1)
HOURS = (8, 11, 14, 17)  # two-hour meetings that never overlap
AGENDA = (
    ("Approval of the minutes of the previous meeting", []),
    ("Quarterly financial results and the earnings release", [Topic.ANNUAL_STATEMENTS]),
    ("Report of the independent auditor", [Topic.AUDIT_FINDINGS]),
    ("Complaints received and their status", [Topic.COMPLAINT_SUMMARY]),
    ("Services pre-approved since the last meeting", [Topic.PREAPPROVAL_REPORT]),
    ("Internal audit plan and findings", []),
)


def seed(plan: Plan) -> None:
    total = plan.count(1000)
    audit = [c for c in plan.committees if c.is_audit_committee]
    others = [c for c in plan.committees if not c.is_audit_committee]
    share = {c.pk: max(1, round(total * 0.4 / max(1, len(audit)))) for c in audit}
    share |= {c.pk: max(1, round(total * 0.6 / max(1, len(others)))) for c in others}
    meetings = []
    for committee in plan.committees:
        meetings += _meetings(plan, committee, share[committee.pk])
    plan.writer.create(Meeting, meetings)
    for meeting in meetings:
        plan.meetings.setdefault(meeting.committee_id, []).append(meeting)
    items, attendance, minutes, reports = [], [], [], []
    for committee in plan.committees:
        held = plan.meetings.get(committee.pk, [])
        after = (
            Meeting.objects.filter(committee=committee, starts_at__gte=at(plan.cutoff, 0))
            .order_by("starts_at")
            .first()
        )
        for n, meeting in enumerate(held):
            items += _agenda(meeting, committee.is_audit_committee)
            attendance += _attendance(plan, meeting)
            following = held[n + 1] if n + 1 < len(held) else after
            minutes.append(_minutes(meeting, following))
            reports.append(_report(meeting))
    plan.writer.create(AgendaItem, items)
    plan.writer.create(Attendance, attendance)
    plan.writer.create(Minutes, minutes)
    plan.writer.create(BoardReport, reports)


def _serving(plan: Plan, committee_id: int, day: datetime.date) -> list:
    return [m for m in plan.memberships if m.committee_id == committee_id and m.is_active_on(day)]


def _meetings(plan: Plan, committee, wanted: int) -> list[Meeting]:
    """``wanted`` weekday meetings before the cut-off on which the committee had members, two
    hours each; above scale 1 a committee may meet more than once a day, never at once."""
    span = (plan.cutoff - plan.start).days
    serving = [m for m in plan.memberships if m.committee_id == committee.pk]
    slots = set()
    for _ in range(wanted * 20):
        if len(slots) >= wanted:
            break
        day = plan.start + datetime.timedelta(days=plan.rng.randrange(span))
        hour = 14 if wanted <= span // 3 else plan.rng.choice(HOURS)
        if day.weekday() < 5 and any(m.is_active_on(day) for m in serving):
            slots.add((day, hour))
    rows = []
    for day, hour in sorted(slots):
        row = Meeting(
            committee=committee,
            kind=Meeting.Kind.SPECIAL if plan.rng.random() < 0.1 else Meeting.Kind.REGULAR,
            starts_at=at(day, hour),
            ends_at=at(day, hour + 2),
            time_zone=settings.TIME_ZONE,
            location="Board room, headquarters",
            status=Meeting.Status.HELD,
            notice_sent_at=at(day - 7 * ONE_DAY),
        )
        row._history_date = row.notice_sent_at
        rows.append(row)
    return rows


def _agenda(meeting: Meeting, audit: bool) -> list[AgendaItem]:
    rows = []
    for position, (title, serves) in enumerate(AGENDA, start=1):
        row = AgendaItem(
            meeting=meeting,
            position=position,
            title=title,
            minutes_allotted=20,
            serves=[str(topic) for topic in serves] if audit else [],
            minute=f"The committee discussed {title.lower()}.",
            decision="Noted." if position > 1 else "Approved as circulated.",
        )
        row._history_date = meeting.notice_sent_at
        rows.append(row)
    return rows


def _attendance(plan: Plan, meeting: Meeting) -> list[Attendance]:
    serving = _serving(plan, meeting.committee_id, meeting.starts_at.date())
    rows = []
    for n, membership in enumerate(serving):
        if len(serving) >= 4 and n == len(serving) - 1:
            status = Attendance.Status.EXCUSED
        else:
            status = plan.rng.choice([Attendance.Status.IN_PERSON] * 3 + [Attendance.Status.REMOTE])
        row = Attendance(meeting=meeting, director_id=membership.director_id, status=status)
        row._history_date = meeting.ends_at
        rows.append(row)
    return rows


def _minutes(meeting: Meeting, following: Meeting | None) -> Minutes:
    day = meeting.starts_at.date()
    row = Minutes(
        meeting=meeting,
        body=f"Minutes of the meeting of {day:%-d %B %Y}. A quorum was present throughout.",
        status=Minutes.Status.APPROVED if following else Minutes.Status.CIRCULATED,
        circulated_on=day + 5 * ONE_DAY,
        approved_at=following,
        approved_on=following.starts_at.date() if following else None,
    )
    row._history_date = following.ends_at if following else at(day + 5 * ONE_DAY)
    return row


def _report(meeting: Meeting) -> BoardReport:
    day = meeting.starts_at.date()
    row = BoardReport(
        meeting=meeting,
        summary="The committee reviewed the quarter's results, the auditor's report and the "
        "complaints received, and has no matter requiring the board's action.",
        delivered_on=day + 10 * ONE_DAY,
    )
    row._history_date = at(day + 10 * ONE_DAY)
    return row
