"""The meetings' charter duties in the deadline engine (Charter: Meetings; rules section 7), and
the hook that re-evaluates a committee whenever one of its meeting records changes.

Every evaluator reads the meeting record only, and its evidence links point at the meetings
that satisfy it. Days are counted in the company's time zone (meetings.zones)."""

import datetime

from django.db.models import Q
from django.urls import reverse

from charter_portal.words import count_of
from committees.models import CharterVersion
from committees.requirements import responsible as committee_responsible
from deadlines.cadences import FiscalQuarter, FiscalYear, Ongoing, RollingMonths
from deadlines.registry import (
    Evaluation,
    EvidenceLink,
    Requirement,
    ask_for_subjects,
    register,
    registry,
)
from deadlines.status import Kind, Status
from deadlines.wording import day_words
from meetings.access import reads_meetings
from meetings.models import (
    ActionItem,
    AgendaItem,
    BoardReport,
    ExecutiveSession,
    Material,
    MaterialRead,
    MaterialVersion,
    Meeting,
    Minutes,
)
from meetings.zones import company_zone

RULE = "Charter: Meetings"
MIN_MEETINGS_KEY = "meetings.min_meetings_per_year"
QUARTERLY_KEY = "meetings.meeting_each_quarter"
BOARD_REPORT_KEY = "meetings.board_report"
MINUTES_KEY = "meetings.minutes_approved"
ACTION_ITEMS_KEY = "meetings.action_items"
SESSION_KEYS = {
    ExecutiveSession.Counterpart.MANAGEMENT: "meetings.executive_session_management",
    ExecutiveSession.Counterpart.INTERNAL_AUDITOR: "meetings.executive_session_internal_auditor",
    ExecutiveSession.Counterpart.INDEPENDENT_AUDITOR: (
        "meetings.executive_session_independent_auditor"
    ),
}
MEETING_KEYS = (
    MIN_MEETINGS_KEY,
    QUARTERLY_KEY,
    *SESSION_KEYS.values(),
    BOARD_REPORT_KEY,
    MINUTES_KEY,
    ACTION_ITEMS_KEY,
)
ONE_DAY = datetime.timedelta(days=1)


# Reading the record ---------------------------------------------------------------------------


