"""Boundaries of the Nasdaq 5605(c)(4) cure periods, one day either side, from docs/rules.md:
a cure runs from its event through its deadline, a vacancy cure only for one vacancy of a committee
that was at full strength, and only one cure period may run at a time. The episodes are computed
from in-memory records, so these run without a database."""

import datetime

import pytest

from committees.compliance.cure import (
    INDEPENDENCE,
    VACANCY,
    CureEpisode,
    cure_episodes,
    independence_episodes,
    vacancy_deadline_words,
    vacancy_episodes,
)
from committees.compliance.facts import CommitteeFacts
from committees.models import Committee, CurePeriod, Director, Membership

D = datetime.date
DAY = datetime.timedelta(days=1)
SEATED = D(2024, 1, 1)
LATER = D(2027, 6, 1)


def person(pk, name):
    return Director(pk=pk, full_name=name)


ALICE, BOB, CARLA, DANA, HANA = (
    person(1, "Alice Chair"),
    person(2, "Bob Member"),
    person(3, "Carla Diaz"),
    person(4, "Dana Whitfield"),
    person(5, "Hana Sato"),
)


def seat(director, start=SEATED, end=None):
    return Membership(director=director, start_date=start, end_date=end)


def cure(director, event, meeting=None, ended_on=None):
    """A recorded cure period, its deadline computed as the model does on save."""
    period = CurePeriod(
        director=director, event_date=event, annual_meeting_date=meeting, ended_on=ended_on
    )
    period.deadline = period.compute_deadline()
    return period


def committee_facts(memberships, cure_periods=()):
    return CommitteeFacts(
        committee=Committee(name="Audit Committee", kind=Committee.Kind.AUDIT),
        memberships=list(memberships),
        cure_periods=list(cure_periods),
    )


def episodes(memberships, cure_periods=(), as_of=LATER, meetings=()):
    return cure_episodes(committee_facts(memberships, cure_periods), 3, as_of, list(meetings))


def by_kind(items, kind):
    return [e for e in items if e.kind == kind]


# A cure period covers its first and its last day (5605(c)(4)) ---------------------------------


@pytest.mark.parametrize(
    ("as_of", "covered"),
    [
        (D(2026, 3, 1), False),
        (D(2026, 3, 2), True),
        (D(2027, 3, 2), True),
        (D(2027, 3, 3), False),
    ],
)
def test_5605c4A_cure_covers_event_day_through_deadline_and_no_further(as_of, covered):
    (episode,) = independence_episodes([cure(DANA, D(2026, 3, 2))], [seat(DANA)])
    assert (episode.start, episode.deadline, episode.last_day) == (
        D(2026, 3, 2),
        D(2027, 3, 2),
        D(2027, 3, 2),
    )
    assert episode.covers(as_of) is covered


def test_5605c4_a_blocked_cure_covers_nothing_even_inside_its_dates():
    running = CureEpisode(
        INDEPENDENCE, D(2026, 3, 2), D(2026, 3, 2), D(2027, 3, 2), D(2027, 3, 2), "a"
    )
    blocked = CureEpisode(
        VACANCY,
        D(2026, 5, 31),
        D(2026, 6, 1),
        D(2027, 5, 31),
        D(2027, 5, 31),
        "b",
        blocked_by=running,
    )
    assert running.valid and running.covers(D(2026, 6, 1))
    assert not blocked.valid
    assert not blocked.covers(D(2026, 6, 1))
    assert running.blocked_words() == ""


@pytest.mark.parametrize(
    ("ended_on", "last_day"),
    [
        (D(2026, 6, 1), D(2026, 6, 1)),
        (D(2027, 3, 2), D(2027, 3, 2)),
        (D(2027, 3, 3), D(2027, 3, 2)),
    ],
)
def test_5605c4A_cure_ended_early_runs_through_its_end_never_past_the_deadline(ended_on, last_day):
    (episode,) = independence_episodes([cure(DANA, D(2026, 3, 2), ended_on=ended_on)], [seat(DANA)])
    assert episode.last_day == last_day
    assert episode.covers(last_day)
    assert not episode.covers(last_day + DAY)


@pytest.mark.parametrize(
    ("left_on", "last_day"),
    [
        (D(2026, 9, 30), D(2026, 9, 30)),
        (D(2027, 3, 2), D(2027, 3, 2)),
        (D(2027, 3, 3), D(2027, 3, 2)),
    ],
)
def test_5605c4A_cure_ends_on_the_members_last_day_on_the_committee(left_on, last_day):
    """The cure lets the member stay; it ends when the member leaves, at the latest on the
    deadline."""
    (episode,) = independence_episodes(
        [cure(DANA, D(2026, 3, 2))],
        [seat(DANA, end=D(2025, 1, 31)), seat(DANA, D(2025, 3, 1), left_on)],
    )
    assert episode.last_day == last_day


