"""Seeding the committee's own duties: charter reviews, self-evaluations and advisors."""

import datetime
from decimal import Decimal

from committees.demo.roster import Seeder
from committees.duties import services as duty_services
from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    CharterReview,
    Committee,
    CompanyProfile,
    Question,
    Questionnaire,
    Response,
)
from deadlines.cadences import add_months
from deadlines.wording import day_words

# The committee's own duties (Charter: Responsibilities 6 and 7) --------------------------------

QUESTIONS = (
    (Question.Kind.RATING, "The committee's meetings have the right frequency, length and agenda."),
    (Question.Kind.RATING, "Materials arrive early enough and are clear enough to prepare well."),
    (Question.Kind.RATING, "The committee oversees the independent auditor effectively."),
    (Question.Kind.RATING, "Members bring the financial expertise the committee needs."),
    (Question.Kind.TEXT, "What should the committee do differently next year?"),
)
# Last year's answers, one tuple per member: four ratings and a comment (fictional).
LAST_YEAR_ANSWERS = {
    "margaret.chen": (4, 3, 5, 5, "Executive sessions with internal audit should be longer."),
    "david.okafor": (5, 3, 4, 4, "Board papers for the March meeting came too late to read."),
    "elena.petrova": (4, 4, 4, 5, "More time on cybersecurity risk and the IT general controls."),
}
THIS_YEAR_ANSWERS = {
    "elena.petrova": (5, 4, 4, 5, "The new pre-read deadline has made meetings far better."),
}
ADVISORS = (
    {
        "name": "Whitmore & Lane LLP",
        "firm": "Whitmore & Lane LLP",
        "kind": AdvisorEngagement.Kind.LEGAL_COUNSEL,
        "purpose": "Independent counsel to the committee for its review of revenue recognition "
        "on multi-year service contracts.",
        "months_ago": 5,
        "budget": Decimal("150000.00"),
        "payments": (
            (4, Decimal("62500.00"), "First interim invoice"),
            (2, Decimal("48200.00"), "Second interim invoice"),
        ),
    },
    {
        "name": "Harborview Forensic Accounting",
        "firm": "Harborview Advisory Group",
        "kind": AdvisorEngagement.Kind.ACCOUNTING,
        "purpose": "Forensic accounting support on the opening balance sheet of Baltic Precision "
        "Optics after the acquisition.",
        "months_ago": 3,
        "budget": Decimal("60000.00"),
        "payments": (
            (2, Decimal("41000.00"), "Fieldwork"),
            (1, Decimal("27500.00"), "Report and follow-up questions"),
        ),
    },
)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