def moment(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the company's time zone."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=company_zone())


def held_between(committee, first: datetime.date, last: datetime.date):
    """The committee's held meetings whose day (company time) is from ``first`` to ``last``."""
    return Meeting.objects.filter(
        committee=committee,
        status=Meeting.Status.HELD,
        starts_at__gte=moment(first),
        starts_at__lt=moment(last + ONE_DAY),
    ).order_by("starts_at", "pk")


def _charter_value(committee, as_of: datetime.date, name: str) -> int:
    charter = committee.charter_on(as_of)
    return getattr(charter, name) if charter else CharterVersion._meta.get_field(name).default


def _meeting_link(meeting: Meeting, label: str = "") -> EvidenceLink:
    return EvidenceLink(label or f"Meeting of {day_words(meeting.day)}", obj=meeting)


def meetings_url(committee, period) -> str:
    return reverse("meetings:list", args=[committee.slug])


# At least N meetings each fiscal year, and one each quarter (Charter: Meetings) ---------------


def evaluate_min_meetings(committee, period, as_of: datetime.date) -> Evaluation:
    """Met once the committee has held the charter's number of meetings in the fiscal year;
    a year that ends short of it failed."""
    needed = _charter_value(committee, as_of, "min_meetings_per_year")
    held = list(held_between(committee, period.start, min(as_of, period.end)))
    links = tuple(_meeting_link(m) for m in held)
    if len(held) >= needed:
        return Evaluation(
            Status.MET,
            met_on=held[needed - 1].day if needed else period.start,
            detail=f"{len(held)} meetings held this fiscal year; the charter asks for {needed}.",
            evidence=links,
        )
    words = f"{len(held)} of the {needed} meetings the charter asks for this fiscal year"
    if as_of > period.end:
        return Evaluation(
            Status.FAILING,
            since=period.end + ONE_DAY,
            detail=f"The fiscal year ended on {day_words(period.end)} with {words}.",
            evidence=links,
        )
    return Evaluation(
        Status.DUE,
        detail=f"{words} have been held; the year ends on {day_words(period.end)}.",
        evidence=links,
    )


def evaluate_quarterly(committee, period, as_of: datetime.date) -> Evaluation:
    """A warning, not a charter term of its own: a fiscal quarter that ends with no meeting
    shows as failing, so the yearly count cannot be left to the last quarter."""
    if _charter_value(committee, period.start, "min_meetings_per_year") < 4:
        return Evaluation(
            Status.MET,
            met_on=period.start,
            detail="The charter asks for fewer than four meetings a year, so no quarter needs one.",
        )
    held = list(held_between(committee, period.start, min(as_of, period.end))[:1])
    if held:
        return Evaluation(
            Status.MET,
            met_on=held[0].day,
            detail=f"Met on {day_words(held[0].day)}.",
            evidence=(_meeting_link(held[0]),),
        )
    if as_of > period.end:
        return Evaluation(
            Status.FAILING,
            since=period.end + ONE_DAY,
            detail=f"The fiscal quarter from {day_words(period.start)} to "
            f"{day_words(period.end)} ended with no committee meeting.",
        )
    return Evaluation(
        Status.DUE,
        detail=f"No meeting held yet this fiscal quarter; it ends on {day_words(period.end)}.",
    )


# Executive sessions with each counterpart (Charter: Meetings) ----------------------------------


def _sessions(committee, counterpart, first: datetime.date, last: datetime.date):
    return (
        ExecutiveSession.objects.filter(
            counterpart=counterpart,
            meeting__committee=committee,
            meeting__status=Meeting.Status.HELD,
            meeting__starts_at__gte=moment(first),
            meeting__starts_at__lt=moment(last + ONE_DAY),
        )
        .select_related("meeting__committee")
        .order_by("meeting__starts_at", "pk")
    )


def session_cadence(committee, as_of: datetime.date) -> RollingMonths:
    return RollingMonths(_charter_value(committee, as_of, "executive_session_interval_months"))


def session_last_met(counterpart):
    def last_met(committee, as_of: datetime.date) -> datetime.date | None:
        """The latest session with the counterpart; without one, the day the charter in force
        took effect, from which the first interval runs."""
        latest = _sessions(committee, counterpart, datetime.date(1900, 1, 1), as_of).last()
        if latest is not None:
            return latest.meeting.day
        charter = committee.charter_on(as_of)
        return charter.effective_from if charter else None

    return last_met


def session_evaluator(counterpart):
    label = ExecutiveSession.Counterpart(counterpart).label.lower()

    def evaluate(committee, period, as_of: datetime.date) -> Evaluation:
        """Met by an executive session with the counterpart at a meeting held in the period."""
        session = _sessions(committee, counterpart, period.start, as_of).first()
        if session is not None:
            day = session.meeting.day
            return Evaluation(
                Status.MET,
                met_on=day,
                detail=f"The committee met separately with {label} on {day_words(day)}.",
                evidence=(
                    _meeting_link(session.meeting, f"Executive session of {day_words(day)}"),
                ),
            )
        ever = _sessions(committee, counterpart, datetime.date(1900, 1, 1), as_of).exists()
        if ever:
            words = f"No executive session with {label} since {day_words(period.start - ONE_DAY)}"
        else:
            words = (
                f"No executive session with {label} is recorded; the interval counts from "
                f"{day_words(period.start - ONE_DAY)}, when the charter in force took effect"
            )
        due = f"; one is due by {day_words(period.due)}." if period.due else "."
        return Evaluation(Status.DUE, detail=words + due)

    return evaluate


# A report to the board within N days of each meeting (Charter: Meetings) ---------------------


def evaluate_board_reports(committee, period, as_of: datetime.date) -> Evaluation:
    """Each held meeting gets a report delivered to the board within the charter's number of
    days. Due on the earliest outstanding report's deadline; a meeting of the previous year whose
    report falls due in this one is counted here."""
    within = _charter_value(committee, as_of, "board_report_within_days")
    first = period.start - datetime.timedelta(days=within)
    meetings = list(held_between(committee, first, min(as_of, period.end)))
    reports = {r.meeting_id: r for r in BoardReport.objects.filter(meeting__in=meetings)}
    outstanding, late, links = [], [], []
    for meeting in meetings:
        deadline = meeting.day + datetime.timedelta(days=within)
        if deadline < period.start:
            continue
        report = reports.get(meeting.pk)
        # Delivered by ``as_of``: a report recorded since does not change an earlier day.
        if report is not None and report.delivered_on and report.delivered_on <= as_of:
            links.append(
                EvidenceLink(f"Report on the meeting of {day_words(meeting.day)}", obj=meeting)
            )
            if report.delivered_on > deadline:
                late.append(meeting)
        else:
            outstanding.append((deadline, meeting))
    late_words = (
        f" {count_of(len(late), 'report')} reached the board after the {within} days."
        if late
        else ""
    )
    if outstanding:
        deadline, meeting = min(outstanding, key=lambda pair: pair[0])
        return Evaluation(
            Status.DUE,
            due=deadline,
            detail=f"The report to the board on the meeting of {day_words(meeting.day)} is due "
            f"by {day_words(deadline)} ({within} days after it)."
            + (f" {len(outstanding)} reports are outstanding." if len(outstanding) > 1 else "")
            + late_words,
            evidence=tuple(links),
        )
    if not links:
        return Evaluation(
            Status.MET,
            met_on=period.start,
            detail="No meeting held yet this fiscal year, so no report to the board is due.",
        )
    return Evaluation(
        Status.MET,
        met_on=max(
            r.delivered_on for r in reports.values() if r.delivered_on and r.delivered_on <= as_of
        ),
        detail=f"Every meeting this fiscal year has its report to the board.{late_words}",
        evidence=tuple(links),
    )


# Minutes approved by the next regular meeting (Charter: Meetings) ------------------------------


def evaluate_minutes(committee, period, as_of: datetime.date) -> Evaluation:
    """The minutes of each held meeting are approved by the next regular meeting: due on that
    meeting's day, overdue once it has passed without approving them."""
    held = list(
        held_between(committee, period.start - datetime.timedelta(days=366), min(as_of, period.end))
    )
    approved = dict(
        Minutes.objects.filter(
            meeting__in=held, status=Minutes.Status.APPROVED, approved_on__lte=as_of
        ).values_list("meeting_id", "approved_on")
    )
    regular = list(
        Meeting.objects.filter(committee=committee, kind=Meeting.Kind.REGULAR)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__gte=moment(period.start - datetime.timedelta(days=366)))
        .order_by("starts_at")
    )
    outstanding, links = [], []
    for meeting in held:
        following = next((m for m in regular if m.starts_at > meeting.starts_at), None)
        if meeting.pk in approved:
            if approved[meeting.pk] >= period.start or meeting.day >= period.start:
                links.append(EvidenceLink(f"Minutes of {day_words(meeting.day)}", obj=meeting))
            continue
        outstanding.append((following.day if following else None, meeting))
    if outstanding:
        dated = [pair for pair in outstanding if pair[0] is not None]
        due, meeting = min(dated, key=lambda p: p[0]) if dated else outstanding[0]
        when = (
            f"by the next regular meeting on {day_words(due)}"
            if due
            else "at the next regular meeting (none is scheduled yet)"
        )
        return Evaluation(
            Status.DUE,
            due=due,
            detail=f"The minutes of the meeting of {day_words(meeting.day)} are to be approved "
            f"{when}."
            + (
                f" {len(outstanding)} sets of minutes await approval."
                if len(outstanding) > 1
                else ""
            ),
            evidence=tuple(links),
        )
    return Evaluation(
        Status.MET,
        met_on=as_of,
        detail="The minutes of every meeting held are approved."
        if held
        else "No meeting held yet, so no minutes await approval.",
        evidence=tuple(links),
    )


