"""Nasdaq 5605(c)(4) cure periods: lost independence (recorded) and one vacancy (derived from the
roster), their deadlines a day before, on and after, the 180-day rule, and one cure at a time.
SEC Rule 10A-3(a)(3): the exchange notice."""

import datetime

import pytest
import time_machine

from committees import services
from committees.compliance import Kind, Status, evaluate_committee
from committees.models import independence_cure_deadline, vacancy_cure_deadline
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
UTC = datetime.UTC
VACANCY_EVENT = D(2026, 4, 30)  # Carla Diaz's last day on the committee


def record_annual_meeting(company, meeting, recorded_on):
    """Set the next annual meeting as the secretary would have on ``recorded_on``."""
    with time_machine.travel(
        datetime.datetime.combine(recorded_on, datetime.time(9), UTC), tick=False
    ):
        company.next_annual_meeting = meeting
        company.save()


@pytest.fixture
def company(db):
    """The profile as recorded on 1 December 2023, next annual meeting 20 May 2027."""
    with time_machine.travel(datetime.datetime(2023, 12, 1, 9, tzinfo=UTC), tick=False):
        return f.CompanyProfileFactory(next_annual_meeting=D(2027, 5, 20))


@pytest.fixture
def dana(chair, member, audit_committee):
    """The third member, beside Alice Chair and Bob Member."""
    return f.seat_qualified_member(audit_committee, full_name="Dana Whitfield")


def lose_independence(director, on):
    sibling = f.FamilyMemberFactory(
        director=director, name="Evan Whitfield", relationship="sibling"
    )
    f.EmploymentFactory(
        family_member=sibling,
        start_date=on,
        title="Chief Operating Officer",
        is_executive_officer=True,
    )


def findings(committee, as_of):
    report = evaluate_committee(committee, as_of)
    return report, {item.key.rsplit(".", 1)[1]: item for item in report.findings}


# The deadline functions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "meeting", "deadline"),
    [
        (D(2026, 3, 2), D(2027, 5, 20), D(2027, 3, 2)),  # one year is sooner
        (D(2026, 6, 1), D(2027, 5, 20), D(2027, 5, 20)),  # the annual meeting is sooner
        (D(2026, 6, 1), None, D(2027, 6, 1)),
        (D(2026, 6, 1), D(2026, 5, 20), D(2027, 6, 1)),  # a meeting before the event is not next
        (D(2026, 6, 1), D(2026, 6, 1), D(2027, 6, 1)),
        (D(2028, 2, 29), None, D(2029, 2, 28)),
    ],
)
def test_5605c4A_independence_deadline_is_earlier_of_meeting_and_one_year(event, meeting, deadline):
    assert independence_cure_deadline(event, meeting) == deadline


@pytest.mark.parametrize(
    ("days_to_meeting", "deadline_days"),
    [(30, 180), (179, 180), (180, 180), (181, 181), (364, 364)],
)
def test_5605c4B_vacancy_deadline_is_180_days_when_meeting_within_180(
    days_to_meeting, deadline_days
):
    event = VACANCY_EVENT
    meeting = event + datetime.timedelta(days=days_to_meeting)
    assert vacancy_cure_deadline(event, meeting) == event + datetime.timedelta(days=deadline_days)


def test_5605c4B_vacancy_deadline_without_a_near_meeting_is_one_year():
    assert vacancy_cure_deadline(VACANCY_EVENT, D(2027, 6, 1)) == D(2027, 4, 30)
    assert vacancy_cure_deadline(VACANCY_EVENT, None) == D(2027, 4, 30)


# Lost independence: recorded cure periods ------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2027, 3, 1), Status.CURE_PERIOD),
        (D(2027, 3, 2), Status.CURE_PERIOD),
        (D(2027, 3, 3), Status.FAILING),
    ],
)
def test_5605c4A_cure_runs_one_year_when_sooner_than_the_meeting(
    audit_committee, dana, as_of, status
):
    lose_independence(dana, D(2026, 3, 2))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 3, 2))
    report, items = findings(audit_committee, as_of)
    assert items["independence"].status == status
    assert items["independence"].due == (D(2027, 3, 2) if status == Status.CURE_PERIOD else None)
    if status == Status.FAILING:
        assert items["independence"].detail.endswith(
            "The cure period from 2 March 2026 ended on its deadline, 2 March 2027 "
            "(Nasdaq 5605(c)(4))."
        )
        assert report.members[2].cure_period is None


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2027, 5, 19), Status.CURE_PERIOD),
        (D(2027, 5, 20), Status.CURE_PERIOD),
        (D(2027, 5, 21), Status.FAILING),
    ],
)
def test_5605c4A_cure_runs_to_the_annual_meeting_when_sooner(audit_committee, dana, as_of, status):
    lose_independence(dana, D(2026, 6, 1))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 6, 1))
    assert findings(audit_committee, as_of)[1]["independence"].status == status


