"""The write services: memberships, determinations and cure periods. Bad input raises a clear
ValidationError and saves nothing. "Today" is 15 June 2026."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from committees import services
from committees.models import (
    CurePeriod,
    Employment,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
)
from tests import factories as f

D = datetime.date
START = D(2024, 1, 1)
EVENT = D(2026, 1, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# Memberships ---------------------------------------------------------------------------------


def test_membership_create_seats_a_director(audit_committee):
    director = f.DirectorFactory(full_name="Nora New")
    seat = services.membership_create(
        committee=audit_committee, director=director, start_date=D(2026, 2, 1)
    )
    assert seat.pk and seat.role == Membership.Role.MEMBER and seat.end_date is None
    assert seat.history.count() == 1


def test_membership_create_refuses_an_overlapping_seat_and_saves_nothing(audit_committee):
    director = f.DirectorFactory(full_name="Nora New")
    services.membership_create(committee=audit_committee, director=director, start_date=START)
    with pytest.raises(ValidationError) as caught:
        services.membership_create(
            committee=audit_committee, director=director, start_date=D(2025, 1, 1)
        )
    assert "Nora New already sits on Audit Committee" in _messages(caught.value)
    assert Membership.objects.filter(director=director).count() == 1


def test_membership_create_refuses_an_end_before_the_start(audit_committee):
    with pytest.raises(ValidationError) as caught:
        services.membership_create(
            committee=audit_committee,
            director=f.DirectorFactory(),
            start_date=D(2026, 3, 1),
            end_date=D(2026, 2, 28),
        )
    assert "end date cannot be before the start date" in _messages(caught.value)
    assert not Membership.objects.exists()


def test_second_chair_refused_while_the_first_serves_and_allowed_the_day_after(
    audit_committee, chair
):
    first = chair.director.memberships.get()
    newcomer = f.DirectorFactory(full_name="Nora New")
    services.membership_end(membership=first, end_date=D(2026, 3, 31))
    with pytest.raises(ValidationError) as caught:
        services.membership_create(
            committee=audit_committee, director=newcomer, role="chair", start_date=D(2026, 3, 31)
        )
    assert "one chair at a time" in _messages(caught.value)
    seat = services.membership_create(
        committee=audit_committee, director=newcomer, role="chair", start_date=D(2026, 4, 1)
    )
    assert seat.role == Membership.Role.CHAIR


def test_membership_end_records_the_last_day_once(audit_committee, member):
    seat = member.director.memberships.get()
    services.membership_end(membership=seat, end_date=D(2026, 5, 31))
    seat.refresh_from_db()
    assert seat.end_date == D(2026, 5, 31)
    with pytest.raises(ValidationError) as caught:
        services.membership_end(membership=seat, end_date=D(2026, 6, 1))
    assert "already ended on 31 May 2026" in _messages(caught.value)
    seat.refresh_from_db()
    assert seat.end_date == D(2026, 5, 31)


def test_membership_end_before_start_refused(audit_committee, member):
    seat = member.director.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_end(membership=seat, end_date=D(2023, 12, 31))
    seat.refresh_from_db()
    assert seat.end_date is None


def test_membership_update_refuses_a_second_chair_and_leaves_the_row(
    audit_committee, chair, member
):
    seat = member.director.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_update(membership=seat, role="chair")
    seat.refresh_from_db()
    assert seat.role == Membership.Role.MEMBER


def test_membership_update_refuses_unknown_fields(audit_committee, member):
    seat = member.director.memberships.get()
    with pytest.raises(TypeError):
        services.membership_update(membership=seat, colour="red")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_chairs_cannot_both_be_seated(company, audit_committee):
    """The committee row lock serialises roster writes: of two chairs seated at the same moment,
    exactly one is saved."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks and serialises writers itself; run on PostgreSQL.")
    directors = [f.DirectorFactory(full_name=f"Chair {n}") for n in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def seat(director):
        try:
            barrier.wait()
            services.membership_create(
                committee=audit_committee, director=director, role="chair", start_date=START
            )
            outcomes.append("seated")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=seat, args=(d,)) for d in directors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "seated"]
    assert Membership.objects.filter(role="chair").count() == 1


# Determinations ------------------------------------------------------------------------------