# Action items (Charter: Meetings: the committee follows up what it decided) --------------------


def open_actions(committee, as_of: datetime.date | None = None):
    """Actions open on ``as_of`` (default: now): still open, or done after that day."""
    actions = ActionItem.objects.filter(meeting__committee=committee)
    if as_of is None:
        actions = actions.filter(status=ActionItem.Status.OPEN)
    else:
        actions = actions.filter(meeting__starts_at__lt=moment(as_of + ONE_DAY)).filter(
            Q(status=ActionItem.Status.OPEN)
            | Q(status=ActionItem.Status.DONE, completed_on__gt=as_of)
        )
    return actions.select_related("meeting__committee", "owner").order_by("due_on", "pk")


def evaluate_action_items(committee, period, as_of: datetime.date) -> Evaluation:
    """Due on the earliest open action item's due date; overdue once it passes."""
    actions = list(open_actions(committee, as_of))
    if not actions:
        return Evaluation(Status.MET, met_on=as_of, detail="No open action items.")
    first = actions[0]
    overdue = sum(1 for a in actions if a.due_on < as_of)
    return Evaluation(
        Status.DUE,
        due=first.due_on,
        detail=f"{count_of(len(actions), 'open action item')}, {overdue} overdue; the earliest, "
        f"“{first.description}” ({first.owner_label}), is due {day_words(first.due_on)}.",
        evidence=(EvidenceLink(f"Meeting of {day_words(first.meeting.day)}", obj=first.meeting),),
    )


def action_responsible(committee, as_of: datetime.date) -> list:
    """The members and the secretary, and the owners of the open actions who log in."""
    people = {user.pk: user for user in committee_responsible(committee, as_of)}
    for action in open_actions(committee, as_of):
        if action.owner_id and action.owner.is_active:
            people.setdefault(action.owner_id, action.owner)
    return list(people.values())


