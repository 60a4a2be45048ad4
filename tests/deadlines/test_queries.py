"""The run's cost follows what is open, never the years of history: the same work after 1 year
and after 5 years of met history takes the same number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from deadlines.cadences import FiscalQuarter, FiscalYear, RollingMonths, add_months
from deadlines.models import Occurrence
from deadlines.selectors import notifications_for_user, occurrences_between, open_occurrences
from deadlines.services import waiver_grant
from tests.deadlines.support import met_occurrence, requirement, run

D = datetime.date
QUARTERLY, YEARLY, ROLLING = "tests.quarterly_review", "tests.annual_plan", "tests.letter"


def add_history(committee, years, user):
    """Met occurrences, evidence, sent reminders and notifications for each past fiscal year."""
    for year in years:
        for quarter in range(4):
            start = D(year, 3 * quarter + 1, 1)
            end = add_months(start, 3) - datetime.timedelta(days=1)
            met_occurrence(committee, QUARTERLY, "fiscal_quarter", start, end, user)
        met_occurrence(committee, YEARLY, "fiscal_year", D(year, 1, 1), D(year, 12, 31), user)
        met_occurrence(committee, ROLLING, "rolling_12m", D(year - 1, 5, 1), D(year, 4, 30), user)


def measured_run(day):
    with CaptureQueriesContext(connection) as queries:
        report = run(day)
    assert (report.claimed, report.sent) == (1, 1)
    return len(queries)


def test_run_query_count_does_not_grow_with_years_of_history(
    domain, done, chair, django_assert_max_num_queries
):
    requirement(QUARTERLY, FiscalQuarter(), done)
    requirement(YEARLY, FiscalYear(), done)
    requirement(ROLLING, RollingMonths(12), done)
    add_history(domain, [2025], chair)
    run(D(2026, 1, 2))
    run(D(2026, 3, 29))
    one_year = measured_run(D(2026, 3, 30))  # the quarter's 1-day reminder

    add_history(domain, [2021, 2022, 2023, 2024], chair)
    assert Occurrence.objects.filter(is_open=False).count() == 30
    with django_assert_max_num_queries(one_year):
        five_years = measured_run(D(2026, 3, 31))  # the quarter's due-date notice
    assert five_years == one_year, (one_year, five_years)


def test_the_notification_list_is_one_query_whatever_the_history(
    domain, chair, django_assert_num_queries
):
    add_history(domain, range(2021, 2026), chair)
    with django_assert_num_queries(1):
        rows = notifications_for_user(chair, limit=20)
        titles = [row.reminder.occurrence.committee.name for row in rows]
    assert len(titles) == 20


def test_a_years_report_reads_occurrences_waivers_and_evidence_in_three_queries(
    domain, done, chair, django_assert_num_queries
):
    requirement(QUARTERLY, FiscalQuarter(), done)
    run(D(2026, 1, 2))
    waiver_grant(
        occurrence=Occurrence.objects.get(is_open=True),
        user=chair,
        reason="Board resolution 3",
        as_of=D(2026, 1, 3),
    )
    for years in ([2025], [2021, 2022, 2023, 2024]):
        add_history(domain, years, chair)
        with django_assert_num_queries(3):
            rows = occurrences_between([domain.pk], start=D(2025, 1, 1), end=D(2026, 12, 31))
            shown = [
                (row.period_start, getattr(row.active_waiver, "reason", ""))
                for row in rows
                if row.requirement_key == QUARTERLY
            ]
            labels = {e.label for row in rows for e in row.evidence.all()}
        assert shown[-1] == (D(2026, 1, 1), "Board resolution 3") and len(shown) == 5
        assert labels == {"Minutes"}
    with django_assert_num_queries(1):
        assert open_occurrences([domain.pk]) == []