def test_independence_determination_keeps_the_bright_line_tests_of_its_day(db, secretary):
    """Nasdaq 5605(a)(2)(A): employment by the company within 3 years shows as a failed test in
    the snapshot, together with the five that pass."""
    director = f.DirectorFactory(full_name="Paula Past")
    Employment.objects.create(
        director=director,
        employer=Employment.Employer.COMPANY,
        title="Controller",
        start_date=D(2020, 1, 1),
        end_date=D(2024, 6, 30),
    )
    recorded = services.determination_record(
        model=IndependenceDetermination,
        recorded_by=secretary,
        director=director,
        determined_on=D(2026, 6, 15),
        is_independent=False,
    )
    snapshot = recorded.bright_line_snapshot
    assert snapshot["as_of"] == "2026-06-15"
    codes = {test["code"]: test for test in snapshot["tests"]}
    assert sorted(codes) == ["A", "B", "C", "D", "E", "F"]
    assert codes["A"]["passed"] is False and "Controller" in codes["A"]["detail"]
    assert all(codes[code]["passed"] for code in "BCDEF")
    assert recorded.recorded_by == secretary


def test_determination_in_the_future_refused_today_accepted(db, secretary):
    director = f.DirectorFactory()
    with pytest.raises(ValidationError) as caught:
        services.determination_record(
            model=LiteracyDetermination,
            recorded_by=secretary,
            director=director,
            determined_on=D(2026, 6, 16),
            is_financially_literate=True,
        )
    assert "cannot be in the future" in _messages(caught.value)
    assert not LiteracyDetermination.objects.exists()
    services.determination_record(
        model=LiteracyDetermination,
        recorded_by=secretary,
        director=director,
        determined_on=D(2026, 6, 15),
        is_financially_literate=True,
    )
    assert LiteracyDetermination.objects.count() == 1


def test_determination_record_refuses_a_model_that_is_not_a_determination(db, secretary):
    with pytest.raises(TypeError):
        services.determination_record(model=Membership, recorded_by=secretary)


def test_a_recorded_finding_is_annotated_never_rewritten(db, secretary):
    determination = f.IndependenceDeterminationFactory()
    services.determination_annotate(determination=determination, notes="Minutes filed.")
    determination.refresh_from_db()
    assert determination.notes == "Minutes filed."
    with pytest.raises(ValidationError) as caught:
        services.determination_annotate(determination=determination, is_independent=False)
    assert "record a newer determination" in _messages(caught.value)
    determination.refresh_from_db()
    assert determination.is_independent is True


# Cure periods --------------------------------------------------------------------------------


def _dana(committee):
    return f.seat_qualified_member(committee, full_name="Dana Cure")


def test_cure_deadline_is_the_annual_meeting_when_sooner_than_a_year(company, audit_committee):
    """Nasdaq 5605(c)(4)(A): the earlier of the next annual meeting or one year after the event."""
    company.next_annual_meeting = D(2026, 5, 21)
    company.save()
    cure = services.cure_period_open(
        committee=audit_committee, director=_dana(audit_committee), event_date=EVENT, reason="x"
    )
    assert cure.annual_meeting_date == D(2026, 5, 21)
    assert cure.deadline == D(2026, 5, 21)


def test_cure_deadline_is_one_year_when_the_meeting_is_later(company, audit_committee):
    """Nasdaq 5605(c)(4)(A): annual meeting on 20 May 2027, more than a year after the event."""
    cure = services.cure_period_open(
        committee=audit_committee, director=_dana(audit_committee), event_date=EVENT, reason="x"
    )
    assert cure.deadline == D(2027, 1, 10)


def test_cure_period_only_for_a_serving_member(company, audit_committee):
    outsider = f.DirectorFactory(full_name="Otto Outside")
    with pytest.raises(ValidationError) as caught:
        services.cure_period_open(
            committee=audit_committee, director=outsider, event_date=EVENT, reason="x"
        )
    assert "Otto Outside does not sit on Audit Committee" in _messages(caught.value)
    assert not CurePeriod.objects.exists()


def test_second_overlapping_cure_period_refused(company, audit_committee):
    """Nasdaq 5605(c)(4): only one cure period may run at a time."""
    services.cure_period_open(
        committee=audit_committee, director=_dana(audit_committee), event_date=EVENT, reason="x"
    )
    other = f.seat_qualified_member(audit_committee, full_name="Omar Other")
    with pytest.raises(ValidationError) as caught:
        services.cure_period_open(
            committee=audit_committee, director=other, event_date=D(2026, 2, 1), reason="y"
        )
    assert "only one cure period may run at a time" in _messages(caught.value)
    assert CurePeriod.objects.count() == 1


def test_cure_period_update_recomputes_the_deadline(company, audit_committee):
    cure = services.cure_period_open(
        committee=audit_committee, director=_dana(audit_committee), event_date=EVENT, reason="x"
    )
    services.cure_period_update(cure_period=cure, annual_meeting_date=D(2026, 6, 4))
    cure.refresh_from_db()
    assert cure.deadline == D(2026, 6, 4)
    assert cure.history.count() == 2