def test_5605c4A_cure_period_finding_reads_plainly(audit_committee, dana):
    lose_independence(dana, D(2026, 6, 1))
    cure = f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 6, 1))
    report, items = findings(audit_committee, D(2026, 6, 15))
    assert cure.deadline == D(2027, 5, 20)
    assert items["independence"].status == Status.CURE_PERIOD
    assert items["independence"].due == D(2027, 5, 20)
    assert items["independence"].since == D(2026, 6, 1)
    assert items["independence"].director_ids == (dana.pk,)
    assert items["independence"].detail == (
        "Dana Whitfield is not independent: Dana Whitfield's sibling Evan Whitfield has been an "
        "executive officer (Chief Operating Officer) of the company since 1 June 2026 "
        "(Nasdaq 5605(a)(2)(C)). A cure period runs until 20 May 2027 (Nasdaq 5605(c)(4)), from "
        "the event on 1 June 2026."
    )
    assert report.status == Status.CURE_PERIOD
    dana_status = next(ms for ms in report.members if ms.director == dana)
    assert dana_status.cure_period == cure


def test_5605c4A_cure_period_ended_early_no_longer_covers(audit_committee, dana):
    lose_independence(dana, D(2026, 3, 2))
    f.CurePeriodFactory(
        committee=audit_committee, director=dana, event_date=D(2026, 3, 2), ended_on=D(2026, 6, 1)
    )
    assert findings(audit_committee, D(2026, 6, 1))[1]["independence"].status == Status.CURE_PERIOD
    item = findings(audit_committee, D(2026, 6, 2))[1]["independence"]
    assert item.status == Status.FAILING
    assert item.detail.endswith("The cure period from 2 March 2026 ended on 1 June 2026.")
    # On what would have been its deadline it still reads as ended early, not as run out.
    item = findings(audit_committee, D(2027, 3, 2))[1]["independence"]
    assert item.detail.endswith("The cure period from 2 March 2026 ended on 1 June 2026.")


def test_5605c4A_cure_covers_rule_10a3_too(audit_committee, dana):
    f.CompensationFactory(director=dana, paid_on=D(2026, 3, 2))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 3, 2))
    item = findings(audit_committee, D(2026, 6, 15))[1]["rule_10a3"]
    assert item.status == Status.CURE_PERIOD
    assert (item.due, item.since) == (D(2027, 3, 2), D(2026, 3, 2))
    assert item.detail.endswith(
        "A cure period runs until 2 March 2027 (Nasdaq 5605(c)(4)), from the event on 2 March 2026."
    )


def test_5605c4_running_cure_period_needs_an_exchange_notice(audit_committee, dana):
    """Nasdaq 5605(c)(4): relying on a cure period calls for notice to the exchange; it is met
    from the day the notice is dated, not before."""
    lose_independence(dana, D(2026, 6, 1))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 6, 1))
    item = findings(audit_committee, D(2026, 6, 15))[1]["exchange_notice"]
    assert item.status == Status.DUE
    assert (item.kind, item.rule) == (Kind.LISTING, "Nasdaq 5605(c)(4)")
    assert item.director_ids == (dana.pk,)
    episode = services.episode_record(
        committee=audit_committee, began_on=D(2026, 6, 1), description="Dana's cure period."
    )
    services.exchange_notice_record(
        episode=episode,
        sent_on=D(2026, 6, 3),
        rule="nasdaq_5605c4",
        reported="Cure period for Dana Whitfield.",
        sent_by="Chief Executive Officer",
    )
    assert findings(audit_committee, D(2026, 6, 2))[1]["exchange_notice"].status == Status.DUE
    item = findings(audit_committee, D(2026, 6, 3))[1]["exchange_notice"]
    assert item.status == Status.MET
    assert item.detail.endswith(
        "The exchange was notified on 3 June 2026 of the noncompliance that began on 1 June 2026 "
        "(Nasdaq 5605(c)(4))."
    )


