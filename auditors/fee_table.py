"""The proxy statement's fee table (Schedule 14A 9(e)): for the last two fiscal years, the fees of
the auditor in the four categories (billed and expected, said apart), what the services in the last
three categories were, the share of each of those approved under the de minimis exception, and
the committee's pre-approval policy in brief.

``table_from`` is pure; ``fee_table`` loads in four queries (the company profile, the fees, the
services found not pre-approved, the policy)."""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from auditors.de_minimis import (
    NON_AUDIT_CATEGORIES,
    de_minimis_requests,
    live_fees,
    results_from,
)
from auditors.models import Fee, PreApprovalPolicy
from auditors.services_catalogue import FEE_TABLE_RULE, Category
from committees.models import CompanyProfile
from deadlines.views.report import csv_safe

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FeeCell:
    """One category's fees for one fiscal year."""

    category: str
    total: Decimal
    billed: Decimal
    expected: Decimal
    services: tuple[str, ...]
    de_minimis_percent: Decimal | None  # None for audit fees, or when the category has none

    @property
    def label(self) -> str:
        return Category(self.category).label

    @property
    def is_audit(self) -> bool:
        return self.category == Category.AUDIT


@dataclass(frozen=True)
class FeeYear:
    fiscal_year: int
    cells: tuple[FeeCell, ...]

    @property
    def total(self) -> Decimal:
        return sum((c.total for c in self.cells), ZERO)

    @property
    def billed(self) -> Decimal:
        return sum((c.billed for c in self.cells), ZERO)

    @property
    def expected(self) -> Decimal:
        return sum((c.expected for c in self.cells), ZERO)

    def cell(self, category: str) -> FeeCell:
        return next(c for c in self.cells if c.category == category)


@dataclass(frozen=True)
class Description:
    category: str
    text: str

    @property
    def label(self) -> str:
        return Category(self.category).label


@dataclass(frozen=True)
class FeeTable:
    rule: str
    years: tuple[FeeYear, FeeYear]  # the last fiscal year, then the one before
    descriptions: tuple[Description, ...]  # audit-related, tax, all other
    policy: PreApprovalPolicy | None
    policy_summary: str

    @property
    def last_fiscal_year(self) -> int:
        return self.years[0].fiscal_year

    def rows(self):
        """(category label, cell of the last year, cell of the year before), then totals."""
        last, before = self.years
        return [(c.label, c, before.cell(c.category)) for c in last.cells]

    @property
    def has_expected(self) -> bool:
        return any(year.expected for year in self.years)


def describe(category: str, services: list[str]) -> str:
    if not services:
        return f"No {Category(category).label.lower()} in either year."
    return "Fees for these services: " + "; ".join(services) + "."


def table_from(fee_rows: list[Fee], de_minimis: dict, years: tuple[int, int], policy) -> FeeTable:
    """The table from the two years' fee rows and de minimis results (pure)."""
    sums = defaultdict(lambda: {"billed": ZERO, "expected": ZERO})
    services = defaultdict(list)
    for fee in sorted(fee_rows, key=lambda f: (f.recorded_on, f.pk or 0)):
        key = (fee.engagement.fiscal_year, fee.category)
        sums[key][fee.state] = sums[key][fee.state] + fee.amount
        if fee.service not in services[key]:
            services[key].append(fee.service)
    fee_years = []
    for year in years:
        percents = de_minimis[year].category_percent if year in de_minimis else {}
        cells = []
        for category in Category.values:
            billed = sums[(year, category)][Fee.State.BILLED]
            expected = sums[(year, category)][Fee.State.EXPECTED]
            cells.append(
                FeeCell(
                    category=category,
                    total=billed + expected,
                    billed=billed,
                    expected=expected,
                    services=tuple(services[(year, category)]),
                    de_minimis_percent=(
                        None if category == Category.AUDIT else percents.get(category)
                    ),
                )
            )
        fee_years.append(FeeYear(year, tuple(cells)))
    descriptions = []
    for category in NON_AUDIT_CATEGORIES:
        named = []
        for year in years:
            named += [s for s in services[(year, category)] if s not in named]
        descriptions.append(Description(category, describe(category, named)))
    summary = (
        policy.summary
        if policy is not None
        else "No pre-approval policy is recorded: every service is approved by the committee "
        "one by one."
    )
    return FeeTable(FEE_TABLE_RULE, tuple(fee_years), tuple(descriptions), policy, summary)


def fee_table(
    committee, last_fiscal_year: int, *, as_of: datetime.date = datetime.date.max
) -> FeeTable:
    """The fee table for ``last_fiscal_year`` and the year before. The de minimis share counts
    the approvals made by ``as_of`` (default: every approval recorded)."""
    return fee_table_and_tests(committee, last_fiscal_year, as_of=as_of)[0]


def fee_table_and_tests(
    committee, last_fiscal_year: int, *, as_of: datetime.date = datetime.date.max, profile=None
) -> tuple[FeeTable, dict]:
    """The fee table and the de minimis test of its two years (fiscal year -> result), from
    the same rows: four queries (three with the company ``profile`` given)."""
    years = (last_fiscal_year, last_fiscal_year - 1)
    fee_rows = list(live_fees(committee, years))
    requests = list(de_minimis_requests(committee, years))
    de_minimis = results_from(fee_rows, requests, years, as_of)
    profile = profile or CompanyProfile.current_or_default()
    year_end = profile.fiscal_year_bounds(last_fiscal_year)[1]
    policy = (
        PreApprovalPolicy.objects.filter(committee=committee, effective_from__lte=year_end)
        .order_by("-effective_from", "-version")
        .first()
    )
    return table_from(fee_rows, de_minimis, years, policy), de_minimis


CSV_HEADER = [
    "fiscal_year",
    "category",
    "total",
    "billed",
    "expected",
    "de_minimis_percent",
    "description",
]


def _two_places(amount: Decimal) -> str:
    return f"{amount:.2f}"


def fee_table_csv(table: FeeTable) -> str:
    """The table's figures as CSV: a header row, one row per year and category, one total row
    per year; amounts with two decimals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    descriptions = {d.category: d.text for d in table.descriptions}
    for year in table.years:
        for cell in year.cells:
            percent = (
                "" if cell.de_minimis_percent is None else _two_places(cell.de_minimis_percent)
            )
            writer.writerow(
                [
                    year.fiscal_year,
                    cell.label,
                    _two_places(cell.total),
                    _two_places(cell.billed),
                    _two_places(cell.expected),
                    percent,
                    csv_safe(descriptions.get(cell.category, "")),
                ]
            )
        writer.writerow(
            [
                year.fiscal_year,
                "Total",
                _two_places(year.total),
                _two_places(year.billed),
                _two_places(year.expected),
                "",
                "",
            ]
        )
    return out.getvalue()
