"""The committees app's duties in the deadline engine's registry, and the hooks through which the
engine reads committees, the fiscal calendar and the people concerned.

Discovered by deadlines at start-up (DeadlinesConfig.ready). Three groups of requirements:
the composition findings of the first release, continuous (Nasdaq 5605(c), Rule 10A-3,
Regulation S-K 407(d)(5)); the annual charter review (Charter: Responsibilities 7, Nasdaq
5605(c)(1)); and the annual self-evaluation (Charter: Responsibilities 7). Nothing here imports
charter_portal: the few access rules the hooks need are read from the roster and the group name.
"""

import datetime
import threading
import time
from dataclasses import dataclass

from django.urls import reverse

from charter_portal.roles import is_secretary, secretaries
from committees.compliance import evaluate_committee, evaluate_committees
from committees.duties.completion import completions
from committees.models import CharterVersion, Committee, CompanyProfile, Membership
from committees.models.common import day_words
from committees.selectors import committee_roles_of_user
from deadlines.cadences import Continuous, RollingMonths
from deadlines.registry import Evaluation, EvidenceLink, Requirement, register, registry
from deadlines.status import EVALUATOR_STATUSES, Kind, Status

CHARTER_REVIEW_KEY = "committees.charter_review"
# The listing rules ask audit (5605(c)(1)) and compensation (5605(d)(1)) committees alike to
# review their charter every year.
CHARTER_REVIEW_RULE = (
    "Charter: Responsibilities 7; Nasdaq 5605(c)(1) (audit), 5605(d)(1) (compensation)"
)
SELF_EVALUATION_KEY = "committees.self_evaluation"
DUTY_KEYS = (CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY)


# Hooks ---------------------------------------------------------------------------------------


def committee_subjects(as_of: datetime.date) -> list[Committee]:
    """Every committee. The call starts an engine run, so it also primes the composition memo."""
    committees = list(Committee.objects.order_by("pk"))
    composition_prime(committees, as_of)
    return committees


def fiscal_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    # With no profile yet, the model's defaults (a calendar year) apply.
    profile = CompanyProfile.current() or CompanyProfile()
    return profile.fiscal_year_bounds(profile.fiscal_year_of(day))


def responsible(committee, as_of: datetime.date) -> list:
    """The committee's chair and members serving on ``as_of`` who log in, and the secretary."""
    seats = (
        Membership.objects.active_on(as_of)
        .filter(committee=committee, director__user__is_active=True)
        .select_related("director__user")
        .order_by("role", "director__full_name")
    )
    return [seat.director.user for seat in seats] + list(secretaries())


def escalation_recipients(committee, as_of: datetime.date) -> list:
    """The chair of the board (CompanyProfile.board_chair) and the corporate secretary."""
    users = []
    profile = CompanyProfile.objects.select_related("board_chair__user").order_by("pk").first()
    chair = profile.board_chair if profile else None
    if chair is not None and chair.user is not None and chair.user.is_active:
        users.append(chair.user)
    return users + list(secretaries())


def can_waive(user, occurrence, as_of: datetime.date) -> bool:
    """The committee's chair on ``as_of`` or the corporate secretary."""
    if is_secretary(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return committee_roles_of_user(user, as_of).get(occurrence.committee_id) == "chair"


# Composition: findings 1-10, continuous ------------------------------------------------------


@dataclass(frozen=True)
class CompositionDuty:
    key: str
    title: str
    kind: Kind
    rule: str
    audit_only: bool = True


# The contract's findings, in its order. Size and independence hold for every committee; their
# rule differs by kind of committee, and charter_status shows each finding's own.
COMPOSITION = (
    CompositionDuty(
        "committees.composition.size",
        "Minimum number of members",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A), 5605(d)(2)(A)",
        audit_only=False,
    ),
    CompositionDuty(
        "committees.composition.independence",
        "Independent members",
        Kind.LISTING,
        "Nasdaq 5605(a)(2), 5605(c)(2)(A), 5605(d)(2)(A)",
        audit_only=False,
    ),
    CompositionDuty(
        "committees.composition.rule_10a3",
        "Audit committee independence under Rule 10A-3",
        Kind.SEC,
        "SEC Rule 10A-3(b)(1)",
    ),
    CompositionDuty(
        "committees.composition.preparation_bar",
        "No recent part in preparing the financial statements",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.literacy",
        "Every member financially literate",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.sophistication",
        "At least one financially sophisticated member",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.financial_expertise",
        "At least one member with accounting or financial management expertise",
        Kind.CHARTER,
        "Charter: Membership",
    ),
    CompositionDuty(
        "committees.composition.financial_expert_disclosure",
        "Audit committee financial expert disclosure",
        Kind.SEC,
        "Regulation S-K Item 407(d)(5)",
    ),
    CompositionDuty(
        "committees.composition.exception",
        "Exceptional-circumstances exception within its limits",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(B)",
    ),
    CompositionDuty(
        "committees.composition.exchange_notice",
        "Exchange notified of noncompliance",
        Kind.SEC,
        "SEC Rule 10A-3(a)(3)",
    ),
)
COMPOSITION_KEYS = tuple(duty.key for duty in COMPOSITION)

# One engine run evaluates ten composition requirements for every committee; the composition
# report holding all ten findings is computed once per committee and day, for every committee
# of the run at once (a fixed number of queries), and kept only briefly: the next run, or a
# minute, starts afresh, so a later change to the roster is never hidden.
MEMO_SECONDS = 60.0


