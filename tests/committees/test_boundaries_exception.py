"""Nasdaq 5605(c)(2)(B) at its boundaries: the days a member served under the exceptional-
circumstances exception, which the two-year limit counts. The stretches are computed from the
seats and approvals alone, so plain records stand in for the models here."""

import datetime
from types import SimpleNamespace

from committees.compliance.exception import _member_breaches, _served_stretches, service_limit_day
from committees.models import Employment

D = datetime.date
AS_OF = D(2026, 6, 30)
DIRECTOR = 7
OTHER = 8


def seat(start, end=None, director_id=DIRECTOR):
    return SimpleNamespace(director_id=director_id, start_date=start, end_date=end)


def approval(determined_on, revoked_on=None, director_id=DIRECTOR):
    return SimpleNamespace(
        director_id=director_id, determined_on=determined_on, revoked_on=revoked_on
    )


def test_5605c2B_only_the_directors_own_seats_count():
    """Another member's seat, however long, adds no day to this member's service."""
    stretches = _served_stretches(
        [approval(D(2026, 1, 1))],
        [seat(D(2026, 3, 1)), seat(D(2020, 1, 1), director_id=OTHER)],
        DIRECTOR,
        AS_OF,
    )
    assert stretches == [(D(2026, 3, 1), AS_OF)]


def test_5605c2B_an_approval_on_the_last_day_of_a_seat_counts_that_one_day():
    """Serving a single day under the exception is service under it."""
    stretches = _served_stretches(
        [approval(D(2026, 3, 31))], [seat(D(2026, 1, 1), D(2026, 3, 31))], DIRECTOR, AS_OF
    )
    assert stretches == [(D(2026, 3, 31), D(2026, 3, 31))]


def test_5605c2B_a_new_approval_the_day_after_a_revocation_continues_one_stretch():
    """Consecutive days of service are one stretch: revoked on 31 March, approved again on
    1 April."""
    stretches = _served_stretches(
        [approval(D(2026, 1, 1), D(2026, 3, 31)), approval(D(2026, 4, 1))],
        [seat(D(2025, 1, 1))],
        DIRECTOR,
        AS_OF,
    )
    assert stretches == [(D(2026, 1, 1), AS_OF)]


def test_5605c2B_overlapping_approvals_are_not_counted_twice():
    """A renewal approved while the first approval is still in force adds no days: the limit
    falls two years after the first day, as for one approval."""
    stretches = _served_stretches(
        [approval(D(2025, 1, 10), D(2025, 9, 30)), approval(D(2025, 9, 30))],
        [seat(D(2024, 1, 1))],
        DIRECTOR,
        AS_OF,
    )
    assert stretches == [(D(2025, 1, 10), AS_OF)]
    assert service_limit_day(stretches, AS_OF) == D(2027, 1, 10)


def test_5605c2B_a_gap_of_one_day_pauses_the_count():
    """Revoked on 31 March, approved again on 2 April: 1 April is not service, so the two years
    end one day later."""
    stretches = _served_stretches(
        [approval(D(2026, 1, 1), D(2026, 3, 31)), approval(D(2026, 4, 2))],
        [seat(D(2025, 1, 1))],
        DIRECTOR,
        AS_OF,
    )
    assert stretches == [(D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 2), AS_OF)]
    assert service_limit_day(stretches, AS_OF) == D(2028, 1, 2)


def test_5605c2B_two_years_used_up_in_the_first_stretch_end_there():
    """Service that spends the whole two years in its first stretch ends on that stretch's last
    day, whatever later approvals say."""
    first = (D(2025, 1, 10), D(2027, 1, 10))
    later = (D(2027, 3, 1), D(2027, 6, 30))
    assert service_limit_day([first, later], D(2027, 6, 30)) == D(2027, 1, 10)


DISCLOSED = D(2026, 1, 15)


def breaches(employments, disclosed_on=DISCLOSED):
    director = SimpleNamespace(full_name="Dana Whitfield")
    membership = SimpleNamespace(director=director, role="member")
    determination = SimpleNamespace(determined_on=D(2026, 1, 10), disclosed_on=disclosed_on)
    use_facts = (determination, D(2028, 1, 10), D(2026, 1, 10), (D(2026, 1, 10),))
    facts = SimpleNamespace(director=director, employments=employments)
    independence = SimpleNamespace(rule_10a3_met=True)
    return _member_breaches(membership, use_facts, facts, independence, AS_OF)


def job(title, start, end=None, executive=False):
    return Employment(
        start_date=start,
        end_date=end,
        employer=Employment.Employer.COMPANY,
        title=title,
        is_executive_officer=executive,
    )


def test_5605c2B_a_current_executive_officer_may_not_use_it_even_after_a_past_job():
    """A job that ended before the day is no bar; a current one listed after it still is, and
    the breach names the office."""
    found = breaches(
        [
            job("Analyst", D(2018, 1, 1), D(2019, 1, 1)),
            job("Chief Operating Officer", D(2024, 1, 1), executive=True),
        ]
    )
    assert found == [
        "Dana Whitfield is a current executive officer (Chief Operating Officer) of the company"
    ]


def test_5605c2B_a_current_employee_may_not_use_it():
    found = breaches([job("Treasury Analyst", D(2024, 1, 1))])
    assert found == ["Dana Whitfield is a current employee (Treasury Analyst) of the company"]


def test_5605c2B_an_undisclosed_exception_is_a_breach_in_words():
    assert breaches([], disclosed_on=None) == [
        "the exception for Dana Whitfield has not been disclosed in the proxy statement or "
        "annual report"
    ]
    assert breaches([], disclosed_on=AS_OF) == []
