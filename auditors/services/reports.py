"""The audit committee report for the proxy statement (S-K 407(d)(3)): drafted from the record
only when its four facts hold on its date (auditors.report_facts), then signed with the names of
the members serving on that date. The signed text is stored as signed and never changes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from auditors.models import CommitteeReport, Engagement
from auditors.report_facts import missing_facts, report_facts
from auditors.services_catalogue import REPORT_RULE
from committees.models import CompanyProfile, Director, Membership
from deadlines.wording import day_words

Status = Engagement.Status


def report_members(engagement: Engagement, dated: datetime.date) -> list[Director]:
    """The members serving on the committee on the report's date, the chair first."""
    seats = (
        Membership.objects.active_on(dated)
        .filter(committee_id=engagement.committee_id)
        .select_related("director")
        .order_by("role", "director__full_name")
    )
    return [seat.director for seat in seats]


def report_text(engagement: Engagement, dated: datetime.date, members: list[Director]) -> str:
    """The report in the committee's words, with the members' names below it."""
    profile = CompanyProfile.current_or_default()
    company = profile.legal_name or "the Company"
    year_end = day_words(profile.fiscal_year_bounds(engagement.fiscal_year)[1])
    firm = engagement.firm.name
    committee = engagement.committee.name
    paragraphs = [
        f"Report of the {committee}",
        f"The {committee} helps the Board of Directors oversee {company}'s financial reporting. "
        "Management prepares the financial statements and is responsible for the reporting "
        f"process and its internal controls. {firm}, the independent registered public "
        "accounting firm, audits the statements and gives its opinion on whether they present "
        "the company's financial position and results fairly under generally accepted "
        "accounting principles.",
        f"For the fiscal year ended {year_end}, the committee:",
        "- reviewed the audited financial statements and discussed them with management;",
        f"- discussed with {firm} the matters that the standards of the Public Company "
        "Accounting Oversight Board and the rules of the Securities and Exchange Commission "
        "require the auditor to communicate to the committee;",
        f"- received from {firm} the written disclosures and the letter about its independence "
        "that the Public Company Accounting Oversight Board requires, and discussed the firm's "
        "independence with it.",
        "On the strength of these reviews and discussions, the committee recommended to the "
        "Board of Directors that the audited financial statements be included in the annual "
        f"report on Form 10-K for the fiscal year ended {year_end}, to be filed with the "
        "Securities and Exchange Commission.",
        f"{day_words(dated)}",
        f"The {committee}",
        "\n".join(director.full_name for director in members),
    ]
    return "\n\n".join(paragraphs)


def report_draft(engagement: Engagement, dated: datetime.date) -> str | None:
    """The draft for ``dated``, or None while one of the four facts is missing on that day."""
    if missing_facts(report_facts(engagement, dated)):
        return None
    return report_text(engagement, dated, report_members(engagement, dated))


def report_sign(
    *, engagement: Engagement, dated: datetime.date, as_of: datetime.date
) -> CommitteeReport:
    """Sign the report dated ``dated``: refused, naming each missing fact, unless all four hold
    on that day; the text and the members serving on that day are stored."""
    if engagement.status in (Status.PROPOSED, Status.TERMINATED):
        raise ValidationError(
            f"The engagement for fiscal year {engagement.fiscal_year} is "
            f"{engagement.get_status_display().lower()}; the committee reports on an audit the "
            "firm carried out."
        )
    if dated is None:
        raise ValidationError({"dated": "Give the date of the report."})
    if dated > as_of:
        raise ValidationError({"dated": "A report is signed on or after its date, not before."})
    if CommitteeReport.objects.filter(engagement=engagement).exists():
        raise ValidationError(
            f"The committee report for fiscal year {engagement.fiscal_year} is already signed."
        )
    missing = missing_facts(report_facts(engagement, dated))
    if missing:
        raise ValidationError(
            f"The report cannot be signed: it would state facts the record does not show "
            f"({REPORT_RULE}). Missing: "
            + " ".join(f"{fact.label}: {fact.missing}" for fact in missing)
        )
    members = report_members(engagement, dated)
    if not members:
        raise ValidationError({"dated": "No member served on the committee on that date."})
    report = CommitteeReport(
        engagement=engagement, dated=dated, text=report_text(engagement, dated, members)
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
            report.signers.set(members)
    except IntegrityError:
        raise ValidationError(
            f"The committee report for fiscal year {engagement.fiscal_year} is already signed."
        ) from None
    return report
