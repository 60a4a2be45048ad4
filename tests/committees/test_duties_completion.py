"""Self-evaluation completion (Charter: Responsibilities 7): who is expected to answer and how
the share is written. Expected are the members serving on the questionnaire's closing date who
have a portal login; a member who left keeps their answer but is not expected; the free-text
question may be left blank; percentages are whole numbers that add up. "Today" is 15 June 2026;
the questionnaire is open from 1 to 30 June 2026."""

import datetime

import pytest
import time_machine

from committees.duties.completion import Completion, completions
from committees.duties.selectors import evaluation_aggregate
from committees.models import Response
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire
from tests.committees.test_duties_services import submit

D = datetime.date
CLOSES = D(2026, 6, 30)
AFTER = D(2026, 7, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def completion_of(questionnaire, as_of=AFTER) -> Completion:
    return completions([questionnaire], as_of)[questionnaire.pk]


def third_member(committee, *, last_day=None, login=True, active=True):
    """A third audit member, who may leave (``last_day`` is the last day on the committee)."""
    user = f.UserFactory(is_active=active) if login else None
    director = f.seat_qualified_member(committee, full_name="Dana Third", user=user)
    if last_day is not None:
        seat = committee.memberships.get(director=director)
        seat.end_date = last_day
        seat.save()
    return director, user


@pytest.mark.parametrize(
    ("last_day", "expected"),
    [(CLOSES - datetime.timedelta(days=1), 2), (CLOSES, 3), (None, 3)],
    ids=["left-the-day-before-closing", "left-on-the-closing-day", "still-serving"],
)
def test_expected_are_the_members_serving_on_the_closing_date(
    audit_committee, chair, member, last_day, expected
):
    """Charter: Responsibilities 7: a member whose last day is the closing date still serves on
    it and is expected; one who left the day before is not."""
    third_member(audit_committee, last_day=last_day)
    questionnaire = make_questionnaire(audit_committee)
    assert completion_of(questionnaire).total == expected


def test_a_member_who_left_keeps_their_answer_but_is_not_expected(audit_committee, chair, member):
    """Charter: Responsibilities 7: Dana answered on 10 June and left on 29 June; the chair and
    Bob answering completes the questionnaire (2 of 2), and Dana's answer stays in the results."""
    _, dana = third_member(audit_committee, last_day=CLOSES - datetime.timedelta(days=1))
    questionnaire = make_questionnaire(audit_committee)
    submit(questionnaire, dana, as_of=D(2026, 6, 10))
    submit(questionnaire, chair, as_of=D(2026, 6, 12))
    done = completion_of(questionnaire)
    assert (done.answered, done.total, done.rate, done.is_complete) == (1, 2, 50, False)
    submit(questionnaire, member, as_of=D(2026, 6, 14))
    done = completion_of(questionnaire)
    assert (done.answered, done.total, done.rate) == (2, 2, 100)
    assert done.is_complete and done.completed_on == D(2026, 6, 14)
    assert Response.objects.filter(questionnaire=questionnaire, user=dana).exists()
    aggregate = evaluation_aggregate(questionnaire, D(2026, 7, 1), reader=None, include_text=False)
    assert aggregate.responses == 3  # her answer is kept and counted in the results


@pytest.mark.parametrize("login", ["none", "inactive"])
def test_a_member_who_cannot_log_in_is_not_expected(audit_committee, chair, member, login):
    """Charter: Responsibilities 7: a member without a portal login (or whose login is switched
    off) cannot answer, so completion does not wait for them."""
    third_member(audit_committee, login=login != "none", active=False)
    questionnaire = make_questionnaire(audit_committee)
    submit(questionnaire, chair)
    submit(questionnaire, member)
    done = completion_of(questionnaire)
    assert (done.answered, done.total, done.rate, done.is_complete) == (2, 2, 100, True)


def test_an_answer_given_before_the_login_was_switched_off_still_counts(
    audit_committee, chair, member
):
    """Charter: Responsibilities 7: the answer is on the record, so the member is counted."""
    _, dana = third_member(audit_committee)
    questionnaire = make_questionnaire(audit_committee)
    submit(questionnaire, dana)
    dana.is_active = False
    dana.save()
    done = completion_of(questionnaire)
    assert (done.answered, done.total, done.rate) == (1, 3, 33)


def test_the_free_text_question_may_be_left_blank(audit_committee, chair):
    """Charter: Responsibilities 7: an optional written question left blank still submits."""
    questionnaire = make_questionnaire(audit_committee)
    optional = questionnaire.questions.get(required=False)
    answers = answers_for(questionnaire)
    answers[optional.pk] = ""
    submit(questionnaire, chair, answers=answers)
    assert completion_of(questionnaire).answered == 1


def _completion(answered: int, total: int) -> Completion:
    expected = frozenset(range(total))
    return Completion(
        questionnaire=None,
        expected=expected,
        submitted={pk: D(2026, 6, 1) for pk in range(answered)},
    )


@pytest.mark.parametrize(
    ("answered", "total", "rate"),
    [
        (0, 3, 0),
        (1, 3, 33),
        (2, 3, 67),  # rounded, never cut down to 66
        (3, 3, 100),
        (1, 2, 50),
        (1, 6, 17),
        (5, 6, 83),
        (199, 200, 99),  # never 100 until everyone has answered
        (1, 300, 1),  # never 0 once someone has
        (0, 0, 0),
    ],
)
def test_percentages_are_whole_numbers_that_add_up(answered, total, rate):
    """Charter: Responsibilities 7: "2 of 3, 67%"; answered and still to answer add up to 100."""
    done = _completion(answered, total)
    assert done.rate == rate
    if total:
        assert done.rate + done.outstanding_rate == 100


def test_the_label_reads_as_people_write_it(audit_committee, chair, member):
    third_member(audit_committee)
    questionnaire = make_questionnaire(audit_committee)
    submit(questionnaire, chair)
    submit(questionnaire, member)
    assert completion_of(questionnaire).label == "FY2026: 2 of 3 members answered, 67%"
