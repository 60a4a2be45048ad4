"""The Northwind demo's meetings: a year of quarterly audit committee meetings with agendas,
papers, attendance, guests, executive sessions, approved minutes and reports to the board; the
latest meeting's minutes and report still open; the next meeting scheduled with its papers and a
declared conflict; and no executive session with internal audit for over a year, so the
dashboard shows it overdue (Charter: Meetings). The compensation committee meets twice a year.

Dated from the demo's anchor day; seeded once (a committee that has meetings is left alone)."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.files.base import ContentFile

from committees.models import Committee
from meetings import services
from meetings.models import Attendance, ExecutiveSession, Guest, Meeting, Recusal, Topic
from meetings.pdf import text_page

ONE_DAY = datetime.timedelta(days=1)
GUESTS = (
    ("Laura Kim", Guest.Role.MANAGEMENT, "Chief financial officer", "Northwind Instruments"),
    ("Mark Delgado", Guest.Role.INDEPENDENT_AUDITOR, "Engagement partner", "Calder & Moss LLP"),
    ("Nina Sorensen", Guest.Role.INTERNAL_AUDIT, "Head of internal audit", "Northwind Instruments"),
)
# (title, presenter, minutes, topics, paper) per quarter of the audit committee's year.
AGENDAS = (
    (
        (
            "Fourth-quarter and annual results, draft Form 10-K",
            "Laura Kim",
            45,
            [Topic.ANNUAL_STATEMENTS],
            "Draft annual financial statements",
        ),
        (
            "Auditor's report on critical audit matters",
            "Mark Delgado",
            30,
            [Topic.AUDIT_FINDINGS],
            "Auditor's communications to the committee",
        ),
        (
            "Complaints received through the hotline",
            "Nina Sorensen",
            15,
            [Topic.COMPLAINT_SUMMARY],
            None,
        ),
    ),
    (
        ("First-quarter results and Form 10-Q", "Laura Kim", 30, [], "Q1 results pack"),
        ("Internal audit plan progress", "Nina Sorensen", 20, [], "Internal audit dashboard"),
        (
            "Pre-approvals granted by the chair since the last meeting",
            "Margaret Chen",
            10,
            [Topic.PREAPPROVAL_REPORT],
            None,
        ),
    ),
    (
        ("Second-quarter results and Form 10-Q", "Laura Kim", 30, [], "Q2 results pack"),
        (
            "Cybersecurity risk and IT general controls",
            "Chief information officer",
            30,
            [],
            "IT general controls review",
        ),
        ("Auditor independence and fees", "Mark Delgado", 15, [Topic.AUDITOR_INDEPENDENCE], None),
    ),
    (
        ("Third-quarter results and Form 10-Q", "Laura Kim", 30, [], "Q3 results pack"),
        (
            "Audit scope and plan for the year-end audit",
            "Mark Delgado",
            40,
            [Topic.AUDIT_PLAN],
            "Audit plan and fee proposal",
        ),
        (
            "Complaints received through the hotline",
            "Nina Sorensen",
            15,
            [Topic.COMPLAINT_SUMMARY],
            None,
        ),
    ),
)


def paper_pdf(title: str, lines) -> bytes:
    """A one-page demo paper."""
    return text_page([title, *lines])


def _start(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def _second_tuesday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)


def _quarterly_days(anchor: datetime.date) -> list[datetime.date]:
    """The second Tuesday of February, May, August and November, for the 15 months before the
    anchor: five or six held meetings, the oldest with internal audit's last private session."""
    days = []
    for year in (anchor.year - 2, anchor.year - 1, anchor.year):
        for month in (2, 5, 8, 11):
            day = _second_tuesday(year, month)
            if anchor - datetime.timedelta(days=460) <= day < anchor:
                days.append(day)
    return days


