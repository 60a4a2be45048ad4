"""The de minimis exception (S-X 2-01(c)(7)(i)(C)): a non-audit service provided without
pre-approval leaves the auditor independent only if, for its fiscal year, all of these hold:

- the fees of all such services are at most 5% of the total fees paid to the auditor that year
  (exactly 5% is within);
- none of them was recognized as a non-audit service when the auditor was engaged for it;
- each was brought to the committee and approved by it no later than the day the audit report
  was issued (the audit's completion).

Fees are read from the fee ledger, billed and expected alike. The same records give the proxy
statement the share of the audit-related, tax and all-other fees approved under the exception
(Schedule 14A 9(e)). ``de_minimis_test`` is pure; ``de_minimis_for`` loads in two queries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from auditors.models import Engagement, Fee, ServiceRequest
from auditors.services_catalogue import DE_MINIMIS_RULE, Category
from deadlines.wording import day_words

LIMIT_PERCENT = Decimal("5")
HUNDRED = Decimal("100")
NON_AUDIT_CATEGORIES = (Category.AUDIT_RELATED, Category.TAX, Category.ALL_OTHER)


@dataclass(frozen=True)
class FoundService:
    """One service found not to have been pre-approved, as the test reads it."""

    request: object
    service: str
    category: str
    fees: Decimal
    recognized_at_engagement: bool | None
    approved_on: datetime.date | None  # the committee's approval, None while it has none


@dataclass(frozen=True)
class DeMinimisResult:
    fiscal_year: int
    total_fees: Decimal
    de_minimis_fees: Decimal
    services: tuple[FoundService, ...]
    report_issued_on: datetime.date | None
    failures: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()  # approvals still possible: the audit is not completed
    category_percent: dict = field(default_factory=dict)

    @property
    def percent(self) -> Decimal | None:
        if not self.total_fees:
            return None
        return self.de_minimis_fees * HUNDRED / self.total_fees

    @property
    def within(self) -> bool:
        return not self.failures and not self.waiting

    @property
    def message(self) -> str:
        if not self.services:
            return (
                f"No service of fiscal year {self.fiscal_year} was found to have been provided "
                "without pre-approval."
            )
        share = _share_words(self)
        if self.failures:
            return (
                f"The de minimis exception does not cover fiscal year {self.fiscal_year}'s "
                f"services that were not pre-approved ({DE_MINIMIS_RULE}): "
                + " ".join(self.failures)
                + f" {share}"
            )
        if self.waiting:
            return " ".join(self.waiting) + f" {share}"
        return (
            f"Every service of fiscal year {self.fiscal_year} found not pre-approved is within "
            f"the de minimis exception: {share} None was recognized as a non-audit service when "
            "engaged, and the committee approved each before the audit was completed."
        )


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def _share_words(result: DeMinimisResult) -> str:
    if result.percent is None:
        return "No fee of the year is in the ledger, so the 5% test cannot be made yet."
    return (
        f"Their fees, {_money(result.de_minimis_fees)}, are {result.percent:.2f}% of the "
        f"{_money(result.total_fees)} of fees to the auditor for the year (at most "
        f"{LIMIT_PERCENT}%)."
    )


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to two places; None when ``whole`` is nothing."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.01"))


def de_minimis_test(
    *,
    fiscal_year: int,
    fees_by_category: dict[str, Decimal],
    services: list[FoundService],
    report_issued_on: datetime.date | None,
    as_of: datetime.date,
) -> DeMinimisResult:
    """The three conditions for the fiscal year, each failure said in plain words (pure)."""
    total = sum(fees_by_category.values(), Decimal("0"))
    found = sum((s.fees for s in services), Decimal("0"))
    failures, waiting = [], []
    if services and found * HUNDRED > total * LIMIT_PERCENT:
        failures.append(
            f"Their fees, {_money(found)}, are more than {LIMIT_PERCENT}% of the "
            f"{_money(total)} of fees to the auditor for the year."
        )
    completed = report_issued_on is not None and report_issued_on <= as_of
    for s in services:
        if s.recognized_at_engagement is None:
            failures.append(
                f"Whether “{s.service}” was recognized as a non-audit service when the auditor "
                "was engaged for it is not recorded; record it."
            )
        elif s.recognized_at_engagement:
            failures.append(
                f"“{s.service}” was recognized as a non-audit service when the auditor was "
                "engaged for it, so it needed pre-approval."
            )
        approved = s.approved_on is not None and s.approved_on <= as_of
        if approved and report_issued_on is not None and s.approved_on > report_issued_on:
            failures.append(
                f"The committee approved “{s.service}” on {day_words(s.approved_on)}, after the "
                f"audit was completed on {day_words(report_issued_on)}."
            )
        elif not approved and completed:
            failures.append(
                f"The committee did not approve “{s.service}” before the audit was completed on "
                f"{day_words(report_issued_on)}."
            )
        elif not approved:
            when = (
                f"by {day_words(report_issued_on)}, the day the audit report is to be issued"
                if report_issued_on
                else "before the audit report is issued"
            )
            waiting.append(
                f"“{s.service}” was not pre-approved: bring it to the committee for approval "
                f"{when}."
            )
    by_category = defaultdict(lambda: Decimal("0"))
    for s in services:
        if s.approved_on is not None and s.approved_on <= as_of:
            by_category[s.category] += s.fees
    category_percent = {
        category: percent_of(by_category[category], fees_by_category.get(category, Decimal("0")))
        for category in NON_AUDIT_CATEGORIES
    }
    return DeMinimisResult(
        fiscal_year=fiscal_year,
        total_fees=total,
        de_minimis_fees=found,
        services=tuple(services),
        report_issued_on=report_issued_on,
        failures=tuple(failures),
        waiting=tuple(waiting),
        category_percent=category_percent,
    )


# Loading -------------------------------------------------------------------------------------


def live_fees(committee, fiscal_years):
    """The ledger's fees on the committee's live engagements of ``fiscal_years``."""
    return (
        Fee.objects.filter(
            engagement__committee=committee, engagement__fiscal_year__in=fiscal_years
        )
        .exclude(engagement__status=Engagement.Status.TERMINATED)
        .select_related("engagement")
    )


def found_services(fee_rows, requests) -> dict[int, list[FoundService]]:
    """Fiscal year -> the de minimis services, each with its ledger fees (pure)."""
    fees = defaultdict(lambda: Decimal("0"))
    for fee in fee_rows:
        if fee.request_id is not None:
            fees[fee.request_id] += fee.amount
    found = defaultdict(list)
    for request in requests:
        approved = request.status == ServiceRequest.Status.APPROVED
        found[request.engagement.fiscal_year].append(
            FoundService(
                request=request,
                service=request.service,
                category=request.category,
                fees=fees[request.pk],
                recognized_at_engagement=request.recognized_at_engagement,
                approved_on=request.decided_on if approved else None,
            )
        )
    return found


def de_minimis_requests(committee, fiscal_years):
    return (
        ServiceRequest.objects.filter(
            committee=committee,
            route=ServiceRequest.Route.DE_MINIMIS,
            engagement__fiscal_year__in=fiscal_years,
        )
        .exclude(engagement__status=Engagement.Status.TERMINATED)
        .exclude(status=ServiceRequest.Status.WITHDRAWN)
        .select_related("engagement", "approved_at")
        .order_by("found_on", "pk")
    )


def results_from(fee_rows, requests, fiscal_years, as_of) -> dict[int, DeMinimisResult]:
    """Fiscal year -> the test (pure, from loaded rows)."""
    fee_rows, requests = list(fee_rows), list(requests)
    totals = defaultdict(lambda: defaultdict(lambda: Decimal("0")))
    reports = {}
    for fee in fee_rows:
        totals[fee.engagement.fiscal_year][fee.category] += fee.amount
        reports[fee.engagement.fiscal_year] = fee.engagement.report_issued_on
    for request in requests:
        reports[request.engagement.fiscal_year] = request.engagement.report_issued_on
    found = found_services(fee_rows, requests)
    return {
        year: de_minimis_test(
            fiscal_year=year,
            fees_by_category=dict(totals[year]),
            services=found.get(year, []),
            report_issued_on=reports.get(year),
            as_of=as_of,
        )
        for year in fiscal_years
    }


def de_minimis_for(committee, fiscal_years, as_of: datetime.date) -> dict[int, DeMinimisResult]:
    """Fiscal year -> the de minimis test on ``as_of`` (two queries)."""
    fiscal_years = list(fiscal_years)
    return results_from(
        live_fees(committee, fiscal_years),
        de_minimis_requests(committee, fiscal_years),
        fiscal_years,
        as_of,
    )
