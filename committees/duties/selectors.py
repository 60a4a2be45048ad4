"""Reads for the duties pages, each in a fixed number of queries whatever the number of reviews,
questionnaires, answers or advisors.

Confidentiality (Charter: Responsibilities 7; issue 7): a response's answers are shown only to
the account that submitted them (``Response.user``), never to whoever is linked to the director
later. Others see completion; the chair and the secretary an aggregate that names no one, only
once the questionnaire has closed, and for each question only when at least
MIN_RESPONSES_FOR_AGGREGATE answers besides the reader's own are there, so that the reader cannot
subtract their own answer and read someone else's.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

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

# Fewer answers than this besides the reader's own and an aggregate would let the reader work out
# who said what.
MIN_RESPONSES_FOR_AGGREGATE = 3


@dataclass(frozen=True)
class QuestionnaireRow:
    completion: Completion
    is_open: bool
    answered_by_me: bool  # this account submitted a response
    may_answer: bool  # serving, open, and the director has not answered from any account

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


# The duties page shows its history (charter reviews, self-evaluations) ten records a page,
# newest first, so it does not grow with the years.
HISTORY_PAGE = 10


@dataclass(frozen=True)
class DutiesPage:
    committee: Committee
    reviews: tuple[CharterReview, ...]
    questionnaires: tuple[QuestionnaireRow, ...]
    engagements: tuple[EngagementRow, ...]
    number: int = 1  # which page of the history: 1 is the newest
    has_older: bool = False  # reviews or self-evaluations older than this page's

    @property
    def has_newer(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value) -> int:
    """A page number from the query string; anything else is the first page."""
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _page(rows, number: int) -> tuple[list, bool]:
    """The ``number``-th ten of ``rows`` (a queryset, newest first), and whether more follow:
    one query, no count."""
    start = (number - 1) * HISTORY_PAGE
    found = list(rows[start : start + HISTORY_PAGE + 1])
    return found[:HISTORY_PAGE], len(found) > HISTORY_PAGE

    @property
    def total_paid(self) -> Decimal:
        return sum((row.paid for row in self.engagements), Decimal("0"))


def duties_page(committee: Committee, as_of: datetime.date, *, serving: bool, user=None, number=1):
    """Charter reviews (newest first) and self-evaluations with their completion, page
    ``number`` of them, and the advisors register with what the company paid against each
    budget. What ``user`` answered, in their own name or as the director they are, comes with
    the page's responses, so the page needs no read of the user's director."""
    reviews, older_reviews = _page(
        committee.charter_reviews.select_related("new_charter_version", "recorded_by").order_by(
            "-reviewed_on", "-pk"
        ),
        number,
    )
    questionnaires, older_questionnaires = _page(
        committee.questionnaires.order_by("-opens_on", "-pk"), number
    )
    # One read of the page's responses serves the completion and who answered.
    responses = (
        list(
            Response.objects.filter(questionnaire__in=[q.pk for q in questionnaires]).values_list(
                "questionnaire_id", "director_id", "submitted_on", "user_id", "director__user_id"
            )
        )
        if questionnaires
        else []
    )
    done = completions(questionnaires, as_of, [row[:3] for row in responses])
    mine, directors = set(), set()
    if user is not None:
        for questionnaire_id, _, _, user_id, director_user_id in responses:
            if user_id == user.pk:
                mine.add(questionnaire_id)
            if director_user_id == user.pk:
                directors.add(questionnaire_id)
    rows = tuple(
        QuestionnaireRow(
            completion=done[q.pk],
            is_open=q.is_open_on(as_of),
            answered_by_me=q.pk in mine,
            may_answer=serving and q.is_open_on(as_of) and q.pk not in directors | mine,
        )
        for q in questionnaires
    )
    # The register and its payments in one read: one row per payment (an engagement with none
    # comes once, with no payment).
    register = committee.advisor_engagements.annotate(
        payment_id=F("payments__id"),
        payment_paid_on=F("payments__paid_on"),
        payment_amount=F("payments__amount"),
        payment_description=F("payments__description"),
    ).order_by("-engaged_on", "-pk", "payments__paid_on", "payments__id")
    engagements, payments = {}, defaultdict(list)
    for line in register:
        engagements.setdefault(line.pk, line)
        if line.payment_id is not None:
            payments[line.pk].append(
                AdvisorPayment(
                    id=line.payment_id,
                    engagement_id=line.pk,
                    paid_on=line.payment_paid_on,
                    amount=line.payment_amount,
                    description=line.payment_description,
                )
            )
    return DutiesPage(
        committee=committee,
        number=number,
        has_older=older_reviews or older_questionnaires,
        reviews=tuple(reviews),
        questionnaires=rows,
        engagements=tuple(
            EngagementRow(
                engagement=e,
                paid=sum((p.amount for p in payments[e.pk]), Decimal("0.00")),
                payments=tuple(payments[e.pk]),
            )
            for e in engagements.values()
        ),
    )


@dataclass(frozen=True)
class RatingSummary:
    question: Question
    count: int  # every answer, the reader's own included
    average: float | None
    distribution: tuple[tuple[int, int], ...]  # (rating, how many), RATING_MIN..RATING_MAX
    withheld: bool = False  # too few answers besides the reader's own: nothing shown


@dataclass(frozen=True)
class TextSummary:
    question: Question
    answers: tuple[str, ...]  # sorted, so their order says nothing about who answered when
    withheld: bool = False


@dataclass(frozen=True)
class Aggregate:
    completion: Completion
    responses: int
    closed: bool  # results appear only once the questionnaire has closed
    withheld: bool  # not closed, or too few answers besides the reader's: completion only
    ratings: tuple[RatingSummary, ...]
    texts: tuple[TextSummary, ...]  # empty unless the reader may see free text


def _rating_summary(question, values, withheld) -> RatingSummary:
    if withheld:
        return RatingSummary(question, 0, None, (), withheld=True)
    tally = Counter(values)
    return RatingSummary(
        question=question,
        count=len(values),
        average=round(sum(values) / len(values), 2) if values else None,
        distribution=tuple((r, tally[r]) for r in range(RATING_MIN, RATING_MAX + 1)),
    )


def evaluation_aggregate(
    questionnaire: Questionnaire, as_of: datetime.date, *, reader, include_text: bool
) -> Aggregate:
    """The chair's (or the secretary's) view of a self-evaluation: completion always; once it has
    closed, per rating question the count, average and distribution, and free-text answers
    without names when ``include_text``; each question only with at least
    MIN_RESPONSES_FOR_AGGREGATE answers from accounts other than ``reader``."""
    completion = completions([questionnaire], as_of)[questionnaire.pk]
    responses = Response.objects.filter(questionnaire=questionnaire, submitted_on__lte=as_of)
    count = responses.count()
    closed = as_of > questionnaire.closes_on
    reader_id = getattr(reader, "pk", None)
    others = responses.exclude(user_id=reader_id).count() if reader_id else count
    withheld = not closed or others < MIN_RESPONSES_FOR_AGGREGATE
    questions = list(questionnaire.questions.order_by("order", "pk"))
    ratings, texts = [], []
    if not withheld:
        answers = Answer.objects.filter(response__in=responses).values_list(
            "question_id", "rating", "text", "response__user_id"
        )
        given, besides_reader = defaultdict(list), Counter()
        for question_id, rating, text, user_id in answers:
            if rating is None and not text:
                continue
            given[question_id].append(rating if rating is not None else text)
            if reader_id is None or user_id != reader_id:
                besides_reader[question_id] += 1
        for question in questions:
            too_few = besides_reader[question.pk] < MIN_RESPONSES_FOR_AGGREGATE
            if question.is_rating:
                values = [v for v in given[question.pk] if isinstance(v, int)]
                ratings.append(_rating_summary(question, values, too_few))
            elif include_text:
                texts.append(
                    TextSummary(
                        question=question,
                        answers=() if too_few else tuple(sorted(given[question.pk])),
                        withheld=too_few,
                    )
                )
    return Aggregate(
        completion=completion,
        responses=count,
        closed=closed,
        withheld=withheld,
        ratings=tuple(ratings),
        texts=tuple(texts),
    )


def own_answers(questionnaire: Questionnaire, user) -> tuple[Response | None, list]:
    """The response this account submitted and its (question, answer) pairs: shown to that
    account only, never to another account linked to the same director later."""
    response = Response.objects.filter(questionnaire=questionnaire, user=user).first()
    if response is None:
        return None, []
    answers = {a.question_id: a for a in response.answers.all()}
    return response, [
        (question, answers.get(question.pk))
        for question in questionnaire.questions.order_by("order", "pk")
    ]


def answered_from_another_account(questionnaire: Questionnaire, director, user) -> Response | None:
    """The director's response when another account gave it (the director's account link changed
    since): it counts, and its answers stay closed to ``user``."""
    if director is None:
        return None
    rows = Response.objects.filter(questionnaire=questionnaire, director=director)
    return rows.exclude(user=user).first() if user is not None else rows.first()