def test_5605c4A_an_earlier_seat_that_ended_before_the_event_does_not_end_the_cure():
    (episode,) = independence_episodes(
        [cure(DANA, D(2026, 3, 2))], [seat(DANA, end=D(2026, 3, 1)), seat(DANA, D(2026, 3, 1))]
    )
    assert episode.last_day == D(2027, 3, 2)
    assert episode.director_ids == (DANA.pk,)
    assert episode.who == "Dana Whitfield"
    assert episode.description == "the cure period for Dana Whitfield (from 2 March 2026)"
    # A recorded cure is about a member, not a seat: nothing is short and no meeting is read.
    assert (episode.still_short, episode.meeting, episode.blocked_by) == (False, None, None)


def test_5605c4A_the_episode_keeps_its_recorded_cure_period():
    period = cure(DANA, D(2026, 3, 2))
    (episode,) = independence_episodes([period], [seat(DANA)])
    assert episode.cure_period is period
    assert episode.kind == INDEPENDENCE


def test_5605c4A_a_cure_recorded_before_the_member_was_seated_runs_to_its_deadline():
    """No seat on the event day, so no departure can end it early; it still counts as running
    (one cure at a time)."""
    (episode,) = independence_episodes([cure(DANA, D(2026, 3, 2))], [seat(DANA, D(2026, 4, 1))])
    assert episode.last_day == D(2027, 3, 2)


# Only one cure period at a time, at the last day of a running one -----------------------------


def full_roster_with_bob_leaving(last_day):
    return [seat(ALICE), seat(BOB, end=last_day), seat(DANA)]


@pytest.mark.parametrize(
    ("bob_last_day", "vacancy_blocked"),
    [
        (D(2027, 3, 1), True),  # the vacancy begins on 2 March 2027, the cure's last day
        (D(2027, 3, 2), False),  # it begins the day after the cure ended
    ],
)
def test_5605c4_vacancy_beginning_on_the_last_day_of_a_running_cure_is_not_cured(
    bob_last_day, vacancy_blocked
):
    items = episodes(
        full_roster_with_bob_leaving(bob_last_day), [cure(DANA, D(2026, 3, 2))], as_of=D(2027, 4, 1)
    )
    (independence,) = by_kind(items, INDEPENDENCE)
    (vacancy,) = by_kind(items, VACANCY)
    assert independence.valid
    assert vacancy.start == bob_last_day + DAY
    assert (vacancy.blocked_by is independence) is vacancy_blocked
    assert vacancy.covers(vacancy.start) is not vacancy_blocked


@pytest.mark.parametrize(
    ("event", "blocked"),
    [
        (D(2027, 4, 29), True),
        (D(2027, 4, 30), True),  # the vacancy cure's deadline: still running that day
        (D(2027, 5, 1), False),
    ],
)
def test_5605c4_independence_event_on_the_last_day_of_a_running_vacancy_cure_is_not_cured(
    event, blocked
):
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30))]
    items = episodes(roster, [cure(BOB, event)], as_of=D(2027, 6, 1))
    (vacancy,) = by_kind(items, VACANCY)
    (independence,) = by_kind(items, INDEPENDENCE)
    assert vacancy.last_day == D(2027, 4, 30)
    assert vacancy.valid
    assert (independence.blocked_by is vacancy) is blocked


@pytest.mark.parametrize(
    ("event", "blocked"),
    [
        (D(2026, 8, 31), True),  # the last day the seat was empty
        (D(2026, 9, 1), False),  # the day Hana Sato fills it: the vacancy cure has ended
    ],
)
def test_5605c4_cure_starting_on_the_day_the_seat_is_filled_is_valid(event, blocked):
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30)), seat(HANA, D(2026, 9, 1))]
    items = episodes(roster, [cure(BOB, event)], as_of=D(2026, 10, 1))
    (vacancy,) = by_kind(items, VACANCY)
    (independence,) = by_kind(items, INDEPENDENCE)
    assert vacancy.last_day == D(2026, 8, 31)
    assert not vacancy.still_short
    assert (independence.blocked_by is vacancy) is blocked
    assert independence.covers(event) is not blocked


