"""The auditor's duties: the engagement and what the auditor communicates (Charter:
Responsibilities 1 to 4; PCAOB 3526(a) and (b), AS 1301, S-K 407(d)(3)).

Each evaluator reads the record on ``as_of`` only, links the records that satisfy it (the
meeting, the document, the engagement) and points at the engagement page where the duty is done.
Days of meetings are the company's days (meetings.zones)."""

import datetime

from django.urls import reverse

from auditors.access import reads_auditor
from auditors.models import As1301Topic, CommitteeReport, Communication, Engagement
from auditors.report_facts import missing_facts, report_facts
from auditors.requirements.common import fiscal_year_of
from auditors.services.engagements import is_first_engagement, relationships_discussed
from auditors.services_catalogue import (
    ANNUAL_INDEPENDENCE_RULE,
    AS1301_RULE,
    FIRST_ENGAGEMENT_RULE,
    REPORT_RULE,
)
from committees.duties.completion import completions
from committees.models import CompanyProfile, Questionnaire
from deadlines.cadences import FiscalYear, RollingMonths
from deadlines.registry import Evaluation, EvidenceLink, Requirement, register
from deadlines.status import Kind, Status
from deadlines.wording import day_words
from meetings.models import Meeting, Topic
from meetings.requirements import moment
from meetings.selectors import items_serving

ENGAGEMENT_KEY = "auditors.engagement_approved"
RELATIONSHIPS_KEY = "auditors.first_engagement_relationships"
INDEPENDENCE_KEY = "auditors.independence_letter"
QUALITY_CONTROL_KEY = "auditors.quality_control_report"
AUDIT_PLAN_KEY = "auditors.audit_plan"
AS1301_KEY = "auditors.as1301_communications"
STATEMENTS_KEY = "auditors.statements_review"
FINDINGS_KEY = "auditors.audit_findings"
EVALUATION_KEY = "auditors.auditor_evaluation"
RATIFICATION_KEY = "auditors.ratification"
REPORT_KEY = "auditors.committee_report"
COMMUNICATION_KEYS = (
    ENGAGEMENT_KEY,
    RELATIONSHIPS_KEY,
    INDEPENDENCE_KEY,
    QUALITY_CONTROL_KEY,
    AUDIT_PLAN_KEY,
    AS1301_KEY,
    STATEMENTS_KEY,
    FINDINGS_KEY,
    EVALUATION_KEY,
    RATIFICATION_KEY,
    REPORT_KEY,
)
RESPONSIBILITY = "Charter: Responsibilities {}"
# The charter asks for the quality-control report and the independence dialogue "at least
# annually"; the charter version carries no interval of its own for them.
ANNUAL_MONTHS = 12
# The audited statements go in the annual report on Form 10-K, filed at the latest 90 days after
# the fiscal year ends; the committee report goes in the proxy statement, within 120 days.
ANNUAL_REPORT_DAYS = 90
PROXY_DAYS = 120
DECIDED = (Engagement.Status.APPROVED, Engagement.Status.ACTIVE, Engagement.Status.COMPLETED)
ONE_DAY = datetime.timedelta(days=1)
EVER = datetime.date(1900, 1, 1)


# Reading the record ---------------------------------------------------------------------------


def _profile() -> CompanyProfile:
    return CompanyProfile.current_or_default()


def engagement_for(committee, fiscal_year: int) -> Engagement | None:
    """The year's live engagement (proposed, approved, active or completed)."""
    return (
        Engagement.objects.filter(committee=committee, fiscal_year=fiscal_year)
        .exclude(status=Engagement.Status.TERMINATED)
        .select_related("committee", "firm", "approved_at__committee")
        .first()
    )


def engagement_url(committee, fiscal_year: int) -> str:
    return reverse("auditors:engagement", args=[committee.slug, fiscal_year])


def _engagement_link(engagement: Engagement) -> EvidenceLink:
    return EvidenceLink(
        f"Engagement of {engagement.firm} for fiscal year {engagement.fiscal_year}",
        url=engagement_url(engagement.committee, engagement.fiscal_year),
    )


def _meeting_link(meeting: Meeting, label: str = "") -> EvidenceLink:
    return EvidenceLink(label or f"Meeting of {day_words(meeting.day)}", obj=meeting)


