"""Writes of the committee's own duties. Each validates the whole row before saving, inside a
transaction, so bad input saves nothing; a review or a completed answer then re-evaluates the
committee's open deadlines after commit (deadlines.freshness watches every committees record)."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    CharterReview,
    Committee,
    Director,
    Membership,
    Questionnaire,
    Response,
)
from committees.models.duties import RATING_MAX, RATING_MIN
from deadlines.wording import day_words

MAX_TEXT = 10_000


def _clean_text(value, field: str, *, limit: int = MAX_TEXT) -> str:
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        raise ValidationError({field: "This text contains a character that cannot be stored."})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this under {limit:,} characters."})
    return text


# Charter reviews ------------------------------------------------------------------------------


@transaction.atomic
def charter_review_record(
    *,
    committee: Committee,
    reviewed_on: datetime.date,
    held_at: str,
    held_at_reference: str,
    outcome: str,
    recorded_by,
    as_of: datetime.date,
    summary: str = "",
    new_charter_version=None,
) -> CharterReview:
    """Record the committee's annual charter review (Charter: Responsibilities 7; Nasdaq
    5605(c)(1)); an amended charter names its new version."""
    if reviewed_on and reviewed_on > as_of:
        raise ValidationError(
            {"reviewed_on": "A charter review cannot be dated after today; record it once held."}
        )
    if reviewed_on and committee.charter_reviews.filter(reviewed_on=reviewed_on).exists():
        raise ValidationError(
            {
                "reviewed_on": f"A charter review of {day_words(reviewed_on)} is already "
                "recorded for this committee."
            }
        )
    review = CharterReview(
        committee=committee,
        reviewed_on=reviewed_on,
        held_at=held_at,
        held_at_reference=_clean_text(held_at_reference, "held_at_reference", limit=200),
        outcome=outcome,
        summary=_clean_text(summary, "summary"),
        new_charter_version=new_charter_version,
        recorded_by=recorded_by,
    )
    review.full_clean()
    review.save()
    return review


# Self-evaluations -----------------------------------------------------------------------------


def _rating(question, raw):
    if raw in (None, ""):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    if value is None or not RATING_MIN <= value <= RATING_MAX:
        raise ValidationError(
            {f"question_{question.pk}": f"Choose a rating from {RATING_MIN} to {RATING_MAX}."}
        )
    return value


def _answers(questionnaire: Questionnaire, raw: dict) -> list[Answer]:
    """Unsaved answers for every question, after checking them all: every error at once."""
    questions = list(questionnaire.questions.order_by("order", "pk"))
    known = {question.pk for question in questions}
    unknown = {int(pk) for pk in raw if str(pk).isdigit() and int(pk) not in known}
    if unknown or any(not str(pk).isdigit() for pk in raw):
        raise ValidationError("Some answers are not for a question of this questionnaire.")
    values = {int(pk): value for pk, value in raw.items()}
    errors, answers = {}, []
    for question in questions:
        field = f"question_{question.pk}"
        try:
            if question.is_rating:
                answer = Answer(
                    question=question, rating=_rating(question, values.get(question.pk))
                )
                missing = answer.rating is None
            else:
                text = _clean_text(values.get(question.pk), field)
                answer = Answer(question=question, text=text)
                missing = not text
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if missing and question.required:
            errors[field] = ["This question needs an answer."]
        elif not missing:
            answers.append(answer)
    if errors:
        raise ValidationError(errors)
    return answers


@transaction.atomic
def evaluation_submit(
    *,
    questionnaire: Questionnaire,
    user,
    answers: dict,
    as_of: datetime.date,
    now: datetime.datetime | None = None,
) -> Response:
    """Submit a member's self-evaluation (Charter: Responsibilities 7): only a member serving on
    the committee while the questionnaire is open, every required question answered, and final
    once submitted. ``answers`` maps question id -> rating or text."""
    director = Director.objects.filter(user=user).first() if user.is_authenticated else None
    serving = (
        director is not None
        and Membership.objects.active_on(as_of)
        .filter(committee_id=questionnaire.committee_id, director=director)
        .exists()
    )
    if not serving:
        raise PermissionDenied(
            "Only a member serving on the committee can answer its self-evaluation."
        )
    if not questionnaire.is_open_on(as_of):
        when = (
            f"opens on {day_words(questionnaire.opens_on)}"
            if as_of < questionnaire.opens_on
            else f"closed on {day_words(questionnaire.closes_on)}"
        )
        raise ValidationError(
            f"This questionnaire {when}; answers are taken only while it is open."
        )
    # Lock the questionnaire row: two submissions of the same member wait for each other, and
    # the second then sees the first.
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    if Response.objects.filter(questionnaire=questionnaire, director=director).exists():
        raise ValidationError("You have already submitted your answers; they are final.")
    rows = _answers(questionnaire, answers)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            # The answers belong to the account that gave them, whatever the director's account
            # link becomes later (issue 7: nobody else reads them, the secretary included).
            response = Response.objects.create(
                questionnaire=questionnaire,
                director=director,
                user=user,
                submitted_on=as_of,
                submitted_at=now,
            )
    except IntegrityError:
        raise ValidationError("You have already submitted your answers; they are final.") from None
    for answer in rows:
        answer.response = response
        answer.full_clean()
        answer.save()
    return response


# Advisors (Charter: Responsibilities 6) ------------------------------------------------------


@transaction.atomic
def advisor_engagement_record(
    *,
    committee: Committee,
    name: str,
    kind: str,
    purpose: str,
    engaged_on: datetime.date,
    fee_budget: Decimal,
    firm: str = "",
    ended_on: datetime.date | None = None,
    approved_by_committee_on: datetime.date | None = None,
) -> AdvisorEngagement:
    """Enter an advisor the committee engaged with the company's funding (Charter:
    Responsibilities 6)."""
    engagement = AdvisorEngagement(
        committee=committee,
        name=_clean_text(name, "name", limit=200),
        firm=_clean_text(firm, "firm", limit=200),
        kind=kind,
        purpose=_clean_text(purpose, "purpose"),
        engaged_on=engaged_on,
        ended_on=ended_on,
        fee_budget=fee_budget,
        approved_by_committee_on=approved_by_committee_on,
    )
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def advisor_engagement_update(*, engagement: AdvisorEngagement, **fields) -> AdvisorEngagement:
    """Correct or end an engagement, with the same checks as a new one."""
    allowed = {
        "name",
        "firm",
        "kind",
        "purpose",
        "engaged_on",
        "ended_on",
        "fee_budget",
        "approved_by_committee_on",
    }
    if set(fields) - allowed:
        raise TypeError(f"Cannot change {sorted(set(fields) - allowed)} on an engagement.")
    for name, value in fields.items():
        setattr(engagement, name, value)
    engagement.full_clean()
    if fields:
        engagement.save(update_fields=list(fields))
    return engagement


@transaction.atomic
def advisor_payment_record(
    *,
    engagement: AdvisorEngagement,
    paid_on: datetime.date,
    amount: Decimal,
    as_of: datetime.date,
    description: str = "",
) -> AdvisorPayment:
    """Enter an amount the company paid an advisor; the register compares the total with the
    engagement's budget."""
    if paid_on and paid_on > as_of:
        raise ValidationError({"paid_on": "A payment cannot be dated after today."})
    payment = AdvisorPayment(
        engagement=engagement,
        paid_on=paid_on,
        amount=amount,
        description=_clean_text(description, "description", limit=200),
    )
    payment.full_clean()
    payment.save()
    return payment