class MeetingSeeder:
    def __init__(self, seeder):
        self.seeder = seeder
        self.anchor = seeder.anchor
        self.now = _start(self.anchor, 8)

    def seed(self) -> None:
        audit = Committee.objects.get(slug="audit")
        compensation = Committee.objects.get(slug="compensation")
        if not Meeting.objects.filter(committee=audit).exists():
            self.audit(audit)
        if not Meeting.objects.filter(committee=compensation).exists():
            self.compensation(compensation)

    def _count(self, n: int = 1) -> None:
        self.seeder.created += n

    def _meeting(self, committee, day, *, kind=Meeting.Kind.REGULAR, hours=3, invite=False):
        start = _start(day)
        meeting = services.meeting_schedule(
            committee=committee,
            kind=kind,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            time_zone=settings.TIME_ZONE,
            location="Northwind headquarters, boardroom 12A",
            video_link="https://video.northwind.example/audit-committee",
            now=self.now,
        )
        if invite:
            services.meeting_invite(meeting=meeting, now=self.now)
        self._count()
        return meeting

    def _agenda(self, meeting, quarter: int, *, with_papers=True):
        items = []
        for title, presenter, minutes, topics, paper in AGENDAS[quarter]:
            item = services.agenda_item_add(
                meeting=meeting,
                title=title,
                presenter=presenter,
                minutes_allotted=minutes,
                serves=[str(t) for t in topics],
            )
            items.append(item)
            self._count()
            if paper and with_papers:
                services.material_upload(
                    meeting=meeting,
                    agenda_item=item,
                    title=paper,
                    upload=ContentFile(
                        paper_pdf(
                            paper,
                            [
                                f"{meeting.committee}: {meeting.display_title}",
                                f"Presented by {presenter}.",
                                "Fictional demo paper.",
                            ],
                        ),
                        name="paper.pdf",
                    ),
                    by=self.seeder.secretary,
                    now=self.now,
                )
                self._count(2)
        return items

    def _hold(self, meeting, items, *, sessions, excused=None):
        seats = meeting.committee.memberships.active_on(meeting.day).select_related("director")
        statuses = {
            seat.director_id: Attendance.Status.EXCUSED
            if seat.director.email.startswith(excused or "-")
            else Attendance.Status.IN_PERSON
            for seat in seats
        }
        services.attendance_record(meeting=meeting, statuses=statuses, as_of=meeting.day)
        self._count(len(statuses))
        if meeting.committee.is_audit_committee:
            for name, role, title, organisation in GUESTS:
                services.guest_add(
                    meeting=meeting, name=name, role=role, title=title, organisation=organisation
                )
                self._count()
        for item in items:
            services.item_minute_record(
                item=item,
                minute=f"{item.presenter} presented; members asked questions and discussed "
                "the matters raised.",
                decision="Received and noted."
                if "results" not in item.title
                else "Recommended the results for release.",
            )
        for counterpart in sessions:
            services.executive_session_record(
                meeting=meeting,
                counterpart=counterpart,
                present={
                    "management": "Laura Kim",
                    "independent_auditor": "Mark Delgado",
                    "internal_auditor": "Nina Sorensen",
                }.get(counterpart, ""),
                notes="Private discussion; no concerns raised about management's cooperation.",
            )
            self._count()

    def audit(self, audit) -> None:
        days = _quarterly_days(self.anchor)
        held = []
        for index, day in enumerate(days):
            meeting = self._meeting(audit, day)
            quarter = (day.month - 2) // 3
            items = self._agenda(meeting, quarter, with_papers=index >= len(days) - 2)
            # Internal audit last met the committee alone at the oldest meeting shown.
            sessions = [
                ExecutiveSession.Counterpart.MANAGEMENT,
                ExecutiveSession.Counterpart.INDEPENDENT_AUDITOR,
            ]
            if index == 0:
                sessions.append(ExecutiveSession.Counterpart.INTERNAL_AUDITOR)
            self._hold(
                meeting, items, sessions=sessions, excused="david.okafor" if index == 1 else None
            )
            held.append(meeting)
        for earlier, later in zip(held, held[1:], strict=False):
            minutes = services.minutes_draft(meeting=earlier)
            services.minutes_circulate(minutes=minutes, as_of=earlier.day + 7 * ONE_DAY)
            services.minutes_approve(minutes=minutes, at_meeting=later, as_of=later.day)
            services.board_report_save(
                meeting=earlier,
                summary=_report_summary(earlier),
                recommendations="None requiring board action.",
                delivered_on=earlier.day + 9 * ONE_DAY,
                as_of=self.anchor,
            )
            self._count(2)
        if held:
            latest = held[-1]
            minutes = services.minutes_draft(meeting=latest)
            services.minutes_circulate(
                minutes=minutes, as_of=min(latest.day + 5 * ONE_DAY, self.anchor)
            )
            # The latest report is still a draft while its 30 days run; past them, delivered.
            deadline = latest.day + 30 * ONE_DAY
            services.board_report_save(
                meeting=latest,
                summary=_report_summary(latest),
                delivered_on=None if deadline > self.anchor else latest.day + 12 * ONE_DAY,
                as_of=self.anchor,
            )
            services.action_item_add(
                meeting=latest,
                description="Send the committee the remediation plan for the IT access findings",
                owner_name="Laura Kim (CFO)",
                due_on=self.anchor + 10 * ONE_DAY,
            )
            done = services.action_item_add(
                meeting=latest,
                description="Circulate the updated fee proposal",
                owner_name="Mark Delgado",
                due_on=latest.day + 14 * ONE_DAY,
            )
            services.action_item_close(action=done, status="done", as_of=latest.day + 7 * ONE_DAY)
            self._count(4)
        upcoming = self._meeting(audit, self.anchor + 21 * ONE_DAY, invite=True)
        # The next meeting takes up the agenda of the quarter after the latest one held.
        quarter = ((days[-1].month - 2) // 3 + 1) % 4 if days else 0
        self._agenda(upcoming, quarter)
        conflicted = services.agenda_item_add(
            meeting=upcoming,
            title="Renewal of the logistics contract with Baltic Freight",
            presenter="Laura Kim",
            minutes_allotted=15,
            confidential=True,
        )
        self._count()
        okafor = self.seeder.directors["david.okafor"]
        services.recusal_record(
            item=conflicted,
            director=okafor,
            source=Recusal.Source.DECLARED,
            reason="Sits on the supplier's advisory board",
        )
        services.material_upload(
            meeting=upcoming,
            title="Meeting pack and previous minutes",
            upload=ContentFile(
                paper_pdf("Meeting pack", ["Agenda, previous minutes and the action log."]),
                name="pack.pdf",
            ),
            by=self.seeder.secretary,
            now=self.now,
        )
        self._count(3)

    def compensation(self, compensation) -> None:
        for months in (10, 4):
            day = self.anchor - datetime.timedelta(days=30 * months)
            meeting = self._meeting(compensation, day, hours=2)
            item = services.agenda_item_add(
                meeting=meeting, title="Executive compensation review", presenter="HR director"
            )
            self._hold(meeting, [item], sessions=[])
            services.board_report_save(
                meeting=meeting,
                summary="The committee reviewed executive pay against the peer group.",
                delivered_on=meeting.day + 5 * ONE_DAY,
                as_of=self.anchor,
            )
            self._count(2)
        first, second = Meeting.objects.filter(committee=compensation).order_by("starts_at")
        minutes = services.minutes_draft(meeting=first)
        services.minutes_approve(minutes=minutes, at_meeting=second, as_of=second.day)


def _report_summary(meeting) -> str:
    return (
        f"At its meeting of {meeting.day:%-d %B %Y} the committee reviewed the quarter's "
        "financial results and disclosures, received reports from management, the independent "
        "auditor and internal audit, and met each of them in executive session as scheduled."
    )


def demo_meetings_seed(seeder) -> None:
    """Called by ``seed_demo`` after the committees' demo, in its transaction."""
    MeetingSeeder(seeder).seed()
