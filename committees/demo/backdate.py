"""The demo's records carry the dates they would have been recorded on, not the day `seed_demo`
ran: a determination was recorded on the day the board made it, a charter review on the day it
was held, a membership when the director joined. Both the record's own "recorded" moment (its
`recorded_at` or `created_at`) and its history entries (who changed what, when) are set, at ten
in the morning in the portal's time zone.

Only what this run of the seeding wrote is dated (`history_marks` is taken before it starts):
a record someone entered in the demo afterwards keeps its true moment. Inside the seeding's
transaction; queryset updates send no signals, so nothing is re-evaluated for it and no rule
reads these moments (the company profile's annual meeting history keeps its order).
"""

import datetime

from django.db.models import Max, Min
from django.utils import timezone

from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    AuditorRelationship,
    BusinessRelationship,
    CharterReview,
    CharterVersion,
    Committee,
    CompanyProfile,
    Compensation,
    CompensationInterlock,
    CurePeriod,
    Director,
    Employment,
    ExceptionDetermination,
    ExchangeNotice,
    FamilyMember,
    FinancialExpertDetermination,
    FinancialStatementPreparation,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    NoncomplianceEpisode,
    OrganisationPayment,
    Question,
    Questionnaire,
    Response,
    SophisticationDetermination,
)

DETERMINATIONS = (
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
    FinancialExpertDetermination,
    ExceptionDetermination,
)
# A questionnaire is set up by the secretary a week before it opens.
SET_UP_BEFORE_OPENING = datetime.timedelta(days=7)


def moment(day: datetime.date) -> datetime.datetime:
    """Ten in the morning of ``day`` in the portal's time zone."""
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


def _earliest(*days):
    days = [day for day in days if day is not None]
    return min(days) if days else None


def recorded_days(anchor: datetime.date) -> dict:
    """Model -> {pk: the day the record would have been entered}, for every demo record."""
    first_seat = dict(
        Membership.objects.values("director_id")
        .annotate(day=Min("start_date"))
        .values_list("director_id", "day")
    )
    first_determination = dict(
        IndependenceDetermination.objects.values("director_id")
        .annotate(day=Min("determined_on"))
        .values_list("director_id", "day")
    )
    started = _earliest(
        CharterVersion.objects.aggregate(day=Min("adopted_on"))["day"],
        Membership.objects.aggregate(day=Min("start_date"))["day"],
    )
    directors = {
        pk: _earliest(first_seat.get(pk), first_determination.get(pk)) or started or anchor
        for pk in Director.objects.values_list("pk", flat=True)
    }
    questionnaires = {
        pk: opens_on - SET_UP_BEFORE_OPENING
        for pk, opens_on in Questionnaire.objects.values_list("pk", "opens_on")
    }
    responses = dict(Response.objects.values_list("pk", "submitted_on"))
    days = {
        Director: directors,
        FamilyMember: {
            pk: directors.get(director_id, anchor)
            for pk, director_id in FamilyMember.objects.values_list("pk", "director_id")
        },
        CompanyProfile: {
            pk: started or anchor for pk in CompanyProfile.objects.values_list("pk", flat=True)
        },
        Committee: {pk: started or anchor for pk in Committee.objects.values_list("pk", flat=True)},
        CharterVersion: dict(CharterVersion.objects.values_list("pk", "adopted_on")),
        Membership: dict(Membership.objects.values_list("pk", "start_date")),
        CurePeriod: dict(CurePeriod.objects.values_list("pk", "event_date")),
        CharterReview: dict(CharterReview.objects.values_list("pk", "reviewed_on")),
        Questionnaire: questionnaires,
        Question: {
            pk: questionnaires[questionnaire_id]
            for pk, questionnaire_id in Question.objects.values_list("pk", "questionnaire_id")
        },
        Response: responses,
        Answer: {
            pk: responses[response_id]
            for pk, response_id in Answer.objects.values_list("pk", "response_id")
        },
        AdvisorEngagement: dict(AdvisorEngagement.objects.values_list("pk", "engaged_on")),
        AdvisorPayment: dict(AdvisorPayment.objects.values_list("pk", "paid_on")),
        NoncomplianceEpisode: dict(NoncomplianceEpisode.objects.values_list("pk", "began_on")),
        ExchangeNotice: dict(ExchangeNotice.objects.values_list("pk", "sent_on")),
        Compensation: dict(Compensation.objects.values_list("pk", "paid_on")),
    }
    for model in DETERMINATIONS:
        days[model] = dict(model.objects.values_list("pk", "determined_on"))
    for model in (
        Employment,
        BusinessRelationship,
        CompensationInterlock,
        AuditorRelationship,
        FinancialStatementPreparation,
    ):
        days[model] = dict(model.objects.values_list("pk", "start_date"))
    relationships = days[BusinessRelationship]
    days[OrganisationPayment] = {
        pk: relationships.get(relationship_id, anchor)
        for pk, relationship_id in OrganisationPayment.objects.values_list("pk", "relationship_id")
    }
    return days


TRACKED = (
    Director,
    FamilyMember,
    CompanyProfile,
    Committee,
    CharterVersion,
    Membership,
    CurePeriod,
    CharterReview,
    Questionnaire,
    Question,
    Response,
    Answer,
    AdvisorEngagement,
    AdvisorPayment,
    NoncomplianceEpisode,
    ExchangeNotice,
    Compensation,
    *DETERMINATIONS,
    Employment,
    BusinessRelationship,
    CompensationInterlock,
    AuditorRelationship,
    FinancialStatementPreparation,
    OrganisationPayment,
)

# Dates on a record that mark a later change to it (a membership ended, a cure period closed).
CHANGE_FIELDS = ("end_date", "ended_on", "revoked_on", "disclosed_on")


def history_marks() -> dict:
    """Model -> the last history entry before the seeding runs (0 when none)."""
    return {
        model: model.history.model.objects.aggregate(last=Max("history_id"))["last"] or 0
        for model in TRACKED
    }


def demo_backdate(anchor: datetime.date, marks: dict) -> int:
    """Date what the seeding wrote (every history entry after ``marks``, and the records they
    created) as it would have been recorded; returns how many history entries were dated.
    Nothing is dated after ``anchor``, the day the demo is set on."""
    dated = 0
    for model, days in recorded_days(anchor).items():
        history = model.history.model.objects.filter(history_id__gt=marks.get(model, 0))
        created = set(history.filter(history_type="+").values_list("id", flat=True))
        touched = set(history.values_list("id", flat=True))
        days = {pk: day for pk, day in days.items() if pk in touched}
        if not days:
            continue
        stamp = next(
            (
                name
                for name in ("recorded_at", "created_at")
                if any(f.name == name for f in model._meta.fields)
            ),
            None,
        )
        if stamp is not None:
            for pk, day in days.items():
                if pk not in created:
                    continue
                model.objects.filter(pk=pk).update(**{stamp: moment(min(day, anchor))})
        changes = [f.name for f in model._meta.fields if f.name in CHANGE_FIELDS]
        for row in history.filter(id__in=list(days)).values(
            "history_id", "id", "history_type", *changes
        ):
            day = days[row["id"]]
            if row["history_type"] == "~":
                later = [row[name] for name in changes if row[name] and row[name] <= anchor]
                day = max([day, *later])
            history.filter(history_id=row["history_id"]).update(
                history_date=moment(min(day, anchor))
            )
            dated += 1
    return dated