def _communication_link(communication: Communication, fiscal_year: int) -> EvidenceLink:
    url = engagement_url(communication.committee, fiscal_year)
    return EvidenceLink(
        f"{communication.get_kind_display()}, received {day_words(communication.received_on)}",
        url=f"{url}#communication-{communication.pk}",
    )


def fiscal_url(committee, period) -> str:
    return engagement_url(committee, fiscal_year_of(period))


def rolling_url(committee, period) -> str:
    """A letter due every 12 months: the auditor's current year, which shows what the firm sent
    and leads to the engagement page where it is recorded (no fiscal year to look up, so a page
    listing every committee's duties reads nothing more)."""
    return reverse("auditors:year", args=[committee.slug])


def _no_engagement(fiscal_year: int, period, what: str) -> Evaluation:
    return Evaluation(
        Status.DUE,
        detail=f"No engagement of an audit firm for fiscal year {fiscal_year} is recorded, so "
        f"{what}; the chair or the secretary proposes one on the engagement page.",
    )


# The engagement approved and its fee set (Charter: Responsibilities 1) ------------------------


def evaluate_engagement(committee, period, as_of: datetime.date) -> Evaluation:
    """Met once the committee approved the year's engagement and set its fee at a meeting; due
    before audit procedures begin when their day is known, else by the year's end."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    if engagement is None:
        return _no_engagement(year, period, "none is approved")
    due = engagement.procedures_begin_on
    due = due if due and due <= period.due else None
    if engagement.status in DECIDED and engagement.approved_on <= as_of:
        return Evaluation(
            Status.MET,
            met_on=engagement.approved_on,
            detail=f"The committee approved {engagement.firm} for fiscal year {year} on "
            f"{day_words(engagement.approved_on)} and set the audit fee at "
            f"${engagement.audit_fee:,.2f}.",
            evidence=(
                _engagement_link(engagement),
                _meeting_link(engagement.approved_at, "Meeting that approved it"),
            ),
        )
    when = f"before audit procedures begin on {day_words(due)}" if due else "before fieldwork"
    return Evaluation(
        Status.DUE,
        due=due,
        detail=f"{engagement.firm} is proposed for fiscal year {year}; the committee approves "
        f"the engagement and sets the fee at a meeting with a quorum, {when}.",
        evidence=(_engagement_link(engagement),),
    )


# Before a first engagement: the relationships described and discussed (PCAOB 3526(a)) --------


def evaluate_relationships(committee, period, as_of: datetime.date) -> Evaluation:
    """Applies to a firm the committee never engaged before: its written description of the
    relationships bearing on independence, discussed and documented before approval."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    if engagement is None:
        return Evaluation(
            Status.MET,
            met_on=period.start,
            detail=f"No firm is proposed for fiscal year {year}, so no first engagement awaits "
            "the committee.",
        )
    if not is_first_engagement(engagement):
        return Evaluation(
            Status.MET,
            met_on=period.start,
            detail=f"{engagement.firm} was engaged by the committee before; the annual "
            "independence letter applies instead.",
            evidence=(_engagement_link(engagement),),
        )
    by = min(as_of, engagement.approved_on) if engagement.approved_on else as_of
    found = relationships_discussed(engagement, by)
    if found is not None:
        return Evaluation(
            Status.MET,
            met_on=found.discussed_at.day,
            detail=f"{engagement.firm} described its relationships in writing (received "
            f"{day_words(found.received_on)}); the committee discussed them on "
            f"{day_words(found.discussed_at.day)}.",
            evidence=(
                _communication_link(found, year),
                _meeting_link(found.discussed_at, "Meeting that discussed it"),
            ),
        )
    if engagement.approved_on is not None:
        return Evaluation(
            Status.FAILING,
            since=engagement.approved_on,
            detail=f"{engagement.firm} was approved on {day_words(engagement.approved_on)} "
            "without its written description of relationships discussed first. If the firm "
            "audited the company before the portal's records begin, the secretary records that "
            "earlier engagement.",
            evidence=(_engagement_link(engagement),),
        )
    return Evaluation(
        Status.DUE,
        due=engagement.procedures_begin_on
        if engagement.procedures_begin_on and engagement.procedures_begin_on <= period.due
        else None,
        detail=f"{engagement.firm} is new to the committee: before it can be approved, record "
        "its written description of the relationships that may bear on its independence and "
        "the committee's discussion of it.",
        evidence=(_engagement_link(engagement),),
    )


# Written communications every 12 months (PCAOB 3526(b); Charter: Responsibilities 1) ----------


