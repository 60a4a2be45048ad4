"""The proxy fee table (Schedule 14A 9(e)) for a small data set checked by hand: two fiscal years,
fees in all four categories, one expected fee, one service found not pre-approved (de minimis,
S-X 2-01(c)(7)(i)(C)), and the pre-approval policy in force.

By hand, fiscal year 2026: audit 2,000,000.00 billed + 400,000.00 expected = 2,400,000.00;
audit-related 150,000.00; tax 80,000.00 + 20,000.00 (the de minimis study) = 100,000.00, of which
20.00% de minimis; all other 5,000.00; total 2,655,000.00 (2,255,000.00 billed, 400,000.00
expected). Fiscal year 2025: audit 1,900,000.00; audit-related 60,000.00; tax 75,000.00; all
other nothing (no percentage); total 2,035,000.00."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from auditors.fee_table import CSV_HEADER, fee_table, fee_table_csv
from auditors.models import Fee, PreApprovalPolicy
from auditors.services.de_minimis import de_minimis_approve, de_minimis_record
from tests.auditors import support
from tests.meetings.support import NOW, hold

D = datetime.date


def fee(engagement, service, category, amount, state="billed", day=None):
    return Fee.objects.create(
        engagement=engagement,
        service=service,
        category=category,
        amount=Decimal(amount),
        state=state,
        recorded_on=day or D(engagement.fiscal_year, 3, 1),
    )


@pytest.fixture
def books(committee, secretary):
    last = support.engagement(committee, 2026, report_issued_on=D(2027, 2, 20))
    before = support.engagement(committee, 2025, report_issued_on=D(2026, 2, 18))
    fee(last, "Audit of the 2026 statements", "audit", "2000000.00")
    fee(last, "Audit of the 2026 statements", "audit", "400000.00", state="expected")
    fee(last, "Employee benefit plan audit", "audit_related", "150000.00")
    fee(last, "Federal tax return review", "tax", "80000.00")
    fee(last, "Accounting research subscription", "all_other", "5000.00")
    found = de_minimis_record(
        engagement=last,
        service="Sales tax nexus study",
        nature="tax",
        fee="20000.00",
        provided_from=D(2026, 3, 15),
        found_on=D(2026, 5, 10),
        recognized_at_engagement=False,
        by=secretary,
        now=NOW,
    )
    de_minimis_approve(request=found, meeting=hold(committee, D(2026, 6, 10)), by=secretary)
    fee(before, "Audit of the 2025 statements", "audit", "1900000.00")
    fee(before, "Due diligence for the Acme acquisition", "audit_related", "60000.00")
    fee(before, "Federal tax return review", "tax", "75000.00")
    # A year outside the table changes nothing.
    fee(support.engagement(committee, 2024), "Old audit", "audit", "999.00")
    PreApprovalPolicy.objects.create(
        committee=committee,
        version=1,
        effective_from=D(2025, 1, 1),
        effective_to=D(2025, 12, 31),
        approved_at=hold(committee, D(2024, 12, 10)),
        summary="The first policy.",
    )
    PreApprovalPolicy.objects.create(
        committee=committee,
        version=2,
        effective_from=D(2026, 1, 1),
        effective_to=D(2026, 12, 31),
        approved_at=hold(committee, D(2025, 12, 10)),
        summary="The committee pre-approves listed services up to their caps.",
    )
    return committee


def money(value):
    return Decimal(value)


def test_the_fee_table_figures_match_the_hand_count(books):
    """Schedule 14A 9(e): four categories for the last two fiscal years, billed and expected
    said apart, the de minimis share of the last three (S-X 2-01(c)(7)(i)(C))."""
    table = fee_table(books, 2026)
    last, before = table.years
    assert (last.fiscal_year, before.fiscal_year) == (2026, 2025)
    assert [(c.category, c.total, c.billed, c.expected) for c in last.cells] == [
        ("audit", money("2400000.00"), money("2000000.00"), money("400000.00")),
        ("audit_related", money("150000.00"), money("150000.00"), money("0")),
        ("tax", money("100000.00"), money("100000.00"), money("0")),
        ("all_other", money("5000.00"), money("5000.00"), money("0")),
    ]
    assert (last.total, last.billed, last.expected) == (
        money("2655000.00"),
        money("2255000.00"),
        money("400000.00"),
    )
    assert [c.total for c in before.cells] == [
        money("1900000.00"),
        money("60000.00"),
        money("75000.00"),
        money("0"),
    ]
    assert before.total == money("2035000.00")
    assert [c.de_minimis_percent for c in last.cells] == [
        None,
        money("0.00"),
        money("20.00"),
        money("0.00"),
    ]
    assert [c.de_minimis_percent for c in before.cells] == [
        None,
        money("0.00"),
        money("0.00"),
        None,
    ]
    assert [d.text for d in table.descriptions] == [
        "Fees for these services: Employee benefit plan audit; Due diligence for the Acme "
        "acquisition.",
        "Fees for these services: Federal tax return review; Sales tax nexus study.",
        "Fees for these services: Accounting research subscription.",
    ]
    assert table.policy.version == 2
    assert table.policy_summary == "The committee pre-approves listed services up to their caps."
    # A year before any policy: none is described, and it says so.
    assert fee_table(books, 2024).policy_summary.startswith("No pre-approval policy")


def test_the_csv_has_the_same_figures_with_two_decimals(books):
    """Schedule 14A 9(e): the download carries the page's numbers, a header row first."""
    rows = list(csv.reader(io.StringIO(fee_table_csv(fee_table(books, 2026)))))
    assert rows[0] == CSV_HEADER
    assert rows[1:6] == [
        ["2026", "Audit fees", "2400000.00", "2000000.00", "400000.00", "", ""],
        [
            "2026",
            "Audit-related fees",
            "150000.00",
            "150000.00",
            "0.00",
            "0.00",
            "Fees for these services: Employee benefit plan audit; Due diligence for the Acme "
            "acquisition.",
        ],
        [
            "2026",
            "Tax fees",
            "100000.00",
            "100000.00",
            "0.00",
            "20.00",
            "Fees for these services: Federal tax return review; Sales tax nexus study.",
        ],
        [
            "2026",
            "All other fees",
            "5000.00",
            "5000.00",
            "0.00",
            "0.00",
            "Fees for these services: Accounting research subscription.",
        ],
        ["2026", "Total", "2655000.00", "2255000.00", "400000.00", "", ""],
    ]
    assert rows[6][:6] == ["2025", "Audit fees", "1900000.00", "1900000.00", "0.00", ""]
    assert rows[9][:6] == ["2025", "All other fees", "0.00", "0.00", "0.00", ""]
    assert rows[10] == ["2025", "Total", "2035000.00", "2035000.00", "0.00", "", ""]
    assert len(rows) == 11