def test_5605c4_two_successive_recorded_cures_the_second_after_the_first_ended():
    roster = [seat(ALICE), seat(BOB), seat(DANA)]
    first = cure(DANA, D(2026, 3, 2), ended_on=D(2026, 6, 30))
    on_last_day = episodes(roster, [first, cure(BOB, D(2026, 6, 30))])
    day_after = episodes(roster, [first, cure(BOB, D(2026, 7, 1))])
    assert on_last_day[1].blocked_by is on_last_day[0]
    assert day_after[1].valid
    assert [e.valid for e in day_after] == [True, True]


def test_5605c4_a_blocked_cure_does_not_block_a_later_one():
    """Only a cure that runs blocks another: the first runs to 2 March 2027; the second (blocked)
    would have run to 1 June 2027; a third beginning 3 March 2027 is valid."""
    roster = [seat(ALICE), seat(BOB), seat(DANA)]
    items = episodes(
        roster, [cure(DANA, D(2026, 3, 2)), cure(BOB, D(2026, 6, 1)), cure(ALICE, D(2027, 3, 3))]
    )
    assert [e.valid for e in items] == [True, False, True]
    assert items[1].blocked_by is items[0]


def test_5605c4_same_day_the_recorded_cure_is_taken_before_the_vacancy():
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30))]
    items = episodes(roster, [cure(BOB, D(2026, 5, 1))])
    assert [e.kind for e in items] == [INDEPENDENCE, VACANCY]
    assert items[1].blocked_by is items[0]


def test_5605c4_episodes_are_in_event_order_whatever_the_record_order():
    roster = [seat(ALICE), seat(BOB), seat(DANA)]
    items = episodes(roster, [cure(BOB, D(2027, 4, 1)), cure(DANA, D(2026, 3, 2))])
    assert [e.start for e in items] == [D(2026, 3, 2), D(2027, 4, 1)]
    assert items[1].valid


# One vacancy: the roster fell from full to one short (5605(c)(4)(B)) ---------------------------


def vacancies(memberships, as_of, meetings=(), required=3):
    return vacancy_episodes(memberships, required, as_of, list(meetings))


def test_5605c4B_vacancy_begins_the_day_after_the_member_left_not_on_their_last_day():
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30))]
    assert vacancies(roster, D(2026, 4, 30)) == []
    (vacancy,) = vacancies(roster, D(2026, 5, 1))
    assert (vacancy.event, vacancy.start) == (D(2026, 4, 30), D(2026, 5, 1))
    assert vacancy.deadline == vacancy.last_day == D(2027, 4, 30)
    assert vacancy.still_short
    assert vacancy.who == "Carla Diaz"
    assert vacancy.director_ids == (CARLA.pk,)
    assert vacancy.meeting is None
    assert vacancy.description == "the vacancy cure after Carla Diaz left on 30 April 2026"


@pytest.mark.parametrize(
    ("as_of", "still_short", "last_day"),
    [
        (D(2026, 8, 31), True, D(2027, 4, 30)),
        (D(2026, 9, 1), False, D(2026, 8, 31)),  # filled on as_of itself
    ],
)
def test_5605c4B_vacancy_ends_the_day_before_the_seat_is_filled(as_of, still_short, last_day):
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30)), seat(HANA, D(2026, 9, 1))]
    (vacancy,) = vacancies(roster, as_of)
    assert vacancy.still_short is still_short
    assert vacancy.last_day == last_day


def test_5605c4B_a_seat_filled_only_after_the_deadline_leaves_the_deadline():
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30)), seat(HANA, D(2027, 6, 1))]
    (vacancy,) = vacancies(roster, D(2027, 6, 1))
    assert vacancy.last_day == D(2027, 4, 30)
    assert not vacancy.still_short


def test_5605c4B_a_replacement_seated_the_day_after_leaves_no_vacancy():
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30)), seat(HANA, D(2026, 5, 1))]
    assert vacancies(roster, D(2026, 6, 1)) == []


def test_5605c4B_a_vacancy_after_an_earlier_one_was_filled_is_a_new_episode():
    roster = [
        seat(ALICE),
        seat(BOB, end=D(2026, 4, 30)),
        seat(CARLA, D(2026, 6, 1)),
        seat(DANA, end=D(2026, 10, 31)),
    ]
    first, second = vacancies(roster, D(2026, 12, 1))
    assert (first.start, first.last_day, first.still_short) == (
        D(2026, 5, 1),
        D(2026, 5, 31),
        False,
    )
    assert (second.start, second.who, second.still_short) == (
        D(2026, 11, 1),
        "Dana Whitfield",
        True,
    )