def _engaged_firm_ids(committee, as_of: datetime.date) -> set[int]:
    rows = Engagement.objects.filter(
        committee=committee, status__in=DECIDED, approved_on__lte=as_of
    )
    return set(rows.values_list("firm_id", flat=True))


def _discussed(committee, kind: str, first: datetime.date, last: datetime.date):
    """The communications of ``kind`` discussed and documented at a held meeting whose day is
    from ``first`` to ``last``, earliest discussion first."""
    rows = (
        Communication.objects.filter(
            committee=committee,
            kind=kind,
            discussed_at__status=Meeting.Status.HELD,
            discussed_at__starts_at__gte=moment(first),
            discussed_at__starts_at__lt=moment(last + ONE_DAY),
        )
        .exclude(discussion="")
        .select_related("committee", "firm", "discussed_at__committee")
        .order_by("discussed_at__starts_at", "pk")
    )
    if kind == Communication.Kind.INDEPENDENCE:
        rows = rows.filter(states_independent=True)
    return rows


def _last_discussed(kind: str):
    def last_met(committee, as_of: datetime.date) -> datetime.date | None:
        """The day the latest one was discussed; without one, the day the committee first
        approved an engagement, from which the first interval runs."""
        latest = _discussed(committee, kind, EVER, as_of).last()
        if latest is not None:
            return latest.discussed_at.day
        first = (
            Engagement.objects.filter(committee=committee, approved_on__lte=as_of)
            .order_by("approved_on")
            .values_list("approved_on", flat=True)
            .first()
        )
        return first

    return last_met


def _communication_evaluator(kind: str, what: str):
    def evaluate(committee, period, as_of: datetime.date) -> Evaluation:
        """Met by one discussed and documented at a held meeting within the 12 months."""
        firms = _engaged_firm_ids(committee, as_of)
        if not firms:
            return Evaluation(
                Status.MET,
                met_on=period.start,
                detail=f"No audit firm is engaged yet, so no {what} is owed.",
            )
        found = _discussed(committee, kind, period.start, as_of).filter(firm_id__in=firms).first()
        if found is not None:
            day = found.discussed_at.day
            year = _profile().fiscal_year_of(day)
            return Evaluation(
                Status.MET,
                met_on=day,
                detail=f"{found.firm}'s {what}, received {day_words(found.received_on)}, was "
                f"discussed on {day_words(day)}.",
                evidence=(
                    _communication_link(found, year),
                    _meeting_link(found.discussed_at, "Meeting that discussed it"),
                ),
            )
        due = f" by {day_words(period.due)}" if period.due else ""
        return Evaluation(
            Status.DUE,
            detail=f"The firm's {what} is to be received and discussed at a committee meeting"
            f"{due}, 12 months after the last one.",
        )

    return evaluate


# Items on the agenda: the audit plan, the audit findings (Charter: Responsibilities 2, 4) -----