class DutySeeder:
    """The audit committee's charter reviews, self-evaluations and advisors, dated from the
    anchor: the charter review is overdue, the self-evaluation due soon with one answer in."""

    def __init__(self, seeder: Seeder):
        self.seeder = seeder
        self.anchor = seeder.anchor

    def board_chair(self, profile: CompanyProfile) -> None:
        if profile.board_chair_id is None:
            profile.board_chair = self.seeder.directors["thomas.brennan"]
            profile.save(update_fields=["board_chair"])
            self.seeder.created += 1

    def charter_reviews(self, audit: Committee, compensation: Committee) -> None:
        first, last = self.seeder.charter_reviews()
        amended = audit.charter_versions.get(effective_from=last)
        reviews = (
            (
                audit,
                first,
                CharterReview.Outcome.NO_CHANGE,
                None,
                "No change: the charter still "
                "matches the listing rules and the committee's practice.",
            ),
            (
                audit,
                last,
                CharterReview.Outcome.AMENDED,
                amended,
                "Amended to add oversight of "
                "cybersecurity risk and to align the complaint procedures with current practice.",
            ),
            (
                compensation,
                add_months(self.anchor, -4),
                CharterReview.Outcome.NO_CHANGE,
                None,
                "No change.",
            ),
        )
        for committee, day, outcome, version, summary in reviews:
            if committee.charter_reviews.filter(reviewed_on=day).exists():
                continue
            duty_services.charter_review_record(
                committee=committee,
                reviewed_on=day,
                held_at=CharterReview.HeldAt.MEETING,
                held_at_reference=f"{committee.name} meeting of {day_words(day)}",
                outcome=outcome,
                new_charter_version=version,
                summary=summary,
                recorded_by=self.seeder.secretary,
                as_of=self.anchor,
            )
            self.seeder.created += 1

    def questionnaire(self, audit, title_year, opens_on, closes_on) -> Questionnaire:
        questionnaire = self.seeder.get_or_make(
            Questionnaire,
            {"committee": audit, "title": f"Annual self-evaluation, fiscal {title_year}"},
            fiscal_year=title_year,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=self.seeder.secretary,
        )
        for order, (kind, text) in enumerate(QUESTIONS, start=1):
            self.seeder.get_or_make(
                Question,
                {"questionnaire": questionnaire, "order": order},
                text=text,
                kind=kind,
                # The written question is optional: a member may rate and say nothing more.
                required=kind == Question.Kind.RATING,
            )
        return questionnaire

    def answer(self, questionnaire, key: str, values, submitted_on: datetime.date) -> None:
        director = self.seeder.directors[key]
        if Response.objects.filter(questionnaire=questionnaire, director=director).exists():
            return
        response = Response(
            questionnaire=questionnaire,
            director=director,
            submitted_on=submitted_on,
            submitted_at=_noon(submitted_on),
        )
        response.full_clean()
        response.save()
        self.seeder.created += 1
        for question, value in zip(questionnaire.questions.order_by("order"), values, strict=True):
            answer = Answer(response=response, question=question)
            if question.is_rating:
                answer.rating = value
            else:
                answer.text = value
            answer.full_clean()
            answer.save()

    def self_evaluations(self, audit: Committee, profile: CompanyProfile) -> None:
        done = self.seeder.last_evaluation_completed()
        # Named by the fiscal year the open questionnaire falls in; last year's is the one before,
        # so the two titles never coincide whatever day the demo is set on.
        this_fiscal_year = profile.fiscal_year_of(self.anchor - datetime.timedelta(days=7))
        last_year = self.questionnaire(
            audit,
            this_fiscal_year - 1,
            done - datetime.timedelta(days=14),
            done + datetime.timedelta(days=7),
        )
        for offset, key in zip((10, 5, 0), LAST_YEAR_ANSWERS, strict=True):
            day = done - datetime.timedelta(days=offset)
            self.answer(last_year, key, LAST_YEAR_ANSWERS[key], day)
        this_year = self.questionnaire(
            audit,
            this_fiscal_year,
            self.anchor - datetime.timedelta(days=7),
            self.anchor + datetime.timedelta(days=14),
        )
        for key, values in THIS_YEAR_ANSWERS.items():
            self.answer(this_year, key, values, self.anchor - datetime.timedelta(days=2))

    def advisors(self, audit: Committee) -> None:
        for spec in ADVISORS:
            engaged = add_months(self.anchor, -spec["months_ago"])
            engagement = AdvisorEngagement.objects.filter(
                committee=audit, name=spec["name"]
            ).first()
            if engagement is None:
                engagement = duty_services.advisor_engagement_record(
                    committee=audit,
                    name=spec["name"],
                    firm=spec["firm"],
                    kind=spec["kind"],
                    purpose=spec["purpose"],
                    engaged_on=engaged,
                    fee_budget=spec["budget"],
                    approved_by_committee_on=engaged,
                )
                self.seeder.created += 1
            for months_ago, amount, description in spec["payments"]:
                paid_on = add_months(self.anchor, -months_ago)
                if AdvisorPayment.objects.filter(engagement=engagement, paid_on=paid_on).exists():
                    continue
                duty_services.advisor_payment_record(
                    engagement=engagement,
                    paid_on=paid_on,
                    amount=amount,
                    description=description,
                    as_of=self.anchor,
                )
                self.seeder.created += 1
