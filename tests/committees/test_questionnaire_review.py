"""Issue 12: the secretary's review. The effect preview is computed with the very code
acceptance runs, in a transaction rolled back: what it shows is what acceptance produces, and
previewing changes nothing. Then the board's batch of determinations. "Today" is 15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from committees import models as m
from committees.compliance import director_independence
from committees.questionnaire import effects, services
from tests.committees import questionnaire_support as q

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def certified_job(member, secretary, audit_committee):
    """Bob reports a sibling who became a subsidiary's CFO on 1 April 2026, and certifies."""
    q.open_round(secretary)
    questionnaire = q.start(member)
    sibling = q.new_family(questionnaire)
    job = q.executive_job(questionnaire, f"a{sibling.pk}")
    q.answer_every_section(questionnaire)
    q.certify(questionnaire, member)
    job.refresh_from_db()
    return job


def _counts():
    return (
        m.FamilyMember.objects.count(),
        m.Employment.objects.count(),
        m.DirectorAnswer.objects.filter(review="accepted").count(),
        m.Employment.history.count(),
    )


def test_the_preview_equals_the_result_after_acceptance(certified_job, secretary, member):
    """Nasdaq 5605(a)(2)(C) and the audit committee's independence finding (5605(c)(2)(A)):
    the state the preview computes after acceptance is the state acceptance produces, day by
    day; and the preview itself writes nothing."""
    before = _counts()
    preview = effects.answer_preview(certified_job, reviewed_by=secretary)
    assert _counts() == before
    assert not preview.error and preview.changes
    days = effects.effect_days(certified_job, q.TODAY)
    assert days == [D(2026, 4, 1), D(2026, 6, 15)]
    services.answer_accept(answer=certified_job, reviewed_by=secretary)
    bob = q.director_of(member)
    assert effects.effect_state(bob, days) == preview.after
    assert effects.effect_state(bob, days) != preview.before


def test_the_preview_names_the_test_the_finding_and_the_cure_period(certified_job, secretary):
    """From 1 April 2026 test (C) fails; the audit committee's independence finding turns
    failing; a cure period could open until a year after the event (no annual meeting known)."""
    preview = effects.answer_preview(certified_job, reviewed_by=secretary)
    test_c = [c for c in preview.changes if c.title.startswith("Test (C)")]
    assert {c.day for c in test_c} == {D(2026, 4, 1), D(2026, 6, 15)}
    assert all(c.before == "passes" and c.after == "fails" for c in test_c)
    finding = [c for c in preview.changes if c.title == "Independent members" and c.day == q.TODAY]
    assert finding and finding[0].before == "met" and finding[0].after == "failing"
    (note,) = preview.cure
    assert "1 April 2026" in note and "1 April 2027" in note and "5605(c)(4)" in note


def test_a_running_cure_period_means_none_could_open(certified_job, secretary, chair):
    """Nasdaq 5605(c)(4): only one cure period at a time."""
    alice = q.director_of(chair)
    from tests import factories as f

    f.lose_independence_in_cure_period(
        certified_job.questionnaire.director.memberships.first().committee,
        alice,
        event=D(2026, 5, 1),
    )
    preview = effects.answer_preview(certified_job, reviewed_by=secretary)
    assert any("only one may run at a time" in note for note in preview.cure)


def test_a_preview_of_an_answer_that_cannot_be_accepted_says_why(member, secretary):
    """The birth year set after the answer was given: acceptance would refuse, so the
    preview says so instead of showing an effect."""
    q.open_round(secretary)
    questionnaire = q.start(member)
    job = q.executive_job(questionnaire, "", start=D(1990, 1, 1))
    q.answer_every_section(questionnaire)
    q.certify(questionnaire, member)
    bob = questionnaire.director
    bob.birth_year = 1995
    bob.save()
    job.refresh_from_db()
    preview = effects.answer_preview(job, reviewed_by=secretary)
    assert "before your birth year" in preview.error
    with pytest.raises(ValidationError):
        services.answer_accept(answer=job, reviewed_by=secretary)
    job.refresh_from_db()
    assert job.review == "pending" and m.Employment.objects.count() == 0


def test_an_answer_accepted_twice_is_refused(certified_job, secretary):
    services.answer_accept(answer=certified_job, reviewed_by=secretary)
    with pytest.raises(ValidationError, match="already accepted"):
        services.answer_accept(answer=certified_job, reviewed_by=secretary)


