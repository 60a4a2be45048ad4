"""The committee's own duty records refuse bad input with a message a director understands
(Charter: Responsibilities 6 and 7; Nasdaq 5605(c)(1)). "Today" is 15 June 2026.

Also holds the small builders the other duties tests share."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    CharterReview,
    Question,
    Questionnaire,
    Response,
)
from tests import factories as f

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


JUNE_1 = D(2026, 6, 1)
JUNE_30 = D(2026, 6, 30)


def make_questionnaire(committee, *, opens=JUNE_1, closes=JUNE_30, title="FY2026"):
    questionnaire = Questionnaire.objects.create(
        committee=committee, title=title, fiscal_year=2026, opens_on=opens, closes_on=closes
    )
    Question.objects.create(questionnaire=questionnaire, order=1, text="Meetings work well.")
    Question.objects.create(
        questionnaire=questionnaire, order=2, text="Auditor oversight is effective."
    )
    Question.objects.create(
        questionnaire=questionnaire, order=3, text="What should change?", kind=Question.Kind.TEXT
    )
    Question.objects.create(
        questionnaire=questionnaire,
        order=4,
        text="Anything else?",
        kind=Question.Kind.TEXT,
        required=False,
    )
    return questionnaire


def answers_for(questionnaire, *, rating=4, text="Fine."):
    return {
        q.pk: (rating if q.is_rating else text)
        for q in questionnaire.questions.order_by("order")
        if q.required
    }


def review(committee, day, **values):
    values.setdefault("held_at", CharterReview.HeldAt.MEETING)
    values.setdefault("held_at_reference", f"{committee.name} meeting of {day}")
    values.setdefault("outcome", CharterReview.Outcome.NO_CHANGE)
    return CharterReview.objects.create(committee=committee, reviewed_on=day, **values)


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


# Charter reviews (Nasdaq 5605(c)(1)) --------------------------------------------------------


def test_a_review_cannot_be_dated_in_the_future(audit_committee):
    """Nasdaq 5605(c)(1): a review is recorded once held; 16 June 2026 is tomorrow."""
    row = CharterReview(
        committee=audit_committee,
        reviewed_on=D(2026, 6, 16),
        held_at="meeting",
        held_at_reference="Meeting of 16 June 2026",
        outcome="no_change",
    )
    assert errors_of(row)["reviewed_on"] == ["A charter review cannot be in the future."]
    row.reviewed_on = D(2026, 6, 15)
    row.full_clean()


def test_an_amended_charter_needs_its_new_version_from_the_same_committee(
    audit_committee, other_committee
):
    row = CharterReview(
        committee=audit_committee,
        reviewed_on=D(2026, 2, 12),
        held_at="written_consent",
        held_at_reference="Written consent of 12 February 2026",
        outcome="amended",
    )
    assert "needs its new version" in errors_of(row)["new_charter_version"][0]
    row.new_charter_version = other_committee.charter_versions.get()
    assert errors_of(row)["new_charter_version"] == [
        "That charter version belongs to another committee."
    ]
    row.new_charter_version = f.CharterVersionFactory(
        committee=audit_committee,
        label="Amended 2026",
        adopted_on=D(2026, 2, 12),
        effective_from=D(2026, 2, 12),
    )
    row.full_clean()
    row.outcome = "no_change"
    assert "Only an amended charter" in errors_of(row)["new_charter_version"][0]


def test_a_review_names_where_it_was_held_and_one_per_day(audit_committee):
    row = CharterReview(
        committee=audit_committee,
        reviewed_on=D(2026, 2, 12),
        held_at="meeting",
        held_at_reference="   ",
        outcome="no_change",
    )
    assert "which meeting or written consent" in errors_of(row)["held_at_reference"][0]
    review(audit_committee, D(2026, 2, 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        review(audit_committee, D(2026, 2, 12), held_at_reference="Another")
    # The database refuses an amended outcome without a version even past clean().
    with pytest.raises(IntegrityError), transaction.atomic():
        review(audit_committee, D(2026, 2, 13), outcome="amended")


# Self-evaluations (Charter: Responsibilities 7) ---------------------------------------------


def test_a_questionnaire_cannot_close_before_it_opens(audit_committee):
    row = Questionnaire(
        committee=audit_committee,
        title="FY2026",
        fiscal_year=2026,
        opens_on=D(2026, 6, 10),
        closes_on=D(2026, 6, 9),
    )
    assert errors_of(row)["closes_on"] == ["The end date cannot be before the start date."]
    row.fiscal_year = 1066
    row.closes_on = D(2026, 6, 10)
    assert "fiscal_year" in errors_of(row)


def test_an_answer_is_validated_by_its_question_kind(audit_committee, member):
    questionnaire = make_questionnaire(audit_committee)
    rating_q, _, text_q, optional_q = questionnaire.questions.order_by("order")
    response = Response.objects.create(
        questionnaire=questionnaire,
        director=member.director,
        submitted_on=D(2026, 6, 15),
        submitted_at=datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC),
    )
    assert (
        "takes a rating"
        in errors_of(Answer(response=response, question=rating_q, text="x"))["text"][0]
    )
    assert "from 1 to 5" in errors_of(Answer(response=response, question=rating_q))["rating"][0]
    assert "rating" in errors_of(Answer(response=response, question=rating_q, rating=6))
    assert "rating" in errors_of(Answer(response=response, question=rating_q, rating=0))
    Answer(response=response, question=rating_q, rating=5).full_clean()
    Answer(response=response, question=rating_q, rating=1).full_clean()
    assert (
        "written answer"
        in errors_of(Answer(response=response, question=text_q, rating=3))["rating"][0]
    )
    assert errors_of(Answer(response=response, question=text_q, text="  "))["text"] == [
        "This question needs an answer."
    ]
    Answer(response=response, question=optional_q, text="").full_clean()
    other = make_questionnaire(audit_committee, title="Other")
    stray = Answer(response=response, question=other.questions.first(), rating=3)
    assert "another questionnaire" in str(errors_of(stray))
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=rating_q, rating=7)


def test_one_response_per_member_and_questionnaire(audit_committee, member):
    questionnaire = make_questionnaire(audit_committee)
    values = {
        "questionnaire": questionnaire,
        "director": member.director,
        "submitted_on": D(2026, 6, 15),
        "submitted_at": datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC),
    }
    Response.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(**values)


# Advisors (Charter: Responsibilities 6) -------------------------------------------------------


def engagement(committee, **values):
    values = {
        "name": "Whitmore & Lane LLP",
        "kind": AdvisorEngagement.Kind.LEGAL_COUNSEL,
        "purpose": "Independent counsel for an inquiry.",
        "engaged_on": D(2026, 1, 10),
        "fee_budget": Decimal("100000.00"),
        **values,
    }
    return AdvisorEngagement(committee=committee, **values)


def test_an_engagement_budget_cannot_be_negative_and_ends_after_it_starts(audit_committee):
    row = engagement(audit_committee, fee_budget=Decimal("-0.01"))
    assert errors_of(row)["fee_budget"] == ["An amount cannot be negative."]
    row = engagement(audit_committee, fee_budget=Decimal("0.00"), ended_on=D(2026, 1, 9))
    assert errors_of(row)["ended_on"] == ["The end date cannot be before the start date."]
    row = engagement(audit_committee, approved_by_committee_on=D(2026, 6, 16))
    assert "cannot be in the future" in errors_of(row)["approved_by_committee_on"][0]
    row = engagement(audit_committee, purpose=" ")
    assert errors_of(row)["purpose"] == ["Say what the advisor was engaged for."]
    engagement(audit_committee, fee_budget=Decimal("0.00")).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        engagement(audit_committee, fee_budget=Decimal("-1")).save()


def test_a_payment_is_not_negative_nor_before_the_engagement(audit_committee):
    row = engagement(audit_committee)
    row.save()
    bad = AdvisorPayment(engagement=row, paid_on=D(2026, 1, 9), amount=Decimal("-1"))
    errors = errors_of(bad)
    assert errors["amount"] == ["An amount cannot be negative."]
    assert "before the advisor was engaged (10 January 2026)" in errors["paid_on"][0]
    assert "paid_on" in errors_of(
        AdvisorPayment(engagement=row, paid_on=D(2026, 6, 16), amount=Decimal("1"))
    )
    AdvisorPayment(engagement=row, paid_on=D(2026, 1, 10), amount=Decimal("0")).full_clean()


def test_over_budget_is_a_cent_over_not_at_the_budget(audit_committee):
    row = engagement(audit_committee, fee_budget=Decimal("1000.00"))
    assert not row.is_over_budget(Decimal("1000.00"))
    assert row.is_over_budget(Decimal("1000.01"))
