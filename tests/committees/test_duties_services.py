"""Writes of the committee's own duties (Charter: Responsibilities 6 and 7; Nasdaq 5605(c)(1)):
only the right people, final answers, nothing half-saved, and the dashboard's deadline re-evaluated
as soon as the record commits. "Today" is 15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from committees.duties import services
from committees.models import AdvisorEngagement, Answer, CharterReview, Response
from committees.requirements import CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY
from deadlines.models import Occurrence
from deadlines.services import deadlines_run
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire

D = datetime.date
TODAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def submit(questionnaire, user, answers=None, as_of=TODAY):
    return services.evaluation_submit(
        questionnaire=questionnaire,
        user=user,
        answers=answers_for(questionnaire) if answers is None else answers,
        as_of=as_of,
    )


def test_a_member_answers_once_and_the_answers_are_final(audit_committee, member):
    """Charter: Responsibilities 7: each member answers; once submitted the answers are final."""
    questionnaire = make_questionnaire(audit_committee)
    response = submit(questionnaire, member)
    assert response.submitted_on == TODAY
    assert Answer.objects.filter(response=response).count() == 3  # the optional one was blank
    with pytest.raises(ValidationError, match="already submitted your answers; they are final"):
        submit(questionnaire, member, answers_for(questionnaire, rating=1))
    assert set(Answer.objects.values_list("rating", flat=True)) == {4, None}


def test_only_a_member_serving_on_that_committee_may_answer(
    audit_committee, other_member, secretary, outsider, board_reader
):
    questionnaire = make_questionnaire(audit_committee)
    for user in (other_member, secretary, outsider, board_reader):
        with pytest.raises(PermissionDenied, match="Only a member serving on the committee"):
            submit(questionnaire, user)
    assert not Response.objects.exists()


def test_a_former_member_may_not_answer(audit_committee):
    user = f.UserFactory()
    f.seat_qualified_member(audit_committee, user=user)
    seat = audit_committee.memberships.get(director__user=user)
    seat.end_date = D(2026, 6, 14)
    seat.save()
    with pytest.raises(PermissionDenied):
        submit(make_questionnaire(audit_committee), user)


def test_answers_are_taken_only_while_the_questionnaire_is_open(audit_committee, member):
    """Open from 1 to 30 June 2026 inclusive: 31 May and 1 July are refused."""
    questionnaire = make_questionnaire(audit_committee)
    with pytest.raises(ValidationError, match="opens on 1 June 2026"):
        submit(questionnaire, member, as_of=D(2026, 5, 31))
    with pytest.raises(ValidationError, match="closed on 30 June 2026"):
        submit(questionnaire, member, as_of=D(2026, 7, 1))
    assert submit(questionnaire, member, as_of=D(2026, 6, 30)).submitted_on == D(2026, 6, 30)


def test_a_missing_required_answer_saves_nothing(audit_committee, member):
    questionnaire = make_questionnaire(audit_committee)
    first, second, text, _ = questionnaire.questions.order_by("order")
    with pytest.raises(ValidationError) as caught:
        submit(questionnaire, member, {first.pk: 3, second.pk: "9", text.pk: " "})
    assert caught.value.message_dict == {
        f"question_{second.pk}": ["Choose a rating from 1 to 5."],
        f"question_{text.pk}": ["This question needs an answer."],
    }
    with pytest.raises(ValidationError, match="cannot be stored"):
        submit(questionnaire, member, {first.pk: 3, second.pk: 3, text.pk: "a\x00b"})
    other = make_questionnaire(audit_committee, title="Other")
    with pytest.raises(ValidationError, match="not for a question of this questionnaire"):
        submit(questionnaire, member, {**answers_for(questionnaire), other.questions.first().pk: 2})
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_charter_review_record_refuses_a_future_date_and_a_second_review_that_day(
    audit_committee, chair
):
    """Nasdaq 5605(c)(1)."""
    values = {
        "committee": audit_committee,
        "held_at": CharterReview.HeldAt.MEETING,
        "held_at_reference": "Audit Committee meeting of 12 February 2026",
        "outcome": CharterReview.Outcome.NO_CHANGE,
        "recorded_by": chair,
        "as_of": TODAY,
    }
    with pytest.raises(ValidationError, match="cannot be dated after today"):
        services.charter_review_record(reviewed_on=D(2026, 6, 16), **values)
    services.charter_review_record(reviewed_on=D(2026, 2, 12), **values)
    with pytest.raises(ValidationError, match="12 February 2026 is already recorded"):
        services.charter_review_record(reviewed_on=D(2026, 2, 12), **values)
    with pytest.raises(ValidationError, match="needs its new version"):
        services.charter_review_record(
            reviewed_on=D(2026, 2, 13), **{**values, "outcome": CharterReview.Outcome.AMENDED}
        )
    assert CharterReview.objects.count() == 1


def test_recording_a_review_turns_the_overdue_deadline_met_at_once(
    on_today, audit_committee, chair, django_capture_on_commit_callbacks
):
    """Charter: Responsibilities 7: the charter adopted 15 January 2020 was never reviewed, so
    the review is overdue; recording it closes the occurrence as met the same day."""
    deadlines_run(as_of=TODAY)
    occurrence = Occurrence.objects.get(
        committee=audit_committee, requirement_key=CHARTER_REVIEW_KEY
    )
    assert occurrence.status == "overdue"
    with django_capture_on_commit_callbacks(execute=True):
        services.charter_review_record(
            committee=audit_committee,
            reviewed_on=TODAY,
            held_at=CharterReview.HeldAt.WRITTEN_CONSENT,
            held_at_reference="Unanimous written consent of 15 June 2026",
            outcome=CharterReview.Outcome.NO_CHANGE,
            recorded_by=chair,
            as_of=TODAY,
        )
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.is_open, occurrence.met_on) == ("met", False, TODAY)
    assert occurrence.evidence.get().label == "Charter review of 15 June 2026"


def test_the_last_answer_turns_the_self_evaluation_met(
    on_today, audit_committee, chair, member, django_capture_on_commit_callbacks
):
    """Charter: Responsibilities 7: met when every member serving on the close date answered."""
    questionnaire = make_questionnaire(audit_committee)
    deadlines_run(as_of=TODAY)
    occurrence = Occurrence.objects.get(
        committee=audit_committee, requirement_key=SELF_EVALUATION_KEY
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(questionnaire, chair)
    occurrence.refresh_from_db()
    assert occurrence.is_open and "1 of 2 members have answered" in occurrence.detail
    with django_capture_on_commit_callbacks(execute=True):
        submit(questionnaire, member)
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.met_on) == ("met", TODAY)
    assert "2 of 2 members answered, 100%" in occurrence.evidence.get().label


def test_advisor_engagement_and_payments(audit_committee):
    """Charter: Responsibilities 6: the register of advisors paid by the company."""
    engagement = services.advisor_engagement_record(
        committee=audit_committee,
        name="Harborview Forensic Accounting",
        kind=AdvisorEngagement.Kind.ACCOUNTING,
        purpose="Forensic accounting support.",
        engaged_on=D(2026, 3, 1),
        fee_budget=Decimal("60000.00"),
    )
    with pytest.raises(ValidationError, match="cannot be dated after today"):
        services.advisor_payment_record(
            engagement=engagement, paid_on=D(2026, 6, 16), amount=Decimal("1"), as_of=TODAY
        )
    with pytest.raises(ValidationError, match="cannot be negative"):
        services.advisor_payment_record(
            engagement=engagement, paid_on=D(2026, 6, 1), amount=Decimal("-5"), as_of=TODAY
        )
    with pytest.raises(ValidationError, match="Say what the advisor was engaged for"):
        services.advisor_engagement_update(engagement=engagement, purpose="  ")
    payment = services.advisor_payment_record(
        engagement=engagement, paid_on=D(2026, 6, 1), amount=Decimal("60000.01"), as_of=TODAY
    )
    assert payment.pk and engagement.payments.count() == 1
    engagement.refresh_from_db()
    assert engagement.purpose == "Forensic accounting support."