# One vacancy: derived from the roster ----------------------------------------------------------


@pytest.fixture
def carla_leaves(chair, member, audit_committee):
    """Carla Diaz, the third member since 1 January 2024, leaves after 30 April 2026."""
    carla = f.DirectorFactory(full_name="Carla Diaz")
    f.seat_qualified_member(audit_committee, director=carla)
    carla.memberships.update(end_date=VACANCY_EVENT)
    return carla


def test_5605c4B_vacancy_reads_plainly(audit_committee, carla_leaves):
    assert findings(audit_committee, VACANCY_EVENT)[1]["size"].status == Status.MET
    report, items = findings(audit_committee, D(2026, 5, 1))
    size = items["size"]
    assert size.status == Status.CURE_PERIOD
    assert size.due == D(2027, 4, 30)
    assert size.since == D(2026, 5, 1)  # the first day one short
    assert size.director_ids == (carla_leaves.pk,)
    assert size.detail == (
        "On 1 May 2026 the committee has 2 members (Alice Chair and Bob Member), 1 fewer than the "
        "3 required (Nasdaq 5605(c)(2)(A)), since Carla Diaz left on 30 April 2026. A vacancy "
        "cure period runs until 30 April 2027, one year after the vacancy (Nasdaq 5605(c)(4))."
    )
    assert report.status == Status.CURE_PERIOD
    assert items["exchange_notice"].status == Status.DUE


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2027, 4, 29), Status.CURE_PERIOD),
        (D(2027, 4, 30), Status.CURE_PERIOD),
        (D(2027, 5, 1), Status.FAILING),
    ],
)
def test_5605c4B_vacancy_cure_one_year_deadline(audit_committee, carla_leaves, as_of, status):
    size = findings(audit_committee, as_of)[1]["size"]
    assert size.status == status
    if status == Status.FAILING:
        assert size.detail.endswith(
            "The vacancy cure period ended on 30 April 2027 (Nasdaq 5605(c)(4))."
        )


@pytest.mark.parametrize(
    ("days_to_meeting", "deadline", "why"),
    [
        (30, D(2026, 10, 27), "180 days after the vacancy, because the annual meeting on"),
        (180, D(2026, 10, 27), "180 days after the vacancy, because the annual meeting on"),
        (181, D(2026, 10, 28), "the date of the next annual meeting"),
    ],
)
def test_5605c4B_vacancy_180_day_boundary(
    company, audit_committee, carla_leaves, days_to_meeting, deadline, why
):
    meeting = VACANCY_EVENT + datetime.timedelta(days=days_to_meeting)
    record_annual_meeting(company, meeting, recorded_on=D(2026, 1, 15))
    size = findings(audit_committee, deadline)[1]["size"]
    assert size.status == Status.CURE_PERIOD
    assert size.due == deadline
    assert why in size.detail
    assert findings(audit_committee, deadline - datetime.timedelta(days=1))[1]["size"].status == (
        Status.CURE_PERIOD
    )
    assert findings(audit_committee, deadline + datetime.timedelta(days=1))[1]["size"].status == (
        Status.FAILING
    )


def test_5605c4B_meeting_held_and_replaced_by_next_years_still_sets_the_deadline(
    company, audit_committee, carla_leaves
):
    """After the 20 May 2026 meeting the secretary records the 2027 one; the vacancy of 30 April
    2026 still had to be cured within 180 days."""
    record_annual_meeting(company, D(2026, 5, 20), recorded_on=D(2026, 1, 15))
    record_annual_meeting(company, D(2027, 5, 19), recorded_on=D(2026, 6, 1))
    size = findings(audit_committee, D(2026, 10, 28))[1]["size"]
    assert size.status == Status.FAILING
    assert size.due == D(2026, 10, 27)


def test_5605c4B_postponed_meeting_date_does_not_count(company, audit_committee, carla_leaves):
    record_annual_meeting(company, D(2026, 5, 20), recorded_on=D(2026, 1, 15))
    record_annual_meeting(company, D(2026, 12, 1), recorded_on=D(2026, 5, 10))  # postponed
    size = findings(audit_committee, D(2026, 11, 1))[1]["size"]
    assert size.status == Status.CURE_PERIOD
    assert size.due == D(2026, 12, 1)