class _Memo(threading.local):
    as_of: datetime.date | None = None
    primed_at: float = 0.0

    def __init__(self):
        self.committees: dict[int, Committee] = {}
        self.reports: dict[int, object] = {}


_memo = _Memo()


def composition_prime(committees, as_of: datetime.date) -> None:
    """Start a fresh memo for these committees on ``as_of``; reports are computed on first use."""
    _memo.as_of = as_of
    _memo.primed_at = time.monotonic()
    _memo.committees = {committee.pk: committee for committee in committees}
    _memo.reports = {}


def composition_report(committee, as_of: datetime.date):
    """The committee's CompositionReport on ``as_of``, from the memo when a run primed it."""
    fresh = _memo.as_of == as_of and time.monotonic() - _memo.primed_at < MEMO_SECONDS
    if not fresh or committee.pk not in _memo.committees:
        return evaluate_committee(committee, as_of)
    if committee.pk not in _memo.reports:
        pending = [c for pk, c in _memo.committees.items() if pk not in _memo.reports]
        for report in evaluate_committees(pending, as_of):
            _memo.reports[report.committee.pk] = report
    return _memo.reports[committee.pk]


def _composition_evaluator(key: str):
    def evaluate(committee, period, as_of: datetime.date) -> Evaluation:
        """The composition finding ``key`` on ``as_of``, as the deadline engine's evaluation."""
        finding = composition_report(committee, as_of).finding(key)
        if finding is None:
            # Only the charter's expertise clause comes and goes with the charter version.
            return Evaluation(
                Status.MET, detail="The charter in force on this date does not ask for this."
            )
        status = Status(str(finding.status))
        if status not in EVALUATOR_STATUSES:
            status = Status.DUE
        return Evaluation(
            status,
            due=finding.due if status == Status.CURE_PERIOD else None,
            detail=finding.detail,
            evidence=(
                EvidenceLink(
                    "Committee roster and composition",
                    url=reverse("committees:detail", args=[committee.slug]),
                ),
            ),
        )

    evaluate.__name__ = f"evaluate_{key.rsplit('.', 1)[-1]}"
    return evaluate


def is_audit_committee(committee) -> bool:
    return committee.is_audit_committee


# Charter review (Charter: Responsibilities 7; Nasdaq 5605(c)(1)) -----------------------------


def _interval(committee, as_of: datetime.date, field: str) -> RollingMonths:
    """The interval the charter in force sets, or the charter model's default without one."""
    charter = committee.charter_on(as_of)
    months = getattr(charter, field) if charter else CharterVersion._meta.get_field(field).default
    return RollingMonths(months)


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


def self_evaluation_last_met(committee, as_of: datetime.date) -> datetime.date | None:
    """The day the latest self-evaluation was completed, on or before ``as_of``."""
    done = completions(committee.questionnaires.filter(opens_on__lte=as_of), as_of)
    days = [c.completed_on for c in done.values() if c.is_complete]
    return max(days) if days else None


def evaluate_self_evaluation(committee, period, as_of: datetime.date) -> Evaluation:
    """Met when every member serving on a questionnaire's close date has answered it within the
    period (Charter: Responsibilities 7); the questionnaire and its completion are the evidence."""
    questionnaires = committee.questionnaires.filter(
        opens_on__lte=as_of, closes_on__gte=period.start
    ).order_by("opens_on", "pk")
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
            evidence=(EvidenceLink(first.label, obj=first.questionnaire),),
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
        f"{latest.questionnaire.title} ({latest.rate}%); it closes on "
        f"{day_words(latest.questionnaire.closes_on)}.",
        evidence=(EvidenceLink(latest.label, obj=latest.questionnaire),),
    )


def self_evaluation_url(committee, period) -> str:
    return reverse("committees:duties", args=[committee.slug]) + "#self-evaluations"


# Registration ---------------------------------------------------------------------------------


def register_all() -> None:
    for duty in COMPOSITION:
        register(
            Requirement(
                key=duty.key,
                title=duty.title,
                kind=duty.kind,
                rule=duty.rule,
                cadence=Continuous(),
                evaluator=_composition_evaluator(duty.key),
                # Composition findings already email the chair and the secretary through
                # committees' composition notices: one channel per event.
                sends_reminders=False,
                applies_to=is_audit_committee if duty.audit_only else None,
            )
        )
    register(
        Requirement(
            key=CHARTER_REVIEW_KEY,
            title="Annual charter review",
            kind=Kind.CHARTER,
            rule=CHARTER_REVIEW_RULE,
            cadence=charter_review_cadence,
            evaluator=evaluate_charter_review,
            evidence_url=charter_review_url,
            last_met=charter_review_last_met,
            description="The committee reviews and reassesses the adequacy of its charter.",
        )
    )
    register(
        Requirement(
            key=SELF_EVALUATION_KEY,
            title="Annual performance self-evaluation",
            kind=Kind.CHARTER,
            rule="Charter: Responsibilities 7",
            cadence=self_evaluation_cadence,
            evaluator=evaluate_self_evaluation,
            evidence_url=self_evaluation_url,
            last_met=self_evaluation_last_met,
            description="Every member answers the committee's self-evaluation questionnaire.",
        )
    )
    registry.set_subjects(committee_subjects)
    registry.set_fiscal_calendar(fiscal_year)
    registry.set_responsible(responsible)
    registry.set_escalation_recipients(escalation_recipients)
    registry.set_waiver_permission(can_waive)
    registry.set_admin_viewer(is_secretary)


register_all()