def test_5605c4B_two_members_leaving_together_are_two_vacancies_and_no_cure():
    roster = [seat(ALICE), seat(BOB, end=D(2026, 4, 30)), seat(CARLA, end=D(2026, 4, 30))]
    assert vacancies(roster, D(2026, 6, 1)) == []


def test_5605c4B_a_committee_above_the_minimum_losing_one_member_has_no_vacancy():
    roster = [seat(ALICE), seat(BOB), seat(DANA), seat(CARLA, end=D(2026, 4, 30))]
    assert vacancies(roster, D(2026, 6, 1)) == []


def test_5605c4B_a_committee_never_at_full_strength_has_no_vacancy_cure():
    roster = [seat(ALICE), seat(BOB, D(2026, 1, 1)), seat(CARLA, D(2026, 1, 1), D(2026, 4, 30))]
    (vacancy,) = vacancies(roster, D(2026, 6, 1))  # full from 1 January 2026
    assert vacancy.start == D(2026, 5, 1)
    short_from_the_start = [seat(ALICE), seat(BOB, D(2026, 1, 1))]
    assert vacancies(short_from_the_start, D(2026, 6, 1)) == []


def test_5605c4B_a_member_changing_seats_on_the_same_day_is_not_the_leaver():
    """Bob's chair seat ends and his member seat continues: Carla, who left, is the vacancy."""
    roster = [
        seat(ALICE),
        seat(BOB, end=D(2026, 4, 30)),
        seat(BOB, D(2026, 5, 1)),
        seat(CARLA, end=D(2026, 4, 30)),
    ]
    (vacancy,) = vacancies(roster, D(2026, 6, 1))
    assert vacancy.who == "Carla Diaz"
    assert vacancy.director_ids == (CARLA.pk,)


def test_5605c4B_the_vacancy_follows_the_listing_minimum_it_is_given():
    roster = [seat(ALICE), seat(BOB, end=D(2026, 4, 30))]
    (vacancy,) = vacancies(roster, D(2026, 6, 1), required=2)
    assert vacancy.start == D(2026, 5, 1)
    assert vacancies(roster, D(2026, 6, 1), required=3) == []


# Which branch of 5605(c)(4)(B) set the deadline ------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "deadline", "words"),
    [
        (
            D(2026, 4, 30),  # on the event day: not a meeting after the vacancy
            D(2027, 4, 30),
            "one year after the vacancy",
        ),
        (
            D(2026, 5, 1),
            D(2026, 10, 27),
            "180 days after the vacancy, because the annual meeting on 1 May 2026 falls "
            "within 180 days of it",
        ),
        (
            D(2026, 10, 27),  # exactly 180 days
            D(2026, 10, 27),
            "180 days after the vacancy, because the annual meeting on 27 October 2026 falls "
            "within 180 days of it",
        ),
        (D(2026, 10, 28), D(2026, 10, 28), "the date of the next annual meeting"),
        (D(2027, 4, 29), D(2027, 4, 29), "the date of the next annual meeting"),
        (D(2027, 5, 1), D(2027, 4, 30), "one year after the vacancy"),
    ],
)
def test_5605c4B_vacancy_deadline_and_its_explanation(meeting, deadline, words):
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30))]
    (vacancy,) = vacancies(roster, D(2026, 5, 1), meetings=[meeting])
    assert vacancy.deadline == deadline
    assert vacancy_deadline_words(vacancy) == words


def test_5605c4B_the_first_meeting_after_the_event_counts_not_a_later_one():
    roster = [seat(ALICE), seat(BOB), seat(CARLA, end=D(2026, 4, 30))]
    (vacancy,) = vacancies(
        roster, D(2026, 5, 1), meetings=[D(2025, 5, 20), D(2026, 11, 20), D(2027, 1, 5)]
    )
    assert vacancy.meeting == D(2026, 11, 20)
    assert vacancy.deadline == D(2026, 11, 20)


def test_5605c4B_a_committee_built_up_seat_by_seat_gets_the_cure_once_it_was_full():
    """Two members on 1 March 2024 (one short, but never full before), three from 1 June 2024:
    the later fall to two is a vacancy."""
    roster = [
        seat(ALICE),
        seat(BOB, D(2024, 3, 1)),
        seat(CARLA, D(2024, 6, 1), D(2026, 4, 30)),
    ]
    (vacancy,) = vacancies(roster, D(2026, 6, 1))
    assert (vacancy.start, vacancy.who) == (D(2026, 5, 1), "Carla Diaz")
