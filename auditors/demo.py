"""The Northwind demo's independent auditor: Calder & Moss LLP, engaged for the last completed
fiscal year and the current one, with:

- fees in all four proxy categories for both years, the audit fee approved with each engagement;
- a pre-approval policy in force, approved at a held meeting, with specific lines and caps;
- services approved under the policy, by the chair's delegation between meetings (on the next
  meeting's agenda to be reported), and by the committee at a meeting; one prohibited service
  refused with its rule; one request awaiting a decision;
- the lead partner in the fifth consecutive year, due to rotate after this one;
- for the completed year: the independence letter and the quality-control report, the AS 1301
  checklist, the review of the annual statements and the signed audit committee report.

Dated from the demo's anchor day and the meetings the meetings demo held; every record is
validated as the admin would validate it (``full_clean``) before it is saved. Seeded once: an
audit committee that already has an engagement is left alone."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from auditors.models import (
    As1301Item,
    As1301Topic,
    AuditFirm,
    AuditPartner,
    CommitteeReport,
    Communication,
    Delegation,
    Engagement,
    Fee,
    PartnerAssignment,
    PolicyLine,
    PreApprovalPolicy,
    ServiceRequest,
    StatementsReview,
)
from auditors.services_catalogue import (
    PROHIBITED_RULE,
    Category,
    Nature,
    prohibited_reason,
)
from committees.models import Committee, CompanyProfile
from meetings import services as meeting_services
from meetings.demo import _second_tuesday, _start
from meetings.models import Attendance, Meeting, Minutes, Topic

ONE_DAY = datetime.timedelta(days=1)
FIRM = {
    "name": "Calder & Moss LLP",
    "pcaob_id": "0417",
    "office": "Chicago, Illinois",
}
LEAD, CONCURRING, OTHER = "Mark Delgado", "Priya Natarajan", "Tom Becker"
# The approved audit fee covers the annual audit and the three quarterly reviews.
REVIEWS = Decimal("210000")
# The lead partner has led the audit since four years before the current one: this is year 5.
LEAD_YEARS = 5
TAX_DESCRIPTION = (
    "Scope: review of the company's federal and state income tax returns prepared by the "
    "company's tax department. Fees: hourly rates, capped at the amount shown. No side "
    "agreement and no referral arrangement with the company or its officers."
)
CONTROL_DESCRIPTION = (
    "Scope: an assessment of the design of the controls planned for the new ERP system, "
    "reported to the audit committee; management designs and operates the controls. Fees: "
    "fixed. No side agreement and no referral arrangement."
)
LETTER_DISCUSSION = (
    "The engagement partner took the committee through the firm's relationships with the "
    "company, its officers and its benefit plans, and the non-audit services of the year and "
    "their fees; the committee found nothing that bears on the firm's independence."
)
DISCUSSION = (
    "The engagement partner explained why the service does not put the firm in the position "
    "of auditing its own work or acting as management; the committee agreed that independence "
    "is not impaired."
)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), timezone.get_current_timezone())


class AuditorSeeder:
    def __init__(self, seeder):
        self.seeder = seeder
        self.anchor = seeder.anchor
        self.added = 0

    # Helpers --------------------------------------------------------------------------------

    def _save(self, record):
        """As the admin saves: the model's own validation first."""
        record.full_clean()
        record.save()
        self.added += 1
        return record

    def _held(self, committee) -> list[Meeting]:
        rows = Meeting.objects.filter(committee=committee, status=Meeting.Status.HELD)
        return [m for m in rows.order_by("starts_at") if m.day <= self.anchor]

    def _next_meeting(self, committee, after: datetime.date) -> Meeting | None:
        rows = Meeting.objects.filter(committee=committee).exclude(status=Meeting.Status.CANCELLED)
        return next((m for m in rows.order_by("starts_at") if m.day > after), None)

    def _report_item(self, committee, decided_on: datetime.date):
        """The agenda item of the next meeting after ``decided_on`` that reports pre-approvals to
        the full committee (SOX 202); added to that meeting's agenda unless its record is locked."""
        meeting = self._next_meeting(committee, decided_on)
        if meeting is None:
            return None
        for item in meeting.agenda_items.order_by("position"):
            if Topic.PREAPPROVAL_REPORT in (item.serves or []):
                return item
        if Minutes.objects.filter(meeting=meeting, status=Minutes.Status.APPROVED).exists():
            return None
        self.added += 1
        return meeting_services.agenda_item_add(
            meeting=meeting,
            title="Pre-approvals decided since the last meeting, reported to the committee",
            presenter="Margaret Chen",
            minutes_allotted=10,
            serves=[Topic.PREAPPROVAL_REPORT],
        )

    def _earlier_meetings(self, committee, firm) -> dict[int, Meeting]:
        """Fiscal year -> the February meeting that approved that year's engagement, for the
        years the lead partner led before the meetings demo begins: each held with its members,
        its decision minuted, its minutes approved at the next and its report delivered. The
        first also discussed the firm's relationships before its first engagement (PCAOB
        3526(a))."""
        meetings = {}
        for year in range(self.year - LEAD_YEARS + 1, self.year - 1):
            day = _second_tuesday(year, 2)
            if day >= self.held[0].day:
                continue
            start = _start(day)
            meeting = meeting_services.meeting_schedule(
                committee=committee,
                kind=Meeting.Kind.REGULAR,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                time_zone=start.tzinfo.key,
                location="Northwind headquarters, boardroom 12A",
                now=_at(self.anchor, 8),
            )
            seats = committee.memberships.active_on(day).values_list("director_id", flat=True)
            meeting_services.attendance_record(
                meeting=meeting,
                statuses=dict.fromkeys(seats, Attendance.Status.IN_PERSON),
                as_of=day,
            )
            item = meeting_services.agenda_item_add(
                meeting=meeting,
                title=f"Engagement of {firm} for fiscal year {year} and its audit fee",
                presenter="Margaret Chen",
                minutes_allotted=20,
            )
            meeting_services.item_minute_record(
                item=item,
                minute="The committee reviewed the firm's proposal, its independence and fee.",
                decision=f"Approved the engagement of {firm} for fiscal year {year}.",
            )
            meetings[year] = meeting
            self.added += 3
        ordered = [meetings[year] for year in sorted(meetings)] + [self.held[0]]
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            minutes = meeting_services.minutes_draft(meeting=earlier)
            meeting_services.minutes_circulate(minutes=minutes, as_of=earlier.day + 7 * ONE_DAY)
            meeting_services.minutes_approve(minutes=minutes, at_meeting=later, as_of=later.day)
            meeting_services.board_report_save(
                meeting=earlier,
                summary="The committee approved the engagement of the independent auditor and "
                "its fee for the year.",
                recommendations="None requiring board action.",
                delivered_on=earlier.day + 9 * ONE_DAY,
                as_of=self.anchor,
            )
            self.added += 2
        return meetings

    # The demo -------------------------------------------------------------------------------

    def seed(self) -> int:
        committee = Committee.objects.filter(slug="audit").first()
        profile = CompanyProfile.current()
        if committee is None or profile is None or committee.engagements.exists():
            return 0
        held = self._held(committee)
        if not held:
            return 0
        self.committee, self.profile, self.held = committee, profile, held
        self.year = profile.fiscal_year_of(self.anchor)
        previous_end = profile.fiscal_year_bounds(self.year - 1)[1]
        # The meeting after the completed year's end that reviewed its statements (February's).
        self.statements_meeting = next((m for m in held if m.day > previous_end), held[-1])
        self.chair = get_user_model().objects.filter(email__startswith="margaret.chen@").first()
        firm = self._firm()
        self.earlier = self._earlier_meetings(committee, firm)
        self._relationships(firm)
        engagements = self._engagements(firm)
        self._partners(firm, engagements)
        policy = self._policy()
        completed, current = engagements[self.year - 1], engagements[self.year]
        # The proxy's fee table shows the completed year and the one before it.
        self._completed_year_fees(engagements[self.year - 2], scale=Decimal("0.94"))
        self._completed_year_fees(completed)
        self._current_year(current, policy)
        self._communications(firm, completed)
        return self.added

    def _firm(self) -> AuditFirm:
        return AuditFirm.objects.filter(name=FIRM["name"]).first() or self._save(AuditFirm(**FIRM))

    def _partner(self, firm, name) -> AuditPartner:
        found = AuditPartner.objects.filter(firm=firm, full_name=name).first()
        return found or self._save(AuditPartner(firm=firm, full_name=name))

    def _relationships(self, firm) -> None:
        """Before its first engagement the firm described its relationships with the company in
        writing, and the committee discussed them at the meeting that approved it (PCAOB
        3526(a))."""
        first = min([*self.earlier.values(), self.held[0]], key=lambda m: m.day)
        self._save(
            Communication(
                committee=self.committee,
                firm=firm,
                kind=Communication.Kind.RELATIONSHIPS,
                received_on=first.day - 14 * ONE_DAY,
                discussed_at=first,
                discussion="The firm described its relationships with the company and its "
                "officers; the committee found none that bears on its independence.",
            )
        )

    def _engagements(self, firm) -> dict[int, Engagement]:
        """The earlier audits the lead partner led (before the portal), the completed year and the
        current one."""
        engagements = {}
        previous_start = self.profile.fiscal_year_bounds(self.year - 1)[0]
        approving = next((m for m in self.held if m.day >= previous_start), self.held[0])
        for year in range(self.year - LEAD_YEARS + 1, self.year + 1):
            start, end = self.profile.fiscal_year_bounds(year)
            engagement = Engagement(
                committee=self.committee,
                firm=firm,
                fiscal_year=year,
                audit_fee=Decimal(1_950_000 - 50_000 * (self.year - year)),
                procedures_begin_on=datetime.date(end.year, 12, 1)
                if end.month == 12
                else end - datetime.timedelta(days=30),
            )
            if year == self.year:
                meeting = self.statements_meeting
                engagement.status = Engagement.Status.ACTIVE
                engagement.approved_at, engagement.approved_on = meeting, meeting.day
            elif year == self.year - 1:
                engagement.status = Engagement.Status.COMPLETED
                engagement.approved_at, engagement.approved_on = approving, approving.day
                engagement.report_issued_on = min(
                    self.statements_meeting.day + 10 * ONE_DAY, self.anchor
                )
            else:
                meeting = self.earlier.get(year) or approving
                engagement.status = Engagement.Status.COMPLETED
                engagement.approved_at, engagement.approved_on = meeting, meeting.day
                engagement.report_issued_on = end + 55 * ONE_DAY
            vote = start + 140 * ONE_DAY  # the annual meeting, in May
            if vote <= self.anchor:
                engagement.ratified_on = vote
                engagement.votes_for = 41_250_000 + 100_000 * (self.year - year)
                engagement.votes_against = 1_180_000
                engagement.votes_abstaining = 240_000
            engagements[year] = self._save(engagement)
        return engagements

    def _partners(self, firm, engagements) -> None:
        lead = self._partner(firm, LEAD)
        concurring = self._partner(firm, CONCURRING)
        other = self._partner(firm, OTHER)
        for year, engagement in engagements.items():
            rows = [(lead, PartnerAssignment.Role.LEAD)]
            if year >= self.year - 1:
                rows.append((concurring, PartnerAssignment.Role.CONCURRING))
            if year >= self.year - 2:
                rows.append((other, PartnerAssignment.Role.OTHER))
            for partner, role in rows:
                self._save(PartnerAssignment(engagement=engagement, partner=partner, role=role))

    def _policy(self) -> PreApprovalPolicy:
        """Version 1, approved at the meeting that approved this year's engagement, in force for
        twelve months, with a delegation to the chair between meetings."""
        meeting = self.statements_meeting
        policy = self._save(
            PreApprovalPolicy(
                committee=self.committee,
                version=1,
                effective_from=meeting.day,
                effective_to=meeting.day.replace(year=meeting.day.year + 1) - ONE_DAY,
                approved_at=meeting,
                summary=(
                    "The committee approves in advance, for twelve months, the specific services "
                    "listed, each up to its fee cap; every use is reported to the committee at its "
                    "next meeting. Any other service, or a listed one past its cap, needs the "
                    "committee's specific approval, which the committee has delegated to its chair "
                    "between meetings for services of up to $100,000. Nothing is delegated to "
                    "management."
                ),
            )
        )
        for service, nature, category, cap in (
            (
                "Audit of the company's 401(k) employee benefit plan",
                Nature.AUDIT_RELATED,
                Category.AUDIT_RELATED,
                "90000",
            ),
            (
                "Comfort letters and consents for registration statements",
                Nature.ATTEST,
                Category.AUDIT_RELATED,
                "60000",
            ),
            (
                "Review of federal and state income tax returns",
                Nature.TAX,
                Category.TAX,
                "150000",
            ),
            (
                "Transfer pricing documentation review",
                Nature.TAX,
                Category.TAX,
                "80000",
            ),
        ):
            self._save(
                PolicyLine(
                    policy=policy,
                    service=service,
                    nature=nature,
                    category=category,
                    cap=Decimal(cap),
                )
            )
        if self.chair is not None and getattr(self.chair, "director", None) is not None:
            self.delegation = self._save(
                Delegation(
                    committee=self.committee,
                    director=self.chair.director,
                    granted_at=meeting,
                    starts_on=meeting.day,
                    fee_limit=Decimal("100000"),
                )
            )
        else:
            self.delegation = None
        return policy

    def _request(self, engagement, service, nature, fee, decided_on, **fields) -> ServiceRequest:
        fields.setdefault("category", Category.ALL_OTHER)
        record = ServiceRequest(
            committee=self.committee,
            engagement=engagement,
            service=service,
            nature=nature,
            estimated_fee=Decimal(fee),
            starts_on=fields.pop("starts_on", decided_on + 14 * ONE_DAY),
            requested_by=self.seeder.secretary,
            requested_at=_at(fields.pop("requested_on", decided_on - 7 * ONE_DAY)),
            decided_on=decided_on if fields.get("status") != "pending" else None,
            **fields,
        )
        return self._save(record)

    def _fee(self, engagement, service, category, amount, recorded_on, *, request=None, state):
        return self._save(
            Fee(
                engagement=engagement,
                service=service,
                category=category,
                amount=Decimal(amount),
                state=state,
                basis=Fee.Basis.HOURLY if request is not None else Fee.Basis.FIXED,
                request=request,
                recorded_on=min(recorded_on, self.anchor),
            )
        )

    def _completed_year_fees(self, engagement, *, scale=Decimal(1)) -> None:
        """A completed year: the audit and the quarterly reviews, and three non-audit services
        the committee approved at the meeting that approved the engagement (their fees
        ``scale`` times the last completed year's)."""
        meeting = engagement.approved_at
        end = self.profile.fiscal_year_bounds(engagement.fiscal_year)[1]
        billed = Fee.State.BILLED
        self._fee(
            engagement,
            "Audit of the annual financial statements and of internal control over financial "
            "reporting",
            Category.AUDIT,
            engagement.audit_fee - REVIEWS,
            self.statements_meeting.day,
            state=billed,
        )
        self._fee(
            engagement,
            "Reviews of the quarterly financial statements",
            Category.AUDIT,
            REVIEWS,
            end,
            state=billed,
        )
        approved = {
            "status": ServiceRequest.Status.APPROVED,
            "route": ServiceRequest.Route.COMMITTEE,
            "approved_at": meeting,
            "decided_by": self.chair,
        }
        for service, nature, category, amount, extra in (
            (
                "Audit of the company's 401(k) employee benefit plan",
                Nature.AUDIT_RELATED,
                Category.AUDIT_RELATED,
                "68000",
                {},
            ),
            (
                "Federal and state income tax compliance review",
                Nature.TAX,
                Category.TAX,
                "142000",
                {
                    "firm_description": TAX_DESCRIPTION,
                    "independence_discussed_on": meeting.day,
                    "independence_discussion": DISCUSSION,
                },
            ),
            (
                "Subscription to the firm's accounting research tool",
                Nature.OTHER_PERMITTED,
                Category.ALL_OTHER,
                "4000",
                {},
            ),
        ):
            amount = str((Decimal(amount) * scale).quantize(Decimal("1000")))
            request = self._request(
                engagement,
                service,
                nature,
                amount,
                meeting.day,
                category=category,
                **approved,
                **extra,
            )
            self._fee(engagement, service, category, amount, end, request=request, state=billed)

    def _current_year(self, engagement, policy) -> None:
        """This year: under the policy, by the chair's delegation, at a meeting; one prohibited
        service refused; one request awaiting a decision."""
        meeting = self.statements_meeting
        latest = self.held[-1]
        lines = {line.service: line for line in policy.lines.all()}
        self._fee(
            engagement,
            "Audit of the annual financial statements and of internal control over financial "
            "reporting",
            Category.AUDIT,
            engagement.audit_fee - REVIEWS,
            meeting.day,
            state=Fee.State.EXPECTED,
        )
        self._fee(
            engagement,
            "Reviews of the quarterly financial statements",
            Category.AUDIT,
            REVIEWS,
            latest.day,
            state=Fee.State.BILLED,
        )
        # Under the policy, two and five weeks after it was approved; each use reported at the
        # next meeting.
        for weeks, service, amount, extra in (
            (2, "Audit of the company's 401(k) employee benefit plan", "72000", {}),
            (
                5,
                "Review of federal and state income tax returns",
                "95000",
                {
                    "firm_description": TAX_DESCRIPTION,
                    "independence_discussed_on": meeting.day,
                    "independence_discussion": DISCUSSION,
                },
            ),
        ):
            decided = min(meeting.day + weeks * 7 * ONE_DAY, self.anchor)
            line = lines[service]
            request = self._request(
                engagement,
                service,
                line.nature,
                amount,
                decided,
                category=line.category,
                status=ServiceRequest.Status.APPROVED,
                route=ServiceRequest.Route.POLICY,
                policy_line=line,
                reported_at=self._report_item(self.committee, decided),
                **extra,
            )
            state = Fee.State.BILLED if line.category == Category.AUDIT_RELATED else "expected"
            self._fee(
                engagement,
                service,
                line.category,
                amount,
                decided + 30 * ONE_DAY,
                request=request,
                state=state,
            )
        # At the latest meeting: an internal-control-related service, past the chair's limit.
        service = "Readiness assessment of the controls planned for the new ERP system"
        request = self._request(
            engagement,
            service,
            Nature.INTERNAL_CONTROL,
            "120000",
            latest.day,
            status=ServiceRequest.Status.APPROVED,
            route=ServiceRequest.Route.COMMITTEE,
            approved_at=latest,
            decided_by=self.chair,
            firm_description=CONTROL_DESCRIPTION,
            independence_discussed_on=latest.day,
            independence_discussion=DISCUSSION,
        )
        self._fee(
            engagement,
            service,
            Category.ALL_OTHER,
            "120000",
            latest.day,
            request=request,
            state=Fee.State.EXPECTED,
        )
        # By the chair between meetings, on the next meeting's agenda to be reported.
        if self.delegation is not None:
            decided = max(self.anchor - 3 * ONE_DAY, latest.day + ONE_DAY)
            decided = min(decided, self.anchor)
            service = (
                "Financial due diligence on the acquisition of Baltic Freight's logistics unit"
            )
            request = self._request(
                engagement,
                service,
                Nature.AUDIT_RELATED,
                "85000",
                decided,
                category=Category.AUDIT_RELATED,
                status=ServiceRequest.Status.APPROVED,
                route=ServiceRequest.Route.DELEGATE,
                delegation=self.delegation,
                decided_by=self.chair,
                requested_on=decided - 2 * ONE_DAY,
                reported_at=self._report_item(self.committee, decided),
            )
            self._fee(
                engagement,
                service,
                Category.AUDIT_RELATED,
                "85000",
                decided,
                request=request,
                state=Fee.State.EXPECTED,
            )
        # A prohibited service: refused at once, with its rule, and never approvable.
        refused_on = max(self.anchor - 40 * ONE_DAY, meeting.day)
        self._request(
            engagement,
            "Valuation of the customer relationships acquired with Baltic Freight",
            Nature.VALUATION,
            "60000",
            refused_on,
            requested_on=refused_on,
            status=ServiceRequest.Status.REFUSED,
            refusal_rule=PROHIBITED_RULE,
            refusal_reason=prohibited_reason(Nature.VALUATION),
        )
        # Awaiting a decision: a tax service, with the firm's description.
        self._request(
            engagement,
            "Research and development tax credit study",
            Nature.TAX,
            "45000",
            self.anchor,
            category=Category.TAX,
            requested_on=self.anchor - ONE_DAY,
            starts_on=self.anchor + 30 * ONE_DAY,
            status=ServiceRequest.Status.PENDING,
            firm_description=TAX_DESCRIPTION,
        )

    def _communications(self, firm, completed) -> None:
        """The completed year's letters, its AS 1301 checklist, the statements review and the
        signed report."""
        meeting = self.statements_meeting
        for kind in (Communication.Kind.INDEPENDENCE, Communication.Kind.QUALITY_CONTROL):
            self._save(
                Communication(
                    committee=self.committee,
                    firm=firm,
                    kind=kind,
                    received_on=meeting.day - 5 * ONE_DAY,
                    states_independent=True if kind == Communication.Kind.INDEPENDENCE else None,
                    discussed_at=meeting,
                    discussion=LETTER_DISCUSSION
                    if kind == Communication.Kind.INDEPENDENCE
                    else "The engagement partner presented the firm's quality-control system and "
                    "the findings of its latest PCAOB inspection; none concerned this audit.",
                )
            )
        previous_start = self.profile.fiscal_year_bounds(completed.fiscal_year)[0]
        earlier = [m for m in self.held if previous_start <= m.day < meeting.day]
        planning = earlier[-1] if earlier else meeting
        for topic in As1301Topic:
            at = planning if topic == As1301Topic.STRATEGY else meeting
            written = topic in (As1301Topic.MISSTATEMENTS, As1301Topic.WRITTEN)
            self._save(
                As1301Item(
                    engagement=completed,
                    topic=topic,
                    communicated_on=at.day,
                    form=As1301Item.Form.WRITTEN if written else As1301Item.Form.ORAL,
                    meeting=at,
                    notes="None to report."
                    if topic in (As1301Topic.DISAGREEMENTS, As1301Topic.DIFFICULTIES)
                    else "",
                )
            )
        self._save(
            StatementsReview(
                engagement=completed,
                meeting=meeting,
                recommends_inclusion=True,
                notes="Reviewed and discussed the audited statements with management and "
                "the auditor.",
            )
        )
        dated = completed.report_issued_on or min(meeting.day + 10 * ONE_DAY, self.anchor)
        seats = self.committee.memberships.active_on(dated).select_related("director")
        signers = [seat.director for seat in seats.order_by("director__full_name")]
        names = ", ".join(director.full_name for director in signers)
        report = self._save(
            CommitteeReport(
                engagement=completed,
                dated=dated,
                text=(
                    "The audit committee has reviewed and discussed the audited financial "
                    f"statements for fiscal year {completed.fiscal_year} with management. The "
                    "committee has discussed with Calder & Moss LLP the matters required to be "
                    "discussed by the applicable requirements of the PCAOB and the SEC. The "
                    "committee has received the written disclosures and the letter from Calder & "
                    "Moss LLP required by the PCAOB regarding its communications with the "
                    "committee concerning independence, and has discussed its independence with "
                    "it. Based on this review and these discussions, the committee recommended "
                    "to the board of directors that the audited financial statements be "
                    f"included in the annual report on Form 10-K for fiscal year "
                    f"{completed.fiscal_year}.\n\nThe audit committee: {names}."
                ),
            )
        )
        report.signers.set(signers)


def demo_auditors_seed(seeder) -> None:
    """Called by ``seed_demo`` after the meetings demo, in its transaction."""
    seeder.created += AuditorSeeder(seeder).seed()
