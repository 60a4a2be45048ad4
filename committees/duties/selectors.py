"""Reads for the duties pages, each in a fixed number of queries whatever the number of reviews,
questionnaires, answers or advisors.

Confidentiality (Charter: Responsibilities 7): a member's answers are shown to that member only.
Others see completion, and the chair an aggregate that names no one; the aggregate is withheld
until enough members have answered that no single member's answers can be read from it.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from committees.duties.completion import Completion, completions
from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    CharterReview,
    Committee,
    Question,
    Questionnaire,
    Response,
)
from committees.models.duties import RATING_MAX, RATING_MIN

# Fewer answers than this and an aggregate would let a reader work out who said what.
MIN_RESPONSES_FOR_AGGREGATE = 3


@dataclass(frozen=True)
class QuestionnaireRow:
    completion: Completion
    is_open: bool
    answered_by_me: bool
    may_answer: bool  # serving, open, not yet answered

    @property
    def questionnaire(self) -> Questionnaire:
        return self.completion.questionnaire


@dataclass(frozen=True)
class EngagementRow:
    engagement: AdvisorEngagement
    paid: Decimal
    payments: tuple[AdvisorPayment, ...]

    @property
    def over_budget(self) -> bool:
        return self.engagement.is_over_budget(self.paid)

    @property
    def remaining(self) -> Decimal:
        return self.engagement.fee_budget - self.paid


@dataclass(frozen=True)
class DutiesPage:
    committee: Committee
    reviews: tuple[CharterReview, ...]
    questionnaires: tuple[QuestionnaireRow, ...]
    engagements: tuple[EngagementRow, ...]

    @property
    def total_paid(self) -> Decimal:
        return sum((row.paid for row in self.engagements), Decimal("0"))


def duties_page(committee: Committee, director, as_of: datetime.date, *, serving: bool):
    """Charter reviews (newest first), self-evaluations with their completion, and the advisors
    register with what the company paid against each budget."""
    reviews = tuple(
        committee.charter_reviews.select_related("new_charter_version", "recorded_by").order_by(
            "-reviewed_on", "-pk"
        )
    )
    questionnaires = list(committee.questionnaires.order_by("-opens_on", "-pk"))
    done = completions(questionnaires, as_of)
    mine = set()
    if director is not None:
        mine = set(
            Response.objects.filter(
                questionnaire__in=[q.pk for q in questionnaires], director=director
            ).values_list("questionnaire_id", flat=True)
        )
    rows = tuple(
        QuestionnaireRow(
            completion=done[q.pk],
            is_open=q.is_open_on(as_of),
            answered_by_me=q.pk in mine,
            may_answer=serving and q.is_open_on(as_of) and q.pk not in mine,
        )
        for q in questionnaires
    )
    engagements = list(
        committee.advisor_engagements.annotate(paid_total=Sum("payments__amount")).order_by(
            "-engaged_on", "-pk"
        )
    )
    payments = defaultdict(list)
    for payment in AdvisorPayment.objects.filter(
        engagement__in=[e.pk for e in engagements]
    ).order_by("paid_on", "pk"):
        payments[payment.engagement_id].append(payment)
    return DutiesPage(
        committee=committee,
        reviews=reviews,
        questionnaires=rows,
        engagements=tuple(
            EngagementRow(
                engagement=e,
                paid=e.paid_total or Decimal("0.00"),
                payments=tuple(payments[e.pk]),
            )
            for e in engagements
        ),
    )


@dataclass(frozen=True)
class RatingSummary:
    question: Question
    count: int
    average: float | None
    distribution: tuple[tuple[int, int], ...]  # (rating, how many), RATING_MIN..RATING_MAX


@dataclass(frozen=True)
class TextSummary:
    question: Question
    answers: tuple[str, ...]  # sorted, so their order says nothing about who answered when


@dataclass(frozen=True)
class Aggregate:
    completion: Completion
    responses: int
    withheld: bool  # too few answers to show anything but completion
    ratings: tuple[RatingSummary, ...]
    texts: tuple[TextSummary, ...]  # empty unless the reader may see free text


def evaluation_aggregate(
    questionnaire: Questionnaire, as_of: datetime.date, *, include_text: bool
) -> Aggregate:
    """The chair's view of a self-evaluation: completion, and per rating question the count,
    average and distribution; free-text answers without names only when ``include_text``."""
    completion = completions([questionnaire], as_of)[questionnaire.pk]
    responses = Response.objects.filter(questionnaire=questionnaire, submitted_on__lte=as_of)
    count = responses.count()
    withheld = count < MIN_RESPONSES_FOR_AGGREGATE
    questions = list(questionnaire.questions.order_by("order", "pk"))
    ratings, texts = [], []
    if not withheld:
        answers = Answer.objects.filter(response__in=responses).values_list(
            "question_id", "rating", "text"
        )
        by_question = defaultdict(list)
        for question_id, rating, text in answers:
            by_question[question_id].append(rating if rating is not None else text)
        for question in questions:
            given = by_question[question.pk]
            if question.is_rating:
                values = [v for v in given if isinstance(v, int)]
                tally = Counter(values)
                ratings.append(
                    RatingSummary(
                        question=question,
                        count=len(values),
                        average=round(sum(values) / len(values), 2) if values else None,
                        distribution=tuple(
                            (r, tally[r]) for r in range(RATING_MIN, RATING_MAX + 1)
                        ),
                    )
                )
            elif include_text:
                texts.append(
                    TextSummary(question=question, answers=tuple(sorted(v for v in given if v)))
                )
    return Aggregate(
        completion=completion,
        responses=count,
        withheld=withheld,
        ratings=tuple(ratings),
        texts=tuple(texts),
    )


def own_answers(questionnaire: Questionnaire, director) -> tuple[Response | None, list]:
    """The member's own response and (question, answer) pairs: shown to that member only."""
    response = Response.objects.filter(questionnaire=questionnaire, director=director).first()
    if response is None:
        return None, []
    answers = {a.question_id: a for a in response.answers.all()}
    return response, [
        (question, answers.get(question.pk))
        for question in questionnaire.questions.order_by("order", "pk")
    ]
