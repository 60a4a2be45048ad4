"""The directors' annual questionnaire and the board's annual determinations as duties of each
committee (issue 12). The engine's subjects are committees, so each committee tracks its own
members: their certified questionnaires, then the board's adopted determinations about them.

Both are SEC-kind: the proxy statement must say each year which directors the board determined
independent and who the audit committee's financial expert is (Regulation S-K Item 407(a),
407(d)(5)), and Nasdaq 5605(a)(2) asks for the board's affirmative determination; the
questionnaire is the record those determinations rest on. A listing or SEC duty is never waived.
"""

import datetime

from django.urls import reverse

from charter_portal.roles import is_secretary
from committees.compliance.facts import company_profile
from committees.models import (
    DeterminationBatch,
    DirectorAnswer,
    DirectorQuestionnaire,
    Membership,
    QuestionnaireRound,
)
from committees.models.director_questionnaires import (
    ADOPT_DAYS_AFTER_YEAR_END,
    CERTIFY_DAYS_AFTER_YEAR_END,
)
from deadlines.cadences import FiscalYear
from deadlines.registry import Evaluation, EvidenceLink
from deadlines.status import Status
from deadlines.wording import day_words

QUESTIONNAIRES_KEY = "committees.director_questionnaires"
DETERMINATIONS_KEY = "committees.annual_determinations"
QUESTIONNAIRE_KEYS = (QUESTIONNAIRES_KEY, DETERMINATIONS_KEY)
QUESTIONNAIRES_RULE = "Regulation S-K Item 407(a); Nasdaq 5605(a)(2)"
DETERMINATIONS_RULE = "Nasdaq 5605(a)(2); Regulation S-K Item 407(a), 407(d)(5)"
QUESTIONNAIRES_CADENCE = FiscalYear(due_days_after_end=CERTIFY_DAYS_AFTER_YEAR_END)
DETERMINATIONS_CADENCE = FiscalYear(due_days_after_end=ADOPT_DAYS_AFTER_YEAR_END)


def _round_of(period) -> QuestionnaireRound | None:
    """The questionnaire of the fiscal year the period is (the year whose facts it confirms)."""
    fiscal_year = company_profile().fiscal_year_of(period.end)
    return QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()


def _members(committee, day: datetime.date) -> list:
    seats = Membership.objects.active_on(day).filter(committee=committee)
    return [
        seat.director for seat in seats.select_related("director").order_by("director__full_name")
    ]


def _names(directors) -> str:
    from committees.compliance.text import names

    return names(director.full_name for director in directors)


def evaluate_questionnaires(committee, period, as_of: datetime.date) -> Evaluation:
    """Met when every member serving on the due date (before it: today) has certified the
    year's questionnaire; the year's status page is the evidence."""
    row = _round_of(period)
    if row is None:
        fiscal_year = company_profile().fiscal_year_of(period.end)
        return Evaluation(
            Status.DUE,
            detail=f"The fiscal year {fiscal_year} directors' questionnaire is not open yet; the "
            "secretary opens it (by default 15 days after the year ends) on the directors' "
            "questionnaires page.",
        )
    members = _members(committee, min(as_of, row.certify_by))
    certified = {
        q.director_id: q
        for q in row.questionnaires.filter(
            kind=DirectorQuestionnaire.Kind.ANNUAL, status=DirectorQuestionnaire.Status.CERTIFIED
        )
    }
    done = [d for d in members if d.pk in certified]
    missing = [d for d in members if d.pk not in certified]
    evidence = (EvidenceLink(str(row), obj=row),)
    if not missing:
        days = [certified[d.pk].certified_on for d in done]
        return Evaluation(
            Status.MET,
            due=row.certify_by,
            met_on=max(days) if days else as_of,
            detail=f"Every member certified the fiscal year {row.fiscal_year} questionnaire"
            + (f", the last on {day_words(max(days))}." if days else "."),
            evidence=evidence,
        )
    return Evaluation(
        Status.DUE,
        due=row.certify_by,
        detail=f"{len(done)} of {len(members)} members have certified the fiscal year "
        f"{row.fiscal_year} questionnaire; still to certify: {_names(missing)} (due "
        f"{day_words(row.certify_by)}).",
        evidence=evidence,
    )


def evaluate_determinations(committee, period, as_of: datetime.date) -> Evaluation:
    """Met when the board adopted the year's batch of determinations at a meeting, covering
    every member serving on the day it was adopted; the batch is the evidence."""
    row = _round_of(period)
    if row is None:
        return Evaluation(
            Status.DUE,
            detail="The year's questionnaire is not open yet; the board's determinations follow "
            "from its reviewed answers.",
        )
    batch = DeterminationBatch.objects.filter(round=row).first()
    if batch is not None and batch.is_adopted:
        covered = set(batch.items.values_list("director_id", flat=True))
        left_out = [d for d in _members(committee, batch.adopted_on) if d.pk not in covered]
        if not left_out:
            return Evaluation(
                Status.MET,
                due=row.adopt_by,
                met_on=batch.adopted_on,
                detail=f"Adopted on {day_words(batch.adopted_on)} ({batch.meeting_reference}).",
                evidence=(EvidenceLink(str(batch), obj=batch),),
            )
        return Evaluation(
            Status.DUE,
            due=row.adopt_by,
            detail=f"The batch adopted on {day_words(batch.adopted_on)} leaves out "
            f"{_names(left_out)}; the board determines for them at a meeting.",
            evidence=(EvidenceLink(str(batch), obj=batch),),
        )
    waiting = DirectorAnswer.objects.filter(
        questionnaire__round=row,
        review__in=(DirectorAnswer.Review.PENDING, DirectorAnswer.Review.RETURNED),
    ).count()
    state = "prepared, awaiting the board" if batch else "not prepared yet"
    review = f"; {waiting} answer{'s' if waiting != 1 else ''} still to review" if waiting else ""
    return Evaluation(
        Status.DUE,
        due=row.adopt_by,
        detail=f"The fiscal year {row.fiscal_year} determinations are {state}{review}; the board "
        f"adopts them by {day_words(row.adopt_by)}.",
    )


def questionnaires_url(committee, period) -> str:
    """The year's status page. Read with no query (a dashboard lists every committee): the
    period is the fiscal year, named by the calendar year it ends in."""
    return reverse("committees:dq_round", args=[period.end.year])


def determinations_url(committee, period) -> str:
    return reverse("committees:dq_batch", args=[period.end.year])


def secretary_acts(user, committee, as_of) -> bool:
    """Only the secretary prepares the batch and records the adoption."""
    return is_secretary(user)
