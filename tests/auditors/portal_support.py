"""An auditor's year of records for the portal tests: an engagement with fees in the four
categories, a policy with lines and requests approved under them, requests awaiting a decision,
partners over several years, the firm's communications and the AS 1301 checklist. ``size``
multiplies every list, for the query-count tests."""

import datetime
from decimal import Decimal

from auditors.models import (
    As1301Item,
    As1301Topic,
    Communication,
    Fee,
    PartnerAssignment,
    PolicyLine,
    PreApprovalPolicy,
    ServiceRequest,
)
from auditors.services_catalogue import Category, Nature
from tests.auditors import support
from tests.meetings.support import hold

D = datetime.date
NOON = datetime.datetime(2026, 1, 20, 12, tzinfo=datetime.UTC)


def request(committee, engagement, service, *, status="pending", line=None, fee="1000.00", n=0):
    return ServiceRequest.objects.create(
        committee=committee,
        engagement=engagement,
        service=service,
        nature=line.nature if line else Nature.TAX,
        category=line.category if line else Category.TAX,
        estimated_fee=Decimal(fee),
        starts_on=D(2026, 7, 1),
        requested_at=NOON + datetime.timedelta(days=n),
        status=status,
        route=ServiceRequest.Route.POLICY if line else "",
        policy_line=line,
        decided_on=D(2026, 2, 1) if status == "approved" else None,
    )


def auditor_year(committee, size: int = 1, *, fiscal_year: int = 2026):
    """The committee's auditor for ``fiscal_year`` (and the years before, for rotation)."""
    meeting = hold(committee, D(fiscal_year, 2, 10))
    engagement = support.engagement(committee, fiscal_year, approved_at=meeting)
    engagement.ratified_on = D(fiscal_year, 5, 20)
    engagement.votes_for, engagement.votes_against, engagement.votes_abstaining = 900, 80, 20
    engagement.save()
    for category in Category:
        for n in range(size):
            Fee.objects.create(
                engagement=engagement,
                service=f"{category.label} service {n}",
                category=category,
                amount=Decimal("100000.00"),
                state=Fee.State.BILLED,
                recorded_on=D(fiscal_year, 3, 1),
            )
            Fee.objects.create(
                engagement=engagement,
                service=f"{category.label} expected {n}",
                category=category,
                amount=Decimal("50000.00"),
                state=Fee.State.EXPECTED,
                recorded_on=D(fiscal_year, 3, 1),
            )
    policy = PreApprovalPolicy.objects.create(
        committee=committee,
        version=1,
        effective_from=D(fiscal_year, 1, 1),
        effective_to=D(fiscal_year, 12, 31),
        approved_at=meeting,
        summary="Specific services up to their caps; each use reported at the next meeting.",
    )
    for n in range(size * 2):
        line = PolicyLine.objects.create(
            policy=policy,
            service=f"Federal tax return review {n}",
            nature=Nature.TAX,
            category=Category.TAX,
            cap=Decimal("25000.00"),
        )
        for k in range(size):
            used = request(committee, engagement, f"Used {n}-{k}", status="approved", line=line)
            Fee.objects.create(
                engagement=engagement,
                service=used.service,
                category=line.category,
                amount=Decimal("1000.00"),
                request=used,
                recorded_on=D(fiscal_year, 3, 1),
            )
    for n in range(size * 7):
        request(committee, engagement, f"Awaiting {n}", n=n)
    firm = engagement.firm
    for n in range(size * 2):
        partner = support.partner(f"Partner {n}", firm)
        role = ["lead", "concurring", "other"][min(n, 2)]
        for year in range(fiscal_year - size - 2, fiscal_year + 1):
            year_engagement = (
                engagement
                if year == fiscal_year
                else support.engagement(
                    committee, year, status="completed", approved_at=meeting, audit_firm=firm
                )
                if not committee.engagements.filter(fiscal_year=year).exists()
                else committee.engagements.get(fiscal_year=year)
            )
            PartnerAssignment.objects.create(engagement=year_engagement, partner=partner, role=role)
    for n in range(size):
        for kind in (Communication.Kind.INDEPENDENCE, Communication.Kind.QUALITY_CONTROL):
            Communication.objects.create(
                committee=committee,
                firm=firm,
                kind=kind,
                received_on=D(fiscal_year, 3, 1 + n),
                states_independent=True if kind == "independence" else None,
                discussed_at=meeting,
                discussion="Discussed with the engagement partner.",
            )
    for topic in list(As1301Topic)[: min(12, 3 * size)]:
        As1301Item.objects.create(
            engagement=engagement,
            topic=topic,
            communicated_on=D(fiscal_year, 2, 10),
            form=As1301Item.Form.ORAL,
            meeting=meeting,
        )
    return engagement