def evaluate_audit_plan(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by an agenda item reviewing the audit scope and plan, minuted at a meeting held in
    the fiscal year; due before audit procedures begin."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    begin = engagement.procedures_begin_on if engagement else None
    due = begin if begin and period.start <= begin <= period.due else None
    items = items_serving(committee, Topic.AUDIT_PLAN, period.start, min(as_of, period.end))
    if items:
        item = items[0]
        late = (
            f" (after fieldwork began on {day_words(begin)})"
            if begin and (item.meeting.day > begin)
            else ""
        )
        return Evaluation(
            Status.MET,
            met_on=item.meeting.day,
            detail=f"The committee reviewed the audit scope and plan on "
            f"{day_words(item.meeting.day)}{late}.",
            evidence=(EvidenceLink(f"Agenda item: {item.title}", obj=item),),
        )
    when = f"before fieldwork begins on {day_words(due)}" if due else "before fieldwork"
    return Evaluation(
        Status.DUE,
        due=due,
        detail=f"The committee reviews the auditor's scope and plan for fiscal year {year} "
        f"{when}: an agenda item serving 'audit scope and plan', minuted at a held meeting.",
    )


def evaluate_audit_findings(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by an agenda item on significant audit findings and management's response, minuted
    at a meeting held in the fiscal year."""
    items = items_serving(committee, Topic.AUDIT_FINDINGS, period.start, min(as_of, period.end))
    if items:
        item = items[-1]
        return Evaluation(
            Status.MET,
            met_on=items[0].meeting.day,
            detail=f"The committee reviewed the audit findings and management's response on "
            f"{day_words(item.meeting.day)}.",
            evidence=tuple(EvidenceLink(f"Agenda item: {i.title}", obj=i) for i in items),
        )
    return Evaluation(
        Status.DUE,
        detail="No agenda item on significant audit findings and management's response has been "
        "minuted at a meeting this fiscal year.",
    )


# The AS 1301 matters before the audit report (AS 1301; Charter: Responsibilities 3) -----------


def evaluate_as1301(committee, period, as_of: datetime.date) -> Evaluation:
    """Met once every AS 1301 matter is recorded as communicated for the year's audit; due when
    the audit report is issued, failing if it was issued with a matter missing."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    if engagement is None:
        return _no_engagement(year, period, "no audit has its matters communicated")
    issued = engagement.report_issued_on
    cutoff = min(as_of, issued) if issued else as_of
    items = [i for i in engagement.as1301_items.all() if i.communicated_on <= cutoff]
    told = {i.topic for i in items}
    missing = [t.label for t in As1301Topic if t.value not in told]
    links = (EvidenceLink(f"{AS1301_RULE} checklist", url=_checklist_url(engagement)),)
    total = len(As1301Topic)
    if not missing:
        return Evaluation(
            Status.MET,
            met_on=max(i.communicated_on for i in items),
            detail=f"All {total} matters were communicated for fiscal year {year}.",
            evidence=links,
        )
    words = f"{total - len(missing)} of {total} matters communicated; missing: {'; '.join(missing)}"
    if issued and issued <= as_of:
        return Evaluation(
            Status.FAILING,
            since=issued,
            detail=f"The audit report was issued on {day_words(issued)} with {words}.",
            evidence=links,
        )
    return Evaluation(
        Status.DUE,
        due=issued,
        detail=f"{words}. Each is communicated before the audit report is issued.",
        evidence=links,
    )


def _checklist_url(engagement: Engagement) -> str:
    return engagement_url(engagement.committee, engagement.fiscal_year) + "#as1301"


# The statements reviewed and recommended (Charter: Responsibilities 3) ------------------------


def evaluate_statements_review(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by the committee's review of the year's audited statements at a held meeting with its
    recommendation to include them in the annual report."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    if engagement is None:
        return _no_engagement(year, period, "no audited statements can be reviewed")
    review = getattr(engagement, "statements_review", None)
    if review is not None and review.meeting.is_held and review.meeting.day <= as_of:
        link = _meeting_link(review.meeting, "Meeting that reviewed the statements")
        if review.recommends_inclusion:
            return Evaluation(
                Status.MET,
                met_on=review.meeting.day,
                detail=f"The committee reviewed the fiscal year {year} statements on "
                f"{day_words(review.meeting.day)} and recommended including them in the annual "
                "report.",
                evidence=(link,),
            )
        return Evaluation(
            Status.DUE,
            detail=f"The statements were reviewed on {day_words(review.meeting.day)}; the "
            "committee's recommendation to include them in the annual report is not recorded.",
            evidence=(link,),
        )
    return Evaluation(
        Status.DUE,
        detail=f"The committee reviews the audited statements of fiscal year {year} with "
        "management and the auditor, and recommends to the board whether to include them in "
        "the annual report.",
    )


# The annual evaluation of the auditor (Charter: Responsibilities 1) ---------------------------


def evaluate_auditor_evaluation(committee, period, as_of: datetime.date) -> Evaluation:
    """Met when every member expected answered a questionnaire evaluating the auditor for the
    fiscal year (the self-evaluation's questionnaires, with the auditor as their purpose)."""
    year = fiscal_year_of(period)
    questionnaires = Questionnaire.objects.filter(
        committee=committee,
        purpose=Questionnaire.Purpose.AUDITOR_EVALUATION,
        fiscal_year=year,
        opens_on__lte=as_of,
    ).order_by("opens_on", "pk")
    done = sorted(
        completions(questionnaires, as_of).values(),
        key=lambda c: (c.questionnaire.opens_on, c.questionnaire.pk),
    )
    url = reverse("committees:duties", args=[committee.slug])
    links = tuple(
        EvidenceLink(c.label, url=f"{url}#self-evaluation-{c.questionnaire.pk}") for c in done
    )
    complete = [c for c in done if c.is_complete]
    if complete:
        first = min(complete, key=lambda c: c.completed_on)
        return Evaluation(
            Status.MET,
            met_on=first.completed_on,
            detail=f"Every member answered {first.questionnaire.title} by "
            f"{day_words(first.completed_on)}.",
            evidence=links,
        )
    if not done:
        return Evaluation(
            Status.DUE,
            detail=f"No questionnaire evaluating the auditor for fiscal year {year} has opened; "
            "the secretary sets one up in the administration with the purpose 'Evaluation of "
            "the independent auditor'.",
        )
    latest = done[-1]
    return Evaluation(
        Status.DUE,
        detail=f"{latest.answered} of {latest.total} members have answered "
        f"{latest.questionnaire.title}.",
        evidence=links,
    )


def evaluation_url(committee, period) -> str:
    return reverse("committees:duties", args=[committee.slug]) + "#self-evaluations"


# The stockholders' vote (Charter: Responsibilities 1) -----------------------------------------


def evaluate_ratification(committee, period, as_of: datetime.date) -> Evaluation:
    """Met once the stockholders' advisory vote on the year's firm is recorded; due by the annual
    meeting in the fiscal year when the company profile gives one."""
    from auditors.services.engagements import ratification_words

    year = fiscal_year_of(period)
    meetings = [d for d in _profile().annual_meeting_dates() if period.start <= d <= period.end]
    due = meetings[0] if meetings else None
    engagement = engagement_for(committee, year)
    if engagement is None:
        return _no_engagement(year, period, "there is nothing for the stockholders to ratify")
    if engagement.ratified_on is not None and engagement.ratified_on <= as_of:
        return Evaluation(
            Status.MET,
            met_on=engagement.ratified_on,
            detail=ratification_words(engagement),
            evidence=(_engagement_link(engagement),),
        )
    when = f" at the annual meeting of {day_words(due)}" if due else ""
    return Evaluation(
        Status.DUE,
        due=due,
        detail=f"The stockholders' vote on {engagement.firm} for fiscal year {year}{when} is not "
        "recorded yet.",
        evidence=(_engagement_link(engagement),),
    )


# The audit committee report (S-K 407(d)(3)) ---------------------------------------------------


def evaluate_committee_report(committee, period, as_of: datetime.date) -> Evaluation:
    """Met once the report on the year's audited statements is signed; until then, the facts it
    still lacks."""
    year = fiscal_year_of(period)
    engagement = engagement_for(committee, year)
    if engagement is None:
        return _no_engagement(year, period, "there is no audit to report on")
    report = CommitteeReport.objects.filter(engagement=engagement, dated__lte=as_of).first()
    if report is not None:
        return Evaluation(
            Status.MET,
            met_on=report.dated,
            detail=f"The committee report on fiscal year {year} was signed on "
            f"{day_words(report.dated)}.",
            evidence=(
                EvidenceLink(
                    "The signed report",
                    url=reverse("auditors:engagement_report", args=[committee.slug, year]),
                ),
            ),
        )
    missing = missing_facts(report_facts(engagement, as_of))
    lacking = (
        " It still lacks: "
        + "; ".join(fact.label[:1].lower() + fact.label[1:] for fact in missing)
        + "."
        if missing
        else " Its four facts are recorded: the chair or the secretary signs it."
    )
    return Evaluation(
        Status.DUE,
        detail=f"The committee report on fiscal year {year} is not signed.{lacking}",
        evidence=(_engagement_link(engagement),),
    )


def register_all() -> None:
    common = {
        "may_act": reads_auditor,
        "may_see_evidence": reads_auditor,
        "applies_to": lambda committee: committee.is_audit_committee,
    }
    register(
        Requirement(
            key=ENGAGEMENT_KEY,
            title="Auditor's engagement and fee approved",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(1),
            cadence=FiscalYear(),
            evaluator=evaluate_engagement,
            evidence_url=fiscal_url,
            description="Each fiscal year, before audit procedures begin, the committee approves "
            "the firm's engagement at a meeting and sets its compensation.",
            **common,
        )
    )
    register(
        Requirement(
            key=RELATIONSHIPS_KEY,
            title="A new firm's relationships described and discussed",
            kind=Kind.SEC,
            rule=FIRST_ENGAGEMENT_RULE,
            cadence=FiscalYear(),
            evaluator=evaluate_relationships,
            evidence_url=fiscal_url,
            description="Before the committee first engages a firm, the firm describes in writing "
            "its relationships that may bear on its independence and the committee documents "
            "its discussion of them.",
            **common,
        )
    )
    register(
        Requirement(
            key=INDEPENDENCE_KEY,
            title="Auditor's independence letter discussed",
            kind=Kind.SEC,
            rule=ANNUAL_INDEPENDENCE_RULE,
            cadence=RollingMonths(ANNUAL_MONTHS),
            evaluator=_communication_evaluator(
                Communication.Kind.INDEPENDENCE, "independence letter"
            ),
            last_met=_last_discussed(Communication.Kind.INDEPENDENCE),
            evidence_url=rolling_url,
            description="At least every 12 months the firm describes its relationships in "
            "writing, states that it is independent, and the committee discusses it.",
            **common,
        )
    )
    register(
        Requirement(
            key=QUALITY_CONTROL_KEY,
            title="Auditor's quality-control report reviewed",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(1),
            cadence=RollingMonths(ANNUAL_MONTHS),
            evaluator=_communication_evaluator(
                Communication.Kind.QUALITY_CONTROL, "quality-control and inspection report"
            ),
            last_met=_last_discussed(Communication.Kind.QUALITY_CONTROL),
            evidence_url=rolling_url,
            description="At least every 12 months the committee receives and reviews the firm's "
            "report on its quality control, peer review and inspection findings.",
            **common,
        )
    )
    register(
        Requirement(
            key=AUDIT_PLAN_KEY,
            title="Audit scope and plan reviewed",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(2),
            cadence=FiscalYear(),
            evaluator=evaluate_audit_plan,
            evidence_url=fiscal_url,
            description="Each fiscal year, before fieldwork, the committee reviews the auditor's "
            "scope and plan at a meeting.",
            **common,
        )
    )
    register(
        Requirement(
            key=AS1301_KEY,
            title="AS 1301 matters communicated before the audit report",
            kind=Kind.SEC,
            rule=AS1301_RULE,
            cadence=FiscalYear(due_days_after_end=ANNUAL_REPORT_DAYS),
            evaluator=evaluate_as1301,
            evidence_url=fiscal_url,
            description="Each year's audit: the auditor communicates every matter of the AS 1301 "
            "checklist to the committee before its report is issued.",
            **common,
        )
    )
    register(
        Requirement(
            key=STATEMENTS_KEY,
            title="Audited statements reviewed and recommended",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(3),
            cadence=FiscalYear(due_days_after_end=ANNUAL_REPORT_DAYS),
            evaluator=evaluate_statements_review,
            evidence_url=fiscal_url,
            description="Each fiscal year the committee reviews the audited statements with "
            "management and the auditor and recommends to the board whether to include them in "
            "the annual report.",
            **common,
        )
    )
    register(
        Requirement(
            key=FINDINGS_KEY,
            title="Audit findings and management's response reviewed",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(4),
            cadence=FiscalYear(),
            evaluator=evaluate_audit_findings,
            evidence_url=fiscal_url,
            description="Each fiscal year the committee reviews the significant audit findings "
            "and what management does about them, at a meeting.",
            **common,
        )
    )
    register(
        Requirement(
            key=EVALUATION_KEY,
            title="Annual evaluation of the auditor",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(1),
            cadence=FiscalYear(),
            evaluator=evaluate_auditor_evaluation,
            evidence_url=evaluation_url,
            description="Each fiscal year every member answers a questionnaire evaluating the "
            "independent auditor.",
            **common,
        )
    )
    register(
        Requirement(
            key=RATIFICATION_KEY,
            title="Stockholders' ratification of the auditor",
            kind=Kind.CHARTER,
            rule=RESPONSIBILITY.format(1),
            cadence=FiscalYear(),
            evaluator=evaluate_ratification,
            evidence_url=fiscal_url,
            description="The charter makes the auditor's retention subject to the stockholders: "
            "their advisory vote each year is recorded.",
            **common,
        )
    )
    register(
        Requirement(
            key=REPORT_KEY,
            title="Audit committee report signed",
            kind=Kind.SEC,
            rule=REPORT_RULE,
            cadence=FiscalYear(due_days_after_end=PROXY_DAYS),
            evaluator=evaluate_committee_report,
            evidence_url=fiscal_url,
            description="Each year the committee signs its report for the proxy statement, "
            "once the four facts it states are recorded.",
            **common,
        )
    )


register_all()