def test_returning_needs_a_question(certified_job, secretary):
    with pytest.raises(ValidationError):
        services.answer_return(answer=certified_job, reviewed_by=secretary, question="  ")
    certified_job.refresh_from_db()
    assert certified_job.review == "pending"


# The board's batch -----------------------------------------------------------------------


@pytest.fixture
def everyone_certified(chair, member, secretary, audit_committee):
    """Every director (Alice, Bob and a third member) certified; Bob holds 12% and reported
    nothing else."""
    from tests import factories as f

    third = f.seat_qualified_member(audit_committee, full_name="Dana Third")
    third.user = f.UserFactory(email="dana@example.test")
    third.save()
    q.open_round(secretary)
    for user in (chair, member, third.user):
        questionnaire = q.start(user)
        q.answer_every_section(questionnaire, equity="12" if user == member else "0.5")
        q.certify(questionnaire, user)
    # Each holding differs from the record's 0%: the secretary accepts each statement.
    for answer in m.DirectorAnswer.objects.filter(review="pending"):
        services.answer_accept(answer=answer, reviewed_by=secretary)
    return q.open_round()


def test_the_batch_waits_for_every_certification_and_review(member, secretary, audit_committee):
    q.open_round(secretary)
    questionnaire = q.start(member)
    q.new_family(questionnaire)
    with pytest.raises(ValidationError, match="Not certified yet"):
        services.batch_prepare(round=q.open_round(), prepared_by=secretary, as_of=q.TODAY)
    assert m.DeterminationBatch.objects.count() == 0


def test_the_batch_proposes_from_the_answers_and_the_tests(everyone_certified, secretary, member):
    """SEC Rule 10A-3(e)(1)(ii): Bob's 12% is above the safe harbour, so the proposal finds him
    an affiliated person; every test passes, so each is proposed independent."""
    batch = services.batch_prepare(round=everyone_certified, prepared_by=secretary, as_of=q.TODAY)
    items = {item.director.full_name: item for item in batch.items.all()}
    assert set(items) == {"Alice Chair", "Bob Member", "Dana Third"}
    bob = items["Bob Member"]
    assert bob.voting_equity_percent == Decimal("12.00") and bob.is_affiliated_person
    assert all(item.is_independent and item.audit_member for item in items.values())
    assert len(bob.explanation["tests"]) == 6


def test_adopting_records_every_determination_dated_that_day(everyone_certified, secretary):
    """Nasdaq 5605(a)(2), 5605(c)(2)(A), Regulation S-K Item 407(d)(5): each director's
    determinations recorded on the meeting's day, naming the meeting."""
    batch = services.batch_prepare(round=everyone_certified, prepared_by=secretary, as_of=q.TODAY)
    before = m.IndependenceDetermination.objects.count()
    services.batch_adopt(
        batch=batch,
        adopted_on=q.TODAY,
        meeting_reference="Board meeting of 15 June 2026",
        adopted_by=secretary,
    )
    assert m.IndependenceDetermination.objects.count() == before + 3
    for item in batch.items.all():
        assert item.independence.determined_on == q.TODAY
        assert item.independence.board_resolution == "Board meeting of 15 June 2026"
        assert item.literacy.is_financially_literate
    bob = m.Director.objects.get(full_name="Bob Member")
    assert director_independence(bob, q.TODAY).determination.voting_equity_percent == Decimal("12")


def test_adoption_refuses_a_future_day_or_no_meeting_and_saves_nothing(
    everyone_certified, secretary
):
    batch = services.batch_prepare(round=everyone_certified, prepared_by=secretary, as_of=q.TODAY)
    before = m.IndependenceDetermination.objects.count()
    with pytest.raises(ValidationError, match="still to come"):
        services.batch_adopt(
            batch=batch, adopted_on=D(2026, 6, 16), meeting_reference="Board", adopted_by=secretary
        )
    with pytest.raises(ValidationError, match="Name the board meeting"):
        services.batch_adopt(
            batch=batch, adopted_on=q.TODAY, meeting_reference=" ", adopted_by=secretary
        )
    batch.refresh_from_db()
    assert not batch.is_adopted and m.IndependenceDetermination.objects.count() == before
    services.batch_adopt(
        batch=batch, adopted_on=q.TODAY, meeting_reference="Board", adopted_by=secretary
    )
    with pytest.raises(ValidationError, match="were adopted on 15 June 2026"):
        services.batch_adopt(
            batch=batch, adopted_on=q.TODAY, meeting_reference="Board", adopted_by=secretary
        )
