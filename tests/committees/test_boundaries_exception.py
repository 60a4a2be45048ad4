"""Nasdaq 5605(c)(2)(B) at its boundaries: the days a member served under the exceptional-
circumstances exception, which the two-year limit counts. The stretches are computed from the
seats and approvals alone, so plain records stand in for the models here."""

import datetime
from types import SimpleNamespace

from committees.compliance.exception import _served_stretches, service_limit_day

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