def _action_responsible_for_subjects(committees, as_of: datetime.date) -> dict[int, list]:
    """``action_responsible`` for many committees: the committees' own answer (shared with the
    registry's hook inside deadlines.registry.batch_reads) and one query for the owners of
    every open action, so the personal feed asks once, not once per committee (issue 13)."""
    committees = list(committees)
    base = ask_for_subjects(committee_responsible, committees, as_of)
    people = {c.pk: {user.pk: user for user in base.get(c.pk, ())} for c in committees}
    actions = ActionItem.objects.filter(
        meeting__committee__in=[c.pk for c in committees],
        meeting__starts_at__lt=moment(as_of + ONE_DAY),
        owner__isnull=False,
        owner__is_active=True,
    ).filter(
        Q(status=ActionItem.Status.OPEN) | Q(status=ActionItem.Status.DONE, completed_on__gt=as_of)
    )
    for action in actions.select_related("owner", "meeting").order_by("due_on", "pk"):
        people[action.meeting.committee_id].setdefault(action.owner_id, action.owner)
    return {pk: list(found.values()) for pk, found in people.items()}


action_responsible.for_subjects = _action_responsible_for_subjects


# Which committees a meeting record can change -------------------------------------------------


def affected_committees(record) -> list[int]:
    """The committee of the meeting the record belongs to; a read receipt changes no duty."""
    if isinstance(record, MaterialRead):
        return []
    if isinstance(record, Meeting):
        return [record.committee_id]
    if isinstance(record, MaterialVersion):
        return list(
            Material.objects.filter(pk=record.material_id).values_list(
                "meeting__committee_id", flat=True
            )
        )
    if isinstance(
        record, AgendaItem | Material | ActionItem | BoardReport | Minutes | ExecutiveSession
    ):
        meeting_id = record.meeting_id
    else:
        meeting_id = getattr(record, "meeting_id", None)
        if meeting_id is None and getattr(record, "agenda_item_id", None):
            meeting_id = (
                AgendaItem.objects.filter(pk=record.agenda_item_id)
                .values_list("meeting_id", flat=True)
                .first()
            )
    if meeting_id is None:
        return []
    return list(Meeting.objects.filter(pk=meeting_id).values_list("committee_id", flat=True))


def register_all() -> None:
    # Every meeting duty is the charter's, is done on the meetings pages, and shows its evidence
    # to whoever reads the meetings.
    common = {
        "kind": Kind.CHARTER,
        "rule": RULE,
        "evidence_url": meetings_url,
        "may_act": reads_meetings,
        "may_see_evidence": reads_meetings,
    }
    register(
        Requirement(
            key=MIN_MEETINGS_KEY,
            title="Meetings each fiscal year",
            **common,
            cadence=FiscalYear(),
            evaluator=evaluate_min_meetings,
            description="The committee meets at least as often as its charter says each fiscal "
            "year (four times in the seed charter).",
        )
    )
    register(
        Requirement(
            key=QUARTERLY_KEY,
            title="A meeting each fiscal quarter",
            **common,
            cadence=FiscalQuarter(),
            evaluator=evaluate_quarterly,
            description="Warns when a fiscal quarter ends without a committee meeting.",
        )
    )
    for counterpart, key in SESSION_KEYS.items():
        label = ExecutiveSession.Counterpart(counterpart).label.lower()
        register(
            Requirement(
                key=key,
                title=f"Executive session with {label}",
                **common,
                cadence=session_cadence,
                evaluator=session_evaluator(counterpart),
                last_met=session_last_met(counterpart),
                applies_to=lambda committee: committee.is_audit_committee,
                description=f"The committee meets separately with {label} at least once in each "
                "interval its charter sets.",
            )
        )
    register(
        Requirement(
            key=BOARD_REPORT_KEY,
            title="Report to the board after each meeting",
            **common,
            cadence=Ongoing(),
            evaluator=evaluate_board_reports,
            description="The committee reports to the board on each meeting within the "
            "number of days its charter sets.",
        )
    )
    register(
        Requirement(
            key=MINUTES_KEY,
            title="Minutes approved by the next regular meeting",
            **common,
            cadence=Ongoing(),
            evaluator=evaluate_minutes,
        )
    )
    register(
        Requirement(
            key=ACTION_ITEMS_KEY,
            title="Action items done by their due dates",
            **common,
            cadence=Ongoing(),
            evaluator=evaluate_action_items,
            responsible=action_responsible,
        )
    )
    registry.watch("meetings", affected_committees)
    from deadlines.channels import register_attachments
    from meetings.invitations import feed_events, invitation_attachments

    register_attachments("meetings.invitation:", invitation_attachments)
    registry.add_feed_source(feed_events)


register_all()
