"""The committee's own annual duties: the charter review (Charter: Responsibilities 7, Nasdaq
5605(c)(1)) and the performance self-evaluation (Charter: Responsibilities 7)."""

import datetime

from django.urls import reverse

from committees.duties.completion import completions
from committees.models import CharterVersion, Questionnaire
from deadlines.cadences import RollingMonths
from deadlines.registry import Evaluation, EvidenceLink
from deadlines.status import Kind, Status
from deadlines.wording import day_words

CHARTER_REVIEW_KEY = "committees.charter_review"
# The listing rules ask audit (5605(c)(1)) and compensation (5605(d)(1)) committees alike to
# review their charter every year.
CHARTER_REVIEW_RULE = (
    "Charter: Responsibilities 7; Nasdaq 5605(c)(1) (audit), 5605(d)(1) (compensation)"
)
# What a committee's review cites: the listing rule for its own kind of committee only (an audit
# committee's review never cites the compensation committee's rule); a committee the listing
# rules ask no review of cites its charter alone.
CHARTER_REVIEW_RULES = {
    "audit": "Charter: Responsibilities 7; Nasdaq 5605(c)(1)",
    "compensation": "Charter: Responsibilities 7; Nasdaq 5605(d)(1)",
}
CHARTER_ONLY_REVIEW_RULE = "Charter: Responsibilities 7"
SELF_EVALUATION_KEY = "committees.self_evaluation"
DUTY_KEYS = (CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY)


# Charter review (Charter: Responsibilities 7; Nasdaq 5605(c)(1)) -----------------------------


def _interval(committee, as_of: datetime.date, field: str) -> RollingMonths:
    """The interval the charter in force sets, or the charter model's default without one."""
    charter = committee.charter_on(as_of)
    months = getattr(charter, field) if charter else CharterVersion._meta.get_field(field).default
    return RollingMonths(months)


def charter_review_citation(committee) -> tuple[Kind, str]:
    """The rule the committee's charter review cites (Requirement.citation)."""
    return Kind.CHARTER, CHARTER_REVIEW_RULES.get(committee.kind, CHARTER_ONLY_REVIEW_RULE)


def charter_review_cadence(committee, as_of: datetime.date) -> RollingMonths:
    return _interval(committee, as_of, "charter_review_interval_months")


def charter_review_last_met(committee, as_of: datetime.date) -> datetime.date | None:
    """The latest review on or before ``as_of``; without one, the day the charter in force was
    adopted, since the board then weighed the whole charter."""
    reviewed = (
        committee.charter_reviews.filter(reviewed_on__lte=as_of)
        .order_by("-reviewed_on")
        .values_list("reviewed_on", flat=True)
        .first()
    )
    if reviewed is not None:
        return reviewed
    charter = committee.charter_on(as_of)
    return charter.adopted_on if charter else None


def evaluate_charter_review(committee, period, as_of: datetime.date) -> Evaluation:
    """Met by a charter review recorded in the period (Charter: Responsibilities 7; Nasdaq
    5605(c)(1)); the review is the evidence."""
    review = (
        committee.charter_reviews.filter(reviewed_on__range=(period.start, as_of))
        .order_by("-reviewed_on", "-pk")
        .first()
    )
    if review is not None:
        return Evaluation(
            Status.MET,
            met_on=review.reviewed_on,
            detail=f"Reviewed on {day_words(review.reviewed_on)} "
            f"({review.held_at_reference}): {review.get_outcome_display().lower()}.",
            evidence=(
                EvidenceLink(f"Charter review of {day_words(review.reviewed_on)}", obj=review),
            ),
        )
    return Evaluation(
        Status.DUE,
        detail=f"No charter review is recorded for the period from {day_words(period.start)}"
        f"{' to ' + day_words(period.due) if period.due else ''}. The chair or the secretary "
        "records it on the committee's duties page.",
    )


def charter_review_url(committee, period) -> str:
    return reverse("committees:charter_review_record", args=[committee.slug])


# Self-evaluation (Charter: Responsibilities 7) ------------------------------------------------


def self_evaluation_cadence(committee, as_of: datetime.date) -> RollingMonths:
    return _interval(committee, as_of, "self_evaluation_interval_months")


def _self_evaluations(committee):
    """The committee's self-evaluation questionnaires; its evaluations of the auditor are the
    auditors app's duty."""
    return committee.questionnaires.filter(purpose=Questionnaire.Purpose.SELF_EVALUATION)


def self_evaluation_last_met(committee, as_of: datetime.date) -> datetime.date | None:
    """The day the latest self-evaluation was completed, on or before ``as_of``."""
    done = completions(_self_evaluations(committee).filter(opens_on__lte=as_of), as_of)
    days = [c.completed_on for c in done.values() if c.is_complete]
    return max(days) if days else None


def _questionnaire_evidence(committee, completion) -> EvidenceLink:
    """The questionnaire as evidence: its row on the duties page, which everyone who reads the
    committee's evidence may open (the questionnaire's own page is for serving members, who
    answer there; the secretary would get a 404)."""
    questionnaire = completion.questionnaire
    url = reverse("committees:duties", args=[committee.slug])
    return EvidenceLink(
        completion.label, url=f"{url}#self-evaluation-{questionnaire.pk}", obj=questionnaire
    )


def evaluate_self_evaluation(committee, period, as_of: datetime.date) -> Evaluation:
    """Met when every member serving on a questionnaire's close date who has a portal login has
    answered it within the period (Charter: Responsibilities 7; see committees.duties.completion
    for who is expected); the questionnaire and its completion are the evidence."""
    questionnaires = (
        _self_evaluations(committee)
        .filter(opens_on__lte=as_of, closes_on__gte=period.start)
        .order_by("opens_on", "pk")
    )
    done = sorted(
        completions(questionnaires, as_of).values(),
        key=lambda c: (c.questionnaire.opens_on, c.questionnaire.pk),
    )
    complete = [c for c in done if c.is_complete and c.completed_on >= period.start]
    if complete:
        first = min(complete, key=lambda c: c.completed_on)
        return Evaluation(
            Status.MET,
            met_on=first.completed_on,
            detail=f"Every member answered {first.questionnaire.title} by "
            f"{day_words(first.completed_on)} (100%).",
            evidence=(_questionnaire_evidence(committee, first),),
        )
    if not done:
        return Evaluation(
            Status.DUE,
            detail="No self-evaluation questionnaire has opened in this period; the secretary "
            "sets one up in the administration.",
        )
    latest = done[-1]
    return Evaluation(
        Status.DUE,
        detail=f"{latest.answered} of {latest.total} members have answered "
        f"{latest.questionnaire.title}, {latest.rate}%; it closes on "
        f"{day_words(latest.questionnaire.closes_on)}.",
        evidence=(_questionnaire_evidence(committee, latest),),
    )


def self_evaluation_url(committee, period) -> str:
    return reverse("committees:duties", args=[committee.slug]) + "#self-evaluations"