def test_5605c4B_filling_the_seat_ends_the_vacancy(audit_committee, carla_leaves):
    f.seat_qualified_member(audit_committee, full_name="Hana Sato", start=D(2026, 9, 1))
    assert findings(audit_committee, D(2026, 8, 31))[1]["size"].status == Status.CURE_PERIOD
    assert findings(audit_committee, D(2026, 9, 1))[1]["size"].status == Status.MET


def test_5605c4B_two_vacancies_are_not_curable(audit_committee, carla_leaves):
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    bob.memberships.update(end_date=D(2026, 5, 31))
    size = findings(audit_committee, D(2026, 6, 1))[1]["size"]
    assert size.status == Status.FAILING
    assert size.detail.endswith(
        "; the cure period of Nasdaq 5605(c)(4) covers a single vacancy only."
    )


# Only one cure period at a time ------------------------------------------------------------------


def test_5605c4_vacancy_during_independence_cure_is_not_cured(audit_committee, dana):
    lose_independence(dana, D(2026, 3, 2))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 3, 2))
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    bob.memberships.update(end_date=D(2026, 5, 31))
    report, items = findings(audit_committee, D(2026, 6, 15))
    assert items["independence"].status == Status.CURE_PERIOD
    assert items["size"].status == Status.FAILING
    assert items["size"].detail == (
        "On 15 June 2026 the committee has 2 members (Alice Chair and Dana Whitfield), 1 fewer "
        "than the 3 required (Nasdaq 5605(c)(2)(A)), since Bob Member left on 31 May 2026. The "
        "cure period for Dana Whitfield (from 2 March 2026) was already running (until 2 March "
        "2027), and only one cure period may run at a time (Nasdaq 5605(c)(4)), so the vacancy "
        "cure after Bob Member left on 31 May 2026 cures nothing."
    )
    assert report.status == Status.FAILING


def test_5605c4_independence_cure_during_vacancy_cure_is_not_cured(audit_committee, carla_leaves):
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    lose_independence(bob, D(2026, 6, 1))
    f.CurePeriodFactory(committee=audit_committee, director=bob, event_date=D(2026, 6, 1))
    _, items = findings(audit_committee, D(2026, 6, 15))
    assert items["size"].status == Status.CURE_PERIOD
    assert items["independence"].status == Status.FAILING
    assert items["independence"].detail.endswith(
        "The vacancy cure after Carla Diaz left on 30 April 2026 was already running (until "
        "30 April 2027), and only one cure period may run at a time (Nasdaq 5605(c)(4)), so the "
        "cure period for Bob Member (from 1 June 2026) cures nothing."
    )


def test_5605c4_cure_ends_when_the_member_leaves_so_the_vacancy_can_be_cured(audit_committee, dana):
    lose_independence(dana, D(2026, 3, 2))
    f.CurePeriodFactory(committee=audit_committee, director=dana, event_date=D(2026, 3, 2))
    dana.memberships.update(end_date=D(2026, 5, 31))
    size = findings(audit_committee, D(2026, 6, 1))[1]["size"]
    assert size.status == Status.CURE_PERIOD
    assert "since Dana Whitfield left on 31 May 2026" in size.detail


def test_5605c4_a_later_cure_after_the_first_ended_is_valid(audit_committee, carla_leaves):
    f.seat_qualified_member(audit_committee, full_name="Hana Sato", start=D(2026, 9, 1))
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    lose_independence(bob, D(2026, 10, 1))
    f.CurePeriodFactory(committee=audit_committee, director=bob, event_date=D(2026, 10, 1))
    assert findings(audit_committee, D(2026, 10, 2))[1]["independence"].status == (
        Status.CURE_PERIOD
    )


def test_5605c4_cures_starting_the_same_day_do_not_both_run(audit_committee, carla_leaves):
    """The vacancy starts on 1 May 2026, the day Bob Member loses independence: the recorded
    cure period is taken first, so the vacancy is not cured."""
    bob = f.DirectorFactory._meta.model.objects.get(full_name="Bob Member")
    lose_independence(bob, D(2026, 5, 1))
    f.CurePeriodFactory(committee=audit_committee, director=bob, event_date=D(2026, 5, 1))
    _, items = findings(audit_committee, D(2026, 5, 1))
    assert items["independence"].status == Status.CURE_PERIOD
    assert items["size"].status == Status.FAILING
    assert "cure period for Bob Member (from 1 May 2026) was already running" in (
        items["size"].detail
    )