def keep_the_auditor(committee, held):
    """Every auditor duty kept (RULES 5, Charter: Responsibilities 1 to 4), for tests of a
    compliant audit committee whose meetings are ``held`` (tests.meetings.support.KEPT_DAYS,
    August 2025 to February 2027): the same firm engaged each fiscal year at the February
    meeting (the 2025 one in August 2025) and ratified in May; its relationships described before
    the first engagement; the independence letter and the quality-control report each February;
    a policy in force from each February; the audit plan reviewed each August before fieldwork
    (1 September); each completed year's AS 1301 matters, findings, statements review and signed
    report at the next February meeting; partners well within their limits; no request made."""
    from auditors.models import (
        AuditFirm,
        CommitteeReport,
        Engagement,
        StatementsReview,
    )
    from meetings.models import AgendaItem, Topic

    by_day = {meeting.day: meeting for meeting in held}
    firm = AuditFirm.objects.create(name="Hartwell & Ames LLP", pcaob_id="1234", office="Boston")
    lead, concurring = support.partner("Lee Lead", firm), support.partner("Cora Concurring", firm)
    Communication.objects.create(
        committee=committee,
        firm=firm,
        kind=Communication.Kind.RELATIONSHIPS,
        received_on=D(2025, 8, 1),
        discussed_at=by_day[D(2025, 8, 10)],
        discussion="No relationship bears on the firm's independence.",
    )

    def serve(meeting, topic, title):
        position = meeting.agenda_items.count() + 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            serves=[topic],
            minute="Presented and discussed.",
            decision="Received and noted.",
        )

    engagements = {}
    for year, approved in ((2025, D(2025, 8, 10)), (2026, D(2026, 2, 10)), (2027, D(2027, 2, 10))):
        meeting = by_day[approved]
        engagement = Engagement.objects.create(
            committee=committee,
            firm=firm,
            fiscal_year=year,
            status=Engagement.Status.COMPLETED if year < 2027 else Engagement.Status.ACTIVE,
            approved_at=meeting,
            approved_on=approved,
            audit_fee=Decimal("2400000.00"),
            procedures_begin_on=D(year, 9, 1),
            report_issued_on=D(year + 1, 2, 20) if year < 2027 else None,
            ratified_on=D(year, 5, 20),
            votes_for=900,
            votes_against=80,
            votes_abstaining=20,
        )
        engagements[year] = engagement
        PartnerAssignment.objects.create(engagement=engagement, partner=lead, role="lead")
        PartnerAssignment.objects.create(
            engagement=engagement, partner=concurring, role="concurring"
        )
        Fee.objects.create(
            engagement=engagement,
            service="Audit of the annual financial statements",
            category=Category.AUDIT,
            amount=Decimal("2400000.00"),
            recorded_on=approved,
        )
    for day in (D(2026, 2, 10), D(2027, 2, 10)):
        meeting = by_day[day]
        PreApprovalPolicy.objects.create(
            committee=committee,
            version=day.year - 2025,
            effective_from=day,
            effective_to=day.replace(year=day.year + 1) - datetime.timedelta(days=1),
            approved_at=meeting,
            summary="Specific services up to their caps; each use reported at the next meeting.",
        )
        for kind in (Communication.Kind.INDEPENDENCE, Communication.Kind.QUALITY_CONTROL):
            Communication.objects.create(
                committee=committee,
                firm=firm,
                kind=kind,
                received_on=day - datetime.timedelta(days=5),
                states_independent=True if kind == Communication.Kind.INDEPENDENCE else None,
                discussed_at=meeting,
                discussion="Discussed with the engagement partner.",
            )
        serve(meeting, Topic.AUDITOR_INDEPENDENCE, "Auditor independence")
        # The year just completed: its AS 1301 matters, findings, review and signed report.
        completed = engagements[day.year - 1]
        for topic in As1301Topic:
            As1301Item.objects.create(
                engagement=completed,
                topic=topic,
                communicated_on=day,
                form=As1301Item.Form.WRITTEN,
                meeting=meeting,
            )
        serve(meeting, Topic.AUDIT_FINDINGS, "Significant audit findings")
        serve(meeting, Topic.ANNUAL_STATEMENTS, "The audited annual statements")
        StatementsReview.objects.create(
            engagement=completed, meeting=meeting, recommends_inclusion=True
        )
        report = CommitteeReport.objects.create(
            engagement=completed, dated=day + datetime.timedelta(days=10), text="Signed."
        )
        report.signers.set(
            [seat.director for seat in committee.memberships.active_on(report.dated)]
        )
    for day in (D(2025, 8, 10), D(2026, 8, 10)):
        serve(by_day[day], Topic.AUDIT_PLAN, "The audit scope and plan")
    return engagements
