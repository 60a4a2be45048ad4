"""Data shared by the deadline page tests: "today" is 15 June 2026 (fiscal years are calendar
years unless a test changes the company profile). The audit committee has three requirements:

- a quarterly review (charter), not done: Q1 (due 31 March) is overdue, Q2 (due 30 June) due soon;
- an annual independence letter (PCAOB 3526(b)), received on 2 June 2026: met, with evidence;
- a quarterly filing review due 45 days after each quarter: Q1 (due 15 May) overdue."""

import datetime

import pytest
import time_machine

from deadlines.cadences import FiscalQuarter, FiscalYear
from deadlines.status import Kind
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
TODAY = D(2026, 6, 15)
QUARTERLY = "tests.quarterly_review"
ANNUAL = "tests.independence_letter"
FILING = "tests.filing_review"
Q1, Q2 = D(2026, 1, 1), D(2026, 4, 1)


@pytest.fixture
def on_today():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def register_requirements(done):
    requirement(
        QUARTERLY,
        FiscalQuarter(),
        done,
        title="Quarterly review",
        rule="Charter: Meetings",
        kind=Kind.CHARTER,
        evidence_url=lambda committee, period: f"/record/{committee.slug}/{period.start}/",
    )
    requirement(
        ANNUAL,
        FiscalYear(),
        done,
        title="Auditor independence letter",
        rule="PCAOB 3526(b)",
        kind=Kind.SEC,
    )
    requirement(
        FILING,
        FiscalQuarter(due_days_after_end=45),
        done,
        title="Quarterly filing review",
        rule="Charter: Responsibilities 3",
        kind=Kind.CHARTER,
    )
    done.record(ANNUAL, D(2026, 1, 1), D(2026, 6, 2))


def run_the_year():
    for day in (D(2026, 1, 1), D(2026, 4, 1), TODAY):
        run(day)


@pytest.fixture
def year(domain, done, on_today):
    """The engine has run on 1 January, 1 April and 15 June 2026."""
    register_requirements(done)
    run_the_year()
    return {
        "q1": occurrence(QUARTERLY, Q1),
        "q2": occurrence(QUARTERLY, Q2),
        "letter": occurrence(ANNUAL, Q1),
        "filing_q1": occurrence(FILING, Q1),
    }


# The fixed cast and what each may do with the audit committee's deadlines.
CAN_SEE = ["chair", "member", "secretary", "board_reader"]
CANNOT_SEE = ["other_member", "investigator", "outsider"]
CAN_WAIVE = ["chair", "secretary"]
